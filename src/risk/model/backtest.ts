import type { HistoryRow, ScoringRow } from '../history.js';

/**
 * How a selection of the top `share` of declarations by score would have done, as the DATE paper
 * judges it: precision (the share of selected declarations that had a discrepancy) and revenue
 * (the share of all recovered revenue that the selected ones carried). Ties in score are broken
 * by row order, so that a constant scorer is no better than the order rows came in.
 */
export interface SelectionFigures {
  precision: number;
  revenue: number;
}

export function selectionFigures(rows: readonly HistoryRow[], scores: ArrayLike<number>, share: number): SelectionFigures {
  const selected = Math.max(1, Math.round(rows.length * share));
  const order = Array.from({ length: rows.length }, (_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  let hits = 0;
  let revenue = 0;
  for (const i of order.slice(0, selected)) {
    hits += rows[i]?.illicit === 1 ? 1 : 0;
    revenue += rows[i]?.revenue ?? 0;
  }
  const total = rows.reduce((sum, r) => sum + (r.revenue ?? 0), 0);
  return { precision: hits / selected, revenue: total > 0 ? revenue / total : 0 };
}

/**
 * The unit-value rule a targeting unit writes without a model: the further a declaration's
 * value per kilogram falls below its tariff code's median in `reference` (training), the riskier.
 */
export function unitValueRule(reference: readonly ScoringRow[]): (row: ScoringRow) => number {
  const perKg = (r: ScoringRow) => (r.grossWeight > 0 ? r.cifValue / r.grossWeight : Number.NaN);
  const byCode = new Map<string, number[]>();
  for (const row of reference) {
    const value = perKg(row);
    if (!Number.isFinite(value)) continue;
    const values = byCode.get(row.tariffCode);
    if (values) values.push(value);
    else byCode.set(row.tariffCode, [value]);
  }
  const medians = new Map([...byCode].map(([code, values]) => [code, values.sort((a, b) => a - b)[values.length >> 1] as number]));
  return (row) => {
    const value = perKg(row);
    const median = medians.get(row.tariffCode);
    return Number.isFinite(value) && median ? 1 / (1 + value / median) : 0;
  };
}
