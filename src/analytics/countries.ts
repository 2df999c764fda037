/**
 * Country profiles: what a partner country sends, by commodity, largest customs value first;
 * and how typical an origin is for a commodity, a fact risk targeting can use (ANALYTICS.md).
 */
import type { DuckDBInstance } from '@duckdb/node-api';
import type { DateRange } from './parameters.js';
import { readRows } from './read.js';
import { type AnalyticsScope, minimumCell, scopedItems, scopeValues } from './scope.js';

/** The commodities a profile lists at most (largest value first). */
const MAX_COMMODITIES = 1000;

export interface CommodityProfile {
  commodity: string;
  /** Goods items. */
  count: number;
  declarations: number;
  value: number;
  /** The commodity's share of the country's value in the range, in [0, 1]. */
  share: number;
  /** Customs value per kilogram across the items that state both. */
  unitValue: { median: number | null; p10: number | null; p90: number | null };
}

export interface CountryProfile {
  country: string;
  commodities: CommodityProfile[];
  suppressed: number;
}

export async function countryProfile(
  instance: DuckDBInstance,
  scope: AnalyticsScope,
  query: { country: string; digits: number; range?: DateRange | undefined },
): Promise<CountryProfile> {
  const rows = await readRows<Record<string, number | string | null>>(
    instance,
    `WITH ${scopedItems(scope)},
     cells AS (
       SELECT left(commodity, ${query.digits}) AS commodity, count(*)::INTEGER AS count,
              count(DISTINCT declaration)::INTEGER AS declarations, coalesce(sum(value), 0) AS value,
              quantile_cont(value / mass, [0.5, 0.1, 0.9]) FILTER (mass > 0) AS uv
       FROM scoped
       WHERE origin = $country AND commodity IS NOT NULL ${query.range ? 'AND date BETWEEN $from::DATE AND $to::DATE' : ''}
       GROUP BY 1
     ),
     shown AS (
       -- Shares of what is shown only: over every cell, a suppressed cell's value would follow by subtraction.
       SELECT commodity, count, declarations, value, value / nullif(sum(value) OVER (), 0) AS share,
              uv[1] AS median, uv[2] AS p10, uv[3] AS p90
       FROM cells WHERE declarations >= $minimum ORDER BY value DESC, commodity LIMIT ${MAX_COMMODITIES}
     )
     SELECT 0 AS position, (SELECT count(*) FROM cells WHERE declarations < $minimum)::INTEGER AS suppressed
     UNION ALL BY NAME
     SELECT row_number() OVER (ORDER BY value DESC, commodity) AS position, * FROM shown
     ORDER BY position`,
    {
      ...scopeValues(scope),
      country: query.country,
      minimum: minimumCell(scope),
      ...(query.range ? { from: query.range.from, to: query.range.to } : {}),
    },
  );
  const [stats, ...commodities] = rows;
  return {
    country: query.country,
    commodities: commodities.map((r) => ({
      commodity: r.commodity as string,
      count: r.count as number,
      declarations: r.declarations as number,
      value: r.value as number,
      share: (r.share as number | null) ?? 0,
      unitValue: { median: r.median as number | null, p10: r.p10 as number | null, p90: r.p90 as number | null },
    })),
    suppressed: (stats?.suppressed as number | undefined) ?? 0,
  };
}

/**
 * How typical `origin` is for `commodity` (any code length from 2): the share of the
 * commodity's customs value, over the whole store, that came from that origin, in [0, 1];
 * undefined when the store holds no value for the commodity. A low share for a commodity that
 * others send plenty of is an unusual route: a fact for risk profiles and the model.
 */
export async function originTypicality(instance: DuckDBInstance, origin: string, commodity: string): Promise<number | undefined> {
  const [row] = await readRows<{ share: number | null }>(
    instance,
    `SELECT coalesce(sum(value) FILTER (origin = $origin), 0) / nullif(sum(value), 0) AS share
     FROM items WHERE starts_with(commodity, $commodity)`,
    { origin, commodity },
  );
  return row?.share === null || row?.share === undefined ? undefined : row.share;
}
