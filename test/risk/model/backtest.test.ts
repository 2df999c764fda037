import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HistoryRow } from '../../../src/risk/history.js';
import { selectionFigures, unitValueRule } from '../../../src/risk/model/backtest.js';
import { loadRiskModel } from '../../../src/risk/model/model-directory.js';
import { SeededRandom } from '../../../src/risk/model/random.js';
import { syntheticHistory } from '../../../src/risk/model/synthetic-history.js';
import { DEFAULT_TRAINING, trainRiskModel } from '../../../src/risk/model/train.js';
import { xgboostPresent } from '../../support/tools.js';

const row = (sgdId: string, illicit: 0 | 1, revenue: number, perKg = 10, tariffCode = '61091000'): HistoryRow => ({
  sgdId,
  date: '2025-10-01',
  importerId: 'IMP1',
  declarantId: 'DEC1',
  country: 'TR',
  officeId: 'OFF1',
  tariffCode,
  quantity: 1,
  grossWeight: 1,
  fobValue: perKg,
  cifValue: perKg,
  totalTaxes: 1,
  illicit,
  revenue,
});

describe('back-test figures', () => {
  it('counts precision and revenue of the top share by score, ties in row order', () => {
    const rows = [row('A', 1, 30), row('B', 0, 0), row('C', 1, 10), row('D', 0, 0)];
    expect(selectionFigures(rows, [0.9, 0.8, 0.1, 0.2], 0.5)).toEqual({ precision: 0.5, revenue: 0.75 });
    expect(selectionFigures(rows, [0.1, 0.1, 0.9, 0.1], 0.25)).toEqual({ precision: 1, revenue: 0.25 });
    expect(selectionFigures(rows, [0, 0, 0, 0], 0.25)).toEqual({ precision: 1, revenue: 0.75 });
    expect(selectionFigures(rows, [0, 1, 0, 1], 0.5)).toEqual({ precision: 0, revenue: 0 });
  });

  it('ranks by value per kg below the code’s median in the reference rows', () => {
    const rule = unitValueRule([row('R1', 0, 0, 10), row('R2', 0, 0, 20), row('R3', 0, 0, 30)]);
    expect(rule(row('X', 0, 0, 2))).toBeGreaterThan(rule(row('Y', 0, 0, 20)));
    expect(rule(row('Y', 0, 0, 20))).toBeCloseTo(0.5, 12);
    expect(rule(row('Z', 0, 0, 2, '99999999'))).toBe(0);
  });
});

describe.runIf(xgboostPresent())('a back-test on the project’s synthetic history', () => {
  it('beats random selection and the unit-value rule on precision@5%, trained Jan–Sep, tested Oct–Dec', async () => {
    const history = syntheticHistory({ rows: 16_000, seed: 5, from: '2025-01-01' });
    const training = history.filter((r) => r.date < '2025-10-01');
    const tested = history.filter((r) => r.date >= '2025-10-01');
    const dir = mkdtempSync(join(tmpdir(), 'swgate-backtest-'));
    await trainRiskModel(training, dir, { ...DEFAULT_TRAINING, trees: 80, depth: 4, eta: 0.1 });
    const model = loadRiskModel(dir);
    const random = new SeededRandom(1);
    const ours = selectionFigures(tested, tested.map(model.score), 0.05);
    const chance = selectionFigures(
      tested,
      tested.map(() => random.next()),
      0.05,
    );
    const rule = selectionFigures(tested, tested.map(unitValueRule(training)), 0.05);
    expect(ours.precision).toBeGreaterThan(chance.precision * 3);
    expect(ours.precision).toBeGreaterThan(rule.precision * 1.2);
    expect(ours.revenue).toBeGreaterThan(rule.revenue);
  }, 60_000);
});
