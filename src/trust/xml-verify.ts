/**
 * Verifying a partner's XML signature, exactly SECURITY.md's recipe:
 * 1 limits + DOCTYPE + strict parse, 2 shape, 3 a fresh SignedXml per message whose only key
 * is a certificate the sender's trust store accepts, 4 business data only from the canonical
 * bytes of the single signed reference, 5 evidence.
 */
import { createHash } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { finding, RejectionError } from '../findings.js';
import type { XmlLimits } from '../documents/xml/parse.js';
import {
  algorithmFitsKey,
  ENVELOPED_SIGNATURE,
  EXC_C14N,
  expectedSignatureLength,
  xmlCryptoHashAlgorithms,
  xmlCryptoSignatureAlgorithms,
} from './algorithms.js';
import { decideTrust, parseCertificate, type TrustDecision, type TrustStore } from './trust-store.js';
import { checkSignatureShape } from './xml-signature-shape.js';
import { parseDom } from './xml-dom.js';

export interface SignatureEvidence {
  certificateFingerprint: string;
  signatureAlgorithm: string;
  digestAlgorithm: string;
  digestValue: string;
  /** SHA-256 (hex) of the bytes exactly as received. */
  rawSha256: string;
}

export interface XmlVerification {
  /** Canonical bytes of the single signed reference: the only place business data may be read from. */
  signedXml: string;
  evidence: SignatureEvidence;
  trust: TrustDecision;
}

export const DEFAULT_SIGNED_XML_LIMITS: Partial<XmlLimits> = { maxBytes: 10 * 1024 * 1024, maxDepth: 64 };

function notAuthentic(code: string, message: string): RejectionError {
  return new RejectionError(401, 'Signature not valid', [finding(code, message)]);
}

export async function verifyXmlSignature(
  raw: Buffer | string,
  store: TrustStore,
  limits: Partial<XmlLimits> = DEFAULT_SIGNED_XML_LIMITS,
): Promise<XmlVerification> {
  const { text, root } = parseDom(raw, limits);
  const shape = checkSignatureShape(root);

  const certificate = parseCertificate(shape.certificateDer);
  const trust = await decideTrust(store, certificate);
  if (!algorithmFitsKey(shape.signatureAlgorithm, certificate.publicKey)) {
    throw new RejectionError(422, 'Signature not acceptable', [
      finding('xmldsig.algorithm-key-mismatch', `${shape.signatureAlgorithm} does not fit a ${certificate.publicKey.asymmetricKeyType} key`),
    ]);
  }
  if (shape.signatureValue.length !== expectedSignatureLength(certificate.publicKey)) {
    throw notAuthentic('xmldsig.signature-invalid', 'SignatureValue has the wrong length for the key');
  }

  // One SignedXml per message: getSignedReferences() accumulates across calls.
  const trustedPem = certificate.toString();
  const signedXml = new SignedXml({ getCertFromKeyInfo: () => trustedPem });
  signedXml.SignatureAlgorithms = xmlCryptoSignatureAlgorithms();
  signedXml.HashAlgorithms = xmlCryptoHashAlgorithms();
  const builtIn = signedXml.CanonicalizationAlgorithms;
  signedXml.CanonicalizationAlgorithms = { [EXC_C14N]: builtIn[EXC_C14N]!, [ENVELOPED_SIGNATURE]: builtIn[ENVELOPED_SIGNATURE]! };
  let valid = false;
  try {
    signedXml.loadSignature(shape.signature);
    valid = signedXml.checkSignature(text);
  } catch (error) {
    throw notAuthentic('xmldsig.signature-invalid', `signature value does not verify: ${(error as Error).message.slice(0, 200)}`);
  }
  if (!valid) throw notAuthentic('xmldsig.digest-mismatch', 'the signed content does not match its digest');
  const references = signedXml.getSignedReferences();
  if (references.length !== 1) throw notAuthentic('xmldsig.reference-count', `expected one signed reference, got ${references.length}`);

  return {
    signedXml: references[0]!,
    trust,
    evidence: {
      certificateFingerprint: trust.certificateFingerprint,
      signatureAlgorithm: shape.signatureAlgorithm,
      digestAlgorithm: shape.digestAlgorithm,
      digestValue: shape.digestValue,
      rawSha256: createHash('sha256').update(raw).digest('hex'),
    },
  };
}
