import { type Compilable, type Kysely, sql } from 'kysely';
import { monotonicFactory } from 'ulid';
import { sha256Hex } from '../hashing.js';
import { randomFraction } from '../random-bytes.js';
import { insertBeforeCommit, pendingRows } from './bulk-insert.js';
import { tallyBeforeCommit } from './delivery-tallies.js';
import { changedRows, firstRow, prepare, type Target } from './prepared.js';
import { writeInBatch } from './write-batches.js';
import type {
  DeliveryRow,
  DeliveryStatus,
  DocumentRow,
  ExchangeEventRow,
  ExchangeRow,
  ExchangeStatus,
  ExchangeTables,
  StoredDocumentRow,
} from './exchange-tables.js';

/** The exchange tables, or the same inside a transaction (then `db` is the transaction). */
export type Store = Target<ExchangeTables>;

/** Queries of the delivery path, compiled once (prepared.ts). */
const prepared = <Values extends object, Row>(build: (db: Kysely<ExchangeTables>, values: Values, kind: Store['kind']) => Compilable<Row>) =>
  prepare<ExchangeTables, Values, Row>(build);

export const newId = monotonicFactory(randomFraction);

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

/**
 * Everything an accepted document leaves behind, written inside the caller's transaction
 * (writeInBatch) just before it commits, together with the other accepted exchanges of the
 * batch: one multi-row insert per table (bulk-insert.ts). A step that adds rows of its own to
 * every accepted exchange defers them the same way, after these.
 */
export function writeAcceptedExchange(transaction: Store, accepted: AcceptedExchange): void {
  insertBeforeCommit(transaction, 'exchanges', [accepted.exchange]);
  insertBeforeCommit(
    transaction,
    'documents',
    accepted.documents.map((d) => ({ ...d, payload_document: null, payload_offset: null })),
  );
  insertBeforeCommit(transaction, 'deliveries', accepted.deliveries);
  tallyBeforeCommit(
    transaction,
    accepted.deliveries.map((after) => ({ before: null, after })),
  );
  insertBeforeCommit(
    transaction,
    'exchange_events',
    accepted.events.map((e) => eventRow(accepted.exchange.id, e)),
  );
}

/** Everything an accepted document leaves behind, in one transaction or not at all. */
export function insertAcceptedExchange(store: Store, accepted: AcceptedExchange): Promise<void> {
  return writeInBatch(store, async (transaction) => writeAcceptedExchange(transaction, accepted));
}

const insertEvent = prepared((db, row: ExchangeEventRow) => db.insertInto('exchange_events').values(row));

export async function insertEvents(store: Store, exchangeId: string, events: NewEvent[]): Promise<void> {
  for (const e of events) await insertEvent(store, eventRow(exchangeId, e));
}

const eventRow = (exchangeId: string, e: NewEvent): ExchangeEventRow => ({
  id: newId(),
  exchange_id: exchangeId,
  at: e.at,
  event: e.event,
  destination: e.destination ?? null,
  detail: e.detail === undefined ? null : JSON.stringify(e.detail),
});

