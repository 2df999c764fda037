/**
 * Trends: a metric per period for each group of goods items (by origin, commodity at a code
 * length, office…), over a range of at most three years (ANALYTICS.md, "Trends").
 */
import type { DuckDBInstance } from '@duckdb/node-api';
import { finding, RejectionError } from '../findings.js';
import type { DateRange } from './parameters.js';
import { readRows } from './read.js';
import { type AnalyticsScope, minimumCell, PARTY_COLUMNS, scopedItems, scopeValues } from './scope.js';

/** What a series may be grouped by (API names), and the column each reads. */
export const TREND_GROUPS = {
  origin: 'origin',
  exportCountry: 'export_country',
  commodity: 'commodity',
  office: 'office',
  lane: 'lane',
  outcome: 'outcome',
  importer: 'importer',
  exporter: 'exporter',
  declarant: 'declarant',
  carrier: 'carrier',
} as const;
export type TrendGroup = keyof typeof TREND_GROUPS;

export const TREND_PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type TrendPeriod = (typeof TREND_PERIODS)[number];

export const TREND_METRICS = ['count', 'value', 'mass', 'unitValue'] as const;
export type TrendMetric = (typeof TREND_METRICS)[number];

/** The largest series first; an answer holds at most this many. */
const MAX_SERIES = 500;

const PERIOD_LABELS: Record<TrendPeriod, string> = {
  day: "strftime(date, '%Y-%m-%d')",
  week: "strftime(date, '%G-W%V')",
  month: "strftime(date, '%Y-%m')",
  quarter: "strftime(date, '%Y') || '-Q' || quarter(date)",
  year: "strftime(date, '%Y')",
};

const METRICS: Record<TrendMetric, string> = {
  count: 'count(*)::DOUBLE',
  value: 'sum(value)',
  mass: 'sum(mass)',
  // Customs value per kilogram, over the items that state both.
  unitValue: 'sum(value) FILTER (mass > 0) / nullif(sum(mass) FILTER (value IS NOT NULL), 0)',
};

export interface TrendQuery {
  by: TrendGroup[];
  digits: number;
  period: TrendPeriod;
  metric: TrendMetric;
  range: DateRange;
}

export interface TrendSeries {
  key: Partial<Record<TrendGroup, string | null>>;
  points: Array<{ period: string; value: number | null; declarations: number }>;
}

export interface Trends {
  series: TrendSeries[];
  /** Cells left out because they rest on fewer declarations than the caller may see. */
  suppressed: number;
  /** Series left out beyond the first MAX_SERIES (largest first). */
  truncated: number;
}

export async function trends(instance: DuckDBInstance, scope: AnalyticsScope, query: TrendQuery): Promise<Trends> {
  const party = query.by.find((g) => (PARTY_COLUMNS as readonly string[]).includes(g));
  if (party && scope.kind !== 'customs')
    throw new RejectionError(403, 'Forbidden', [finding('analytics.by-party', `Only customs may group by a party (${party}).`, '/by')]);
  const keys = query.by.map((g) => (g === 'commodity' ? `left(commodity, ${query.digits}) AS commodity` : `${TREND_GROUPS[g]} AS "${g}"`));
  const keyNames = query.by.map((g) => `"${g}"`);
  const rows = await readRows<
    Record<string, unknown> & { period: string; value: number | null; declarations: number; rank: number; suppressed: number; series: number }
  >(
    instance,
    `WITH ${scopedItems(scope)},
     cells AS (
       SELECT ${[...keys, `${PERIOD_LABELS[query.period]} AS period`].join(', ')},
              ${METRICS[query.metric]} AS value, count(DISTINCT declaration)::INTEGER AS declarations
       FROM scoped WHERE date BETWEEN $from::DATE AND $to::DATE GROUP BY ALL
     ),
     ranked AS (
       SELECT *, dense_rank() OVER (ORDER BY total DESC, key_text)::INTEGER AS rank FROM (
         SELECT *, sum(declarations) OVER (PARTITION BY ${keyNames.join(', ') || '1'}) AS total,
                concat_ws('|', ${keyNames.join(', ') || "''"}) AS key_text
         FROM cells WHERE declarations >= $minimum)
     )
     SELECT * EXCLUDE (total, key_text) FROM ranked WHERE rank <= ${MAX_SERIES}
     UNION ALL BY NAME
     SELECT 0 AS rank, (SELECT count(*) FROM cells WHERE declarations < $minimum)::INTEGER AS suppressed,
            coalesce((SELECT max(rank) FROM ranked), 0)::INTEGER AS series
     ORDER BY rank, period`,
    { ...scopeValues(scope), from: query.range.from, to: query.range.to, minimum: minimumCell(scope) },
  );
  const [stats, ...cells] = rows;
  const series = new Map<number, TrendSeries>();
  for (const row of cells) {
    let s = series.get(row.rank);
    if (!s) {
      s = { key: Object.fromEntries(query.by.map((g) => [g, (row[g] as string | null) ?? null])), points: [] };
      series.set(row.rank, s);
    }
    s.points.push({ period: row.period, value: row.value, declarations: row.declarations });
  }
  return { series: [...series.values()], suppressed: stats?.suppressed ?? 0, truncated: Math.max(0, (stats?.series ?? 0) - MAX_SERIES) };
}
