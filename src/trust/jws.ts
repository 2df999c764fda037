/**
 * JSON signing: a compact JWS (jose) whose payload is the RFC 8785 canonical form of the
 * signed value, with the signer's certificate in `x5c` and a `typ` that tells envelopes and
 * receipts apart. Verification accepts only canonical payloads, so the bytes that were signed
 * are the bytes that are read, and resolves the key only through the sender's trust store.
 */
import { createHash } from 'node:crypto';
import { CompactSign, compactVerify, type CompactJWSHeaderParameters } from 'jose';
import { canonicalJson } from '../canonical-json.js';
import { finding, RejectionError } from '../findings.js';
import { SIGNING_ALGORITHMS } from './algorithms.js';
import type { SigningKey } from './signing-key.js';
import { decideTrust, parseCertificate, type TrustDecision, type TrustStore } from './trust-store.js';
import type { SignatureEvidence } from './xml-verify.js';

export type JwsType = 'swgate-envelope+jws' | 'swgate-receipt+jws';

const ACCEPTED_ALGORITHMS = ['ES256', 'ES384', 'RS256'];
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
  return new CompactSign(Buffer.from(canonicalJson(value)))
    .setProtectedHeader({ alg: SIGNING_ALGORITHMS[key.algorithm].jws, typ, x5c: [key.certificateBase64] })
    .sign(key.privateKey);
}

function parseJsonStrictly(text: string): unknown {
  try {
    return JSON.parse(text, (name, value: unknown) => {
      if (FORBIDDEN_KEYS.has(name)) throw new Error(`key "${name}" is not accepted`);
      return value;
    });
  } catch (error) {
    throw refused(422, 'jws.payload', `payload is not acceptable JSON: ${(error as Error).message}`);
  }
}

export async function verifyCanonicalJson(jws: string, store: TrustStore, typ: JwsType): Promise<JwsVerification> {
  if (jws.length > MAX_JWS_BYTES) throw refused(413, 'jws.too-large', `JWS larger than ${MAX_JWS_BYTES} bytes`);
  let trust: TrustDecision | undefined;
  let header: CompactJWSHeaderParameters | undefined;
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(
      jws,
      async (protectedHeader) => {
        header = protectedHeader;
        if (protectedHeader.typ !== typ) throw refused(422, 'jws.type', `typ must be ${typ}`);
        const [certificateBase64, ...others] = protectedHeader.x5c ?? [];
        if (!certificateBase64 || others.length > 0) throw refused(422, 'jws.x5c', 'exactly one certificate in x5c is required');
        const certificate = parseCertificate(Buffer.from(certificateBase64, 'base64'));
        trust = await decideTrust(store, certificate);
        const keyType = protectedHeader.alg?.startsWith('ES') ? 'ec' : 'rsa';
        if (certificate.publicKey.asymmetricKeyType !== keyType) {
          throw refused(422, 'jws.algorithm-key-mismatch', `${protectedHeader.alg} does not fit a ${certificate.publicKey.asymmetricKeyType} key`);
        }
        return certificate.publicKey;
      },
      { algorithms: ACCEPTED_ALGORITHMS },
    ));
  } catch (error) {
    if (error instanceof RejectionError) throw error;
    throw refused(401, 'jws.signature-invalid', `JWS does not verify: ${(error as Error).message}`);
  }
  const signedJson = Buffer.from(payload).toString('utf8');
  const value = parseJsonStrictly(signedJson);
  if (canonicalOrUndefined(value) !== signedJson) throw refused(422, 'jws.not-canonical', 'the signed payload is not RFC 8785 canonical JSON');
  return {
    value,
    signedJson,
    trust: trust!,
    evidence: {
      certificateFingerprint: trust!.certificateFingerprint,
      signatureAlgorithm: header!.alg!,
      digestAlgorithm: 'sha256',
      digestValue: createHash('sha256').update(payload).digest('base64'),
      rawSha256: createHash('sha256').update(jws).digest('hex'),
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
