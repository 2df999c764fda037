import type { KeyObject } from 'node:crypto';

/** Keys swgate accepts anywhere in a chain or on an OCSP responder: RSA of 2048 bits or more, EC P-256 or P-384. */
export function isStrongKey(key: KeyObject): boolean {
  const details = key.asymmetricKeyDetails ?? {};
  return (
    (key.asymmetricKeyType === 'rsa' && (details.modulusLength ?? 0) >= 2048) ||
    (key.asymmetricKeyType === 'ec' && ['prime256v1', 'secp384r1'].includes(details.namedCurve ?? ''))
  );
}
