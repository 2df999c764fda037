import type { Kysely, Transaction } from 'kysely';
import { monotonicFactory } from 'ulid';
import type { DatabaseKind } from './db.js';
import { writeInBatch } from './write-batches.js';
import type { DeliveryRow, DeliveryStatus, DocumentRow, ExchangeEventRow, ExchangeRow, ExchangeStatus, ExchangeTables } from './exchange-tables.js';

export interface Store {
  db: Kysely<ExchangeTables>;
  kind: DatabaseKind;
}

type Db = Kysely<ExchangeTables> | Transaction<ExchangeTables>;

export const newId = monotonicFactory();

export interface NewEvent {
  event: string;
  at: string;
  destination?: string;
  detail?: unknown;
}

export interface AcceptedExchange {
  exchange: ExchangeRow;
  /** The original, and what came with it (a signed envelope). */
  documents: DocumentRow[];
  deliveries: DeliveryRow[];
  events: NewEvent[];
}

/** Everything an accepted document leaves behind, written in one transaction or not at all. */
export async function insertAcceptedExchange(store: Store, accepted: AcceptedExchange): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    await trx.insertInto('exchanges').values(accepted.exchange).execute();
    await trx.insertInto('documents').values(accepted.documents).execute();
    if (accepted.deliveries.length > 0) await trx.insertInto('deliveries').values(accepted.deliveries).execute();
    await insertEvents(trx, accepted.exchange.id, accepted.events);
  });
}

export async function insertEvents(db: Db, exchangeId: string, events: NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  const rows: ExchangeEventRow[] = events.map((e) => ({
    id: newId(),
    exchange_id: exchangeId,
    at: e.at,
    event: e.event,
    destination: e.destination ?? null,
    detail: e.detail === undefined ? null : JSON.stringify(e.detail),
  }));
  await db.insertInto('exchange_events').values(rows).execute();
}

