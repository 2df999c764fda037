/**
 * A participant's trust store and the decision whether a certificate may speak for that
 * participant (SECURITY.md "Trust and certificates"). Decisions use node's X509Certificate;
 * pkijs only reads the extensions node does not expose.
 */
import { X509Certificate } from 'node:crypto';
import { finding, RejectionError } from '../../findings.js';
import { systemClock, type Clock } from '../clock.js';
import { isStrongKey } from '../key-strength.js';
import { fingerprintSha256, perCertificate, readCertificateDetails } from './certificate-details.js';
import type { CrlCache, RevocationStatus } from '../revocation/crl.js';
import type { OcspClient } from '../revocation/ocsp.js';

export interface PinnedCertificate {
  certificate: X509Certificate;
  /** Rollover window: the certificate is accepted only between these instants. */
  acceptFrom?: Date | undefined;
  acceptUntil?: Date | undefined;
}

export type UnknownRevocationPolicy = 'fail-closed' | 'allow-unknown';

export interface TrustStore {
  participantId: string;
  pinned: PinnedCertificate[];
  anchors: X509Certificate[];
  intermediates: X509Certificate[];
  /** SHA-256 fingerprints (hex) of certificates that must never be accepted again. */
  retiredFingerprints: string[];
  crls?: CrlCache | undefined;
  /** OCSP where configured; with CRLs too, revoked by either is revoked. */
  ocsp?: OcspClient | undefined;
  unknownRevocation: UnknownRevocationPolicy;
  clock?: Clock;
}

export type RevocationOutcome = 'good' | 'unknown-allowed-by-policy' | 'pinned-not-checked';

/** What one method said about one certificate of the chain: the record behind `revocation`. */
export interface RevocationCheck {
  /** Hex, as node prints it. */
  serialNumber: string;
  method: 'crl' | 'ocsp';
  status: RevocationStatus;
  /** The OCSP responder asked. */
  url?: string;
  /** Why the status is unknown; an OCSP answer reused from the cache says so. */
  detail?: string;
}

export interface TrustDecision {
  participantId: string;
  certificate: X509Certificate;
  certificateFingerprint: string;
  matchedBy: 'pinned' | 'anchor';
  /** Leaf first, anchor last. */
  chainFingerprints: string[];
  revocation: RevocationOutcome;
  /** Per certificate below the anchor and per configured method (empty when pinned). */
  revocationChecks: RevocationCheck[];
}

/** What a verified XML or JWS signature proves about the message, beside the trust decision. */
export interface SignatureEvidence {
  certificateFingerprint: string;
  signatureAlgorithm: string;
  digestAlgorithm: string;
  digestValue: string;
  /** SHA-256 (hex) of the bytes exactly as received. */
  rawSha256: string;
}

const MAX_CERTIFICATE_BYTES = 16 * 1024;
const MAX_CHAIN_LENGTH = 5;

function untrusted(code: string, message: string): RejectionError {
  return new RejectionError(401, 'Certificate not trusted', [finding(code, message)]);
}

export function parseCertificate(der: Uint8Array): X509Certificate {
  if (der.length === 0 || der.length > MAX_CERTIFICATE_BYTES) {
    throw untrusted('trust.certificate-malformed', `certificate must be 1..${MAX_CERTIFICATE_BYTES} bytes of DER`);
  }
  try {
    return new X509Certificate(der);
  } catch (error) {
    throw untrusted('trust.certificate-malformed', `certificate does not parse: ${(error as Error).message}`);
  }
}

function checkKeyStrength(certificate: X509Certificate): void {
  const key = certificate.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  if (!isStrongKey(key)) {
    const size = details.modulusLength ?? details.namedCurve ?? 'unknown';
    throw untrusted('trust.weak-key', `${key.asymmetricKeyType} key (${size}) is not allowed: RSA >= 2048 or EC P-256/P-384`);
  }
}

const validityPeriod = perCertificate((certificate) => ({ from: new Date(certificate.validFrom), to: new Date(certificate.validTo) }));

function checkValidity(certificate: X509Certificate, now: Date, role: string): void {
  const { from, to } = validityPeriod(certificate);
  if (now < from) {
    throw untrusted('trust.certificate-not-yet-valid', `${role} certificate is valid from ${certificate.validFrom}`);
  }
  if (now > to) {
    throw untrusted('trust.certificate-expired', `${role} certificate expired ${certificate.validTo}`);
  }
}

