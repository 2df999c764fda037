/**
 * JSON signing: a compact JWS (compact-jws.ts) whose payload is the RFC 8785 canonical form of the
 * signed value, with the signer's certificate in `x5c` and a `typ` that tells envelopes and
 * receipts apart. Verification accepts only canonical payloads, so the bytes that were signed
 * are the bytes that are read, and resolves the key only through the sender's trust store.
 */
import { hash } from 'node:crypto';
import { canonicalJson } from '../../canonical-json.js';
import { finding, RejectionError } from '../../findings.js';
import { sha256Hex } from '../../hashing.js';
import { certificateFromBase64 } from '../pki/certificate-cache.js';
import { algorithmFitsJwsKey, type CompactJws, CompactJwsError, isJwsAlgorithm, parseCompact, signCompact, verifyCompactSignature } from './compact-jws.js';
import { SIGNING_ALGORITHMS, type SigningKey } from '../pki/signing-key.js';
import { acceptCertificate, confirmNotRevoked, type SignatureEvidence, type TrustDecision, type TrustStore } from '../pki/trust-store.js';

export type JwsType = 'swgate-envelope+jws' | 'swgate-receipt+jws';

const MAX_JWS_BYTES = 10 * 1024 * 1024;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface JwsVerification {
  value: unknown;
  /** The canonical JSON that was signed. */
  signedJson: string;
  evidence: SignatureEvidence;
  trust: TrustDecision;
}

function refused(status: number, code: string, message: string): RejectionError {
  return new RejectionError(status, status === 401 ? 'Signature not valid' : 'Signature not acceptable', [finding(code, message)]);
}

export async function signCanonicalJson(value: unknown, key: SigningKey, typ: JwsType): Promise<string> {
  return signCompact(Buffer.from(canonicalJson(value)), { alg: SIGNING_ALGORITHMS[key.algorithm].jws, typ, x5c: [key.certificateBase64] }, key.privateKey);
}

/**
 * JSON.parse, refusing the keys that could reach prototypes once the value is used. A reviver
 * would check them too but makes JSON.parse about three times slower; the walk afterwards
 * meets the keys in the reviver's order (children before their key), so the same key is named.
 */
function parseJsonStrictly(text: string): unknown {
  const value: unknown = JSON.parse(text);
  refuseForbiddenKeys(value);
  return value;
}

function refuseForbiddenKeys(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) refuseForbiddenKeys(item);
    return;
  }
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    refuseForbiddenKeys(object[key]);
    if (FORBIDDEN_KEYS.has(key)) throw new Error(`key "${key}" is not accepted`);
  }
}

export async function verifyCanonicalJson(jws: string, store: TrustStore, typ: JwsType): Promise<JwsVerification> {
  if (jws.length > MAX_JWS_BYTES) throw refused(413, 'jws.too-large', `JWS larger than ${MAX_JWS_BYTES} bytes`);
  let parsed: CompactJws;
  try {
    parsed = parseCompact(jws, parseJsonStrictly);
  } catch (error) {
    if (!(error instanceof CompactJwsError)) throw error;
    throw refused(401, 'jws.signature-invalid', `JWS does not verify: ${error.message}`);
  }
  const { header, payload } = parsed;
  const alg = header.alg;
  if (!isJwsAlgorithm(alg))
    throw refused(401, 'jws.signature-invalid', `JWS does not verify: alg ${JSON.stringify(alg)} is not accepted (ES256, ES384, RS256)`);
  if (header.typ !== typ) throw refused(422, 'jws.type', `typ must be ${typ}`);
  const [certificateBase64, ...others] = Array.isArray(header.x5c) ? (header.x5c as unknown[]) : [];
  if (typeof certificateBase64 !== 'string' || others.length > 0) throw refused(422, 'jws.x5c', 'exactly one certificate in x5c is required');
  const certificate = certificateFromBase64(certificateBase64);
  const accepted = acceptCertificate(store, certificate);
  if (!algorithmFitsJwsKey(alg, certificate.publicKey)) {
    throw refused(422, 'jws.algorithm-key-mismatch', `${alg} does not fit a ${certificate.publicKey.asymmetricKeyType} key`);
  }
  if (!verifyCompactSignature(parsed, alg, certificate.publicKey))
    throw refused(401, 'jws.signature-invalid', 'JWS does not verify: the signature does not match');
  const signedJson = payload.toString('utf8');
  let value: unknown;
  try {
    value = parseJsonStrictly(signedJson);
  } catch (error) {
    throw refused(422, 'jws.payload', `payload is not acceptable JSON: ${(error as Error).message}`);
  }
  if (canonicalOrUndefined(value) !== signedJson) throw refused(422, 'jws.not-canonical', 'the signed payload is not RFC 8785 canonical JSON');
  // Revocation last: a forged or unusable JWS must not make the gateway ask an OCSP responder anything.
  const trust = await confirmNotRevoked(accepted);
  return {
    value,
    signedJson,
    trust,
    evidence: {
      certificateFingerprint: trust.certificateFingerprint,
      signatureAlgorithm: alg,
      digestAlgorithm: 'sha256',
      digestValue: hash('sha256', payload, 'base64'),
      rawSha256: sha256Hex(jws),
    },
  };
}

/** RFC 8785 has no form for some values (a lone surrogate): such a payload is simply not canonical. */
function canonicalOrUndefined(value: unknown): string | undefined {
  try {
    return canonicalJson(value);
  } catch {
    return undefined;
  }
}
