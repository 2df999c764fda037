import type { X509Certificate } from 'node:crypto';
import { as4Error } from '../as4/errors.js';
import { type ReceivedAs4, type ReceiveOptions, receiveAs4 } from '../as4/read.js';

/**
 * A message received and verified as signed by one of `candidates` (a party's certificates valid
 * at the time; two during a rollover): a BinarySecurityToken must be one of them, an SKI or
 * issuer-serial reference picks its own among them (src/as4). No candidate, no signer.
 */
export function receiveSignedBy(bytes: Buffer, options: ReceiveOptions, candidates: readonly X509Certificate[]): ReceivedAs4 {
  if (candidates.length === 0) throw as4Error('EBMS:0101', "No certificate of the sending party is valid at the message's time");
  return receiveAs4(bytes, { ...options, requireSignature: true, signer: candidates });
}
