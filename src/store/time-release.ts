import { sql } from 'kysely';
import type { TimeReleaseDayRow } from './exchange-tables.js';
import type { Store } from './exchanges.js';
import { quantileOf, TIME_RELEASE_BOUNDS } from './time-release-buckets.js';

/**
 * Time-release figures (docs/ANALYTICS.md, "Time release"): how long the border takes. A delivery
 * is *delivered* once its destination took it (delivered or acknowledged) and *final* once
 * acknowledged, rejected or failed; `delivered_at` and `final_at` on the delivery row are set
 * where deliveries settle (pipeline/settle.ts), and counted there in the daily tallies
 * (delivery-tallies.ts) that these figures read.
 */
export type TimeReleaseMeasure = 'lodged-to-delivered' | 'lodged-to-final';

/** The Prometheus histograms' bounds in seconds (/metrics): a second to a day, what a border's release times span. The daily figures have finer ones (time-release-buckets.ts). */
const TIME_RELEASE_BUCKETS = [1, 5, 15, 60, 300, 900, 3600, 4 * 3600, 12 * 3600, 24 * 3600] as const;

const leOf = (seconds: number): string => String(TIME_RELEASE_BUCKETS.find((le) => seconds <= le) ?? '+Inf');

/** Counts one observation in its bucket, inside the settlement's transaction (every worker adds to the same rows). */
export async function observeTimeRelease(store: Store, destination: string, measure: TimeReleaseMeasure, ms: number): Promise<void> {
  const row = { destination, measure, le: leOf(ms / 1000), count: 1, sum_ms: Math.max(0, Math.round(ms)) };
  await store.db
    .insertInto('time_release_buckets')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['destination', 'measure', 'le']).doUpdateSet((eb) => ({
        count: eb('time_release_buckets.count', '+', 1),
        sum_ms: eb('time_release_buckets.sum_ms', '+', eb.ref('excluded.sum_ms')),
      })),
    )
    .execute();
}

export interface TimeReleaseHistogram {
  destination: string;
  measure: TimeReleaseMeasure;
  /** Cumulative counts per bound, `+Inf` last, as Prometheus has them. */
  buckets: Array<{ le: string; count: number }>;
  sum: number;
  count: number;
}

/** Every destination's histograms, as /metrics shows them. */
export async function timeReleaseHistograms(store: Store): Promise<TimeReleaseHistogram[]> {
  const rows = await store.db.selectFrom('time_release_buckets').selectAll().execute();
  const byKey = new Map<string, TimeReleaseHistogram>();
  for (const r of rows) {
    const key = `${r.destination}\u0000${r.measure}`;
    let h = byKey.get(key);
    if (!h) {
      h = { destination: r.destination, measure: r.measure as TimeReleaseMeasure, buckets: [], sum: 0, count: 0 };
      byKey.set(key, h);
    }
    h.count += Number(r.count);
    h.sum += Number(r.sum_ms) / 1000;
  }
  for (const h of byKey.values()) {
    const own = new Map(rows.filter((r) => r.destination === h.destination && r.measure === h.measure).map((r) => [r.le, Number(r.count)]));
    let running = 0;
    for (const le of [...TIME_RELEASE_BUCKETS.map(String), '+Inf']) {
      running += own.get(le) ?? 0;
      h.buckets.push({ le, count: running });
    }
  }
  return [...byKey.values()];
}

export interface TimeReleaseRow {
  destination: string;
  /** The day the exchange was lodged (received), UTC. */
  day: string;
  count: number;
  lodgedToDelivered: { median: number | null; p90: number | null };
  lodgedToFinal: { median: number | null; p90: number | null };
  rejectedShare: number;
  failedShare: number;
}

/**
 * Per destination and day lodged, the deliveries of exchanges received from the day of `from`
 * (inclusive) to the day of `to` (exclusive), from the daily tallies (delivery-tallies.ts): counts
 * and shares exact, median and 90th percentile interpolated within their histogram bucket.
 */
export async function timeRelease(store: Store, range: { from: string; to: string; destination?: string }): Promise<TimeReleaseRow[]> {
  const [fromDay, toDay] = [range.from.slice(0, 10), range.to.slice(0, 10)];
  let days = store.db.selectFrom('time_release_days').selectAll().where('day', '>=', fromDay).where('day', '<', toDay).where('count', '>', 0);
  // One row per destination, day and measure, its non-empty buckets as "bucket:count,…": a tenth of the rows to carry.
  const histogram = store.kind === 'postgres' ? sql<string>`string_agg(bucket || ':' || count, ',')` : sql<string>`group_concat(bucket || ':' || count, ',')`;
  let buckets = store.db
    .selectFrom('time_release_day_buckets')
    .select(['destination', 'day', 'measure', histogram.as('counts')])
    .where('day', '>=', fromDay)
    .where('day', '<', toDay)
    .where('count', '>', 0)
    .groupBy(['day', 'destination', 'measure']);
  if (range.destination !== undefined) {
    days = days.where('destination', '=', range.destination);
    buckets = buckets.where('destination', '=', range.destination);
  }
  const [dayRows, histogramRows] = await Promise.all([days.execute(), buckets.execute()]);
  const histograms = histogramRows.map((h) => {
    const counts = new Float64Array(TIME_RELEASE_BOUNDS.length + 1);
    for (const pair of h.counts.split(',')) {
      const colon = pair.indexOf(':');
      const bucket = Number(pair.slice(0, colon));
      counts[bucket] = (counts[bucket] ?? 0) + Number(pair.slice(colon + 1));
    }
    return { destination: h.destination, day: h.day, measure: h.measure, counts };
  });
  return figuresOf(dayRows, histograms);
}

/** One destination-day's histogram of one measure (`delivered`, `final`): the count in each bucket (time-release-buckets.ts). */
export interface DayHistogram {
  destination: string;
  day: string;
  measure: string;
  counts: ArrayLike<number>;
}

/** The figures of the daily tallies (pure): one row per destination and day, in that order. */
export function figuresOf(
  days: readonly Pick<TimeReleaseDayRow, 'destination' | 'day' | 'count' | 'rejected' | 'failed'>[],
  histograms: readonly DayHistogram[],
): TimeReleaseRow[] {
  const byKey = new Map(histograms.map((h) => [`${h.destination}\u0000${h.day}\u0000${h.measure}`, h.counts]));
  const figures = (destination: string, day: string, measure: string) => {
    const counts = byKey.get(`${destination}\u0000${day}\u0000${measure}`);
    if (!counts) return { median: null, p90: null };
    return { median: seconds(quantileOf(counts, 0.5)), p90: seconds(quantileOf(counts, 0.9)) };
  };
  const rows = days
    .filter((d) => Number(d.count) > 0)
    .map((d): TimeReleaseRow => {
      const count = Number(d.count);
      return {
        destination: d.destination,
        day: d.day,
        count,
        lodgedToDelivered: figures(d.destination, d.day, 'delivered'),
        lodgedToFinal: figures(d.destination, d.day, 'final'),
        rejectedShare: round(Number(d.rejected) / count, 4),
        failedShare: round(Number(d.failed) / count, 4),
      };
    });
  return rows.sort((a, b) => (a.destination === b.destination ? cmp(a.day, b.day) : cmp(a.destination, b.destination)));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
const seconds = (value: number | null) => (value === null ? null : round(value, 3));
