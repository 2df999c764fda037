import { webcrypto, type KeyObject } from 'node:crypto';

/** pkijs signs through WebCrypto: this turns node KeyObjects (what swgate keeps) into CryptoKeys. */
function webCryptoAlgorithm(key: KeyObject): webcrypto.EcKeyImportParams | webcrypto.RsaHashedImportParams {
  if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    const namedCurve = curve === 'prime256v1' ? 'P-256' : curve === 'secp384r1' ? 'P-384' : undefined;
    if (!namedCurve) throw new Error(`unsupported EC curve ${curve}`);
    return { name: 'ECDSA', namedCurve };
  }
  if (key.asymmetricKeyType === 'rsa') return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  throw new Error(`unsupported key type ${key.asymmetricKeyType}`);
}

export function toCryptoPrivateKey(key: KeyObject): Promise<webcrypto.CryptoKey> {
  const der = key.export({ type: 'pkcs8', format: 'der' });
  return webcrypto.subtle.importKey('pkcs8', der, webCryptoAlgorithm(key), false, ['sign']);
}

export function toCryptoPublicKey(key: KeyObject): Promise<webcrypto.CryptoKey> {
  const der = key.export({ type: 'spki', format: 'der' });
  return webcrypto.subtle.importKey('spki', der, webCryptoAlgorithm(key), true, ['verify']);
}