function checkSigningCertificate(certificate: X509Certificate, now: Date): void {
  checkValidity(certificate, now, 'signing');
  checkKeyStrength(certificate);
  if (certificate.ca) throw untrusted('trust.key-usage', 'a CA certificate may not sign documents');
  const usage = readCertificateDetails(certificate).keyUsage;
  if (usage && !usage.has('digitalSignature') && !usage.has('nonRepudiation')) {
    throw untrusted('trust.key-usage', 'certificate key usage allows neither digitalSignature nor nonRepudiation');
  }
}

function checkIssuerCertificate(issuer: X509Certificate, now: Date): void {
  if (!issuer.ca) throw untrusted('trust.issuer-not-ca', `issuer ${issuer.subject.replaceAll('\n', ', ')} is not a CA`);
  checkValidity(issuer, now, 'issuer');
  checkKeyStrength(issuer);
  const usage = readCertificateDetails(issuer).keyUsage;
  if (usage && !usage.has('keyCertSign')) throw untrusted('trust.issuer-not-ca', 'issuer key usage lacks keyCertSign');
}

// Whether a certificate's signature verifies under an issuer's key is a fact about two fixed
// byte strings; a partner's certificate object is reused across messages (certificate-cache.ts),
// so remembering the answer spares one signature verification per message and hop.
const signedBy = new WeakMap<X509Certificate, WeakMap<X509Certificate, boolean>>();

function isSignedBy(certificate: X509Certificate, issuer: X509Certificate): boolean {
  let verdicts = signedBy.get(certificate);
  if (!verdicts) {
    verdicts = new WeakMap();
    signedBy.set(certificate, verdicts);
  }
  let verdict = verdicts.get(issuer);
  if (verdict === undefined) {
    verdict = certificate.verify(issuer.publicKey);
    verdicts.set(issuer, verdict);
  }
  return verdict;
}

function findIssuer(certificate: X509Certificate, candidates: X509Certificate[]): X509Certificate | undefined {
  return candidates.find((candidate) => candidate.subject === certificate.issuer && isSignedBy(certificate, candidate));
}

/** Leaf first, anchor last; throws when no path leads to one of the store's anchors. */
function buildChain(leaf: X509Certificate, store: TrustStore, now: Date): X509Certificate[] {
  const chain = [leaf];
  let current = leaf;
  while (chain.length <= MAX_CHAIN_LENGTH) {
    const anchor = findIssuer(current, store.anchors);
    if (anchor) {
      checkIssuerCertificate(anchor, now);
      return [...chain, anchor];
    }
    const intermediate = findIssuer(current, store.intermediates);
    if (!intermediate || chain.includes(intermediate)) break;
    checkIssuerCertificate(intermediate, now);
    chain.push(intermediate);
    current = intermediate;
  }
  throw untrusted('trust.chain-untrusted', `certificate does not chain to a trust anchor of ${store.participantId}`);
}

function checkBoundToParticipant(certificate: X509Certificate, participantId: string): void {
  const { commonNames, dnsNames } = readCertificateDetails(certificate);
  if (!commonNames.includes(participantId) && !dnsNames.includes(participantId)) {
    throw untrusted('trust.certificate-not-bound-to-sender', `certificate (CN ${commonNames.join(', ') || 'none'}) does not name participant ${participantId}`);
  }
}

/** Every configured method for one certificate; an unconfigured method is not asked. */
async function revocationChecks(certificate: X509Certificate, issuer: X509Certificate, store: TrustStore): Promise<RevocationCheck[]> {
  const serialNumber = certificate.serialNumber;
  const [crl, ocsp] = await Promise.all([store.crls?.status(certificate, issuer), store.ocsp?.status(certificate, issuer)]);
  const checks: RevocationCheck[] = [];
  if (crl !== undefined)
    checks.push({ serialNumber, method: 'crl', status: crl, ...(crl === 'unknown' ? { detail: 'no current CRL signed by the issuer' } : {}) });
  if (ocsp !== undefined) {
    const detail = ocsp.cached ? [ocsp.detail, 'cached answer'].filter(Boolean).join('; ') : ocsp.detail;
    checks.push({ serialNumber, method: 'ocsp', status: ocsp.status, url: ocsp.url, ...(detail ? { detail } : {}) });
  }
  return checks;
}

/**
 * Each certificate below the anchor: revoked by any configured method is revoked; otherwise a
 * good answer from any method is good; otherwise (nothing configured, or every method unknown)
 * the store's policy decides, and the decision says so.
 */