export function findExchange(store: Store, id: string): Promise<ExchangeRow | undefined> {
  return store.db.selectFrom('exchanges').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A sender's declarations that carry this message id (a DMS LRN): what a cancellation cancels. */
export async function declarationsWithMessageId(store: Store, sender: string, messageId: string): Promise<string[]> {
  const rows = await store.db
    .selectFrom('exchanges')
    .select('id')
    .where('sender', '=', sender)
    .where('message_id', '=', messageId)
    .where('kind', '=', 'declaration')
    .execute();
  return rows.map((r) => r.id);
}

const selectByIdempotencyKey = prepared((db, v: { sender: string; key: string }) =>
  db.selectFrom('exchanges').selectAll().where('sender', '=', v.sender).where('idempotency_key', '=', v.key),
);

/** The sender's exchange with this idempotency key: inside a write batch, one its earlier writes accepted counts too. */
export async function findByIdempotencyKey(store: Store, sender: string, key: string): Promise<ExchangeRow | undefined> {
  const accepted = pendingRows(store, 'exchanges').find((row) => row.sender === sender && row.idempotency_key === key);
  return accepted ?? firstRow(selectByIdempotencyKey(store, { sender, key }));
}

const selectDeliveries = prepared((db, v: { exchangeId: string }) =>
  db.selectFrom('deliveries').selectAll().where('exchange_id', '=', v.exchangeId).orderBy('destination'),
);

export async function deliveriesOf(store: Store, exchangeId: string): Promise<DeliveryRow[]> {
  return (await selectDeliveries(store, { exchangeId })).rows;
}

export function eventsOf(store: Store, exchangeId: string): Promise<ExchangeEventRow[]> {
  return store.db.selectFrom('exchange_events').selectAll().where('exchange_id', '=', exchangeId).orderBy('id').execute();
}

const insertDocumentIfNew = prepared((db, row: StoredDocumentRow) =>
  db
    .insertInto('documents')
    .values(row)
    .onConflict((oc) => oc.columns(['exchange_id', 'name']).doNothing()),
);

/**
 * A document to store: whole, or — an envelope carrying another stored document in base64 — the
 * envelope without that text, and where (in bytes) it goes back (exchange-tables.ts).
 */
export type OutgoingDocumentRow = DocumentRow & { payload?: { document: string; offset: number } };

/**
 * Stores the document a delivery sends, once, and records the attempt that sends it in the same
 * commit, with whatever `alsoWrite` writes (its provenance). Returns false, writing nothing,
 * when the document was stored already.
 */
export function insertOutgoingDocument(
  store: Store,
  document: OutgoingDocumentRow,
  attempt: DeliveryChange & { destination: string },
  alsoWrite?: (transaction: Store) => Promise<unknown>,
): Promise<boolean> {
  const { payload, ...rest } = document;
  const row: StoredDocumentRow = { ...rest, payload_document: payload?.document ?? null, payload_offset: payload?.offset ?? null };
  return writeInBatch(store, async (transaction) => {
    if ((await changedRows(insertDocumentIfNew(transaction, row))) === 0) return false;
    await updateAttempt(transaction, row.exchange_id, attempt.destination, attempt);
    await alsoWrite?.(transaction);
    return true;
  });
}

/** A stored document with its content as bytes, as it is sent and served. */
export type DocumentBytes = Omit<DocumentRow, 'content'> & { content: Buffer };

const selectDocument = prepared((db, v: { exchangeId: string; name: string }, kind) =>
  db
    .selectFrom('documents')
    .select(['exchange_id', 'name', 'media_type', 'sha256', 'created_at', 'payload_document', 'payload_offset'])
    // SQLite hands a blob over as stored; decoding a 42 KB text into a string cost several times the read (PostgreSQL gives text).
    .select(kind === 'sqlite' ? sql<Buffer>`cast(content as blob)`.as('content') : sql<string>`content`.as('content'))
    .where('exchange_id', '=', v.exchangeId)
    .where('name', '=', v.name),
);

/** A stored document as bytes, whole: an envelope stored without the document it carries gets it back. */
export async function findDocument(store: Store, exchangeId: string, name: string): Promise<DocumentBytes | undefined> {
  const found = await firstRow(selectDocument(store, { exchangeId, name }));
  if (!found) return undefined;
  const { payload_document, payload_offset, content, ...document } = found;
  const stored = typeof content === 'string' ? Buffer.from(content) : content;
  if (payload_document === null || payload_offset === null) return { ...document, content: stored };
  const carried = await findDocument(store, exchangeId, payload_document);
  if (!carried) throw new Error(`document ${name} of exchange ${exchangeId} carries ${payload_document}, which is missing`);
  const whole = Buffer.concat([stored.subarray(0, payload_offset), Buffer.from(carried.content.toString('base64'), 'latin1'), stored.subarray(payload_offset)]);
  // The digest was taken of the envelope as sent: putting it together again must give those bytes.
  if (sha256Hex(whole) !== document.sha256)
    throw new Error(`document ${name} of exchange ${exchangeId} does not match its digest once its payload is put back`);
  return { ...document, content: whole };
}

export function documentNames(store: Store, exchangeId: string): Promise<Array<Pick<DocumentRow, 'name' | 'media_type' | 'sha256'>>> {
  return store.db
    .selectFrom('documents')
    .select(['name', 'media_type', 'sha256'])
    .where('exchange_id', '=', exchangeId)
    .orderBy('created_at')
    .orderBy('name')
    .execute();
}

/**
 * Runs `work` with the exchange row locked, so that two workers settling deliveries of the
 * same exchange at once both see each other's outcome when they derive its status.
 * SQLite serialises writers already; PostgreSQL needs the row lock. The transaction is shared
 * with other writes that queue up beside it (write-batches.ts).
 */
const selectExchangeForUpdate = prepared((db, v: { id: string }, kind) => {
  const query = db.selectFrom('exchanges').selectAll().where('id', '=', v.id);
  return kind === 'postgres' ? query.forUpdate() : query;
});

export async function withExchangeLocked<T>(store: Store, exchangeId: string, work: (transaction: Store, exchange: ExchangeRow) => Promise<T>): Promise<T> {
  return writeInBatch(store, async (transaction) => {
    const exchange = await firstRow(selectExchangeForUpdate(transaction, { id: exchangeId }));
    if (!exchange) throw new Error(`exchange ${exchangeId} does not exist`);
    return work(transaction, exchange);
  });
}

export interface DeliveryChange {
  status: DeliveryStatus;
  attempts?: number;
  lastError?: string | null;
  receipt?: unknown;
  sentSha256?: string;
  /** When the destination first took it / when it became final (time-release figures). */
  deliveredAt?: string;
  finalAt?: string;
  at: string;
}

/** Columns left out (undefined) keep their value. */
const updateDeliveryColumns = prepared(
  (
    db,
    v: Pick<DeliveryRow, 'exchange_id' | 'destination' | 'status' | 'updated_at'> & {
      [K in 'attempts' | 'last_error' | 'receipt' | 'sent_sha256' | 'delivered_at' | 'final_at']?: DeliveryRow[K] | undefined;
    },
  ) =>
    db
      .updateTable('deliveries')
      .set({
        status: v.status,
        updated_at: v.updated_at,
        attempts: v.attempts,
        last_error: v.last_error,
        receipt: v.receipt,
        sent_sha256: v.sent_sha256,
        delivered_at: v.delivered_at,
        final_at: v.final_at,
      })
      .where('exchange_id', '=', v.exchange_id)
      .where('destination', '=', v.destination),
);

export async function updateDelivery(store: Store, exchangeId: string, destination: string, change: DeliveryChange): Promise<void> {
  await updateDeliveryColumns(store, {
    exchange_id: exchangeId,
    destination,
    status: change.status,
    updated_at: change.at,
    attempts: change.attempts,
    last_error: change.lastError,
    receipt: change.receipt === undefined ? undefined : JSON.stringify(change.receipt),
    sent_sha256: change.sentSha256,
    delivered_at: change.deliveredAt,
    final_at: change.finalAt,
  });
}

const updateEndHandled = prepared((db, v: { id: string; at: string }) =>
  db.updateTable('exchanges').set({ end_handled_at: v.at }).where('id', '=', v.id).where('end_handled_at', 'is', null),
);

/** Marks what an exchange's end sets off as done (pipeline/end.ts, endExchange). */
export async function markEndHandled(store: Store, exchangeId: string, at: string): Promise<void> {
  await updateEndHandled(store, { id: exchangeId, at });
}

const updateExchangeStatusColumns = prepared((db, v: Pick<ExchangeRow, 'id' | 'status' | 'updated_at'>) =>
  db.updateTable('exchanges').set({ status: v.status, updated_at: v.updated_at }).where('id', '=', v.id),
);

export async function updateExchangeStatus(store: Store, exchangeId: string, status: ExchangeStatus, at: string): Promise<void> {
  await updateExchangeStatusColumns(store, { id: exchangeId, status, updated_at: at });
}

/**
 * Deliveries that should have a job (queued, in flight or waiting for a retry) and have not
 * moved since `before`: a lost job (Redis restarted without its data, a crash between commit
 * and enqueue) is found here and queued again; enqueue is idempotent for the rest.
 */
export function unfinishedDeliveries(
  store: Store,
  before: string,
  limit = 10_000,
): Promise<Array<Pick<DeliveryRow, 'exchange_id' | 'destination' | 'agreement_id'>>> {
  return store.db
    .selectFrom('deliveries')
    .select(['exchange_id', 'destination', 'agreement_id'])
    .where('status', 'in', ['queued', 'in-flight', 'retrying'])
    .where('updated_at', '<', before)
    .orderBy('updated_at')
    .limit(limit)
    .execute();
}

/** Exchanges still `routed` whose deliveries have all ended: their status was never derived. */
export async function exchangesToFinish(store: Store, limit = 1000): Promise<string[]> {
  const rows = await store.db
    .selectFrom('exchanges')
    .select('id')
    .where('status', '=', 'routed')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('deliveries')
            .select('deliveries.exchange_id')
            .whereRef('deliveries.exchange_id', '=', 'exchanges.id')
            .where('deliveries.status', 'not in', ['acknowledged', 'rejected', 'failed']),
        ),
      ),
    )
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Final exchanges, unchanged since `before`, whose end was never marked handled. */
export function exchangesWithEndUnhandled(store: Store, before: string, limit = 1000): Promise<Array<Pick<ExchangeRow, 'id' | 'status' | 'sender'>>> {
  return store.db
    .selectFrom('exchanges')
    .select(['id', 'status', 'sender'])
    .where('status', 'in', ['delivered', 'delivered-with-warnings', 'rejected', 'failed'])
    .where('end_handled_at', 'is', null)
    .where('updated_at', '<', before)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Deliveries the destination took without a receipt (`delivered`), waiting since before `before`. */
export function deliveriesAwaitingReceipt(
  store: Store,
  before: string,
  limit = 1000,
): Promise<Array<Pick<DeliveryRow, 'exchange_id' | 'destination' | 'agreement_id' | 'updated_at'>>> {
  return store.db
    .selectFrom('deliveries')
    .select(['exchange_id', 'destination', 'agreement_id', 'updated_at'])
    .where('status', '=', 'delivered')
    .where('updated_at', '<', before)
    .orderBy('updated_at')
    .limit(limit)
    .execute();
}

/** How many timeline events of a delivery are `event` with a detail that contains `detailContaining`. */
export async function countDeliveryEvents(store: Store, exchangeId: string, destination: string, event: string, detailContaining: string): Promise<number> {
  const row = await store.db
    .selectFrom('exchange_events')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('exchange_id', '=', exchangeId)
    .where('destination', '=', destination)
    .where('event', '=', event)
    .where('detail', 'like', `%${detailContaining}%`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Adds to the reconciler's counts, by action. */
export async function countReconcilerActions(store: Store, counts: Record<string, number>): Promise<void> {
  for (const [action, n] of Object.entries(counts)) {
    if (n === 0) continue;
    await store.db
      .insertInto('reconciler_actions')
      .values({ action, count: n })
      .onConflict((oc) => oc.column('action').doUpdateSet((eb) => ({ count: eb('reconciler_actions.count', '+', eb.ref('excluded.count')) })))
      .execute();
  }
}

export async function reconcilerActionCounts(store: Store): Promise<Array<{ action: string; count: number }>> {
  const rows = await store.db.selectFrom('reconciler_actions').selectAll().orderBy('action').execute();
  return rows.map((r) => ({ action: r.action, count: Number(r.count) }));
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
const selectDeliveryWork = prepared((db, v: { exchangeId: string; destination: string }) =>
  db
    .selectFrom('deliveries')
    .innerJoin('exchanges', 'exchanges.id', 'deliveries.exchange_id')
    .innerJoin('documents', (join) => join.onRef('documents.exchange_id', '=', 'deliveries.exchange_id').on('documents.name', '=', 'original'))
    .selectAll('deliveries')
    .select(['exchanges.kind', 'exchanges.sender', 'exchanges.scenario', 'documents.media_type', 'documents.sha256'])
    .where('deliveries.exchange_id', '=', v.exchangeId)
    .where('deliveries.destination', '=', v.destination),
);

export async function findDeliveryWork(store: Store, exchangeId: string, destination: string): Promise<DeliveryWork | undefined> {
  const row = await firstRow(selectDeliveryWork(store, { exchangeId, destination }));
  if (!row) return undefined;
  const { kind, sender, scenario, media_type, sha256, ...delivery } = row;
  return { delivery, kind, sender, scenario, original: { media_type, sha256 } };
}

/**
 * The first of `names` (best first) that the exchange has, content included as bytes. One
 * primary-key lookup per name tried, so only the chosen document's content is read (a sort over
 * the candidates would copy every candidate's content first).
 */
export async function findFirstDocument(store: Store, exchangeId: string, names: readonly string[]): Promise<DocumentBytes | undefined> {
  for (const name of names) {
    const found = await findDocument(store, exchangeId, name);
    if (found) return found;
  }
  return undefined;
}

/** A delivery's change outside a settlement (an attempt starting), committed with the writes beside it. */
export function saveDeliveryChange(store: Store, exchangeId: string, destination: string, change: DeliveryChange): Promise<void> {
  return writeInBatch(store, (transaction) => updateAttempt(transaction, exchangeId, destination, change));
}

const selectTallied = prepared((db, v: Pick<DeliveryRow, 'exchange_id' | 'destination'>) =>
  db
    .selectFrom('deliveries')
    .select(['destination', 'status', 'received_at', 'delivered_at', 'final_at'])
    .where('exchange_id', '=', v.exchange_id)
    .where('destination', '=', v.destination),
);

/**
 * An attempt's change of a delivery (it starts: `in-flight`), outside a settlement: its status
 * moves in the tallies too (delivery-tallies.ts), or the deliveries summary would drift from the rows.
 */
async function updateAttempt(transaction: Store, exchangeId: string, destination: string, change: DeliveryChange): Promise<void> {
  const before = await firstRow(selectTallied(transaction, { exchange_id: exchangeId, destination }));
  await updateDelivery(transaction, exchangeId, destination, change);
  if (before && before.status !== change.status) tallyBeforeCommit(transaction, [{ before, after: { ...before, status: change.status } }]);
}

export async function findDelivery(store: Store, exchangeId: string, destination: string): Promise<DeliveryRow | undefined> {
  return store.db.selectFrom('deliveries').selectAll().where('exchange_id', '=', exchangeId).where('destination', '=', destination).executeTakeFirst();
}

export async function countExchangesByStatus(store: Store): Promise<Array<{ status: string; count: number }>> {
  const rows = await store.db
    .selectFrom('exchanges')
    .select(['status', (eb) => eb.fn.countAll<string | number>().as('count')])
    .groupBy('status')
    .execute();
  return rows.map((r) => ({ status: r.status, count: Number(r.count) }));
}
