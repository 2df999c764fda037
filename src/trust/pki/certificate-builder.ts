/**
 * Issues X.509 certificates and CRLs with pkijs. node-forge cannot put an EC public key in a
 * certificate nor sign with ECDSA, and swgate's default signing key is ECDSA P-256, so pkijs
 * (WebCrypto underneath) is the one path for CA, EC and RSA certificates alike.
 * Used by the sandbox PKI and by tests that need odd certificates (expired, no CA flag…).
 */
import { X509Certificate, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toCryptoPrivateKey, toCryptoPublicKey } from './webcrypto-keys.js';

export const KEY_USAGE_BITS = {
  digitalSignature: 0,
  nonRepudiation: 1,
  keyEncipherment: 2,
  dataEncipherment: 3,
  keyAgreement: 4,
  keyCertSign: 5,
  cRLSign: 6,
} as const;
export type KeyUsageName = keyof typeof KEY_USAGE_BITS;

export interface Issuer {
  commonName: string;
  privateKey: KeyObject;
}

export interface CertificateSpec {
  commonName: string;
  publicKey: KeyObject;
  /** Omitted: self-signed, which then needs `selfSignKey`. */
  issuer?: Issuer;
  selfSignKey?: KeyObject;
  serialNumber: number;
  notBefore: Date;
  notAfter: Date;
  ca?: boolean;
  keyUsage: KeyUsageName[];
  dnsNames?: string[];
}

const OID = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
} as const;

function distinguishedName(commonName: string): pkijs.RelativeDistinguishedNames {
  return new pkijs.RelativeDistinguishedNames({
    typesAndValues: [
      new pkijs.AttributeTypeAndValue({ type: OID.organization, value: new asn1js.Utf8String({ value: 'swgate' }) }),
      new pkijs.AttributeTypeAndValue({ type: OID.commonName, value: new asn1js.Utf8String({ value: commonName }) }),
    ],
  });
}

function keyUsageBitString(usages: KeyUsageName[]): asn1js.BitString {
  let byte = 0;
  for (const usage of usages) byte |= 0x80 >> KEY_USAGE_BITS[usage];
  // DER: trailing zero bits are not encoded.
  let unusedBits = 0;
  while (unusedBits < 8 && byte !== 0 && (byte & (1 << unusedBits)) === 0) unusedBits++;
  return new asn1js.BitString({ valueHex: new Uint8Array([byte]).buffer, unusedBits });
}

function hashFor(key: KeyObject): string {
  return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'secp384r1' ? 'SHA-384' : 'SHA-256';
}

function derToPem(der: ArrayBuffer | Uint8Array, label: 'CERTIFICATE' | 'X509 CRL'): string {
  const base64 = Buffer.from(der instanceof Uint8Array ? der : new Uint8Array(der)).toString('base64');
  return `-----BEGIN ${label}-----\n${base64.replace(/.{1,64}/g, '$&\n')}-----END ${label}-----\n`;
}

export async function issueCertificate(spec: CertificateSpec): Promise<X509Certificate> {
  const signingKey = spec.issuer?.privateKey ?? spec.selfSignKey;
  if (!signingKey) throw new Error('a self-signed certificate needs selfSignKey');
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = new asn1js.Integer({ value: spec.serialNumber });
  certificate.subject = distinguishedName(spec.commonName);
  certificate.issuer = distinguishedName(spec.issuer?.commonName ?? spec.commonName);
  certificate.notBefore.value = spec.notBefore;
  certificate.notAfter.value = spec.notAfter;
  const extensions = [
    new pkijs.Extension({
      extnID: OID.basicConstraints,
      critical: true,
      extnValue: new pkijs.BasicConstraints({ cA: spec.ca === true }).toSchema().toBER(false),
    }),
    new pkijs.Extension({
      extnID: OID.keyUsage,
      critical: true,
      extnValue: keyUsageBitString(spec.keyUsage).toBER(false),
    }),
  ];
  if (spec.dnsNames?.length) {
    const altNames = new pkijs.GeneralNames({
      names: spec.dnsNames.map((value) => new pkijs.GeneralName({ type: 2, value })),
    });
    extensions.push(new pkijs.Extension({ extnID: OID.subjectAltName, extnValue: altNames.toSchema().toBER(false) }));
  }
  certificate.extensions = extensions;
  await certificate.subjectPublicKeyInfo.importKey(await toCryptoPublicKey(spec.publicKey));
  await certificate.sign(await toCryptoPrivateKey(signingKey), hashFor(signingKey));
  return new X509Certificate(Buffer.from(certificate.toSchema().toBER(false)));
}

export interface CrlSpec {
  issuer: Issuer;
  thisUpdate: Date;
  nextUpdate: Date;
  revokedSerialNumbers: number[];
}

/** A CRL in PEM form. */
export async function issueCrl(spec: CrlSpec): Promise<string> {
  const crl = new pkijs.CertificateRevocationList();
  crl.version = 1;
  crl.issuer = distinguishedName(spec.issuer.commonName);
  crl.thisUpdate = new pkijs.Time({ type: 0, value: spec.thisUpdate });
  crl.nextUpdate = new pkijs.Time({ type: 0, value: spec.nextUpdate });
  if (spec.revokedSerialNumbers.length > 0) {
    crl.revokedCertificates = spec.revokedSerialNumbers.map(
      (serial) =>
        new pkijs.RevokedCertificate({
          userCertificate: new asn1js.Integer({ value: serial }),
          revocationDate: new pkijs.Time({ type: 0, value: spec.thisUpdate }),
        }),
    );
  }
  await crl.sign(await toCryptoPrivateKey(spec.issuer.privateKey), hashFor(spec.issuer.privateKey));
  return derToPem(crl.toSchema().toBER(false), 'X509 CRL');
}