export function findExchange(store: Store, id: string): Promise<ExchangeRow | undefined> {
  return store.db.selectFrom('exchanges').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A sender's declarations that carry this message id (a DMS LRN): what a cancellation cancels. */
export async function declarationsWithMessageId(store: Store, sender: string, messageId: string): Promise<string[]> {
  const rows = await store.db.selectFrom('exchanges').select('id').where('sender', '=', sender).where('message_id', '=', messageId).where('kind', '=', 'declaration').execute();
  return rows.map((r) => r.id);
}

export function findByIdempotencyKey(store: Store, sender: string, key: string): Promise<ExchangeRow | undefined> {
  return store.db.selectFrom('exchanges').selectAll().where('sender', '=', sender).where('idempotency_key', '=', key).executeTakeFirst();
}

export function deliveriesOf(db: Db, exchangeId: string): Promise<DeliveryRow[]> {
  return db.selectFrom('deliveries').selectAll().where('exchange_id', '=', exchangeId).orderBy('destination').execute();
}

export function eventsOf(store: Store, exchangeId: string): Promise<ExchangeEventRow[]> {
  return store.db.selectFrom('exchange_events').selectAll().where('exchange_id', '=', exchangeId).orderBy('id').execute();
}

/** Stores a document made for a delivery once; returns whether this call stored it. */
export async function insertDocumentOnce(store: Store, row: DocumentRow): Promise<boolean> {
  const result = await writeInBatch(store.db, (trx) => trx.insertInto('documents').values(row).onConflict((oc) => oc.columns(['exchange_id', 'name']).doNothing()).executeTakeFirst());
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export function findDocument(store: Store, exchangeId: string, name: string): Promise<DocumentRow | undefined> {
  return store.db.selectFrom('documents').selectAll().where('exchange_id', '=', exchangeId).where('name', '=', name).executeTakeFirst();
}

export function documentNames(store: Store, exchangeId: string): Promise<Array<Pick<DocumentRow, 'name' | 'media_type' | 'sha256'>>> {
  return store.db.selectFrom('documents').select(['name', 'media_type', 'sha256']).where('exchange_id', '=', exchangeId).orderBy('created_at').orderBy('name').execute();
}

export interface ExchangeQuery {
  /** Exchanges this participant sent or receives; omit for an operator's view of all. */
  participant?: string;
  status?: string;
  kind?: string;
  since?: string;
  /** The id of the last exchange of the previous page. */
  cursor?: string;
  limit: number;
}

/** Newest first. */
export async function listExchanges(store: Store, q: ExchangeQuery): Promise<ExchangeRow[]> {
  let query = store.db.selectFrom('exchanges').selectAll();
  if (q.participant !== undefined) {
    const participant = q.participant;
    query = query.where((eb) =>
      eb.or([
        eb('sender', '=', participant),
        eb.exists(eb.selectFrom('deliveries').select('deliveries.exchange_id').whereRef('deliveries.exchange_id', '=', 'exchanges.id').where('deliveries.destination', '=', participant)),
      ]),
    );
  }
  if (q.status) query = query.where('status', '=', q.status as ExchangeStatus);
  if (q.kind) query = query.where('kind', '=', q.kind);
  if (q.since) query = query.where('updated_at', '>=', q.since);
  if (q.cursor) query = query.where('id', '<', q.cursor);
  return query.orderBy('id', 'desc').limit(q.limit).execute();
}

export async function isRecipient(store: Store, exchangeId: string, participant: string): Promise<boolean> {
  const row = await store.db.selectFrom('deliveries').select('destination').where('exchange_id', '=', exchangeId).where('destination', '=', participant).executeTakeFirst();
  return row !== undefined;
}

/**
 * Runs `work` with the exchange row locked, so that two workers settling deliveries of the
 * same exchange at once both see each other's outcome when they derive its status.
 * SQLite serialises writers already; PostgreSQL needs the row lock. The transaction is shared
 * with other writes that queue up beside it (write-batches.ts).
 */
export async function withExchangeLocked<T>(store: Store, exchangeId: string, work: (trx: Transaction<ExchangeTables>, exchange: ExchangeRow) => Promise<T>): Promise<T> {
  return writeInBatch(store.db, async (trx) => {
    let q = trx.selectFrom('exchanges').selectAll().where('id', '=', exchangeId);
    if (store.kind === 'postgres') q = q.forUpdate();
    const exchange = await q.executeTakeFirst();
    if (!exchange) throw new Error(`exchange ${exchangeId} does not exist`);
    return work(trx, exchange);
  });
}

export interface DeliveryChange {
  status: DeliveryStatus;
  attempts?: number;
  lastError?: string | null;
  receipt?: unknown;
  sentSha256?: string;
  at: string;
}

export async function updateDelivery(db: Db, exchangeId: string, destination: string, change: DeliveryChange): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({
      status: change.status,
      updated_at: change.at,
      ...(change.attempts !== undefined ? { attempts: change.attempts } : {}),
      ...(change.lastError !== undefined ? { last_error: change.lastError } : {}),
      ...(change.receipt !== undefined ? { receipt: JSON.stringify(change.receipt) } : {}),
      ...(change.sentSha256 !== undefined ? { sent_sha256: change.sentSha256 } : {}),
    })
    .where('exchange_id', '=', exchangeId)
    .where('destination', '=', destination)
    .execute();
}

export async function updateExchangeStatus(db: Db, exchangeId: string, status: ExchangeStatus, at: string): Promise<void> {
  await db.updateTable('exchanges').set({ status, updated_at: at }).where('id', '=', exchangeId).execute();
}

/**
 * Deliveries that should have a job (queued, in flight or waiting for a retry) and have not
 * moved since `before`: a lost job (Redis restarted without its data, a crash between commit
 * and enqueue) is found here and queued again; enqueue is idempotent for the rest.
 */
export function unfinishedDeliveries(store: Store, before: string, limit = 10_000): Promise<Array<Pick<DeliveryRow, 'exchange_id' | 'destination' | 'agreement_id'>>> {
  return store.db
    .selectFrom('deliveries')
    .select(['exchange_id', 'destination', 'agreement_id'])
    .where('status', 'in', ['queued', 'in-flight', 'retrying'])
    .where('updated_at', '<', before)
    .orderBy('updated_at')
    .limit(limit)
    .execute();
}

export interface DeliveryWork {
  delivery: DeliveryRow;
  kind: string;
  sender: string;
  scenario: string | null;
  /** The original's form and digest; its content is read only when the delivery needs it (findFirstDocument). */
  original: Pick<DocumentRow, 'media_type' | 'sha256'>;
}

/** What a worker needs for one delivery, in one query. */
export async function findDeliveryWork(store: Store, exchangeId: string, destination: string): Promise<DeliveryWork | undefined> {
  const row = await store.db
    .selectFrom('deliveries')
    .innerJoin('exchanges', 'exchanges.id', 'deliveries.exchange_id')
    .innerJoin('documents', (join) => join.onRef('documents.exchange_id', '=', 'deliveries.exchange_id').on('documents.name', '=', 'original'))
    .selectAll('deliveries')
    .select(['exchanges.kind', 'exchanges.sender', 'exchanges.scenario', 'documents.media_type', 'documents.sha256'])
    .where('deliveries.exchange_id', '=', exchangeId)
    .where('deliveries.destination', '=', destination)
    .executeTakeFirst();
  if (!row) return undefined;
  const { kind, sender, scenario, media_type, sha256, ...delivery } = row;
  return { delivery, kind, sender, scenario, original: { media_type, sha256 } };
}

/**
 * The first of `names` (best first) that the exchange has, content included. Which names exist
 * is answered by the primary key's index alone; then only the chosen document is read (a sort
 * over the candidates would copy every candidate's content first).
 */
export async function findFirstDocument(store: Store, exchangeId: string, names: readonly string[]): Promise<DocumentRow | undefined> {
  if (names.length === 0) return undefined;
  const present = new Set((await store.db.selectFrom('documents').select('name').where('exchange_id', '=', exchangeId).where('name', 'in', [...names]).execute()).map((r) => r.name));
  const best = names.find((name) => present.has(name));
  return best === undefined ? undefined : findDocument(store, exchangeId, best);
}

/** A delivery's change outside a settlement (an attempt starting), committed with the writes beside it. */
export function saveDeliveryChange(store: Store, exchangeId: string, destination: string, change: DeliveryChange): Promise<void> {
  return writeInBatch(store.db, (trx) => updateDelivery(trx, exchangeId, destination, change));
}

export async function findDelivery(store: Store, exchangeId: string, destination: string): Promise<DeliveryRow | undefined> {
  return store.db.selectFrom('deliveries').selectAll().where('exchange_id', '=', exchangeId).where('destination', '=', destination).executeTakeFirst();
}

export async function countExchangesByStatus(store: Store): Promise<Array<{ status: string; count: number }>> {
  const rows = await store.db.selectFrom('exchanges').select(['status', (eb) => eb.fn.countAll<string | number>().as('count')]).groupBy('status').execute();
  return rows.map((r) => ({ status: r.status, count: Number(r.count) }));
}

export async function deleteExchange(store: Store, exchangeId: string): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    for (const table of ['exchange_events', 'deliveries', 'documents'] as const) await trx.deleteFrom(table).where('exchange_id', '=', exchangeId).execute();
    await trx.deleteFrom('exchanges').where('id', '=', exchangeId).execute();
  });
}
