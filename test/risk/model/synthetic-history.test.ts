import { describe, expect, it } from 'vitest';
import type { HistoryRow } from '../../../src/risk/history.js';
import { historyCsv, syntheticHistory } from '../../../src/risk/model/synthetic-history.js';

const rows = syntheticHistory({ rows: 40_000, seed: 11, from: '2025-01-01' });

/** The discrepancy rate among the rows that `select` picks, and how many it picked. */
function rate(select: (r: HistoryRow) => boolean): { rate: number; n: number } {
  const picked = rows.filter(select);
  return { rate: picked.filter((r) => r.illicit === 1).length / picked.length, n: picked.length };
}

const chapter = (r: HistoryRow) => r.tariffCode.slice(0, 2);
const beforeDrift = (r: HistoryRow) => r.date < '2025-07-01';

describe('synthetic history', () => {
  it('is the same for the same seed, byte for byte, and differs for another', () => {
    const again = syntheticHistory({ rows: 2000, seed: 11, from: '2025-01-01' });
    expect(historyCsv(again)).toBe(historyCsv(syntheticHistory({ rows: 2000, seed: 11, from: '2025-01-01' })));
    expect(historyCsv(again)).not.toBe(historyCsv(syntheticHistory({ rows: 2000, seed: 12, from: '2025-01-01' })));
  });

  it('spans a year from the first day, in date order, with revenue only on discrepancies', () => {
    expect(rows[0]?.date).toBe('2025-01-01');
    expect(rows.at(-1)?.date).toBe('2025-12-31');
    expect(rows.every((r, i) => i === 0 || (rows[i - 1] as HistoryRow).date <= r.date)).toBe(true);
    expect(rows.every((r) => (r.illicit === 1 ? (r.revenue ?? 0) > 0 : r.revenue === 0))).toBe(true);
    const overall = rate(() => true).rate;
    expect(overall).toBeGreaterThan(0.01);
    expect(overall).toBeLessThan(0.08);
  });

  it('plants undervalued phones from AE and HK: riskier, and declared at a fraction of the usual price', () => {
    const phones = (r: HistoryRow) => r.tariffCode === '85171300';
    const fromAeHk = (r: HistoryRow) => phones(r) && ['AE', 'HK'].includes(r.country);
    expect(rate(fromAeHk).n).toBeGreaterThan(20);
    expect(rate(fromAeHk).rate).toBeGreaterThan(rate(() => true).rate * 4);
    const unitValues = (select: (r: HistoryRow) => boolean) =>
      rows
        .filter(select)
        .map((r) => r.cifValue / r.quantity)
        .sort((a, b) => a - b);
    const median = (values: number[]) => values[values.length >> 1] as number;
    expect(median(unitValues((r) => fromAeHk(r) && r.illicit === 1))).toBeLessThan(median(unitValues((r) => phones(r) && r.illicit === 0)) * 0.5);
  });

  it('plants offender importers and declarants whose other clients are riskier than the rest', () => {
    const byImporter = new Map<string, { n: number; d: number }>();
    for (const r of rows) {
      const t = byImporter.get(r.importerId) ?? { n: 0, d: 0 };
      t.n += 1;
      t.d += r.illicit ?? 0;
      byImporter.set(r.importerId, t);
    }
    const offenders = [...byImporter].filter(([, t]) => t.n >= 20 && t.d / t.n > 0.25).map(([id]) => id);
    expect(offenders.length).toBeGreaterThan(5);
    const servesOffenders = new Set(rows.filter((r) => offenders.includes(r.importerId)).map((r) => r.declarantId));
    const othersThroughThem = rate((r) => servesOffenders.has(r.declarantId) && !offenders.includes(r.importerId));
    const othersElsewhere = rate((r) => !servesOffenders.has(r.declarantId) && !offenders.includes(r.importerId));
    expect(othersThroughThem.rate).toBeGreaterThan(othersElsewhere.rate * 1.5);
  });

  it('drifts from 1 July: TR apparel turns clean, MY furniture turns risky, new importers appear', () => {
    const pair = (origin: string, ch: string) => (r: HistoryRow) => r.country === origin && chapter(r) === ch;
    const trBefore = rate((r) => pair('TR', '61')(r) && beforeDrift(r));
    const trAfter = rate((r) => pair('TR', '61')(r) && !beforeDrift(r));
    expect(trBefore.rate).toBeGreaterThan(trAfter.rate + 0.08);
    const myBefore = rate((r) => pair('MY', '94')(r) && beforeDrift(r));
    const myAfter = rate((r) => pair('MY', '94')(r) && !beforeDrift(r));
    expect(myAfter.rate).toBeGreaterThan(myBefore.rate + 0.08);
    const seenBefore = new Set(rows.filter(beforeDrift).map((r) => r.importerId));
    const newcomers = rate((r) => !beforeDrift(r) && !seenBefore.has(r.importerId));
    expect(newcomers.n).toBeGreaterThan(100);
    expect(newcomers.rate).toBeGreaterThan(0.2);
  });
});
