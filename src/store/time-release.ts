import type { DeliveryRow, DeliveryStatus } from './exchange-tables.js';
import type { Store } from './exchanges.js';

/**
 * Time-release figures (docs/ANALYTICS.md, "Time release"): how long the border takes, from the
 * exchanges' own timelines. A delivery is *delivered* once its destination took it (delivered or
 * acknowledged) and *final* once acknowledged, rejected or failed; `delivered_at` and `final_at`
 * on the delivery row are set where deliveries settle (pipeline/settle.ts).
 */
export type TimeReleaseMeasure = 'lodged-to-delivered' | 'lodged-to-final';

export const TOOK_IT: ReadonlySet<DeliveryStatus> = new Set(['delivered', 'acknowledged']);
export const FINAL: ReadonlySet<DeliveryStatus> = new Set(['acknowledged', 'rejected', 'failed']);

/** Histogram bounds in seconds: a second to a day, what a border's release times span. */
export const TIME_RELEASE_BUCKETS = [1, 5, 15, 60, 300, 900, 3600, 4 * 3600, 12 * 3600, 24 * 3600] as const;

const bucketOf = (seconds: number): string => String(TIME_RELEASE_BUCKETS.find((le) => seconds <= le) ?? '+Inf');

/** Counts one observation in its bucket, inside the settlement's transaction (every worker adds to the same rows). */
export async function observeTimeRelease(store: Store, destination: string, measure: TimeReleaseMeasure, ms: number): Promise<void> {
  const row = { destination, measure, le: bucketOf(ms / 1000), count: 1, sum_ms: Math.max(0, Math.round(ms)) };
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

type Timing = Pick<DeliveryRow, 'destination' | 'status' | 'received_at' | 'delivered_at' | 'final_at'>;

/**
 * Per destination and day lodged, the deliveries of exchanges received from `from` (inclusive)
 * to `to` (exclusive): one read of the covering index, the percentiles computed here.
 */
export async function timeRelease(store: Store, range: { from: string; to: string; destination?: string }): Promise<TimeReleaseRow[]> {
  let query = store.db
    .selectFrom('deliveries')
    .select(['destination', 'status', 'received_at', 'delivered_at', 'final_at'])
    .where('received_at', '>=', range.from)
    .where('received_at', '<', range.to);
  if (range.destination !== undefined) query = query.where('destination', '=', range.destination);
  return figuresOf(await query.execute());
}

/** The figures of a set of deliveries (pure): one row per destination and day, in that order. */
export function figuresOf(deliveries: readonly Timing[]): TimeReleaseRow[] {
  const groups = new Map<string, Timing[]>();
  for (const d of deliveries) {
    if (d.received_at === null) continue;
    const key = `${d.destination}\u0000${d.received_at.slice(0, 10)}`;
    const group = groups.get(key);
    if (group) group.push(d);
    else groups.set(key, [d]);
  }
  const rows = [...groups.entries()].map(([key, group]): TimeReleaseRow => {
    const [destination = '', day = ''] = key.split('\u0000');
    const since = (d: Timing, at: string | null) => (at === null ? undefined : (Date.parse(at) - Date.parse(d.received_at as string)) / 1000);
    const delivered = group.flatMap((d) => (TOOK_IT.has(d.status) || d.delivered_at !== null ? [since(d, d.delivered_at)] : [])).filter(isNumber);
    const final = group.flatMap((d) => (FINAL.has(d.status) ? [since(d, d.final_at)] : [])).filter(isNumber);
    const share = (status: DeliveryStatus) => round(group.filter((d) => d.status === status).length / group.length, 4);
    return {
      destination,
      day,
      count: group.length,
      lodgedToDelivered: percentiles(delivered),
      lodgedToFinal: percentiles(final),
      rejectedShare: share('rejected'),
      failedShare: share('failed'),
    };
  });
  return rows.sort((a, b) => a.destination.localeCompare(b.destination) || a.day.localeCompare(b.day));
}

const isNumber = (n: number | undefined): n is number => n !== undefined;
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Median and 90th percentile, nearest rank (a value that occurred, in seconds to the millisecond); null of nothing. */
function percentiles(values: number[]): { median: number | null; p90: number | null } {
  if (values.length === 0) return { median: null, p90: null };
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] as number;
  return { median: round(rank(0.5), 3), p90: round(rank(0.9), 3) };
}
