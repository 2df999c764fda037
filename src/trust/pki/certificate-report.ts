import type { X509Certificate } from 'node:crypto';
import { fingerprintSha256 } from './certificate-details.js';
import type { TrustStore } from './trust-store.js';

/**
 * What an operator is shown of a certificate the gateway holds (issue 19, the Participants
 * screen): who it names, when it expires, whether the CRLs the gateway holds revoke it. Public
 * parts only: never a key.
 */
export type CertificateUsage = 'trust-anchor' | 'signing' | 'mtls';
export type CertificateFlag = 'expiring' | 'expired' | 'revoked';

export interface CertificateReport {
  subject: string | null;
  issuer: string | null;
  serial: string | null;
  fingerprint256: string;
  notBefore: string | null;
  notAfter: string | null;
  expiresInDays: number | null;
  flags: CertificateFlag[];
  usage: CertificateUsage;
}

/** Flagged `expiring` this many days before its notAfter. */
const EXPIRING_WITHIN_DAYS = 30;
const DAY_MS = 86_400_000;

/** Distinguished names on one line, as `openssl x509 -subject` writes them (node gives one attribute per line). */
const oneLine = (dn: string) => dn.split('\n').filter(Boolean).join(', ');

export function reportCertificate(certificate: X509Certificate, usage: CertificateUsage, now: Date, revoked = false): CertificateReport {
  const notAfter = new Date(certificate.validTo);
  const notBefore = new Date(certificate.validFrom);
  const expiresInDays = Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS);
  const flags: CertificateFlag[] = [];
  if (notAfter.getTime() < now.getTime()) flags.push('expired');
  else if (expiresInDays < EXPIRING_WITHIN_DAYS) flags.push('expiring');
  if (revoked) flags.push('revoked');
  return {
    subject: oneLine(certificate.subject),
    issuer: oneLine(certificate.issuer),
    serial: certificate.serialNumber.toLowerCase(),
    fingerprint256: fingerprintSha256(certificate),
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    expiresInDays,
    flags,
    usage,
  };
}

/** A registered mTLS client certificate: the gateway keeps its fingerprint only, so that is all there is to show. */
export function reportFingerprint(fingerprint: string): CertificateReport {
  return {
    subject: null,
    issuer: null,
    serial: null,
    fingerprint256: fingerprint.replaceAll(':', '').toLowerCase(),
    notBefore: null,
    notAfter: null,
    expiresInDays: null,
    flags: [],
    usage: 'mtls',
  };
}

/**
 * Every certificate of a trust store (anchors and intermediates as trust anchors, pinned ones as
 * signing certificates) and `alsoSigning` (a participant's own certificates the gateway holds),
 * each checked against the store's CRLs when one of its CAs issued it.
 */
export async function reportTrustStore(store: TrustStore | undefined, alsoSigning: readonly X509Certificate[], now: Date): Promise<CertificateReport[]> {
  const cas = store ? [...store.anchors, ...store.intermediates] : [];
  const revoked = async (certificate: X509Certificate) => {
    const issuer = cas.find((ca) => ca !== certificate && certificate.checkIssued(ca) && certificate.verify(ca.publicKey));
    return Boolean(store?.crls && issuer && (await store.crls.status(certificate, issuer)) === 'revoked');
  };
  const held: Array<[X509Certificate, CertificateUsage]> = [
    ...cas.map((c): [X509Certificate, CertificateUsage] => [c, 'trust-anchor']),
    ...(store?.pinned ?? []).map((p): [X509Certificate, CertificateUsage] => [p.certificate, 'signing']),
    ...alsoSigning.map((c): [X509Certificate, CertificateUsage] => [c, 'signing']),
  ];
  const seen = new Set<string>();
  const unique = held.filter(([c]) => !seen.has(c.fingerprint256) && seen.add(c.fingerprint256));
  return Promise.all(unique.map(async ([c, usage]) => reportCertificate(c, usage, now, await revoked(c))));
}
