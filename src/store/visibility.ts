import type { Participant } from '../config/types.js';
import { isDecisionDocument, decisionDocumentName } from '../risk/decide.js';
import { findDecision } from '../risk/decisions.js';
import type { Lane, ProfileHit } from '../risk/vocabulary.js';
import type { DeliveryRow, ExchangeEventRow, ExchangeRow, ExchangeStatus } from './exchange-tables.js';
import { deliveriesOf, type DocumentBytes, documentNames, eventsOf, findDelivery, findDocument, findExchange, type Store } from './exchanges.js';

/**
 * What each participant may read of an exchange: the one place the rule is written, for the
 * routes (and anything else that shows exchanges) to call.
 *
 * - The sender and operators see the whole exchange.
 * - A destination sees its own delivery: the delivery row and its receipt, the timeline entries
 *   of that delivery, the documents that hold exactly what it was sent, the provenance records
 *   of that delivery, and of the exchange only its id, sender, kind and when it was received.
 *   Not the original (unless that is what it was sent), not other destinations' deliveries,
 *   documents or records, not the exchange's status, facts or findings (those follow from every
 *   delivery and from the original).
 * - Anyone else sees nothing: callers answer 404, the same as for an id that does not exist.
 * - Targeting is confidential (seeDecision): the sender and operators see the lane only; an
 *   agency's decision document is read by that agency and customs, by no one else.
 *
 * And who may read an e-LPCO of the registry (mayReadLpco).
 */
export type Role = 'sender' | 'operator' | 'destination';

export type Reader = Pick<Participant, 'id' | 'operator' | 'kind'>;

/** The caller's part in the exchange, or undefined when it has none. A sender is a sender even when it is an operator or a destination too. */
async function roleIn(store: Store, exchange: Pick<ExchangeRow, 'id' | 'sender'>, reader: Reader): Promise<Role | undefined> {
  if (exchange.sender === reader.id) return 'sender';
  if (reader.operator) return 'operator';
  return (await findDelivery(store, exchange.id, reader.id)) ? 'destination' : undefined;
}

/** What a destination is told of the exchange itself. */
export type ExchangeAsDelivered = Pick<ExchangeRow, 'id' | 'sender' | 'kind' | 'received_at'>;

export type DocumentName = Awaited<ReturnType<typeof documentNames>>[number];

export type SeenExchange =
  | {
      role: 'sender' | 'operator';
      exchange: ExchangeRow;
      deliveries: DeliveryRow[];
      events: ExchangeEventRow[];
      documents: DocumentName[];
      /** The lane targeting put the declaration in, and nothing else of the decision. */
      control?: { lane: Lane };
    }
  | { role: 'destination'; exchange: ExchangeAsDelivered; delivery: DeliveryRow; events: ExchangeEventRow[]; documents: DocumentName[] };

/** The exchange as `reader` may see it, or undefined when it does not exist for `reader`. */
export async function seeExchange(store: Store, id: string, reader: Reader): Promise<SeenExchange | undefined> {
  const exchange = await findExchange(store, id);
  const role = exchange && (await roleIn(store, exchange, reader));
  if (!exchange || !role) return undefined;
  const [deliveries, events, allDocuments] = await Promise.all([deliveriesOf(store, id), eventsOf(store, id), documentNames(store, id)]);
  // Customs reads every agency's decision; the sender none, an operator none unless it is customs.
  const customsReads = (d: DocumentName) => isDecisionDocument(d.name) && reader.kind === 'customs' && role !== 'sender';
  if (role !== 'destination') {
    const documents = allDocuments.filter((d) => !isDecisionDocument(d.name) || customsReads(d));
    const decision = await findDecision(store, id);
    return { role, exchange, deliveries, events, documents, ...(decision ? { control: { lane: decision.lane } } : {}) };
  }
  // The delivery roleIn found, read again with the others; deliveries are never removed, so this is a guard only.
  const delivery = deliveries.find((d) => d.destination === reader.id);
  if (!delivery) return undefined;
  return {
    role,
    exchange: { id: exchange.id, sender: exchange.sender, kind: exchange.kind, received_at: exchange.received_at },
    delivery,
    events: events.filter((e) => e.destination === reader.id),
    documents: allDocuments.filter((d) => wasSent(delivery, d) || customsReads(d)),
  };
}

