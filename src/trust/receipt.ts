/**
 * Signed receipts (non-repudiation of receipt): the gateway states what it received by the
 * SHA-256 of exactly those bytes and signs the statement. A sender that finds another digest
 * in the receipt than the one of what it sent must treat the message as not delivered.
 */
import type { Finding } from '../findings.js';
import { finding, RejectionError } from '../findings.js';
import { sha256Hex } from '../hashing.js';
import { signCanonicalJson, verifyCanonicalJson } from './jws/jws.js';
import type { SigningKey } from './pki/signing-key.js';
import type { TrustStore } from './pki/trust-store.js';

export type ReceiptStatus = 'accepted' | 'accepted-with-warnings' | 'rejected';

export interface Receipt {
  /** The message the receipt is for. */
  messageId: string;
  /** Who issues the receipt (the gateway) and whom it is for (the sender). */
  from: string;
  to: string;
  status: ReceiptStatus;
  /** SHA-256 (hex) of the bytes exactly as received. */
  receivedSha256: string;
  receivedAt: string;
  findings: Finding[];
}

export function receivedDigest(received: Uint8Array | string): string {
  return sha256Hex(received);
}

export function signReceipt(receipt: Receipt, gatewayKey: SigningKey): Promise<string> {
  return signCanonicalJson(receipt, gatewayKey, 'swgate-receipt+jws');
}

/**
 * Verifies a receipt against the issuer's trust store and, when `sentSha256` is given (see
 * receivedDigest), that the receipt is for exactly the bytes with that digest.
 */
export async function verifyReceipt(jws: string, issuer: TrustStore, sentSha256?: string): Promise<Receipt> {
  const { value } = await verifyCanonicalJson(jws, issuer, 'swgate-receipt+jws');
  const receipt = value as Receipt;
  if (typeof receipt?.receivedSha256 !== 'string' || receipt.from !== issuer.participantId) {
    throw new RejectionError(422, 'Invalid receipt', [finding('receipt.structure', 'receipt lacks a digest or names another issuer')]);
  }
  if (sentSha256 !== undefined && receipt.receivedSha256 !== sentSha256) {
    throw new RejectionError(422, 'Receipt does not match', [
      finding('receipt.digest-mismatch', 'the receipt is for other bytes than were sent: treat as not delivered'),
    ]);
  }
  return receipt;
}
