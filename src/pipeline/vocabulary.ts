/**
 * The words every stage of the pipeline shares: what a document is called, how a delivery and
 * its message are named, how a stage records provenance, and how a delivery says "do not try
 * again". Stages import these from here and nothing from a stage upstream of them, so the
 * pipeline's files depend in the order data flows (README.md in this folder). The gateway's own
 * participant id is one word too, GATEWAY_ID in gateway-id.ts: trust/ and sandbox/ need it
 * below the pipeline.
 */
import type { AppendedLeaf, ProvenanceLog } from '../provenance/log.js';
import { buildRecord, type RecordInput } from '../provenance/record.js';
import type { ProvenanceTables } from '../provenance/store.js';
import { tablesOf } from '../store/db.js';
import type { Store } from '../store/exchanges.js';

/** The two forms a declaration is lodged in. */
export type DocumentFormat = 'wco-xml' | 'wco-json';

export const MEDIA_TYPES: Record<DocumentFormat, string> = { 'wco-xml': 'application/xml', 'wco-json': 'application/json' };

/** What an exchange carries (exchanges.kind, an agreement's `when.documentKind`). */
export type DocumentKind = 'declaration' | 'consignment' | 'lpco' | 'lpco-status' | 'transit';

/** The stored WCO JSON form of an XML original, kept so deliveries in WCO JSON need not parse the XML again. */
export const WCO_JSON_DOCUMENT = 'wco-json';

/** One exchange going to one destination, as a queue carries it: references only; the payload stays in the database. */
export interface DeliveryJob {
  exchangeId: string;
  destination: string;
}

export interface DeliveryAttempt {
  /** 1 for the first attempt. */
  number: number;
  /** The attempt after which the delivery gives up. */
  last: number;
}

/**
 * A delivery's message id, `<exchangeId>.<destination>`: the X-Swgate-Message-Id it carries,
 * the MessageId of its envelope, the id its receipt names, and its queue job's id (BullMQ
 * forbids a single ':' in job ids; the queue is per destination already, so the id is as unique
 * as `exchangeId:destination` and makes a second enqueue of the same delivery a no-op).
 */
export const messageIdOf = (delivery: DeliveryJob): string => `${delivery.exchangeId}.${delivery.destination}`;

/** The delivery a message id names, or undefined when it is not of that form (participant ids hold no dot; exchange ids are ULIDs). */
export function deliveryOfMessageId(messageId: string): DeliveryJob | undefined {
  const dot = messageId.lastIndexOf('.');
  if (dot <= 0 || dot === messageId.length - 1) return undefined;
  return { exchangeId: messageId.slice(0, dot), destination: messageId.slice(dot + 1) };
}

/** Thrown by a delivery that must not be tried again (a 4xx answer, say); the queue's edge (runtime/queues.ts) stops retrying it. */
export class FinalDeliveryError extends Error {
  override name = 'FinalDeliveryError';
}

/**
 * Appends records of an exchange's events to the provenance log, inside the transaction (of
 * writeInBatch) that writes the state they record: both commit, or neither.
 */
export type RecordProvenance = (transaction: Store, records: RecordInput[]) => Promise<AppendedLeaf[]>;

/** RecordProvenance into `log`, whose tables live in the exchange store's database. */
export const recordingIn =
  (log: Pick<ProvenanceLog, 'appendIn'>): RecordProvenance =>
  (transaction, records) =>
    log.appendIn(tablesOf<ProvenanceTables>(transaction.db), records.map(buildRecord));
