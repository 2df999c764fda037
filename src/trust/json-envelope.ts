/** The JSON form of the envelope: `{header, payload}` signed as a JWS over its RFC 8785 form. */
import { finding, RejectionError } from '../findings.js';
import { checkEnvelopeHeader, checkSenderIs, type EnvelopeHeader } from './envelope.js';
import { signCanonicalJson, verifyCanonicalJson, type JwsVerification } from './jws/jws.js';
import type { SigningKey } from './pki/signing-key.js';
import type { TrustStore } from './pki/trust-store.js';

export interface JsonEnvelope {
  header: EnvelopeHeader;
  payload: unknown;
}

export function signJsonEnvelope(envelope: JsonEnvelope, key: SigningKey): Promise<string> {
  checkEnvelopeHeader(envelope.header);
  return signCanonicalJson(envelope, key, 'swgate-envelope+jws');
}

/** `claimedSender`: the `from` the envelope must name (the store's participant, unless the carrier says otherwise: AS4). */
export async function verifyJsonEnvelope(
  jws: string,
  store: TrustStore,
  claimedSender = store.participantId,
): Promise<JwsVerification & { envelope: JsonEnvelope }> {
  const verification = await verifyCanonicalJson(jws, store, 'swgate-envelope+jws');
  const envelope = verification.value as Partial<JsonEnvelope> | null;
  if (typeof envelope !== 'object' || envelope === null || typeof envelope.header !== 'object' || !('payload' in envelope)) {
    throw new RejectionError(422, 'Invalid envelope', [finding('envelope.structure', 'expected {header, payload}')]);
  }
  checkEnvelopeHeader(envelope.header as EnvelopeHeader);
  checkSenderIs(envelope.header as EnvelopeHeader, claimedSender);
  return { ...verification, envelope: envelope as JsonEnvelope };
}
