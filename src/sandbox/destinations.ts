import { createHash, timingSafeEqual } from 'node:crypto';
import type { Participant } from '../config/types.js';
import { GATEWAY_ID } from '../gateway-id.js';
import { sha256Hex } from '../hashing.js';
import type { Receipt } from '../trust/receipt.js';

/** What `X-Sandbox-Scenario` may ask the simulated destinations to do (API.md, Sandbox). */
export const SANDBOX_SCENARIOS = ['accept', 'warn', 'reject', 'slow', 'fail-once', 'fail-always'] as const;
export type SandboxScenario = (typeof SANDBOX_SCENARIOS)[number];

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

export interface DestinationAnswer {
  status: number;
  body: unknown;
  mediaType: string;
}

/** A receipt as a destination gives it: signed (compact JWS) when the destination has a key, else plain. */
export type GivenReceipt = string | Receipt;

/** How a simulated destination sends a receipt later, as POST /v1/acknowledgements would. */
export type LateAcknowledgement = (participant: string, messageId: string, receipt: GivenReceipt) => Promise<void>;

/** Signs a destination's receipt with its own key; undefined when it has none. */
export type ReceiptSigner = (participant: string, receipt: Receipt) => Promise<string> | undefined;

/** The header with which the gateway's own deliveries prove themselves to the simulated agencies. */
export const SANDBOX_DELIVERY_HEADER = 'x-swgate-sandbox-key';

export interface SandboxLimits {
  /** Deliveries (and their receipts) kept per destination; the oldest goes first. */
  keepPerDestination: number;
  /** Message ids remembered for `fail-once`. */
  rememberedFailures: number;
  /** `slow` receipts waiting to be sent; past this the agency answers 503 (busy). */
  pendingAcknowledgements: number;
}

const DEFAULT_LIMITS: SandboxLimits = { keepPerDestination: 1000, rememberedFailures: 10_000, pendingAcknowledgements: 1000 };
const SLOW_ACKNOWLEDGEMENT_MS = 1000;

export interface SandboxOptions {
  /** What the gateway's deliveries carry in SANDBOX_DELIVERY_HEADER; nothing else is received. */
  secret: string;
  acknowledgeLater?: LateAcknowledgement;
  sign?: ReceiptSigner;
  now?: () => Date;
  limits?: Partial<SandboxLimits>;
}

const digestOf = (text: string) => createHash('sha256').update(text).digest();

/**
 * The simulated agencies of the sandbox. Each receives only the gateway's own deliveries (they
 * carry the sandbox secret: otherwise anyone could have a delivery the gateway never made signed
 * as received), keeps what it received (the latest keepPerDestination), answers as the scenario
 * says with a receipt bound to the digest of the bytes it got, and answers a message id it has
 * seen with its original receipt. Everything it keeps is capped (SandboxLimits).
 */
export class SandboxDestinations {
  private readonly received = new Map<string, Map<string, { delivery: ReceivedDelivery; receipt: GivenReceipt }>>();
  private readonly failedOnce = new Set<string>();
  private pending = 0;
  private readonly secretDigest: Buffer;
  private readonly limits: SandboxLimits;
  private readonly acknowledgeLater: LateAcknowledgement;
  private readonly sign: ReceiptSigner;
  private readonly now: () => Date;

  constructor(
    private readonly participants: ReadonlyMap<string, Participant>,
    options: SandboxOptions,
  ) {
    this.secretDigest = digestOf(options.secret);
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.acknowledgeLater = options.acknowledgeLater ?? (async () => {});
    this.sign = options.sign ?? (() => undefined);
    this.now = options.now ?? (() => new Date());
  }

  /** Whether `presented` is the sandbox secret; compared as digests, in constant time. */
  admits(presented: string | undefined): boolean {
    return presented !== undefined && timingSafeEqual(digestOf(presented), this.secretDigest);
  }

  /** What is held now, for the caps to be checked. */
  held(): { deliveries: number; rememberedFailures: number; pendingAcknowledgements: number } {
    let deliveries = 0;
    for (const inbox of this.received.values()) deliveries += inbox.size;
    return { deliveries, rememberedFailures: this.failedOnce.size, pendingAcknowledgements: this.pending };
  }

