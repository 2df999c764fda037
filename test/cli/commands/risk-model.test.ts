import { Command } from 'commander';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerRiskModelCommands } from '../../../src/cli/commands/risk-model.js';
import { xgboostPresent } from '../../support/tools.js';

async function swgate(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let code: 0 | 1 = 0;
  const program = new Command().exitOverride();
  registerRiskModelCommands(program, { out: (t) => out.push(t), err: (l) => err.push(l), exit: (c) => (code = c) });
  await program.parseAsync(args, { from: 'user' });
  return { out: out.join('\n'), err: err.join('\n'), code };
}

const dir = mkdtempSync(join(tmpdir(), 'swgate-risk-cli-'));
const path = (name: string) => join(dir, name);
const HEADER = 'sgd.id,sgd.date,importer.id,declarant.id,country,office.id,tariff.code,quantity,gross.weight,fob.value,cif.value,total.taxes,illicit,revenue';

describe('swgate risk synth', () => {
  it('writes the same history for the same seed', async () => {
    expect((await swgate('risk', 'synth', '--rows', '500', '--seed', '4', '--out', path('a.csv'))).code).toBe(0);
    expect((await swgate('risk', 'synth', '--rows', '500', '--seed', '4', '--out', path('b.csv'))).code).toBe(0);
    const text = readFileSync(path('a.csv'), 'utf8');
    expect(text).toBe(readFileSync(path('b.csv'), 'utf8'));
    expect(text.split('\n')[0]).toBe(HEADER);
    expect(text.trim().split('\n')).toHaveLength(501);
  });

  it('refuses a bad row count, seed or date with exit 1', async () => {
    for (const [option, value, message] of [
      ['--rows', '0', /--rows must be a whole number from 1 to 5000000/],
      ['--rows', '1e9', /--rows must be/],
      ['--seed', '-1', /--seed must be/],
      ['--from', '2025-02-30x', /--from must be a date/],
    ] as const) {
      const run = await swgate('risk', 'synth', option, value, '--out', path('never.csv'));
      expect(run.code).toBe(1);
      expect(run.err).toMatch(message);
    }
    expect(existsSync(path('never.csv'))).toBe(false);
  });

  it('refuses an output it cannot write, with exit 1', async () => {
    writeFileSync(path('a-file'), 'x');
    const run = await swgate('risk', 'synth', '--rows', '10', '--out', join(path('a-file'), 'history.csv'));
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/cannot write .*a-file\/history.csv: ENOTDIR/);
  });
});

describe('swgate risk train and backtest refusals', () => {
  it('names the line and column of a malformed history, and writes nothing', async () => {
    writeFileSync(path('bad.csv'), `${HEADER}\nS1,2025-01-01,I,D,CN,O,85171300,1,1,1,1,1,0,0\nS2,2025-01-01,I,D,CN,O,85171300,abc,1,1,1,1,0,0\n`);
    const train = await swgate('risk', 'train', '--history', path('bad.csv'), '--out', path('bad-model'));
    expect(train).toMatchObject({ code: 1, err: expect.stringMatching(/bad.csv: line 3, column quantity: "abc" is not a number/) });
    expect(existsSync(path('bad-model'))).toBe(false);
    writeFileSync(path('no-outcomes.csv'), `${HEADER.replace(',illicit,revenue', '')}\nS1,2025-01-01,I,D,CN,O,85171300,1,1,1,1,1\n`);
    const untrained = await swgate('risk', 'train', '--history', path('no-outcomes.csv'), '--out', path('bad-model'));
    expect(untrained).toMatchObject({ code: 1, err: expect.stringMatching(/line 1, column illicit: the header has no such column/) });
    const missing = await swgate('risk', 'train', '--history', path('absent.csv'), '--out', path('bad-model'));
    expect(missing).toMatchObject({ code: 1, err: expect.stringMatching(/absent.csv: ENOENT/) });
  });

  it('refuses a missing or malformed model with exit 1, writing no scores', async () => {
    writeFileSync(path('rows.csv'), `${HEADER}\nS1,2025-01-01,I,D,CN,O,85171300,1,1,1,1,1,0,0\n`);
    const absent = await swgate('risk', 'backtest', '--model', path('no-model'), '--history', path('rows.csv'), '--out', path('scores.csv'));
    expect(absent).toMatchObject({ code: 1, err: expect.stringMatching(/no-model\/manifest.json: no such file/) });
    writeFileSync(path('manifest.json'), '{not json');
    const malformed = await swgate('risk', 'backtest', '--model', dir, '--history', path('rows.csv'), '--out', path('scores.csv'));
    expect(malformed).toMatchObject({ code: 1, err: expect.stringMatching(/manifest.json: not JSON/) });
    expect(existsSync(path('scores.csv'))).toBe(false);
  });

  it('refuses bad --trees and --depth', async () => {
    for (const args of [
      ['--trees', '0'],
      ['--depth', '40'],
    ]) {
      const run = await swgate('risk', 'train', '--history', path('rows.csv'), '--out', path('m'), ...args);
      expect(run.code).toBe(1);
      expect(run.err).toMatch(/must be a whole number/);
    }
  });
});

describe.runIf(xgboostPresent())('swgate risk train and backtest', () => {
  it('trains a model directory and scores every row of a history without outcomes: sgd.id,score in [0, 1]', async () => {
    expect((await swgate('risk', 'synth', '--rows', '3000', '--seed', '9', '--out', path('h.csv'))).code).toBe(0);
    const train = await swgate('risk', 'train', '--history', path('h.csv'), '--out', path('model'), '--trees', '20', '--depth', '4');
    expect(train.err).toMatch(/trained sha256:[0-9a-f]{32} on 3000 declarations \(2025-01-01 to 2025-12-31\)/);
    expect(train.code).toBe(0);
    const lines = readFileSync(path('h.csv'), 'utf8').trim().split('\n');
    writeFileSync(path('unlabelled.csv'), `${lines.map((l) => l.split(',').slice(0, 12).join(',')).join('\n')}\n`);
    const run = await swgate('risk', 'backtest', '--model', path('model'), '--history', path('unlabelled.csv'), '--out', path('scores.csv'));
    expect(run.code).toBe(0);
    const scores = readFileSync(path('scores.csv'), 'utf8').trim().split('\n');
    expect(scores[0]).toBe('sgd.id,score');
    expect(scores.slice(1).map((l) => l.split(',')[0])).toEqual(lines.slice(1).map((l) => l.split(',')[0]));
    expect(scores.slice(1).every((l) => Number(l.split(',')[1]) >= 0 && Number(l.split(',')[1]) <= 1)).toBe(true);
  }, 60_000);

  it('refuses an out directory it cannot create, with exit 1', async () => {
    const run = await swgate('risk', 'train', '--history', path('h.csv'), '--out', join(path('a-file'), 'model'), '--trees', '2');
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/a-file\/model: ENOTDIR/);
    expect(readdirSync(dir).filter((f) => f.startsWith('.swgate'))).toEqual([]);
  }, 30_000);
});
