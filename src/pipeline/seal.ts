import { sha256Hex } from '../hashing.js';
import type { EnvelopeHeader } from '../trust/envelope.js';
import { base64Payload } from '../trust/envelope.js';
import { signJsonEnvelope } from '../trust/json-envelope.js';
import type { SigningKey } from '../trust/pki/signing-key.js';
import { signEnvelopeXmlParts } from '../trust/xml-sign.js';

export interface GatewayKeys {
  ecdsa: SigningKey;
  rsa: SigningKey;
}

export type SigningAlgorithm = 'ecdsa-p256' | 'rsa-sha256';

export interface Sealed {
  body: string | Buffer;
  mediaType: string;
  key: SigningKey;
  /** SHA-256 (hex) of `body`. */
  sha256: string;
  /** An XML envelope: itself without the base64 text of the document it carries, and where (in bytes) that text goes. */
  withoutPayload?: { text: string; offset: number };
}

/**
 * A document in a signed envelope: JSON as JWS (application/jose) over its RFC 8785 form;
 * anything else XML-DSig (application/xml) with the document carried byte for byte as base64,
 * so it needs no canonicalisation and its digest survives any XML stack.
 */
export async function seal(
  keys: GatewayKeys,
  document: { body: string | Buffer; mediaType: string },
  header: EnvelopeHeader,
  algorithm: SigningAlgorithm = 'ecdsa-p256',
): Promise<Sealed> {
  const key = algorithm === 'rsa-sha256' ? keys.rsa : keys.ecdsa;
  if (document.mediaType === 'application/json') {
    const body = await signJsonEnvelope({ header, payload: JSON.parse(document.body.toString()) as unknown }, key);
    return { body, mediaType: 'application/jose', key, sha256: sha256Hex(body) };
  }
  const { head, payload, tail, sha256 } = signEnvelopeXmlParts(
    header,
    base64Payload(typeof document.body === 'string' ? Buffer.from(document.body) : document.body, document.mediaType),
    key,
  );
  // Bytes, not one string: the base64 text is ASCII already, and a 60 KB string would be encoded
  // again to be hashed and again to be sent.
  const headBytes = Buffer.from(head);
  return {
    body: Buffer.concat([headBytes, payload.canonicalBytes, Buffer.from(tail)]),
    mediaType: 'application/xml',
    key,
    sha256,
    withoutPayload: { text: head + tail, offset: headBytes.length },
  };
}
