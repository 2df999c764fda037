import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { As4Certificate } from '../config/types.js';

/** A party's certificate with the window it counts in: the configured one within the certificate's own validity. */
export interface DatedCertificate {
  certificate: X509Certificate;
  from: number;
  until: number;
}

/**
 * Reads a party's certificates. The files are read once per call: the configuration is read at
 * start, and what changes without a restart is which one is current, by time.
 */
export function datedCertificates(configured: readonly As4Certificate[]): DatedCertificate[] {
  return configured.map((c) => {
    const certificate = new X509Certificate(readFileSync(c.file));
    const from = Math.max(Date.parse(certificate.validFrom), c.notBefore ? Date.parse(c.notBefore) : Number.NEGATIVE_INFINITY);
    const until = Math.min(Date.parse(certificate.validTo), c.notAfter ? Date.parse(c.notAfter) : Number.POSITIVE_INFINITY);
    return { certificate, from, until };
  });
}

/** Every certificate valid at `at`: a message signed with any of them is the party's (overlapping windows are a rollover). */
export function validAt(certificates: readonly DatedCertificate[], at: Date): X509Certificate[] {
  const time = at.getTime();
  return certificates.filter((c) => c.from <= time && time <= c.until).map((c) => c.certificate);
}

/** The certificate to encrypt for at `at`: of those valid, the one whose window began last (the newest of a rollover). */
export function currentAt(certificates: readonly DatedCertificate[], at: Date): X509Certificate | undefined {
  const time = at.getTime();
  return certificates.filter((c) => c.from <= time && time <= c.until).sort((a, b) => b.from - a.from)[0]?.certificate;
}
