/**
 * Certificate revocation lists: parsed with pkijs, verified against the issuing certificate,
 * cached per source and refreshed when the CRL says so (nextUpdate) or after refreshSeconds.
 * A CRL that cannot be fetched, parsed, verified or is out of date gives status `unknown`;
 * what `unknown` means is the trust store policy's decision, not this module's.
 *
 * A CRL URL is fetched with the shared HTTP client as OCSP responders are asked: a host name must
 * resolve to a public address unless the source sets allowPrivateAddresses (a literal address is
 * the operator's explicit choice), a redirect is not followed, and the answer is capped.
 */
import { readFile } from 'node:fs/promises';
import type { X509Certificate } from 'node:crypto';
import * as pkijs from 'pkijs';
import { send } from '../../http-client.js';
import { systemClock, type Clock } from '../clock.js';

export interface CrlSource {
  file?: string;
  url?: string;
  /** Re-read at least this often even if nextUpdate is later. Default one hour. */
  refreshSeconds?: number;
  /** The url's host name may resolve to a loopback, private or link-local address. Default false. */
  allowPrivateAddresses?: boolean;
}

export type RevocationStatus = 'good' | 'revoked' | 'unknown';

const MAX_CRL_BYTES = 10 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 5_000;

function pemOrDerToDer(bytes: Uint8Array): Uint8Array {
  const text = Buffer.from(bytes).toString('latin1');
  const match = /-----BEGIN X509 CRL-----([\s\S]*?)-----END X509 CRL-----/.exec(text);
  return match?.[1] ? Buffer.from(match[1].replace(/\s+/g, ''), 'base64') : bytes;
}

function parseCrl(bytes: Uint8Array): pkijs.CertificateRevocationList {
  const der = pemOrDerToDer(bytes);
  return pkijs.CertificateRevocationList.fromBER(new Uint8Array(der).buffer);
}

export function readCrlNextUpdate(bytes: Uint8Array): Date | undefined {
  try {
    return parseCrl(bytes).nextUpdate?.value;
  } catch {
    return undefined;
  }
}

/** Serial numbers compared as hex without leading zeros: node and DER disagree on padding. */
function normalizeSerial(hex: string): string {
  return hex.toUpperCase().replace(/^0+(?=.)/, '');
}

async function readSource(source: CrlSource): Promise<Uint8Array> {
  if (source.file) return readFile(source.file);
  if (!source.url) throw new Error('a CRL source needs a file or a url');
  const answer = await send({
    url: source.url,
    method: 'GET',
    timeoutMs: FETCH_TIMEOUT_MS,
    maxAnswerBytes: MAX_CRL_BYTES,
    publicAddressesOnly: source.allowPrivateAddresses !== true,
  });
  if (answer.status < 200 || answer.status >= 300) throw new Error(`CRL fetch ${source.url}: HTTP ${answer.status}`);
  return answer.body;
}

interface CachedCrl {
  crl?: pkijs.CertificateRevocationList;
  loadedAt: number;
  revokedSerials?: Set<string>;
  /** Signature checks are costly (WebCrypto): done once per CRL and issuer, shared by concurrent callers. */
  verifiedBy: Map<string, Promise<boolean>>;
}

function revokedSerials(crl: pkijs.CertificateRevocationList): Set<string> {
  return new Set((crl.revokedCertificates ?? []).map((entry) => normalizeSerial(Buffer.from(entry.userCertificate.valueBlock.valueHexView).toString('hex'))));
}

export class CrlCache {
  private readonly cached = new Map<CrlSource, CachedCrl>();
  /** A load under way: concurrent callers wait for it instead of each fetching and parsing the CRL. */
  private readonly loading = new Map<CrlSource, Promise<CachedCrl>>();

  constructor(
    private readonly sources: readonly CrlSource[],
    private readonly clock: Clock = systemClock,
  ) {}

  private async current(source: CrlSource): Promise<CachedCrl | undefined> {
    const now = this.clock().getTime();
    const entry = this.cached.get(source);
    const maxAgeMs = (source.refreshSeconds ?? 3600) * 1000;
    const nextUpdate = entry?.crl?.nextUpdate?.value.getTime();
    const stale = !entry || now - entry.loadedAt > maxAgeMs || (nextUpdate !== undefined && now > nextUpdate);
    if (!stale) return entry;
    let load = this.loading.get(source);
    if (!load) {
      load = this.load(source, entry, now).finally(() => this.loading.delete(source));
      this.loading.set(source, load);
    }
    return load;
  }

  private async load(source: CrlSource, entry: CachedCrl | undefined, now: number): Promise<CachedCrl> {
    try {
      const crl = parseCrl(await readSource(source));
      const fresh: CachedCrl = { crl, loadedAt: now, revokedSerials: revokedSerials(crl), verifiedBy: new Map() };
      this.cached.set(source, fresh);
      return fresh;
    } catch {
      // Keep what we had: an out-of-date CRL still yields `unknown` below, never `good`.
      const kept: CachedCrl = { ...(entry ?? { verifiedBy: new Map() }), loadedAt: now };
      this.cached.set(source, kept);
      return kept;
    }
  }

  private verifiedBy(entry: CachedCrl, issuer: X509Certificate): Promise<boolean> {
    let verified = entry.verifiedBy.get(issuer.fingerprint256);
    if (!verified) {
      const issuerPkijs = pkijs.Certificate.fromBER(new Uint8Array(issuer.raw).buffer);
      verified = entry.crl!.issuer.isEqual(issuerPkijs.subject)
        ? entry.crl!.verify({ issuerCertificate: issuerPkijs }).catch(() => false)
        : Promise.resolve(false);
      entry.verifiedBy.set(issuer.fingerprint256, verified);
    }
    return verified;
  }

  /** Revocation status of `certificate`, from a current CRL signed by `issuer`. */
  async status(certificate: X509Certificate, issuer: X509Certificate): Promise<RevocationStatus> {
    const now = this.clock();
    for (const source of this.sources) {
      const entry = await this.current(source);
      const crl = entry?.crl;
      if (!crl) continue;
      const inDate = crl.thisUpdate.value <= now && (crl.nextUpdate === undefined || now <= crl.nextUpdate.value);
      if (!inDate || !(await this.verifiedBy(entry, issuer))) continue;
      return entry.revokedSerials!.has(normalizeSerial(certificate.serialNumber)) ? 'revoked' : 'good';
    }
    return 'unknown';
  }
}
