import { GATEWAY_ID } from '../gateway-id.js';
import { type Finding, RejectionError } from '../findings.js';
import { type Receipt, verifyReceipt } from '../trust/receipt.js';
import type { TrustStore } from '../trust/pki/trust-store.js';

export type { Receipt };

const STATUSES: ReadonlySet<string> = new Set(['accepted', 'accepted-with-warnings', 'rejected']);

/** Which delivery a receipt answers, and how to check it. */
export interface ReceiptContext {
  messageId: string;
  destination: string;
  /** SHA-256 (hex) of the bytes sent: a receipt counts only for exactly these. */
  sentSha256: string;
  /** The destination's trust store: when it has one, only a receipt it signed counts. */
  trustStore?: TrustStore | undefined;
  now: () => Date;
}

export type ReceiptVerdict = { kind: 'receipt'; receipt: Receipt } | { kind: 'retry'; error: string };

const unknownStatus = (status: unknown): ReceiptVerdict => ({ kind: 'retry', error: `the receipt has an unknown status "${String(status)}"` });

const SEVERITIES: ReadonlySet<unknown> = new Set(['error', 'warning', 'info']);

/** The shape POST /v1/acknowledgements' schema asks of a finding, for a receipt that came with the delivery's answer. */
function isFinding(given: unknown): given is Finding {
  const candidate = given as Partial<Record<keyof Finding, unknown>> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    SEVERITIES.has(candidate.severity) &&
    [candidate.code, candidate.message, candidate.path].every((field) => typeof field === 'string') &&
    (candidate.xpath === undefined || typeof candidate.xpath === 'string')
  );
}

/**
 * A destination's receipt, as a compact JWS or a plain JSON object. A destination with a trust
 * store must sign it (verified against that store and the bytes sent); a plain receipt is taken
 * only from one without. Either way it must name the digest of exactly what was sent.
 */
export async function takeReceipt(ctx: ReceiptContext, given: string | object | undefined): Promise<ReceiptVerdict> {
  if (typeof given === 'string') {
    if (!ctx.trustStore) return { kind: 'retry', error: `${ctx.destination} signed its receipt, but no trust store is configured to check it` };
    try {
      const receipt = await verifyReceipt(given, ctx.trustStore, ctx.sentSha256);
      if (receipt.messageId !== ctx.messageId) return { kind: 'retry', error: `the receipt is for message ${receipt.messageId}, not ${ctx.messageId}` };
      // A signature proves who said it, not that it says something the delivery's status can follow from.
      if (!STATUSES.has(receipt.status)) return unknownStatus(receipt.status);
      return { kind: 'receipt', receipt };
    } catch (error) {
      if (!(error instanceof RejectionError)) throw error;
      return { kind: 'retry', error: `the receipt does not hold: ${error.findings.map((f) => f.message).join('; ')}` };
    }
  }
  if (ctx.trustStore) return { kind: 'retry', error: `${ctx.destination} must sign its receipts; an unsigned one proves nothing` };
  const plain = (given ?? {}) as Partial<Receipt>;
  if (!STATUSES.has(plain.status as string)) return unknownStatus(plain.status);
  if (plain.receivedSha256 !== ctx.sentSha256)
    return { kind: 'retry', error: `the receipt's digest ${String(plain.receivedSha256)} does not match what was sent (${ctx.sentSha256})` };
  // Kept as the receipt the exchange shows: a time that is not one, or findings that are not, would stand there as given.
  if (plain.receivedAt !== undefined && (typeof plain.receivedAt !== 'string' || Number.isNaN(Date.parse(plain.receivedAt))))
    return { kind: 'retry', error: `the receipt's receivedAt "${String(plain.receivedAt).slice(0, 100)}" is not a date-time` };
  if (plain.findings !== undefined && !(Array.isArray(plain.findings) && plain.findings.every(isFinding)))
    return { kind: 'retry', error: "the receipt's findings are not a list of findings (severity, code, message, path)" };
  return {
    kind: 'receipt',
    receipt: {
      messageId: ctx.messageId,
      from: ctx.destination,
      to: GATEWAY_ID,
      status: plain.status as Receipt['status'],
      receivedSha256: plain.receivedSha256,
      receivedAt: plain.receivedAt ?? ctx.now().toISOString(),
      findings: plain.findings ?? [],
    },
  };
}