async function checkRevocation(chain: X509Certificate[], store: TrustStore): Promise<{ outcome: RevocationOutcome; checks: RevocationCheck[] }> {
  let outcome: RevocationOutcome = 'good';
  const all: RevocationCheck[] = [];
  for (let index = 0; index + 1 < chain.length; index++) {
    const certificate = chain[index]!;
    const checks = await revocationChecks(certificate, chain[index + 1]!, store);
    all.push(...checks);
    const revoked = checks.find((check) => check.status === 'revoked');
    if (revoked) throw untrusted('trust.certificate-revoked', `certificate serial ${certificate.serialNumber} is revoked (${revoked.method})`);
    if (checks.some((check) => check.status === 'good')) continue;
    if (store.unknownRevocation !== 'allow-unknown') {
      const why = checks.length === 0 ? 'no CRL or OCSP configured' : checks.map((check) => `${check.method}: ${check.detail ?? 'unknown'}`).join('; ');
      throw untrusted('trust.revocation-unknown', `revocation status of serial ${certificate.serialNumber} is unknown (${why})`);
    }
    outcome = 'unknown-allowed-by-policy';
  }
  return { outcome, checks: all };
}

/** A certificate the store accepts on everything but revocation, which needs the network. */
export interface AcceptedCertificate {
  store: TrustStore;
  matchedBy: TrustDecision['matchedBy'];
  /** Leaf first; the anchor last when matched by anchor. */
  chain: X509Certificate[];
}

/**
 * Every check that asks no one: retired, validity, key usage, pinning, chain to an anchor,
 * binding to the participant. Throws RejectionError(401) if one fails.
 */
export function acceptCertificate(store: TrustStore, certificate: X509Certificate): AcceptedCertificate {
  const now = (store.clock ?? systemClock)();
  const fingerprint = fingerprintSha256(certificate);
  if (store.retiredFingerprints.includes(fingerprint)) {
    throw untrusted('trust.certificate-retired', `certificate ${fingerprint} is retired for ${store.participantId}`);
  }
  checkSigningCertificate(certificate, now);
  const pinned = store.pinned.find((entry) => fingerprintSha256(entry.certificate) === fingerprint);
  if (pinned) {
    if ((pinned.acceptFrom && now < pinned.acceptFrom) || (pinned.acceptUntil && now > pinned.acceptUntil)) {
      throw untrusted('trust.certificate-retired', `pinned certificate ${fingerprint} is outside its rollover window`);
    }
    return { store, matchedBy: 'pinned', chain: [certificate] };
  }
  const chain = buildChain(certificate, store, now);
  checkBoundToParticipant(certificate, store.participantId);
  return { store, matchedBy: 'anchor', chain };
}

/**
 * Revocation (CRLs, OCSP) of an accepted certificate. Call it only once the signature made with
 * the certificate has verified: OCSP goes out to the network, and a forged message must not make
 * the gateway ask anyone anything.
 */
export async function confirmNotRevoked(accepted: AcceptedCertificate): Promise<TrustDecision> {
  const { store, matchedBy, chain } = accepted;
  // Pinning is the participant's explicit statement; it is withdrawn by retiring, not by CRL.
  if (matchedBy === 'pinned') return decision(store, matchedBy, chain, { outcome: 'pinned-not-checked', checks: [] });
  return decision(store, matchedBy, chain, await checkRevocation(chain, store));
}

/** May `certificate` sign for `store.participantId` now? Throws RejectionError(401) if not. */
export async function decideTrust(store: TrustStore, certificate: X509Certificate): Promise<TrustDecision> {
  return confirmNotRevoked(acceptCertificate(store, certificate));
}

// Written out rather than spread from a common part: on node 20 every property written after
// a spread in an object literal costs about a microsecond, most of what decideTrust cost.
function decision(
  store: TrustStore,
  matchedBy: TrustDecision['matchedBy'],
  chain: X509Certificate[],
  revocation: { outcome: RevocationOutcome; checks: RevocationCheck[] },
): TrustDecision {
  const certificate = chain[0]!;
  return {
    participantId: store.participantId,
    certificate,
    certificateFingerprint: fingerprintSha256(certificate),
    matchedBy,
    chainFingerprints: chain.map(fingerprintSha256),
    revocation: revocation.outcome,
    revocationChecks: revocation.checks,
  };
}
