/**
 * JWS compact serialisation (RFC 7515) for the three algorithms swgate uses — ES256, ES384,
 * RS256 — on node's synchronous crypto. It replaces jose on the hot path: jose goes through
 * WebCrypto, converting the KeyObject to a CryptoKey on every call and running the signature on
 * the thread pool; measured on a receipt (bench/trust.ts) it was several times slower than
 * this. test/trust/jws/compact-jws.test.ts checks both directions against jose.
 */
import { sign, verify, type KeyObject } from 'node:crypto';

export type JwsAlgorithm = 'ES256' | 'ES384' | 'RS256';

const ALGORITHMS: Record<JwsAlgorithm, { hash: 'sha256' | 'sha384'; keyType: 'ec' | 'rsa'; curve?: string }> = {
  ES256: { hash: 'sha256', keyType: 'ec', curve: 'prime256v1' },
  ES384: { hash: 'sha384', keyType: 'ec', curve: 'secp384r1' },
  RS256: { hash: 'sha256', keyType: 'rsa' },
};

// JOSE ECDSA signatures are r||s (RFC 7518 §3.4); node ignores dsaEncoding for RSA keys.
const P1363 = { dsaEncoding: 'ieee-p1363' } as const;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const MIN_RSA_BITS = 2048;

export class CompactJwsError extends Error {}

export interface CompactJws {
  /** The decoded protected header, checked to be a JSON object. */
  header: Record<string, unknown>;
  payload: Buffer;
  /** ASCII(BASE64URL(header) || '.' || BASE64URL(payload)): what the signature covers. */
  signingInput: string;
  signature: Buffer;
}

export function isJwsAlgorithm(alg: unknown): alg is JwsAlgorithm {
  return typeof alg === 'string' && Object.hasOwn(ALGORITHMS, alg);
}

export function signCompact(payload: Uint8Array, header: { alg: JwsAlgorithm } & Record<string, unknown>, key: KeyObject): string {
  // A view, not Buffer.from(payload): copying a document-sized payload cost twice its encoding.
  const payloadBytes = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  const signingInput = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${payloadBytes.toString('base64url')}`;
  const signature = sign(ALGORITHMS[header.alg].hash, Buffer.from(signingInput, 'latin1'), { key, ...P1363 });
  return `${signingInput}.${signature.toString('base64url')}`;
}

/**
 * Splits and decodes a compact JWS, strictly: three base64url parts without padding, a JSON
 * object header with no `crit` extensions (none is understood) and no unencoded payload.
 */
export function parseCompact(jws: string, parseJson: (text: string) => unknown = JSON.parse): CompactJws {
  const parts = jws.split('.');
  if (parts.length !== 3) throw new CompactJwsError('a compact JWS has three parts');
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  if (headerPart === '' || signaturePart === '' || !parts.every((p) => BASE64URL.test(p) && p.length % 4 !== 1)) {
    throw new CompactJwsError('the parts must be non-empty base64url');
  }
  let header: unknown;
  try {
    header = parseJson(Buffer.from(headerPart, 'base64url').toString('utf8'));
  } catch (error) {
    throw new CompactJwsError(`the protected header is not JSON: ${(error as Error).message}`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw new CompactJwsError('the protected header is not a JSON object');
  const fields = header as Record<string, unknown>;
  if (fields.crit !== undefined) throw new CompactJwsError('critical header extensions are not supported');
  if (fields.b64 !== undefined) throw new CompactJwsError('unencoded payloads are not supported');
  return {
    header: fields,
    payload: Buffer.from(payloadPart, 'base64url'),
    signingInput: jws.slice(0, headerPart.length + 1 + payloadPart.length),
    signature: Buffer.from(signaturePart, 'base64url'),
  };
}

/** Whether `key` can carry `alg` at all: the right key type, curve, and RSA size. */
export function algorithmFitsJwsKey(alg: JwsAlgorithm, key: KeyObject): boolean {
  const spec = ALGORITHMS[alg];
  if (key.asymmetricKeyType !== spec.keyType) return false;
  if (spec.curve) return key.asymmetricKeyDetails?.namedCurve === spec.curve;
  return (key.asymmetricKeyDetails?.modulusLength ?? 0) >= MIN_RSA_BITS;
}

export function verifyCompactSignature(jws: CompactJws, alg: JwsAlgorithm, key: KeyObject): boolean {
  return verify(ALGORITHMS[alg].hash, Buffer.from(jws.signingInput, 'latin1'), { key, ...P1363 }, jws.signature);
}
