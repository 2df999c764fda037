/**
 * Verifying a partner's XML signature, exactly SECURITY.md's recipe:
 * 1 limits + DOCTYPE + strict parse, 2 shape, 3 a signature whose only key is a certificate the
 * sender's trust store accepts, 4 business data only from the canonical bytes of the single
 * signed reference, 5 evidence.
 *
 * Two engines run that recipe. `fast` (the default) parses once with the safe parser and does
 * steps 2–3 on its tree: shape check, swgate's exclusive c14n (exc-c14n.ts, byte-identical to
 * xml-crypto's and libxml2's on every fixture document and mutation in
 * test/trust/exc-c14n.test.ts) and node's crypto. `xml-crypto` parses into an xmldom DOM and
 * runs step 3 through a fresh SignedXml. Where xml-crypto and libxml2 would canonicalise a
 * document differently, swgate's canonicaliser refuses and the fast engine hands the whole
 * document to the xml-crypto engine.
 */
import { createHash, verify, type X509Certificate } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { finding, RejectionError } from '../../findings.js';
import { sha256Hex } from '../../hashing.js';
import { parseXml, type XmlLimits } from '../../documents/xml/parse.js';
import type { XmlElement } from '../../documents/xml/tree.js';
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
import { certificateFromBase64 } from '../pki/certificate-cache.js';
import {
  acceptCertificate,
  confirmNotRevoked,
  type AcceptedCertificate,
  type SignatureEvidence,
  type TrustDecision,
  type TrustStore,
} from '../pki/trust-store.js';
import { C14nDisagreementError, exclusiveCanonicalTree } from './exc-c14n.js';
import { checkSignatureShape, checkTreeSignatureShape, type SignatureShapeOf } from './xml-signature-shape.js';
import { parseDom } from './xml-dom.js';

/** The parsed document whose canonical form without `signature` is exactly `signedXml`. */
export interface SignedTree {
  root: XmlElement;
  signature: XmlElement;
}

export interface XmlVerification {
  /** Canonical bytes of the single signed reference: the only place business data may be read from. */
  signedXml: string;
  /**
   * Present when swgate's canonicaliser produced `signedXml` from this tree (the fast engine,
   * no fallback): envelope.ts `readEnvelopeFromTree` reads it without parsing `signedXml` again.
   */
  signedTree?: SignedTree;
  evidence: SignatureEvidence;
  trust: TrustDecision;
}

export interface XmlVerifyOptions {
  limits?: Partial<XmlLimits>;
  /**
   * `fast` (default): the recipe over the safe parser's tree with swgate's exclusive c14n and
   * node's crypto; documents where xml-crypto and libxml2 could disagree go through xml-crypto
   * anyway. `xml-crypto`: the recipe to the letter with SignedXml over an xmldom DOM, kept as
   * the reference the tests hold the fast engine to.
   */
  engine?: 'xml-crypto' | 'fast';
}

const DEFAULT_SIGNED_XML_LIMITS: Partial<XmlLimits> = { maxBytes: 10 * 1024 * 1024, maxDepth: 64 };

function notAuthentic(code: string, message: string): RejectionError {
  return new RejectionError(401, 'Signature not valid', [finding(code, message)]);
}

/**
 * Recipe step 3, first half: the key must come from a certificate the store accepts, fit the
 * algorithm and the value. Revocation waits until the signature has verified (confirmNotRevoked).
 */
function acceptedKey<E>(shape: SignatureShapeOf<E>, store: TrustStore): { certificate: X509Certificate; accepted: AcceptedCertificate } {
  // Parsed once per distinct certificate (~200 µs each); the trust decision is made every time.
  const certificate = certificateFromBase64(shape.certificateBase64);
  const accepted = acceptCertificate(store, certificate);
  if (!algorithmFitsKey(shape.signatureAlgorithm, certificate.publicKey)) {
    throw new RejectionError(422, 'Signature not acceptable', [
      finding('xmldsig.algorithm-key-mismatch', `${shape.signatureAlgorithm} does not fit a ${certificate.publicKey.asymmetricKeyType} key`),
    ]);
  }
  if (shape.signatureValue.length !== expectedSignatureLength(certificate.publicKey)) {
    throw notAuthentic('xmldsig.signature-invalid', 'SignatureValue has the wrong length for the key');
  }
  return { certificate, accepted };
}

function verification<E>(raw: Buffer | string, shape: SignatureShapeOf<E>, trust: TrustDecision, signedXml: string, signedTree?: SignedTree): XmlVerification {
  return {
    signedXml,
    ...(signedTree ? { signedTree } : {}),
    trust,
    evidence: {
      certificateFingerprint: trust.certificateFingerprint,
      signatureAlgorithm: shape.signatureAlgorithm,
      digestAlgorithm: shape.digestAlgorithm,
      digestValue: shape.digestValue,
      rawSha256: sha256Hex(raw),
    },
  };
}

/** The recipe with xml-crypto: xmldom DOM, shape on the DOM, a fresh SignedXml for step 3. */
async function verifyWithXmlCrypto(raw: Buffer | string, store: TrustStore, limits: Partial<XmlLimits>): Promise<XmlVerification> {
  const { text, root } = parseDom(raw, limits);
  const shape = checkSignatureShape(root);
  const { certificate, accepted } = acceptedKey(shape, store);
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
  return verification(raw, shape, await confirmNotRevoked(accepted), references[0]!);
}

/**
 * The recipe over the safe parser's tree. The shape check has pinned the reference to the root
 * and the transforms to enveloped + exc-c14n, so the signed bytes are the root's canonical form
 * without the Signature; like xml-crypto, the digest is checked before the signature value.
 * Undefined when swgate's canonicaliser refuses the document (xml-crypto must decide).
 */
async function verifyOverTree(raw: Buffer | string, store: TrustStore, limits: Partial<XmlLimits>): Promise<XmlVerification | undefined> {
  const root = parseXml(raw, limits);
  const shape = checkTreeSignatureShape(root);
  const { certificate, accepted } = acceptedKey(shape, store);
  let signedXml: string;
  let signedInfo: string;
  try {
    signedXml = exclusiveCanonicalTree(root, shape.signature);
    signedInfo = exclusiveCanonicalTree(shape.signedInfo);
  } catch (error) {
    if (error instanceof C14nDisagreementError) return undefined;
    throw error;
  }
  const digest = createHash(DIGEST_ALGORITHMS[shape.digestAlgorithm]).update(signedXml, 'utf8').digest('base64');
  if (digest !== shape.digestValue) throw notAuthentic('xmldsig.digest-mismatch', 'the signed content does not match its digest');
  const { hash } = SIGNATURE_ALGORITHMS[shape.signatureAlgorithm];
  const valid = verify(hash, Buffer.from(signedInfo, 'utf8'), { key: certificate.publicKey, dsaEncoding: 'ieee-p1363' }, shape.signatureValue);
  if (!valid) throw notAuthentic('xmldsig.signature-invalid', 'signature value does not verify');
  return verification(raw, shape, await confirmNotRevoked(accepted), signedXml, { root, signature: shape.signature });
}

export async function verifyXmlSignature(raw: Buffer | string, store: TrustStore, options: XmlVerifyOptions = {}): Promise<XmlVerification> {
  const limits = options.limits ?? DEFAULT_SIGNED_XML_LIMITS;
  if (options.engine !== 'xml-crypto') {
    const verified = await verifyOverTree(raw, store, limits);
    if (verified) return verified;
  }
  return verifyWithXmlCrypto(raw, store, limits);
}
