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
const TIME_RELEASE_BUCKETS = [1, 5, 15, 60, 300, 900, 3600, 4 * 3600, 12 * 3600, 24 * 3600] as const;

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

/** The figures of a set of deliveries (pure): one row per destination and day, in that order. One pass, no per-row allocation but the times. */
export function figuresOf(deliveries: readonly Timing[]): TimeReleaseRow[] {
  interface Group {
    destination: string;
    day: string;
    count: number;
    rejected: number;
    failed: number;
    delivered: number[];
    final: number[];
  }
  const groups = new Map<string, Group>();
  for (const d of deliveries) {
    if (d.received_at === null) continue;
    const day = d.received_at.slice(0, 10);
    const key = `${d.destination} ${day}`;
    let group = groups.get(key);
    if (!group) {
      group = { destination: d.destination, day, count: 0, rejected: 0, failed: 0, delivered: [], final: [] };
      groups.set(key, group);
    }
    group.count++;
    if (d.status === 'rejected') group.rejected++;
    else if (d.status === 'failed') group.failed++;
    const lodged = Date.parse(d.received_at);
    if (d.delivered_at !== null) group.delivered.push((Date.parse(d.delivered_at) - lodged) / 1000);
    if (d.final_at !== null && FINAL.has(d.status)) group.final.push((Date.parse(d.final_at) - lodged) / 1000);
  }
  const rows = [...groups.values()].map(
    (g): TimeReleaseRow => ({
      destination: g.destination,
      day: g.day,
      count: g.count,
      lodgedToDelivered: percentiles(g.delivered),
      lodgedToFinal: percentiles(g.final),
      rejectedShare: round(g.rejected / g.count, 4),
      failedShare: round(g.failed / g.count, 4),
    }),
  );
  return rows.sort((a, b) => (a.destination === b.destination ? cmp(a.day, b.day) : cmp(a.destination, b.destination)));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Median and 90th percentile, nearest rank (a value that occurred, in seconds to the millisecond); null of nothing. */
function percentiles(values: number[]): { median: number | null; p90: number | null } {
  if (values.length === 0) return { median: null, p90: null };
  const sorted = Float64Array.from(values).sort();
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] as number;
  return { median: round(rank(0.5), 3), p90: round(rank(0.9), 3) };
}
