/**
 * Trust stores from configuration. Proposed YAML (under each participant, paths relative to
 * the config file):
 *
 *   trust:
 *     pinned:
 *       - certificate: certs/partner-xb/2026.crt.pem
 *         acceptUntil: 2027-01-31T00:00:00Z      # rollover: old one accepted until then
 *       - certificate: certs/partner-xb/2027.crt.pem
 *     anchors: [certs/partner-xb/root-ca.crt.pem]
 *     intermediates: [certs/partner-xb/issuing-ca.crt.pem]
 *     retired: [<sha256 fingerprint hex>]
 *     crls:
 *       - file: certs/partner-xb/issuing-ca.crl.pem
 *       - url: http://pki.partner-xb.example/issuing.crl
 *         refreshSeconds: 3600
 *     ocsp:                                      # optional
 *       url: http://ocsp.partner-xb.example/     # asked for every certificate; unset: the certificate's
 *       allowedUrls: [http://ocsp.partner-xb.example/aia]   # AIA OCSP URL, only if listed here
 *       allowPrivateAddresses: false             # a host name must resolve to a public address
 *       timeoutMs: 5000
 *       cacheSeconds: 300                        # good answers reused until min(nextUpdate, this)
 *       negativeCacheSeconds: 30                 # unknown answers and failures reused this long
 *       certIdHash: sha1                         # or sha256, as the responder requires
 *     unknownRevocation: fail-closed             # or allow-unknown (recorded per decision)
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { systemClock, type Clock } from '../clock.js';
import { CrlCache, type CrlSource } from '../revocation/crl.js';
import { OcspClient, type OcspSettings } from '../revocation/ocsp.js';
import type { SandboxPki } from './sandbox-ca.js';
import type { TrustStore, UnknownRevocationPolicy } from './trust-store.js';

export interface TrustStoreConfig {
  pinned?: Array<{ certificate: string; acceptFrom?: string; acceptUntil?: string }>;
  anchors?: string[];
  intermediates?: string[];
  retired?: string[];
  crls?: CrlSource[];
  ocsp?: OcspSettings;
  unknownRevocation?: UnknownRevocationPolicy;
}

function readCertificates(paths: string[] | undefined, baseDir: string): X509Certificate[] {
  return (paths ?? []).map((path) => new X509Certificate(readFileSync(isAbsolute(path) ? path : resolve(baseDir, path))));
}

function optionalDate(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`not a date: ${value}`);
  return date;
}

export function loadTrustStore(participantId: string, config: TrustStoreConfig, baseDir: string, clock: Clock = systemClock): TrustStore {
  const crls = (config.crls ?? []).map((source) => (source.file ? { ...source, file: resolve(baseDir, source.file) } : source));
  return {
    participantId,
    pinned: (config.pinned ?? []).map((entry) => ({
      certificate: readCertificates([entry.certificate], baseDir)[0]!,
      acceptFrom: optionalDate(entry.acceptFrom),
      acceptUntil: optionalDate(entry.acceptUntil),
    })),
    anchors: readCertificates(config.anchors, baseDir),
    intermediates: readCertificates(config.intermediates, baseDir),
    retiredFingerprints: (config.retired ?? []).map((fingerprint) => fingerprint.replaceAll(':', '').toLowerCase()),
    crls: crls.length > 0 ? new CrlCache(crls, clock) : undefined,
    ocsp: config.ocsp ? new OcspClient(config.ocsp, clock) : undefined,
    unknownRevocation: config.unknownRevocation ?? 'fail-closed',
    clock,
  };
}

/**
 * In the sandbox every participant is anchored at the sandbox CA, with its CRL. The PKI's paths
 * already include its directory (relative to the working directory, as given): resolved here,
 * not against the directory a second time.
 */
export function sandboxTrustStore(pki: SandboxPki, participantId: string, clock: Clock = systemClock): TrustStore {
  return loadTrustStore(participantId, { anchors: [resolve(pki.ca.certificate)], crls: [{ file: resolve(pki.ca.crl) }] }, pki.dir, clock);
}
