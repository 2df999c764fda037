/**
 * Verifying a partner's XML signature, exactly SECURITY.md's recipe:
 * 1 limits + DOCTYPE + strict parse, 2 shape, 3 a fresh SignedXml per message whose only key
 * is a certificate the sender's trust store accepts, 4 business data only from the canonical
 * bytes of the single signed reference, 5 evidence.
 */
import { createHash, verify, type X509Certificate } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { finding, RejectionError } from '../findings.js';
import type { XmlLimits } from '../documents/xml/parse.js';
import {
  algorithmFitsKey,
  DIGEST_ALGORITHMS,
  SIGNATURE_ALGORITHMS,
  ENVELOPED_SIGNATURE,
  EXC_C14N,
  expectedSignatureLength,
  xmlCryptoHashAlgorithms,
  xmlCryptoSignatureAlgorithms,
} from './algorithms.js';
import { decideTrust, parseCertificate, type TrustDecision, type TrustStore } from './trust-store.js';
import { C14nDisagreementError, exclusiveCanonical } from './exc-c14n.js';
import { checkSignatureShape, type SignatureShape } from './xml-signature-shape.js';
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

export interface XmlVerifyOptions {
  limits?: Partial<XmlLimits>;
  /**
   * `xml-crypto` (default): SECURITY.md's recipe to the letter. `fast`: the same checks with
   * swgate's exclusive c14n (exc-c14n.ts, differentially tested against xml-crypto and
   * xmlsec1) and node's crypto instead of SignedXml; documents where xml-crypto and libxml2
   * could disagree go through xml-crypto anyway.
   */
  engine?: 'xml-crypto' | 'fast';
}

const DEFAULT_SIGNED_XML_LIMITS: Partial<XmlLimits> = { maxBytes: 10 * 1024 * 1024, maxDepth: 64 };

function notAuthentic(code: string, message: string): RejectionError {
  return new RejectionError(401, 'Signature not valid', [finding(code, message)]);
}

/** Step 3 by xml-crypto: a fresh SignedXml whose only key is the trusted certificate. */
function checkWithXmlCrypto(text: string, shape: SignatureShape, certificate: X509Certificate): string {
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
  return references[0]!;
}

/**
 * Step 3 without xml-crypto. The shape check has already pinned the reference to the root and
 * the transforms to enveloped + exc-c14n, so the signed bytes are the root's canonical form
 * without the Signature; like xml-crypto, the digest is checked before the signature value.
 */
function checkWithOwnC14n(root: Element, shape: SignatureShape, certificate: X509Certificate): string {
  const signedXml = exclusiveCanonical(root, shape.signature);
  const digest = createHash(DIGEST_ALGORITHMS[shape.digestAlgorithm]).update(signedXml, 'utf8').digest('base64');
  if (digest !== shape.digestValue) throw notAuthentic('xmldsig.digest-mismatch', 'the signed content does not match its digest');
  const signedInfo = Buffer.from(exclusiveCanonical(shape.signedInfo), 'utf8');
  const { hash } = SIGNATURE_ALGORITHMS[shape.signatureAlgorithm];
  const valid = verify(hash, signedInfo, { key: certificate.publicKey, dsaEncoding: 'ieee-p1363' }, shape.signatureValue);
  if (!valid) throw notAuthentic('xmldsig.signature-invalid', 'signature value does not verify');
  return signedXml;
}

export async function verifyXmlSignature(raw: Buffer | string, store: TrustStore, options: XmlVerifyOptions = {}): Promise<XmlVerification> {
  const { text, root } = parseDom(raw, options.limits ?? DEFAULT_SIGNED_XML_LIMITS);
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

  let signedXml: string | undefined;
  if (options.engine === 'fast') {
    try {
      signedXml = checkWithOwnC14n(root, shape, certificate);
    } catch (error) {
      if (!(error instanceof C14nDisagreementError)) throw error;
    }
  }
  signedXml ??= checkWithXmlCrypto(text, shape, certificate);

  return {
    signedXml,
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
