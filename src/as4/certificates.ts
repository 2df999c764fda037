/**
 * How WS-Security names a certificate: by the certificate itself (BinarySecurityToken), by its
 * Subject Key Identifier, or by issuer and serial number. The last two only select among
 * certificates the caller already holds; they never bring a key in.
 */
import { X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { perCertificate } from '../trust/pki/certificate-details.js';

const OID_SUBJECT_KEY_IDENTIFIER = '2.5.29.14';

/** The SubjectKeyIdentifier extension's value, base64, as wsse:KeyIdentifier carries it. */
export const subjectKeyIdentifier = perCertificate((certificate: X509Certificate): string | undefined => {
  const parsed = pkijs.Certificate.fromBER(new Uint8Array(certificate.raw).buffer);
  const extension = parsed.extensions?.find((e) => e.extnID === OID_SUBJECT_KEY_IDENTIFIER);
  if (!extension) return undefined;
  const value = extension.parsedValue;
  if (value instanceof asn1js.OctetString) return Buffer.from(value.valueBlock.valueHexView).toString('base64');
  return undefined;
});

/** A distinguished name as an order-free set of lower-cased `type=value` pairs (RFC 2253 or node's form). */
function nameKey(name: string, separator: RegExp): string {
  return name
    .split(separator)
    .map((rdn) =>
      rdn
        .trim()
        .replace(/\s*=\s*/, '=')
        .toLowerCase(),
    )
    .filter((rdn) => rdn !== '')
    .sort()
    .join('\n');
}

/** Whether ds:X509IssuerName + ds:X509SerialNumber (decimal) name this certificate. */
export function matchesIssuerSerial(certificate: X509Certificate, issuerName: string, serialDecimal: string): boolean {
  if (!/^\d{1,200}$/.test(serialDecimal.trim())) return false;
  const serial = BigInt(`0x${certificate.serialNumber}`);
  if (serial !== BigInt(serialDecimal.trim())) return false;
  return nameKey(issuerName.replace(/\bE=/g, 'emailAddress='), /(?<!\\),/) === nameKey(certificate.issuer, /\n/);
}

/** A one-line subject, for operators: "CN=ph-as4, C=AT". */
export function subjectLine(certificate: X509Certificate): string {
  return certificate.subject.split('\n').reverse().join(', ');
}

export function certificateFromDerBase64(base64: string): X509Certificate {
  return new X509Certificate(Buffer.from(base64.replace(/\s+/g, ''), 'base64'));
}
