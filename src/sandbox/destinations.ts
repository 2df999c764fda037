import type { Participant } from '../config/types.js';
import { sha256Hex } from '../hashing.js';
import type { Receipt } from '../pipeline/lifecycle.js';
import { newId } from '../store/exchanges.js';

export interface ReceivedDelivery {
  messageId: string;
  exchangeId: string;
  mediaType: string;
  sha256: string;
  bytes: number;
  receivedAt: string;
  /** How often the same message id arrived: at-least-once delivery, recognised here. */
  copies: number;
}

const KEEP_PER_DESTINATION = 1000;

/**
 * The simulated agencies of the sandbox: each keeps what it received (the latest
 * KEEP_PER_DESTINATION) and answers with a receipt bound to the digest of the bytes it got.
 * A message id seen before is answered with the original receipt and not kept twice.
 */
export class SandboxDestinations {
  private readonly received = new Map<string, Map<string, { delivery: ReceivedDelivery; receipt: Receipt }>>();

  constructor(private readonly participants: ReadonlyMap<string, Participant>, private readonly now: () => Date = () => new Date()) {}

  has(participant: string): boolean {
    return this.participants.get(participant)?.endpoint === 'sandbox';
  }

  receive(participant: string, message: { messageId: string; exchangeId: string; mediaType: string; body: Buffer }): Receipt {
    const inbox = this.inboxOf(participant);
    const earlier = inbox.get(message.messageId);
    if (earlier) {
      earlier.delivery.copies += 1;
      return earlier.receipt;
    }
    const receivedAt = this.now().toISOString();
    const sha256 = sha256Hex(message.body);
    const receipt: Receipt = { status: 'accepted', receivedSha256: sha256, receiptId: newId(), issuedBy: participant, issuedAt: receivedAt, findings: [] };
    inbox.set(message.messageId, { delivery: { messageId: message.messageId, exchangeId: message.exchangeId, mediaType: message.mediaType, sha256, bytes: message.body.length, receivedAt, copies: 1 }, receipt });
    if (inbox.size > KEEP_PER_DESTINATION) inbox.delete(inbox.keys().next().value as string);
    return receipt;
  }

  list(participant: string): ReceivedDelivery[] {
    return [...this.inboxOf(participant).values()].map((r) => r.delivery);
  }

  private inboxOf(participant: string) {
    let inbox = this.received.get(participant);
    if (!inbox) this.received.set(participant, (inbox = new Map()));
    return inbox;
  }
}
