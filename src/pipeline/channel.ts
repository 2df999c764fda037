import type { Agreement, Participant, Transport } from '../config/types.js';
import type { Finding } from '../findings.js';
import type { OutboundMessage } from '../routing/transport.js';
import type { Receipt, ReceiptContext } from './receipts.js';

/** What one attempt at a delivery came to, whatever the channel: a receipt, a promise of one, a refusal, or a reason to retry. */
export type DeliveryOutcome =
  | { kind: 'receipt'; receipt: Receipt }
  | { kind: 'awaiting-acknowledgement' }
  | { kind: 'refused'; error: string; findings: Finding[] }
  | { kind: 'retry'; error: string };

/**
 * One attempt handed to a channel: the sealed document as swgate's own transport would POST it
 * (`message`: body, media type, the exchange and message ids in its headers, the timeout, mTLS),
 * and what a receipt must hold for (`receipt`: message id, destination, digest of what is sent).
 */
export interface ChannelDelivery {
  message: OutboundMessage;
  receipt: ReceiptContext;
  exchangeId: string;
  documentKind: string;
  agreement: Agreement;
  destination: Participant;
}

/**
 * A way of carrying a delivery other than swgate's own envelope over HTTP (the agreement's
 * `transport`). A channel answers with the outcome; a TransportError it throws is a retry, like
 * a lost connection on the swgate transport. Mapping, sealing, retries, settling and provenance
 * stay the pipeline's, whatever the channel.
 */
export type Channel = (delivery: ChannelDelivery) => Promise<DeliveryOutcome>;

/** The channels a gateway was started with, by transport; swgate's own is the pipeline's `send`. */
export type Channels = Partial<Record<Exclude<Transport, 'swgate'>, Channel>>;
