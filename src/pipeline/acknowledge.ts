import type { Participant } from '../config/types.js';
import { GATEWAY_ID } from '../gateway-id.js';
import { finding, RejectionError } from '../findings.js';
import { findDeliveryWork } from '../store/exchanges.js';
import type { TrustStore } from '../trust/pki/trust-store.js';
import { type Receipt, type ReceiptVerdict, takeReceipt } from './receipts.js';
import { type SettleDeps, settleAndRecord } from './settle.js';
import { deliveryOfMessageId } from './vocabulary.js';

export interface AcknowledgeDeps extends SettleDeps {
  trustStoreOf: (participantId: string) => TrustStore | undefined;
}

export interface Acknowledgement {
  /** The X-Swgate-Message-Id the delivery carried: `<exchangeId>.<destination>`. */
  messageId: string;
  /** A compact JWS (required of destinations with a trust store), or a plain receipt. */
  receipt: string | (Pick<Receipt, 'status' | 'receivedSha256'> & Partial<Receipt>);
}

export interface AcknowledgementResult {
  exchangeId: string;
  deliveryStatus: 'acknowledged' | 'rejected';
  /** True when this acknowledgement had already been recorded. */
  repeated: boolean;
}

/**
 * A destination's receipt that arrives after the delivery: only the destination itself may
 * give it, and only for the exact bytes that were sent to it.
 */
export async function acknowledge(deps: AcknowledgeDeps, from: Participant, ack: Acknowledgement): Promise<AcknowledgementResult> {
  return settleAcknowledged(deps, from, ack.messageId, (destination, sentSha256) =>
    takeReceipt({ messageId: ack.messageId, destination, sentSha256, now: deps.now, trustStore: deps.trustStoreOf(destination) }, ack.receipt),
  );
}

/**
 * A receipt a channel verified in its own terms (an AS4 Receipt signal, signed and naming the
 * digests sent), for a delivery that was left awaiting it: settled as an acknowledgement is.
 */
export function acknowledgeVerified(deps: SettleDeps, from: Participant, messageId: string, receivedAt: string): Promise<AcknowledgementResult> {
  return settleAcknowledged(deps, from, messageId, async (_destination, sentSha256) => ({
    kind: 'receipt',
    receipt: { messageId, from: from.id, to: GATEWAY_ID, status: 'accepted', receivedSha256: sentSha256, receivedAt, findings: [] },
  }));
}

async function settleAcknowledged(
  deps: SettleDeps,
  from: Participant,
  messageId: string,
  verify: (destination: string, sentSha256: string) => Promise<ReceiptVerdict>,
): Promise<AcknowledgementResult> {
  const named = deliveryOfMessageId(messageId);
  if (named?.destination !== from.id) {
    throw new RejectionError(403, 'Forbidden', [
      finding('acknowledgement.not-yours', `Message ${messageId} was not delivered to ${from.id}; only its destination may acknowledge it.`, '/messageId'),
    ]);
  }
  const { exchangeId, destination } = named;
  const work = await findDeliveryWork(deps.store, exchangeId, destination);
  if (!work) throw new RejectionError(404, 'Not found', [finding('acknowledgement.unknown-message', `No delivery has message id ${messageId}.`, '/messageId')]);
  const { delivery, original } = work;

  if (delivery.status === 'failed') {
    throw new RejectionError(409, 'Delivery failed', [
      finding('acknowledgement.failed-delivery', `Delivery ${messageId} had failed; an operator must retry it before it can be acknowledged.`),
    ]);
  }
  // Nothing sent, no bytes a receipt could name: an empty digest must not stand for them.
  if (delivery.sent_sha256 === null) {
    throw new RejectionError(409, 'Delivery not sent', [
      finding('acknowledgement.not-sent', `Delivery ${messageId} has not been sent yet; there is nothing to acknowledge.`),
    ]);
  }
  const verdict = await verify(destination, delivery.sent_sha256);
  if (verdict.kind !== 'receipt') throw new RejectionError(422, 'Receipt not accepted', [finding('acknowledgement.receipt', verdict.error, '/receipt')]);
  const receipt = verdict.receipt;

  const deliveryStatus = receipt.status === 'rejected' ? 'rejected' : 'acknowledged';
  if (delivery.status === 'acknowledged' || delivery.status === 'rejected') {
    const earlier = delivery.receipt ? (JSON.parse(delivery.receipt) as Receipt) : undefined;
    if (earlier?.status === receipt.status) return { exchangeId, deliveryStatus, repeated: true };
    throw new RejectionError(409, 'Already acknowledged', [
      finding('acknowledgement.conflict', `Message ${messageId} was already ${delivery.status}; a receipt cannot be changed.`, '/receipt/status'),
    ]);
  }
  const settled = await settleAndRecord(deps, exchangeId, destination, {
    status: deliveryStatus,
    receipt,
    lastError: null,
    from: ['queued', 'in-flight', 'retrying', 'delivered'],
    sentSha256: receipt.receivedSha256,
    originalSha256: original.sha256,
  });
  // The delivery moved on meanwhile (another acknowledgement, a failure): answer as for that.
  if (!settled.applied) return settleAcknowledged(deps, from, messageId, verify);
  return { exchangeId, deliveryStatus, repeated: false };
}
