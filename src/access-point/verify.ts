import type { X509Certificate } from 'node:crypto';
import { As4Error, as4Error } from '../as4/errors.js';
import { type ReceivedAs4, type ReceiveOptions, receiveAs4 } from '../as4/read.js';

/**
 * A message received and verified as signed by one of `candidates`. A message that carries its
 * certificate (BinarySecurityToken) is verified once, then its signer must be a candidate; one
 * that names its key by SKI or issuer-serial is tried with each candidate in turn (at most the
 * few of a rollover: the configuration caps them).
 */
export function receiveSignedBy(bytes: Buffer, options: ReceiveOptions, candidates: readonly X509Certificate[]): ReceivedAs4 {
  const attempt = (signer?: X509Certificate) => {
    const received = receiveAs4(bytes, { ...options, requireSignature: true, ...(signer ? { signer } : {}) });
    const by = received.signature?.signer;
    if (!by || !candidates.some((c) => c.raw.equals(by.raw)))
      throw as4Error(
        'EBMS:0101',
        `Signed by ${by?.subject.replaceAll('\n', ', ') ?? 'no one'}, which is not a certificate the sending party's configuration lists for this time`,
        received.message.userMessage?.info.messageId ?? received.message.signals[0]?.info.messageId,
      );
    return received;
  };
  try {
    return attempt();
  } catch (error) {
    // Only a message that names its key elsewhere needs the candidates; a BST signer that is not one stays refused.
    if (!(error instanceof As4Error) || error.code !== 'EBMS:0101' || bytes.includes('BinarySecurityToken')) throw error;
    let last: unknown = error;
    for (const candidate of candidates) {
      try {
        return attempt(candidate);
      } catch (next) {
        if (!(next instanceof As4Error) || next.code !== 'EBMS:0101') throw next;
        last = next;
      }
    }
    throw last;
  }
}
