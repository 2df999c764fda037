/**
 * Template signing for envelopes swgate writes itself. The envelope is emitted already in
 * exclusive-canonical form, so the reference digest is a hash of its parts as written and the
 * SignedInfo is a fixed template with two values filled in: no DOM, no XPath, no c14n pass.
 * Tests check every output against xml-crypto and `xmlsec1 --verify`.
 */
import { createHash } from 'node:crypto';
import { DSIG_NS, ENVELOPED_SIGNATURE, EXC_C14N, SHA256_URI, signBytes } from './xmldsig/algorithms.js';
import { canonicalEnvelopeHead, ENVELOPE_END_TAG, PAYLOAD_END_TAG, rootIdFor, type EnvelopeHeader, type EnvelopePayload } from './envelope.js';
import { SIGNING_ALGORITHMS, type SigningKey } from './pki/signing-key.js';

/** SignedInfo with its namespace declaration, as exclusive c14n renders it when signing. */
function canonicalSignedInfo(signatureAlgorithm: string, referenceUri: string, digestValue: string): string {
  return (
    `<ds:SignedInfo xmlns:ds="${DSIG_NS}">` +
    `<ds:CanonicalizationMethod Algorithm="${EXC_C14N}"></ds:CanonicalizationMethod>` +
    `<ds:SignatureMethod Algorithm="${signatureAlgorithm}"></ds:SignatureMethod>` +
    `<ds:Reference URI="${referenceUri}"><ds:Transforms>` +
    `<ds:Transform Algorithm="${ENVELOPED_SIGNATURE}"></ds:Transform>` +
    `<ds:Transform Algorithm="${EXC_C14N}"></ds:Transform></ds:Transforms>` +
    `<ds:DigestMethod Algorithm="${SHA256_URI}"></ds:DigestMethod>` +
    `<ds:DigestValue>${digestValue}</ds:DigestValue></ds:Reference></ds:SignedInfo>`
  );
}

const SIGNED_INFO_NAMESPACE = ` xmlns:ds="${DSIG_NS}"`;

/** A signed envelope in three parts: what precedes the payload's text, the payload, what follows. */
export interface SignedEnvelopeParts {
  head: string;
  payload: EnvelopePayload;
  tail: string;
  /** SHA-256 (hex) of the whole signed envelope. */
  sha256: string;
}

export function signEnvelopeXml(header: EnvelopeHeader, payload: EnvelopePayload, key: SigningKey): string {
  const { head, tail } = signEnvelopeXmlParts(header, payload, key);
  return head + payload.canonical + tail;
}

/** The signed envelope in parts, so that a large payload can be sent and stored without copying it into one string. */
export function signEnvelopeXmlParts(header: EnvelopeHeader, payload: EnvelopePayload, key: SigningKey): SignedEnvelopeParts {
  const head = canonicalEnvelopeHead(header, payload);
  // The reference digest and the envelope's own digest share everything up to the payload's end:
  // hashed once, the state copied (the payload is most of the bytes).
  const throughPayload = createHash('sha256').update(head, 'utf8').update(payload.canonicalBytes);
  const envelopeDigest = throughPayload.copy();
  const digestValue = throughPayload.update(PAYLOAD_END_TAG + ENVELOPE_END_TAG, 'utf8').digest('base64');
  const signatureAlgorithm = SIGNING_ALGORITHMS[key.algorithm].uri;
  const signedInfo = canonicalSignedInfo(signatureAlgorithm, `#${rootIdFor(header.messageId)}`, digestValue);
  const signatureValue = signBytes(signatureAlgorithm, signedInfo, key.privateKey).toString('base64');
  // In the document the ds prefix is declared once, on ds:Signature.
  const signature =
    `<ds:Signature xmlns:ds="${DSIG_NS}">${signedInfo.replace(SIGNED_INFO_NAMESPACE, '')}` +
    `<ds:SignatureValue>${signatureValue}</ds:SignatureValue>` +
    `<ds:KeyInfo><ds:X509Data><ds:X509Certificate>${key.certificateBase64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>` +
    `</ds:Signature>`;
  const tail = PAYLOAD_END_TAG + signature + ENVELOPE_END_TAG;
  return { head, payload, tail, sha256: envelopeDigest.update(tail, 'utf8').digest('hex') };
}