/**
 * A stored document of the exchange, when `reader` may read it: `exchange` undefined when the
 * exchange does not exist for the reader, `document` undefined when it has no such document the
 * reader may read (missing or not its own: the answer does not say which).
 */
export async function seeDocument(
  store: Store,
  id: string,
  name: string,
  reader: Reader,
): Promise<{ exchange?: Pick<ExchangeRow, 'id'>; document?: DocumentBytes }> {
  const exchange = await findExchange(store, id);
  const role = exchange && (await roleIn(store, exchange, reader));
  if (!exchange || !role) return {};
  const document = await findDocument(store, id, name);
  if (!document) return { exchange };
  if (isDecisionDocument(name)) {
    const mayRead = role !== 'sender' && (reader.kind === 'customs' || (role === 'destination' && name === decisionDocumentName(reader.id)));
    return mayRead ? { exchange, document } : { exchange };
  }
  if (role !== 'destination') return { exchange, document };
  const delivery = await findDelivery(store, id, reader.id);
  return delivery && wasSent(delivery, document) ? { exchange, document } : { exchange };
}

/** Its own copy, its own decision, or any document holding exactly the bytes it was sent (the original, when it was sent unchanged). */
function wasSent(delivery: DeliveryRow, document: { name: string; sha256: string }): boolean {
  return (
    document.name === `to-${delivery.destination}` ||
    document.name === decisionDocumentName(delivery.destination) ||
    (delivery.sent_sha256 !== null && document.sha256 === delivery.sent_sha256 && !isDecisionDocument(document.name))
  );
}

/** The decision as the reader may see it (GET /v1/exchanges/{id}/risk). */
export interface SeenDecision {
  lane: Lane;
  hits: Array<Pick<ProfileHit, 'profile' | 'owner' | 'lane'> & { instruction: string | null }>;
  score: number | null;
  model: string | null;
}

/**
 * The targeting decision on exchange `id` as `reader` may see it: customs every hit, the score
 * and the model; a PGA the exchange is routed to the lane and its own hits. `exchange` undefined
 * when the exchange does not exist for the reader (404); `decision` undefined when there is none
 * (404) or the reader may not see it (`forbidden`: the sender, operators, anyone not an agency).
 */
export async function seeDecision(
  store: Store,
  id: string,
  reader: Reader,
): Promise<{ exchange?: Pick<ExchangeRow, 'id'>; forbidden?: true; decision?: SeenDecision }> {
  const exchange = await findExchange(store, id);
  const role = exchange && (await roleIn(store, exchange, reader));
  if (!exchange || !role) return {};
  const agency = role !== 'sender' && (reader.kind === 'customs' || (reader.kind === 'pga' && role === 'destination'));
  if (!agency) return { exchange, forbidden: true };
  const row = await findDecision(store, id);
  if (!row) return { exchange };
  const all = JSON.parse(row.hits) as ProfileHit[];
  const hits = reader.kind === 'customs' ? all : all.filter((h) => h.owner === reader.id);
  const seen = hits.map((h) => ({ profile: h.profile, owner: h.owner, lane: h.lane, instruction: h.instruction ?? null }));
  if (reader.kind === 'customs') return { exchange, decision: { lane: row.lane, hits: seen, score: row.score, model: row.model_version } };
  return { exchange, decision: { lane: row.lane, hits: seen, score: null, model: null } };
}

/** Whether a provenance record of the exchange concerning `destination` (none: the exchange as a whole, such as received or routed) may be shown. */
export type RecordSight = (destination: string | undefined) => boolean;

/**
 * Which provenance records of the exchange `reader` may see, or undefined when the exchange
 * does not exist for it. Operators see the records of an exchange that is no longer stored too.
 */
export async function recordsSeenBy(store: Store, exchangeId: string, reader: Reader): Promise<RecordSight | undefined> {
  const exchange = await findExchange(store, exchangeId);
  const role = exchange ? await roleIn(store, exchange, reader) : reader.operator ? 'operator' : undefined;
  if (!role) return undefined;
  return (destination) => role !== 'destination' || destination === reader.id;
}

