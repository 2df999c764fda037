import { Command } from 'commander';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentDescriptionModel } from '../../../src/analytics/misclassifications.js';
import { openAnalyticsStore } from '../../../src/analytics/schema.js';
import { registerTrainDescriptions } from '../../../src/cli/commands/train-descriptions.js';
import { plantDescriptions } from '../../analytics/corpus.js';

async function swgate(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let code: 0 | 1 = 0;
  const program = new Command().exitOverride();
  registerTrainDescriptions(program.command('analytics'), { out: (t) => out.push(t), err: (l) => err.push(l), exit: (c) => (code = c) });
  await program.parseAsync(['analytics', ...args], { from: 'user' });
  return { out: out.join('\n'), err: err.join('\n'), code };
}

describe('swgate analytics train-descriptions', () => {
  it('trains on the store, keeps the model there and prints its held-out measure', async () => {
    const store = join(mkdtempSync(join(tmpdir(), 'swgate-analytics-')), 'analytics.duckdb');
    const { instance, connection } = await openAnalyticsStore(store);
    await plantDescriptions(connection);
    instance.closeSync();
    const run = await swgate('train-descriptions', '--store', store);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(
      /^trained on 1605 goods items \(\d+ distinct descriptions\), 8 chapters\nheld out \d+: accuracy (1\.000|0\.9\d\d); at confidence 0\.95, \d+ flagged of \d+ planted misclassifications: precision (1\.000|0\.9\d\d), recall/,
    );
    const reopened = await openAnalyticsStore(store);
    expect((await currentDescriptionModel(reopened.connection))?.items).toBe(1605);
    reopened.instance.closeSync();
  });

  it('says where it looked when there is no store', async () => {
    const run = await swgate('train-descriptions', '--store', '/nonexistent/analytics.duckdb');
    expect(run.code).toBe(1);
    expect(run.err).toContain('No analytics store at /nonexistent/analytics.duckdb');
  });
});
