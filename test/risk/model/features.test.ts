import { describe, expect, it } from 'vitest';
import type { HistoryRow, ScoringRow } from '../../../src/risk/history.js';
import { FeatureScorer, featureNames, fitFeatureTables, trainingMatrix } from '../../../src/risk/model/features.js';

const day = '2025-03-01';
const row = (
  sgdId: string,
  importerId: string,
  declarantId: string,
  country: string,
  officeId: string,
  tariffCode: string,
  values: number[],
  illicit: 0 | 1,
): HistoryRow => {
  const [quantity, grossWeight, cifValue, totalTaxes] = values as [number, number, number, number];
  return {
    sgdId,
    date: day,
    importerId,
    declarantId,
    country,
    officeId,
    tariffCode,
    quantity,
    grossWeight,
    fobValue: cifValue * 0.9,
    cifValue,
    totalTaxes,
    illicit,
    revenue: illicit ? 10 : 0,
  };
};

// IMP1 (two discrepancies) and IMP2 share DEC1; IMP3 lodges alone through DEC2; IMP9's 36 clean
// declarations through DEC9 bring the overall rate to 2/40 = 0.05.
const history: HistoryRow[] = [
  row('S1', 'IMP1', 'DEC1', 'CN', 'OFF1', '85171300', [10, 2, 1000, 100], 1),
  row('S2', 'IMP1', 'DEC1', 'CN', 'OFF1', '85171300', [5, 1, 400, 40], 1),
  row('S3', 'IMP2', 'DEC1', 'VN', 'OFF2', '64011000', [2, 4, 50, 5], 0),
  row('S4', 'IMP3', 'DEC2', 'VN', 'OFF2', '64011000', [4, 8, 150, 30], 0),
  ...Array.from({ length: 36 }, (_, i) => row(`F${i}`, 'IMP9', 'DEC9', 'DE', 'OFF3', '84713000', [1, 2, 500, 50], 0)),
];

function featuresOf(scorer: FeatureScorer, scored: ScoringRow): Record<string, number> {
  const out = new Float64Array(scorer.names.length);
  scorer.features(scored, out);
  return Object.fromEntries(scorer.names.map((name, i) => [name, out[i] as number]));
}

const smoothed = (discrepancies: number, declarations: number) => (discrepancies + 0.05 * 20) / (declarations + 20);

