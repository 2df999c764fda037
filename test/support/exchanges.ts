import { sha256Hex } from '../../src/hashing.js';
import type { DeliveryRow, DeliveryStatus, DocumentRow, ExchangeRow, ExchangeStatus } from '../../src/store/exchange-tables.js';
import { type AcceptedExchange, insertAcceptedExchange, type NewEvent, newId, type Store } from '../../src/store/exchanges.js';

const AT = '2026-11-29T00:00:00.000Z';
const ORIGINAL = '<x/>';

/** An `exchanges` row: a declaration from trader-demo in WCO XML, routed, with no facts or findings, unless overridden. */
export const exchangeRow = (id: string, overrides: Partial<ExchangeRow> = {}): ExchangeRow => ({
  id,
  sender: 'trader-demo',
  kind: 'declaration',
  format: 'wco-xml',
  status: 'routed',
  content_sha256: sha256Hex(ORIGINAL),
  message_id: null,
  idempotency_key: null,
  scenario: null,
  facts: '{}',
  findings: '[]',
  received_at: AT,
  updated_at: AT,
  end_handled_at: null,
  reference: null,
  mrn: null,
  ...overrides,
});

/** A `documents` row holding `content` (XML unless overridden), under its own digest. */
const documentRow = (exchangeId: string, name: string, content: string, overrides: Partial<DocumentRow> = {}): DocumentRow => ({
  exchange_id: exchangeId,
  name,
  media_type: 'application/xml',
  sha256: sha256Hex(content),
  content,
  created_at: AT,
  ...overrides,
});

/** A `deliveries` row by the agreement `to-<destination>` in WCO XML: queued, not attempted yet, unless overridden. */
const deliveryRow = (exchangeId: string, destination: string, overrides: Partial<DeliveryRow> = {}): DeliveryRow => ({
  exchange_id: exchangeId,
  destination,
  agreement_id: `to-${destination}`,
  format: 'wco-xml',
  mapping: null,
  status: 'queued',
  attempts: 0,
  last_error: null,
  sent_sha256: null,
  receipt: null,
  updated_at: AT,
  received_at: AT,
  delivered_at: null,
  final_at: null,
  ...overrides,
});

export interface AcceptedExchangeSpec {
  /** When it was received, and when each of its rows was last written. */
  at?: string | undefined;
  exchange?: Partial<ExchangeRow>;
  /** The original document: `<x/>` as XML unless overridden; the exchange's content digest is its digest unless that is overridden. */
  original?: Partial<DocumentRow>;
  /** Documents stored after the original. */
  documents?: Array<Pick<DocumentRow, 'name' | 'content'> & Partial<DocumentRow>>;
  deliveries?: Array<Pick<DeliveryRow, 'destination'> & Partial<DeliveryRow>>;
  events?: NewEvent[];
}

/** What insertAcceptedExchange takes: the exchange, its original and further documents, its deliveries and events, all at `at`. */
export function acceptedExchange(id: string, spec: AcceptedExchangeSpec = {}): AcceptedExchange {
  const at = spec.at ?? AT;
  const original = documentRow(id, 'original', spec.original?.content ?? ORIGINAL, { created_at: at, ...spec.original });
  return {
    exchange: exchangeRow(id, { content_sha256: original.sha256, received_at: at, updated_at: at, ...spec.exchange }),
    documents: [original, ...(spec.documents ?? []).map((d) => documentRow(id, d.name, d.content, { created_at: at, ...d }))],
    deliveries: (spec.deliveries ?? []).map((d) => deliveryRow(id, d.destination, { updated_at: at, ...d })),
    events: spec.events ?? [],
  };
}

export interface StoredExchangeSpec {
  id: string;
  sender: string;
  /** Each gets a delivery, acknowledged, with its own `to-<destination>` copy and timeline entry. */
  destinations: string[];
  /** Destinations sent the original unchanged (no copy of their own). */
  sentOriginal?: string[];
  at?: string;
}

/** An exchange as ingest and delivery leave it: original, WCO JSON, each destination's copy, deliveries and timeline. */
export async function storeExchange(store: Store, spec: StoredExchangeSpec): Promise<void> {
  const { id } = spec;
  const at = spec.at ?? AT;
  const original = `<Declaration id="${id}" from="${spec.sender}"/>`;
  const copies = spec.destinations.filter((d) => !spec.sentOriginal?.includes(d)).map((d) => ({ name: `to-${d}`, content: `<Copy for="${d}" of="${id}"/>` }));
  const sentSha256 = (d: string) => sha256Hex(copies.find((c) => c.name === `to-${d}`)?.content ?? original);
  await insertAcceptedExchange(
    store,
    acceptedExchange(id, {
      at,
      exchange: { sender: spec.sender, status: 'delivered', message_id: `LRN-${id}`, facts: '{"hsCodes":["060110"]}' },
      original: { content: original },
      documents: [{ name: 'wco-json', content: JSON.stringify({ id }), media_type: 'application/json' }, ...copies],
      deliveries: spec.destinations.map((d) => ({
        destination: d,
        status: 'acknowledged',
        attempts: 1,
        sent_sha256: sentSha256(d),
        receipt: JSON.stringify({ status: 'accepted', receivedSha256: sentSha256(d), issuedBy: d }),
      })),
      events: [
        { event: 'received', at, detail: { sender: spec.sender } },
        { event: 'routed', at, detail: { deliveries: spec.destinations.map((destination) => ({ destination })) } },
        ...spec.destinations.map((destination) => ({ event: 'acknowledged', at, destination, detail: { issuedBy: destination } })),
      ],
    }),
  );
}

export interface DeliverySpec {
  destination: string;
  status: DeliveryStatus;
  /** What was sent to it; null for a delivery not attempted yet. The original's digest when left out. */
  sentSha256?: string | null;
  receipt?: string | null;
  updatedAt?: string;
}

/** An exchange in the middle of delivery (`routed` unless told), the original stored, each delivery where the spec puts it; by the agreement `to-<destination>`. */
export async function storeRoutedExchange(
  store: Store,
  deliveries: DeliverySpec[],
  options: { status?: ExchangeStatus; at?: string; endHandledAt?: string | null } = {},
): Promise<{ id: string; originalSha256: string }> {
  const id = newId();
  const original = `<Declaration id="${id}"/>`;
  const originalSha256 = sha256Hex(original);
  await insertAcceptedExchange(
    store,
    acceptedExchange(id, {
      at: options.at,
      exchange: { status: options.status ?? 'routed', end_handled_at: options.endHandledAt ?? null },
      original: { content: original },
      deliveries: deliveries.map((d) => ({
        destination: d.destination,
        status: d.status,
        attempts: d.status === 'queued' ? 0 : 1,
        sent_sha256: d.sentSha256 === undefined ? originalSha256 : d.sentSha256,
        receipt: d.receipt ?? null,
        ...(d.updatedAt ? { updated_at: d.updatedAt } : {}),
      })),
    }),
  );
  return { id, originalSha256 };
}
