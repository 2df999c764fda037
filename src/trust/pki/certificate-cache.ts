/**
 * Parsed certificates by their base64 DER, as they arrive in JWS x5c and ds:X509Certificate.
 * Parsing one costs about a quarter of a millisecond and every receipt and envelope of a
 * partner carries the same certificate; parsing is a pure function of the bytes, so nothing
 * about trust is cached here (decideTrust still runs on every message).
 */
import type { X509Certificate } from 'node:crypto';
import { parseCertificate } from './trust-store.js';

const MAX_CERTIFICATES = 512;
const parsed = new Map<string, X509Certificate>();

export function certificateFromBase64(base64: string): X509Certificate {
  let certificate = parsed.get(base64);
  if (certificate) {
    // Least recently used goes first: a Map iterates in insertion order.
    parsed.delete(base64);
  } else {
    certificate = parseCertificate(Buffer.from(base64, 'base64'));
    if (parsed.size >= MAX_CERTIFICATES) parsed.delete(parsed.keys().next().value as string);
  }
  parsed.set(base64, certificate);
  return certificate;
}