describe('risk model features', () => {
  const scorer = new FeatureScorer(fitFeatureTables(history, 'full'));
  const imp2 = history[2] as HistoryRow;

  it('computes the anchor features of a row as written by hand', () => {
    const f = featuresOf(scorer, imp2);
    expect(f.logCifValue).toBeCloseTo(Math.log1p(50), 12);
    expect(f.logGrossMass).toBeCloseTo(Math.log1p(4), 12);
    expect(f.logQuantity).toBeCloseTo(Math.log1p(2), 12);
    expect(f.logUnitValue).toBeCloseTo(Math.log1p(25), 12);
    // The code's median unit value: (25 + 37.5) / 2.
    expect(f.logUnitValueOverCodeMedian).toBeCloseTo(Math.log1p(25) - Math.log1p(31.25), 12);
    expect(f.taxesOverCif).toBeCloseTo(0.1, 12);
    expect(f.importerRate).toBeCloseTo(smoothed(0, 1), 12);
    expect(f.importerLogCount).toBeCloseTo(Math.log1p(1), 12);
    expect(f.declarantRate).toBeCloseTo(smoothed(2, 3), 12);
    expect(f.declarantLogCount).toBeCloseTo(Math.log1p(3), 12);
    for (const key of ['origin', 'office', 'tariffCode', 'chapter', 'originChapter']) {
      expect(f[`${key}Rate`]).toBeCloseTo(smoothed(0, 2), 12);
      expect(f[`${key}LogCount`]).toBeCloseTo(Math.log1p(2), 12);
    }
  });

  it('adds the code’s normal unit value, price per kg and tax rate against the code’s, and the recent encoding', () => {
    const f = featuresOf(scorer, imp2);
    expect(f.codeLogMedianUnitValue).toBeCloseTo(Math.log1p(31.25), 12);
    expect(f.logValuePerKgOverCodeMedian).toBeCloseTo(Math.log1p(12.5) - Math.log1p(15.625), 12);
    expect(f.taxRateOverCodeMedian).toBeCloseTo(0.1 / 0.15, 12);
    expect(f.originChapterRecentRate).toBeCloseTo(smoothed(0, 2), 12);
  });

  it('links a party through a shared declarant to the offender, never counting the party itself', () => {
    const throughOffendersDeclarant = featuresOf(scorer, imp2);
    expect(throughOffendersDeclarant.declarantOffenderShare).toBe(1);
    expect(throughOffendersDeclarant.linkOffenderShare).toBe(1);
    expect(throughOffendersDeclarant.offenderDistance).toBe(1);
    // DEC1's declarations less IMP2's own: 2 of 2 discrepancies.
    expect(throughOffendersDeclarant.linkDiscrepancyRate).toBeCloseTo(smoothed(2, 2), 12);
    const theOffender = featuresOf(scorer, history[0] as HistoryRow);
    expect(theOffender.declarantOffenderShare).toBe(0);
    expect(theOffender.linkDiscrepancyRate).toBeCloseTo(smoothed(0, 1), 12);
    const alone = featuresOf(scorer, history[3] as HistoryRow);
    expect(alone.declarantOffenderShare).toBeNaN();
    expect(alone.offenderDistance).toBe(6);
    const newcomer = featuresOf(scorer, { ...imp2, importerId: 'IMP-NEW' });
    expect(newcomer.declarantOffenderShare).toBe(0.5);
    expect(newcomer.importerRate).toBeCloseTo(0.05, 12);
    expect(newcomer.importerLogCount).toBe(0);
  });

  it('gives a missing value (NaN) where a ratio has no denominator', () => {
    const f = featuresOf(scorer, { ...imp2, quantity: 0, grossWeight: 0, cifValue: 0 });
    expect(f.logUnitValue).toBeNaN();
    expect(f.taxesOverCif).toBeNaN();
    expect(f.logValuePerKgOverCodeMedian).toBeNaN();
  });

  it('computes training rows out of fold: a row’s own outcome never reaches its features', () => {
    const width = featureNames('full').length;
    const importerRate = featureNames('full').indexOf('importerRate');
    const declarantOffenderShare = featureNames('full').indexOf('declarantOffenderShare');
    const flipped = history.map((r) => (r.sgdId === 'S4' ? { ...r, illicit: 1 as const } : r));
    const before = trainingMatrix(history, 'full').subarray(3 * width, 4 * width);
    const after = trainingMatrix(flipped, 'full').subarray(3 * width, 4 * width);
    expect(after).toEqual(before);
    expect(before[importerRate]).not.toBeCloseTo(smoothed(0, 1), 6);
    // The frozen tables for scoring do see it.
    expect(featuresOf(new FeatureScorer(fitFeatureTables(flipped, 'full')), history[3] as HistoryRow).importerRate).toBeCloseTo((1 + (3 / 40) * 20) / 21, 12);
    expect(Number.isNaN(before[declarantOffenderShare] as number)).toBe(true);
  });

  it('takes party ids and codes such as __proto__ and constructor as values like any other', () => {
    const hostile = history.map((r, i) => (i < 3 ? { ...r, importerId: '__proto__', declarantId: 'constructor', tariffCode: '__proto__' } : r));
    const tables = fitFeatureTables(hostile, 'full');
    const roundTripped = new FeatureScorer(JSON.parse(JSON.stringify(tables)));
    const f = featuresOf(roundTripped, hostile[0] as HistoryRow);
    expect(f.importerRate).toBeCloseTo(smoothed(2, 3), 12);
    expect(f.importerLogCount).toBeCloseTo(Math.log1p(3), 12);
    expect(f.codeLogMedianUnitValue).toBeCloseTo(Math.log1p(80), 12);
    expect(({} as Record<string, unknown>)[0]).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('has the anchor features as the issue lists them, and the full set as a superset', () => {
    expect(featureNames('anchor')).toHaveLength(20);
    expect(featureNames('full').slice(0, 20)).toEqual(featureNames('anchor'));
    expect(new FeatureScorer(fitFeatureTables(history, 'anchor')).names).toEqual(featureNames('anchor'));
  });
});