  has(participant: string): boolean {
    return this.participants.get(participant)?.endpoint === 'sandbox';
  }

  async receive(
    participant: string,
    message: { messageId: string; exchangeId: string; mediaType: string; body: Buffer; scenario?: SandboxScenario },
  ): Promise<DestinationAnswer> {
    const scenario = message.scenario ?? 'accept';
    const key = `${participant}/${message.messageId}`;
    if (scenario === 'fail-always' || (scenario === 'fail-once' && !this.failedOnce.has(key))) {
      this.failedOnce.add(key);
      if (this.failedOnce.size > this.limits.rememberedFailures) this.failedOnce.delete(this.failedOnce.values().next().value as string);
      return { status: 503, body: { title: 'Simulated outage', scenario }, mediaType: 'application/json' };
    }

    const inbox = this.inboxOf(participant);
    const earlier = inbox.get(message.messageId);
    if (earlier) {
      earlier.delivery.copies += 1;
      return answerWith(200, earlier.receipt);
    }
    const slow = scenario === 'slow';
    if (slow) {
      if (this.pending >= this.limits.pendingAcknowledgements)
        return { status: 503, body: { title: 'Simulated agency busy', scenario }, mediaType: 'application/json' };
      // Reserved before signing is awaited, so deliveries arriving meanwhile cannot overshoot the cap.
      this.pending++;
    }
    const receivedAt = this.now().toISOString();
    const sha256 = sha256Hex(message.body);
    const plain = receiptFor(scenario, { messageId: message.messageId, from: participant, to: GATEWAY_ID, receivedSha256: sha256, receivedAt });
    let receipt: GivenReceipt;
    try {
      receipt = (await this.sign(participant, plain)) ?? plain;
    } catch (error) {
      if (slow) this.pending--;
      throw error;
    }
    inbox.set(message.messageId, {
      delivery: {
        messageId: message.messageId,
        exchangeId: message.exchangeId,
        mediaType: message.mediaType,
        sha256,
        bytes: message.body.length,
        receivedAt,
        copies: 1,
      },
      receipt,
    });
    if (inbox.size > this.limits.keepPerDestination) inbox.delete(inbox.keys().next().value as string);

    if (slow) {
      setTimeout(() => {
        void this.acknowledgeLater(participant, message.messageId, receipt)
          .catch(() => {})
          .finally(() => this.pending--);
      }, SLOW_ACKNOWLEDGEMENT_MS).unref();
      return { status: 202, body: { status: 'pending' }, mediaType: 'application/json' };
    }
    return answerWith(200, receipt);
  }

  list(participant: string): ReceivedDelivery[] {
    return [...this.inboxOf(participant).values()].map((r) => r.delivery);
  }

  private inboxOf(participant: string) {
    let inbox = this.received.get(participant);
    if (!inbox) {
      inbox = new Map();
      this.received.set(participant, inbox);
    }
    return inbox;
  }
}

const answerWith = (status: number, receipt: GivenReceipt): DestinationAnswer =>
  typeof receipt === 'string' ? { status, body: receipt, mediaType: 'application/jose' } : { status, body: receipt, mediaType: 'application/json' };

function receiptFor(scenario: SandboxScenario, base: Omit<Receipt, 'status' | 'findings'>): Receipt {
  if (scenario === 'warn') {
    return {
      ...base,
      status: 'accepted-with-warnings',
      findings: [
        { severity: 'warning', code: 'sandbox.warning', message: 'Accepted; the simulated agency notes a warning (X-Sandbox-Scenario: warn).', path: '' },
      ],
    };
  }
  if (scenario === 'reject') {
    return {
      ...base,
      status: 'rejected',
      findings: [{ severity: 'error', code: 'sandbox.rejected', message: 'The simulated agency refuses the document (X-Sandbox-Scenario: reject).', path: '' }],
    };
  }
  return { ...base, status: 'accepted', findings: [] };
}