export interface ExchangeListQuery {
  /** The exchange's status for its sender and operators; the destination's delivery status for a destination. */
  status?: string;
  kind?: string;
  /** Updated at or after: the exchange for its sender and operators, the delivery for a destination. */
  since?: string;
  /**
   * Exactly one of: the exchange id, its reference (LRN), MRN or message id. A destination finds
   * what it receives by the exchange id only: the rest is the sender's.
   */
  q?: string;
  sender?: string;
  /** Exchanges with a delivery to this participant; a destination may ask for itself only of what it receives. */
  destination?: string;
  /** Received at or after / before (ISO 8601). */
  from?: string;
  to?: string;
  /** The id of the last exchange of the previous page. */
  cursor?: string;
  limit: number;
}

export type SeenSummary =
  | { role: 'sender' | 'operator'; exchange: ExchangeRow }
  | { role: 'destination'; exchange: ExchangeAsDelivered; delivery: Pick<DeliveryRow, 'status' | 'updated_at'> };

/**
 * The exchanges `reader` sent or receives (operators: all), newest first, each as the reader may
 * see it. Filters apply to what the caller sees: a destination cannot learn an exchange's
 * status, references or other destinations by filtering on them.
 */
export async function listSeenExchanges(store: Store, reader: Reader, q: ExchangeListQuery): Promise<SeenSummary[]> {
  const me = reader.id;
  // `received`: from its deliveries, down the (destination, exchange_id) index; otherwise from the exchanges, its own delivery beside each if any.
  const base = (received = false) => {
    let query = (
      received
        ? store.db.selectFrom('deliveries').innerJoin('exchanges', 'exchanges.id', 'deliveries.exchange_id').where('deliveries.destination', '=', me)
        : store.db
            .selectFrom('exchanges')
            .leftJoin('deliveries', (join) => join.onRef('deliveries.exchange_id', '=', 'exchanges.id').on('deliveries.destination', '=', me))
    )
      .selectAll('exchanges')
      .select(['deliveries.status as delivery_status', 'deliveries.updated_at as delivery_updated_at']);
    if (q.sender) query = query.where('exchanges.sender', '=', q.sender);
    if (q.kind) query = query.where('exchanges.kind', '=', q.kind);
    if (q.from) query = query.where('exchanges.received_at', '>=', q.from);
    if (q.to) query = query.where('exchanges.received_at', '<', q.to);
    if (q.cursor) query = query.where(received ? 'deliveries.exchange_id' : 'exchanges.id', '<', q.cursor);
    return query;
  };
  type Query = ReturnType<typeof base>;
  const deliveredTo = (query: Query, destination: string) =>
    query.where((eb) =>
      eb.exists(
        eb.selectFrom('deliveries as d').select('d.exchange_id').whereRef('d.exchange_id', '=', 'exchanges.id').where('d.destination', '=', destination),
      ),
    );
  // As the sender or an operator: the exchange's own status, time and references.
  const whole = (query: Query) => {
    let narrowed = query;
    if (q.status) narrowed = narrowed.where('exchanges.status', '=', q.status as ExchangeStatus);
    if (q.since) narrowed = narrowed.where('exchanges.updated_at', '>=', q.since);
    if (q.q) narrowed = narrowed.where((eb) => eb.or(REFERENCE_COLUMNS.map((column) => eb(column, '=', q.q as string))));
    if (q.destination) narrowed = deliveredTo(narrowed, q.destination);
    return narrowed;
  };
  const newestFirst = (query: Query, received = false) =>
    query
      .orderBy(received ? 'deliveries.exchange_id' : 'exchanges.id', 'desc')
      .limit(q.limit)
      .execute();

  let rows: Awaited<ReturnType<typeof newestFirst>>;
  if (reader.operator) rows = await newestFirst(whole(base()));
  else {
    // What it sent and what it receives are read apart, each down its own index, and merged: one
    // query with an OR of the two reads every exchange. Asking for its own deliveries leaves out what
    // it sent (a destination is never the sender); asking for another's, what it receives.
    const sent = q.destination !== me ? newestFirst(whole(base().where('exchanges.sender', '=', me))) : Promise.resolve([]);
    let received = base(true).where('exchanges.sender', '<>', me);
    if (q.status) received = received.where('deliveries.status', '=', q.status as DeliveryRow['status']);
    if (q.since) received = received.where('deliveries.updated_at', '>=', q.since);
    if (q.q) received = received.where('exchanges.id', '=', q.q);
    const receives = q.destination === undefined || q.destination === me ? newestFirst(received, true) : Promise.resolve([]);
    const both = (await Promise.all([sent, receives])).flat();
    rows = both.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)).slice(0, q.limit);
  }
  return rows.map(({ delivery_status, delivery_updated_at, ...exchange }): SeenSummary => {
    if (exchange.sender === me) return { role: 'sender', exchange };
    if (reader.operator) return { role: 'operator', exchange };
    return {
      role: 'destination',
      exchange: { id: exchange.id, sender: exchange.sender, kind: exchange.kind, received_at: exchange.received_at },
      delivery: { status: delivery_status!, updated_at: delivery_updated_at! },
    };
  });
}

