import type { DeliveryRow, DeliveryStatus } from './exchange-tables.js';
import type { Store } from './exchanges.js';

/** Where the previous page of a delivery list ended: the last delivery it held. */
export interface DeliveryPosition {
  exchangeId: string;
  destination: string;
}

export interface DeliveryListQuery {
  statuses: readonly DeliveryStatus[];
  destination?: string;
  after?: DeliveryPosition;
  limit: number;
}

export type ListedDelivery = Pick<
  DeliveryRow,
  'exchange_id' | 'destination' | 'agreement_id' | 'status' | 'attempts' | 'last_error' | 'updated_at' | 'received_at'
>;

/**
 * Deliveries in the given statuses, newest exchange first (then by destination, descending), for
 * the operators' list. One indexed range read per status, at most `limit` rows each, merged
 * here: the cost follows the page, not the store (1 M deliveries or ten).
 */
export async function listDeliveries(store: Store, q: DeliveryListQuery): Promise<ListedDelivery[]> {
  const pages = await Promise.all(
    q.statuses.map((status) => {
      let query = store.db
        .selectFrom('deliveries')
        .select(['exchange_id', 'destination', 'agreement_id', 'status', 'attempts', 'last_error', 'updated_at', 'received_at'])
        .where('status', '=', status);
      if (q.destination !== undefined) query = query.where('destination', '=', q.destination);
      const after = q.after;
      if (after)
        query = query.where((eb) =>
          // The bound on exchange_id alone first, so the index's range read starts at the cursor.
          eb.and([eb('exchange_id', '<=', after.exchangeId), eb.or([eb('exchange_id', '<', after.exchangeId), eb('destination', '<', after.destination)])]),
        );
      return query.orderBy('exchange_id', 'desc').orderBy('destination', 'desc').limit(q.limit).execute();
    }),
  );
  const newestFirst = (a: ListedDelivery, b: ListedDelivery) =>
    a.exchange_id === b.exchange_id ? cmp(b.destination, a.destination) : cmp(b.exchange_id, a.exchange_id);
  return pages.flat().sort(newestFirst).slice(0, q.limit);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** How many deliveries each destination has in each status: the running counts (delivery-tallies.ts), not a count of every delivery. */
export async function deliveryCounts(store: Store): Promise<Array<{ destination: string; status: DeliveryStatus; count: number }>> {
  const rows = await store.db.selectFrom('delivery_status_counts').selectAll().where('count', '>', 0).orderBy('destination').orderBy('status').execute();
  return rows.map((r) => ({ destination: r.destination, status: r.status as DeliveryStatus, count: Number(r.count) }));
}
