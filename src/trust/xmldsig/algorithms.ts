/**
 * The only XML-DSig algorithms swgate accepts (SECURITY.md recipe step 3): RSA-SHA256 with
 * keys of 2048 bits or more, ECDSA P-256/P-384 with SHA-256/384 in IEEE P1363 (r||s) form.
 * Nothing with SHA-1, MD5 or HMAC; comments-preserving c14n is refused as well.
 */
import { createHash, createPrivateKey, createPublicKey, KeyObject, sign, verify, type KeyLike } from 'node:crypto';
import type { HashAlgorithm, SignatureAlgorithm } from 'xml-crypto';

export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
export const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
export const ENVELOPED_SIGNATURE = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

export const DIGEST_ALGORITHMS = {
  'http://www.w3.org/2001/04/xmlenc#sha256': 'sha256',
  'http://www.w3.org/2001/04/xmldsig-more#sha384': 'sha384',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'sha512',
} as const satisfies Record<string, string>;
export type DigestAlgorithmUri = keyof typeof DIGEST_ALGORITHMS;
export const SHA256_URI: DigestAlgorithmUri = 'http://www.w3.org/2001/04/xmlenc#sha256';

interface SignatureAlgorithmSpec {
  hash: 'sha256' | 'sha384';
  keyType: 'ec' | 'rsa';
}

export const SIGNATURE_ALGORITHMS = {
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256': { hash: 'sha256', keyType: 'ec' },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384': { hash: 'sha384', keyType: 'ec' },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': { hash: 'sha256', keyType: 'rsa' },
} as const satisfies Record<string, SignatureAlgorithmSpec>;
export type SignatureAlgorithmUri = keyof typeof SIGNATURE_ALGORITHMS;

export function isSignatureAlgorithm(uri: string): uri is SignatureAlgorithmUri {
  return Object.hasOwn(SIGNATURE_ALGORITHMS, uri);
}

export function isDigestAlgorithm(uri: string): uri is DigestAlgorithmUri {
  return Object.hasOwn(DIGEST_ALGORITHMS, uri);
}

/** The signature algorithm must fit the key: no ECDSA URI over an RSA key and vice versa. */
export function algorithmFitsKey(uri: SignatureAlgorithmUri, key: KeyObject): boolean {
  return SIGNATURE_ALGORITHMS[uri].keyType === key.asymmetricKeyType;
}

/** Bytes of a well-formed signature value for this key (P1363 for ECDSA, modulus for RSA). */
export function expectedSignatureLength(key: KeyObject): number | undefined {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa') return (details.modulusLength ?? 0) / 8;
  if (details.namedCurve === 'prime256v1') return 64;
  if (details.namedCurve === 'secp384r1') return 96;
  return undefined;
}

// XML-DSig 1.1 carries ECDSA as r||s; node ignores dsaEncoding for RSA keys.
const P1363 = { dsaEncoding: 'ieee-p1363' } as const;

export function signBytes(uri: SignatureAlgorithmUri, data: string | Buffer, key: KeyObject): Buffer {
  return sign(SIGNATURE_ALGORITHMS[uri].hash, typeof data === 'string' ? Buffer.from(data) : data, { key, ...P1363 });
}

/** xml-crypto hands over PEM strings (certificates, keys) or KeyObjects. */
function toKeyObject(key: KeyLike, create: (pem: string | Buffer) => KeyObject): KeyObject {
  if (typeof key === 'string' || Buffer.isBuffer(key)) return create(key);
  if (key instanceof KeyObject) return key;
  throw new Error('unsupported key form');
}

/** xml-crypto's tables replaced by ours: its defaults include rsa-sha1/sha1 and lack ECDSA. */
export function xmlCryptoSignatureAlgorithms(): Record<string, new () => SignatureAlgorithm> {
  const table: Record<string, new () => SignatureAlgorithm> = {};
  for (const uri of Object.keys(SIGNATURE_ALGORITHMS) as SignatureAlgorithmUri[]) {
    const { hash } = SIGNATURE_ALGORITHMS[uri];
    table[uri] = class implements SignatureAlgorithm {
      getAlgorithmName = () => uri;
      getSignature = ((signedInfo: string, privateKey: KeyLike) =>
        sign(hash, Buffer.from(signedInfo), { key: toKeyObject(privateKey, createPrivateKey), ...P1363 }).toString(
          'base64',
        )) as SignatureAlgorithm['getSignature'];
      verifySignature = ((material: string, key: KeyLike, signatureValue: string) =>
        verify(
          hash,
          Buffer.from(material),
          { key: toKeyObject(key, createPublicKey), ...P1363 },
          Buffer.from(signatureValue, 'base64'),
        )) as SignatureAlgorithm['verifySignature'];
    };
  }
  return table;
}

export function xmlCryptoHashAlgorithms(): Record<string, new () => HashAlgorithm> {
  const table: Record<string, new () => HashAlgorithm> = {};
  for (const [uri, hash] of Object.entries(DIGEST_ALGORITHMS)) {
    table[uri] = class implements HashAlgorithm {
      getAlgorithmName = () => uri;
      getHash = (xml: string) => createHash(hash).update(xml, 'utf8').digest('base64');
    };
  }
  return table;
}
