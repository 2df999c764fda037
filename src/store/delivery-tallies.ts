import type { DeliveryRow, DeliveryStatus, ExchangeTables } from './exchange-tables.js';
import type { Target } from './prepared.js';
import { bucketOf } from './time-release-buckets.js';
import { beforeCommit } from './write-lock.js';

/**
 * Running tallies of the deliveries, kept in the transaction that inserts or changes them, so
 * that the console's figures read a few hundred rows instead of every delivery:
 * - `delivery_status_counts`: per destination and status, how many deliveries are in it now;
 * - `time_release_days`: per destination and day lodged, how many deliveries, rejected, failed;
 * - `time_release_day_buckets`: per destination, day lodged and measure, the histogram of the
 *   lodged→delivered and lodged→final times (time-release-buckets.ts).
 * Each delivery counts as what its row says now: a change takes out what the row counted before
 * and adds what it counts after, so a delivery settled twice (delivered, then acknowledged) is in
 * each measure once, and a failed delivery re-queued leaves the failed share.
 */

/** The destination took it. */
export const TOOK_IT: ReadonlySet<DeliveryStatus> = new Set(['delivered', 'acknowledged']);
/** Nothing more will happen to it (unless an operator re-queues it). */
export const FINAL: ReadonlySet<DeliveryStatus> = new Set(['acknowledged', 'rejected', 'failed']);

export type Tallied = Pick<DeliveryRow, 'destination' | 'status' | 'received_at' | 'delivered_at' | 'final_at'>;

interface Pending {
  statuses: Map<string, number>;
  days: Map<string, { count: number; rejected: number; failed: number }>;
  buckets: Map<string, number>;
}

const pendingByTransaction = new WeakMap<object, Pending>();

const SEP = '\u0000';

/**
 * Counts deliveries that changed from `before` (null: new) to `after`, written once just before
 * the transaction commits, with the batch's other changes (write-lock.ts beforeCommit).
 */
export function tallyBeforeCommit(transaction: Target<ExchangeTables>, changes: ReadonlyArray<{ before: Tallied | null; after: Tallied }>): void {
  let pending = pendingByTransaction.get(transaction.db);
  if (!pending) {
    const fresh: Pending = { statuses: new Map(), days: new Map(), buckets: new Map() };
    pending = fresh;
    pendingByTransaction.set(transaction.db, fresh);
    beforeCommit(transaction.db, () => {
      pendingByTransaction.delete(transaction.db);
      return writeTallies(transaction, fresh);
    });
  }
  for (const { before, after } of changes) {
    if (before) add(pending, before, -1);
    add(pending, after, 1);
  }
}

function add(pending: Pending, d: Tallied, sign: 1 | -1): void {
  bump(pending.statuses, `${d.destination}${SEP}${d.status}`, sign);
  if (d.received_at === null) return;
  const day = d.received_at.slice(0, 10);
  const dayKey = `${d.destination}${SEP}${day}`;
  let tally = pending.days.get(dayKey);
  if (!tally) {
    tally = { count: 0, rejected: 0, failed: 0 };
    pending.days.set(dayKey, tally);
  }
  tally.count += sign;
  if (d.status === 'rejected') tally.rejected += sign;
  if (d.status === 'failed') tally.failed += sign;
  const lodged = Date.parse(d.received_at);
  if (d.delivered_at !== null) bump(pending.buckets, `${dayKey}${SEP}delivered${SEP}${bucketOf((Date.parse(d.delivered_at) - lodged) / 1000)}`, sign);
  if (d.final_at !== null && FINAL.has(d.status))
    bump(pending.buckets, `${dayKey}${SEP}final${SEP}${bucketOf((Date.parse(d.final_at) - lodged) / 1000)}`, sign);
}

function bump(map: Map<string, number>, key: string, by: number): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** Keys in order, so that concurrent writers (none under the write lock, but still) lock rows in one order. */
const sortedChanges = <T>(map: Map<string, T>, changed: (v: T) => boolean) =>
  [...map.entries()].filter(([, v]) => changed(v)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

async function writeTallies(transaction: Target<ExchangeTables>, pending: Pending): Promise<void> {
  const db = transaction.db;
  const days = sortedChanges(pending.days, (t) => t.count !== 0 || t.rejected !== 0 || t.failed !== 0).map(([key, t]) => {
    const [destination, day] = key.split(SEP) as [string, string];
    return { destination, day, ...t };
  });
  if (days.length > 0)
    await db
      .insertInto('time_release_days')
      .values(days)
      .onConflict((oc) =>
        oc.columns(['destination', 'day']).doUpdateSet((eb) => ({
          count: eb('time_release_days.count', '+', eb.ref('excluded.count')),
          rejected: eb('time_release_days.rejected', '+', eb.ref('excluded.rejected')),
          failed: eb('time_release_days.failed', '+', eb.ref('excluded.failed')),
        })),
      )
      .execute();
  const buckets = sortedChanges(pending.buckets, (n) => n !== 0).map(([key, count]) => {
    const [destination, day, measure, bucket] = key.split(SEP) as [string, string, string, string];
    return { destination, day, measure, bucket: Number(bucket), count };
  });
  if (buckets.length > 0)
    await db
      .insertInto('time_release_day_buckets')
      .values(buckets)
      .onConflict((oc) =>
        oc.columns(['destination', 'day', 'measure', 'bucket']).doUpdateSet((eb) => ({
          count: eb('time_release_day_buckets.count', '+', eb.ref('excluded.count')),
        })),
      )
      .execute();
  const statuses = sortedChanges(pending.statuses, (n) => n !== 0).map(([key, count]) => {
    const [destination, status] = key.split(SEP) as [string, string];
    return { destination, status, count };
  });
  if (statuses.length > 0)
    await db
      .insertInto('delivery_status_counts')
      .values(statuses)
      .onConflict((oc) =>
        oc.columns(['destination', 'status']).doUpdateSet((eb) => ({
          count: eb('delivery_status_counts.count', '+', eb.ref('excluded.count')),
        })),
      )
      .execute();
}
