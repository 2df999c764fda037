/**
 * What node's X509Certificate does not expose in a usable form (the KeyUsage bits, the
 * subject CN as a value, SAN DNS names) read with pkijs. Trust decisions stay on node.
 */
import type { X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { KEY_USAGE_BITS, type KeyUsageName } from './certificate-builder.js';

export interface CertificateDetails {
  commonNames: string[];
  dnsNames: string[];
  /** Undefined when the certificate has no KeyUsage extension. */
  keyUsage?: Set<KeyUsageName>;
}

const OID_COMMON_NAME = '2.5.4.3';
const OID_KEY_USAGE = '2.5.29.15';
const OID_SUBJECT_ALT_NAME = '2.5.29.17';
const GENERAL_NAME_DNS = 2;

function keyUsageNames(bits: asn1js.BitString): Set<KeyUsageName> {
  const bytes = bits.valueBlock.valueHexView;
  const names = new Set<KeyUsageName>();
  for (const [name, bit] of Object.entries(KEY_USAGE_BITS) as Array<[KeyUsageName, number]>) {
    const byte = bytes[bit >> 3] ?? 0;
    if (byte & (0x80 >> (bit & 7))) names.add(name);
  }
  return names;
}

// pkijs takes ~2 ms to parse a certificate; partners present the same few certificates over
// and over, so details are kept per fingerprint (the whole DER), in a bounded map.
const MAX_CACHED = 1000;
const cache = new Map<string, CertificateDetails>();

export function readCertificateDetails(certificate: X509Certificate): CertificateDetails {
  const cached = cache.get(certificate.fingerprint256);
  if (cached) return cached;
  const details = parseDetails(certificate);
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(certificate.fingerprint256, details);
  return details;
}

function parseDetails(certificate: X509Certificate): CertificateDetails {
  const parsed = pkijs.Certificate.fromBER(new Uint8Array(certificate.raw).buffer);
  const commonNames = parsed.subject.typesAndValues
    .filter((attribute) => attribute.type === OID_COMMON_NAME)
    .map((attribute) => String(attribute.value.valueBlock.value));
  const details: CertificateDetails = { commonNames, dnsNames: [] };
  for (const extension of parsed.extensions ?? []) {
    if (extension.extnID === OID_KEY_USAGE && extension.parsedValue instanceof asn1js.BitString) {
      details.keyUsage = keyUsageNames(extension.parsedValue);
    }
    if (extension.extnID === OID_SUBJECT_ALT_NAME && extension.parsedValue instanceof pkijs.AltName) {
      details.dnsNames = extension.parsedValue.altNames.filter((name) => name.type === GENERAL_NAME_DNS).map((name) => String(name.value));
    }
  }
  return details;
}

/**
 * Remembers what `read` derives from a certificate, per certificate object. A certificate is
 * immutable and a partner's arrives as the same object message after message
 * (certificate-cache.ts), so facts about its bytes are computed once instead of per message.
 */
export function perCertificate<T>(read: (certificate: X509Certificate) => T): (certificate: X509Certificate) => T {
  const known = new WeakMap<X509Certificate, T>();
  return (certificate) => {
    if (known.has(certificate)) return known.get(certificate)!;
    const value = read(certificate);
    known.set(certificate, value);
    return value;
  };
}

export const fingerprintSha256 = perCertificate((certificate) => certificate.fingerprint256.replaceAll(':', '').toLowerCase());
