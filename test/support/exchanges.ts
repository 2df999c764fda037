import { sha256Hex } from '../../src/hashing.js';
import type { DeliveryStatus, ExchangeStatus } from '../../src/store/exchange-tables.js';
import { insertAcceptedExchange, newId, type Store } from '../../src/store/exchanges.js';

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
  const at = spec.at ?? '2026-11-29T00:00:00.000Z';
  const { id } = spec;
  const original = `<Declaration id="${id}" from="${spec.sender}"/>`;
  const document = (name: string, content: string, mediaType = 'application/xml') => ({
    exchange_id: id,
    name,
    media_type: mediaType,
    sha256: sha256Hex(content),
    content,
    created_at: at,
  });
  const copies = spec.destinations.filter((d) => !spec.sentOriginal?.includes(d)).map((d) => document(`to-${d}`, `<Copy for="${d}" of="${id}"/>`));
  const sentSha256 = (d: string) => copies.find((c) => c.name === `to-${d}`)?.sha256 ?? sha256Hex(original);
  await insertAcceptedExchange(store, {
    exchange: {
      id,
      sender: spec.sender,
      kind: 'declaration',
      format: 'wco-xml',
      status: 'delivered',
      content_sha256: sha256Hex(original),
      message_id: `LRN-${id}`,
      idempotency_key: null,
      scenario: null,
      facts: '{"hsCodes":["060110"]}',
      findings: '[]',
      received_at: at,
      updated_at: at,
      end_handled_at: null,
    },
    documents: [document('original', original), document('wco-json', JSON.stringify({ id }), 'application/json'), ...copies],
    deliveries: spec.destinations.map((d) => ({
      exchange_id: id,
      destination: d,
      agreement_id: `to-${d}`,
      format: 'wco-xml',
      mapping: null,
      status: 'acknowledged' as const,
      attempts: 1,
      last_error: null,
      sent_sha256: sentSha256(d),
      receipt: JSON.stringify({ status: 'accepted', receivedSha256: sentSha256(d), issuedBy: d }),
      updated_at: at,
    })),
    events: [
      { event: 'received', at, detail: { sender: spec.sender } },
      { event: 'routed', at, detail: { deliveries: spec.destinations.map((destination) => ({ destination })) } },
      ...spec.destinations.map((destination) => ({ event: 'acknowledged', at, destination, detail: { issuedBy: destination } })),
    ],
  });
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
  options: { status?: ExchangeStatus; at?: string } = {},
): Promise<{ id: string; originalSha256: string }> {
  const id = newId();
  const at = options.at ?? '2026-11-29T00:00:00.000Z';
  const original = `<Declaration id="${id}"/>`;
  const originalSha256 = sha256Hex(original);
  await insertAcceptedExchange(store, {
    exchange: {
      id,
      sender: 'trader-demo',
      kind: 'declaration',
      format: 'wco-xml',
      status: options.status ?? 'routed',
      content_sha256: originalSha256,
      message_id: null,
      idempotency_key: null,
      scenario: null,
      facts: '{}',
      findings: '[]',
      received_at: at,
      updated_at: at,
      end_handled_at: null,
    },
    documents: [{ exchange_id: id, name: 'original', media_type: 'application/xml', sha256: originalSha256, content: original, created_at: at }],
    deliveries: deliveries.map((d) => ({
      exchange_id: id,
      destination: d.destination,
      agreement_id: `to-${d.destination}`,
      format: 'wco-xml',
      mapping: null,
      status: d.status,
      attempts: d.status === 'queued' ? 0 : 1,
      last_error: null,
      sent_sha256: d.sentSha256 === undefined ? originalSha256 : d.sentSha256,
      receipt: d.receipt ?? null,
      updated_at: d.updatedAt ?? at,
    })),
    events: [],
  });
  return { id, originalSha256 };
}