/** What `q` matches exactly, each column indexed (migration 060). */
const REFERENCE_COLUMNS = ['exchanges.id', 'exchanges.reference', 'exchanges.mrn', 'exchanges.message_id'] as const;

/** What mayReadLpco needs to know of the reader. */
export type LpcoReader = Pick<Participant, 'id' | 'kind' | 'operator' | 'actsFor'>;

/**
 * Whether `reader` may see an e-LPCO of the registry: its issuer, customs administrations (they
 * check declarations against the registry), operators, and the participants that act for its
 * holder. For anyone else it does not exist (callers answer 404, so ids leak nothing).
 */
export function mayReadLpco(reader: LpcoReader, lpco: { issuerParticipant: string; holderId: string }): boolean {
  return reader.operator || reader.kind === 'customs' || lpco.issuerParticipant === reader.id || reader.actsFor.some((a) => a.id === lpco.holderId);
}

/** The same rule as mayReadLpco, for a list: every e-LPCO, or those the reader issued and those of the holders it acts for. */
export function lpcoScopeOf(reader: LpcoReader): { all: true } | { all: false; issuer: string; holders: string[] } {
  if (reader.operator || reader.kind === 'customs') return { all: true };
  return { all: false, issuer: reader.id, holders: reader.actsFor.map((a) => a.id) };
}

/** What controlAccess needs to know of the caller. */
export type ControlReader = Pick<Participant, 'id' | 'kind' | 'operator'>;

/**
 * Who records and reads control results of an exchange (docs/RISK.md, "Control results"):
 * customs with a part in it (its operator or a destination: every controller's results) and a PGA the exchange was routed to, a delivery to it
 * existing (its own results only). Targeting and control findings are confidential: the
 * sender, operators and other destinations know the exchange but control nothing (`controls`
 * undefined: 403); for anyone else it does not exist (undefined: 404).
 */
export async function controlAccess(
  store: Store,
  id: string,
  reader: ControlReader,
): Promise<{ exchange: ExchangeRow; controls?: { sees: 'all' | 'own' } } | undefined> {
  const exchange = await findExchange(store, id);
  const role = exchange && (await roleIn(store, exchange, reader));
  if (!exchange || !role) return undefined;
  // Customs that has a part in the exchange (its operator, or a destination) as seeDecision has it; the sender never.
  if (reader.kind === 'customs' && role !== 'sender') return { exchange, controls: { sees: 'all' } };
  if (reader.kind === 'pga' && role === 'destination') return { exchange, controls: { sees: 'own' } };
  return { exchange };
}
/**
 * Whether `reader` may see who is linked to whom: party networks, a parcel's linked sources and
 * what was paid for it, declarations flagged as misclassified. Personal and commercial data of
 * many traders at once: customs administrations only (an operator runs the gateway, it does not
 * target). Everyone else is refused 403, since these routes name no resource of their own.
 */
export const mayReadPartyLinks = (reader: Pick<Participant, 'kind'>): boolean => reader.kind === 'customs';
