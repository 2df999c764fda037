/**
 * What the inbound path calls: verify a partner's signed envelope (XML-DSig or JWS) against
 * that partner's trust store and hand back only what was signed, with the evidence to keep.
 */
import { finding, RejectionError } from '../findings.js';
import { GATEWAY_ID } from '../gateway-id.js';
import { checkAddressedTo, checkSenderIs, readEnvelopeFromTree, readSignedEnvelope, type EnvelopeHeader, type ReadEnvelope } from './envelope.js';
import { C14nDisagreementError } from './xmldsig/exc-c14n.js';
import { verifyJsonEnvelope } from './json-envelope.js';
import type { SigningKey } from './pki/signing-key.js';
import type { SignatureEvidence, TrustDecision, TrustStore } from './pki/trust-store.js';
import { verifyXmlSignature, type XmlVerification, type XmlVerifyOptions } from './xmldsig/xml-verify.js';

export interface VerifiedEnvelope {
  format: 'xml-dsig' | 'jws';
  header: EnvelopeHeader;
  contentType: string;
  /** XML payloads: canonical XML text; base64 payloads: bytes; JSON envelopes: the JSON value. */
  payload: string | Buffer | unknown;
  /** The exact signed bytes (canonical XML of the reference, or canonical JSON). */
  signedContent: string;
  evidence: SignatureEvidence;
  trust: TrustDecision;
}

/**
 * Header and payload from what was signed: from the verified tree when swgate's canonicaliser
 * produced the signed bytes from it (no second parse; envelope.ts argues why that is the same),
 * otherwise, or where the payload's own canonical form would be ambiguous, from the signed bytes.
 */
export function readVerifiedEnvelope(verified: XmlVerification): ReadEnvelope {
  if (verified.signedTree) {
    try {
      return readEnvelopeFromTree(verified.signedTree.root, verified.signedTree.signature);
    } catch (error) {
      if (!(error instanceof C14nDisagreementError)) throw error;
    }
  }
  return readSignedEnvelope(verified.signedXml);
}

export async function verifyInboundEnvelope(
  body: Buffer,
  contentType: string,
  sender: TrustStore,
  xmlOptions: XmlVerifyOptions = {},
  /** The `from` the envelope must name: the partner's id, or what a swgate calls itself (GATEWAY_ID) where AS4 carried it. */
  claimedSender = sender.participantId,
): Promise<VerifiedEnvelope> {
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  if (mediaType === 'application/xml' || mediaType === 'text/xml') {
    const verified = await verifyXmlSignature(body, sender, xmlOptions);
    const envelope = readVerifiedEnvelope(verified);
    checkSenderIs(envelope.header, claimedSender);
    return { format: 'xml-dsig', ...envelope, signedContent: verified.signedXml, evidence: verified.evidence, trust: verified.trust };
  }
  if (mediaType === 'application/jose') {
    // A compact JWS has no whitespace of its own: a trailing newline (as `swgate sign` and most
    // editors leave) or surrounding blanks cannot change what was signed, so they are dropped.
    const verified = await verifyJsonEnvelope(body.toString('utf8').replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, ''), sender, claimedSender);
    return {
      format: 'jws',
      header: verified.envelope.header,
      contentType: 'application/json',
      payload: verified.envelope.payload,
      signedContent: verified.signedJson,
      evidence: verified.evidence,
      trust: verified.trust,
    };
  }
  throw new RejectionError(415, 'Unsupported envelope', [
    finding('envelope.content-type', `signed envelopes are application/xml (XML-DSig) or application/jose (JWS); got ${mediaType}`),
  ]);
}

/** How far an envelope's CreatedAt may be from now: older (or newer) is a replay, or a clock to fix. */
export const REPLAY_WINDOW_MS = 15 * 60_000;

/**
 * A partner's envelope as this gateway acts on it: signed by that partner (its own trust store),
 * addressed to this gateway (a message signed for another party is not ours to act on), and
 * created within REPLAY_WINDOW_MS of `now`.
 */
export async function verifyPartnerEnvelope(
  body: Buffer,
  contentType: string,
  partnerId: string,
  trustStoreOf: (participantId: string) => TrustStore | undefined,
  now: Date,
  /**
   * `as4`: an envelope a partner swgate sealed and sent in an AS4 UserMessage. A swgate seals as
   * GATEWAY_ID, to its own name for this gateway: the signed eb:From and eb:To, checked against
   * the partner's AS4 party, say who sends and to whom; the envelope's signature, checked
   * against the partner's own trust store, that the partner sealed it.
   */
  carriedBy: 'http' | 'as4' = 'http',
): Promise<VerifiedEnvelope> {
  const sender = trustStoreOf(partnerId);
  if (!sender)
    throw new RejectionError(403, 'Forbidden', [finding('trust.no-store', `No trust store is configured for ${partnerId}: its signatures cannot be checked.`)]);
  const verified = await verifyInboundEnvelope(body, contentType, sender, { engine: 'fast' }, carriedBy === 'as4' ? GATEWAY_ID : partnerId);
  if (carriedBy === 'http') checkAddressedTo(verified.header, GATEWAY_ID);
  const created = Date.parse(verified.header.createdAt);
  if (!(Math.abs(now.getTime() - created) <= REPLAY_WINDOW_MS)) {
    throw new RejectionError(422, 'Envelope outside its time window', [
      finding(
        'envelope.outside-window',
        `CreatedAt ${verified.header.createdAt} is more than ${REPLAY_WINDOW_MS / 60_000} minutes from the gateway's clock: a replay, or a clock to set right.`,
        '/header/createdAt',
      ),
    ]);
  }
  return verified;
}

/** The key the gateway signs its receipts to partners with: without one it cannot answer them (503). */
export function receiptKey(gatewayKey: SigningKey | undefined): SigningKey {
  if (!gatewayKey)
    throw new RejectionError(503, 'Gateway key missing', [
      finding('trust.no-gateway-key', 'The gateway has no signing key (certsDir holds none), so it cannot sign receipts.'),
    ]);
  return gatewayKey;
}
