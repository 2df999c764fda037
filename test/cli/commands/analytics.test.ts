import { DuckDBInstance } from '@duckdb/node-api';
import { Command } from 'commander';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerAnalytics } from '../../../src/cli/commands/analytics.js';
import { ANALYTICS_FILE } from '../../../src/runtime/analytics.js';
import { historyCsv } from '../../support/history-csv.js';

const dataDir = mkdtempSync(join(tmpdir(), 'swgate-analytics-cli-'));

async function swgate(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let code: 0 | 1 = 0;
  const program = new Command().exitOverride();
  registerAnalytics(program, { out: (t) => out.push(t), err: (l) => err.push(l), exit: (c) => (code = c) }, { SWGATE_DATA_DIR: dataDir });
  await program.parseAsync(args, { from: 'user' });
  return { out: out.join('\n'), err: err.join('\n'), code };
}

async function itemCount(): Promise<number> {
  const instance = await DuckDBInstance.create(join(dataDir, ANALYTICS_FILE));
  const connection = await instance.connect();
  const [row] = (await connection.runAndReadAll('SELECT count(*)::INTEGER AS n FROM items')).getRowObjectsJS();
  connection.closeSync();
  instance.closeSync();
  return row?.n as number;
}

describe('swgate analytics import and export', () => {
  it('imports a history file into the data directory’s store, and again without duplicates', async () => {
    const file = join(dataDir, 'history.csv');
    writeFileSync(file, historyCsv(1000));
    const first = await swgate('analytics', 'import', '--history', file);
    expect(first).toMatchObject({ code: 0, out: expect.stringContaining('Loaded 1000 rows (1000 declarations)') });
    expect((await swgate('analytics', 'import', '--history', file)).code).toBe(0);
    expect(await itemCount()).toBe(1000);
  });

  it('refuses a malformed file with its line and column, loading nothing', async () => {
    const file = join(dataDir, 'bad.csv');
    writeFileSync(file, historyCsv(50, 9).replace(/\nH40,[^,]*,/, '\nH40,yesterday,'));
    const refused = await swgate('analytics', 'import', '--history', file);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe('Nothing was loaded: line 42, column sgd.date: "yesterday" is not a date (YYYY-MM-DD)');
    expect(await itemCount()).toBe(1000);
  });

  it('exports Parquet by month into a new directory, and refuses one that is not empty', async () => {
    const out = join(dataDir, 'export');
    const written = await swgate('analytics', 'export', '--out', out);
    expect(written.code).toBe(0);
    expect(written.out).toMatch(/^Wrote 1000 goods items in \d+ monthly partitions/);
    expect(readdirSync(out).every((d) => /^month=\d{4}-\d{2}$/.test(d))).toBe(true);
    const again = await swgate('analytics', 'export', '--out', out);
    expect(again).toMatchObject({ code: 1, err: expect.stringContaining('is not empty') });
  });
});
