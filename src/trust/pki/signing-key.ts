/** A signing key loaded once (a PEM parsed per call costs 4×) with the certificate it goes with. */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** What agreements and the CLI name; how each is written as an XML-DSig SignatureMethod and as a JWS `alg`. */
export type SigningAlgorithmName = 'ecdsa-p256' | 'rsa-sha256';
export const SIGNING_ALGORITHMS = {
  'ecdsa-p256': { uri: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256', jws: 'ES256' },
  'rsa-sha256': { uri: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', jws: 'RS256' },
} as const satisfies Record<SigningAlgorithmName, { uri: string; jws: string }>;

export interface SigningKey {
  algorithm: SigningAlgorithmName;
  privateKey: KeyObject;
  certificate: X509Certificate;
  /** DER of the certificate, base64, as it goes into ds:X509Certificate and JWS x5c. */
  certificateBase64: string;
}

export function signingKeyFromPem(privateKeyPem: string | Buffer, certificatePem: string | Buffer): SigningKey {
  const privateKey = createPrivateKey(privateKeyPem);
  const certificate = new X509Certificate(certificatePem);
  if (!certificate.checkPrivateKey(privateKey)) throw new Error('private key does not belong to the certificate');
  const algorithm: SigningAlgorithmName = privateKey.asymmetricKeyType === 'ec' ? 'ecdsa-p256' : 'rsa-sha256';
  if (algorithm === 'ecdsa-p256' && privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error('ECDSA signing keys must be P-256');
  }
  return { algorithm, privateKey, certificate, certificateBase64: certificate.raw.toString('base64') };
}

export function loadSigningKey(files: { privateKey: string; certificate: string }): SigningKey {
  return signingKeyFromPem(readFileSync(files.privateKey), readFileSync(files.certificate));
}
