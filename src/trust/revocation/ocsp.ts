/**
 * OCSP (RFC 6960) for certificates chained to a trust anchor, where a participant's trust store
 * configures it. The request carries a CertID (SHA-1 by default, as RFC 5019 responders expect;
 * in a CertID SHA-1 is only an identifier) and a nonce; it is POSTed with the shared HTTP client. The answer
 * counts only if it is a BasicOCSPResponse signed by the issuing CA or by a delegated responder
 * (a certificate the CA issued with id-kp-OCSPSigning, valid now), names our CertID, echoes our
 * nonce when it carries one, and is current on the injected clock (thisUpdate not in the
 * future, nextUpdate not past; without nextUpdate, no older than cacheSeconds).
 * Anything else — no URL, responder down, HTTP error, malformed, wrong signer, stale — is
 * `unknown`, with the reason; what `unknown` means is the trust store policy's decision.
 * Good and revoked answers are cached until min(nextUpdate, cacheSeconds); unknown ones for
 * negativeCacheSeconds, so a failing responder is asked once per window, not once per message.
 *
 * Only responders the trust store names are asked: its `url`, or a certificate's AIA URL that
 * `allowedUrls` lists. A certificate's own choice of address is never enough (an issuing CA, or
 * whoever controls its AIA, would otherwise point the gateway at its internal network). A
 * responder named by a host name must resolve to a public address unless allowPrivateAddresses;
 * a literal address written in the configuration is the operator's explicit choice.
 */
import { createHash, randomBytes, verify, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { send, TransportError, type HttpAnswer } from '../../http-client.js';
import { isStrongKey } from '../key-strength.js';
import { systemClock, type Clock } from '../clock.js';
import type { RevocationStatus } from './crl.js';

export interface OcspSettings {
  /** The responder asked for every certificate; unset: the certificate's AIA OCSP URL, if allowedUrls lists it. */
  url?: string;
  /** AIA OCSP URLs a certificate may name that may be asked; any other is never contacted. */
  allowedUrls?: string[];
  /** A responder named by a host name may resolve to a loopback, private or link-local address. Default false. */
  allowPrivateAddresses?: boolean;
  /** Whole request (connect, send, answer). Default 5000. */
  timeoutMs?: number;
  /** Good and revoked answers are reused this long at most (and never past nextUpdate). Default 300. */
  cacheSeconds?: number;
  /** Unknown answers and failures (responder down, malformed, …) are reused this long. Default 30. */
  negativeCacheSeconds?: number;
  /** CertID hash. Default sha1 (RFC 5019); some responders only answer sha256. */
  certIdHash?: 'sha1' | 'sha256';
}

export interface OcspAnswer {
  status: RevocationStatus;
  /** The responder asked (empty when there was none to ask). */
  url: string;
  /** Why the status is unknown, or when a certificate was revoked. */
  detail?: string | undefined;
  /** The answer came from the cache, not from the responder just now. */
  cached?: boolean;
}

const OID = {
  basicResponse: '1.3.6.1.5.5.7.48.1.1',
  nonce: '1.3.6.1.5.5.7.48.1.2',
  ocspAccess: '1.3.6.1.5.5.7.48.1',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  extKeyUsage: '2.5.29.37',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
} as const;

const CERT_ID_HASHES: Record<string, 'sha1' | 'sha256' | 'sha384' | 'sha512'> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
const CERT_ID_HASH_OIDS = { sha1: '1.3.14.3.2.26', sha256: '2.16.840.1.101.3.4.2.1' } as const;

/** Response signature algorithms accepted: no SHA-1, no MD5 (as for documents). */
const SIGNATURE_ALGORITHMS: Record<string, { hash: string; keyType: 'rsa' | 'ec' }> = {
  '1.2.840.113549.1.1.11': { hash: 'sha256', keyType: 'rsa' },
  '1.2.840.113549.1.1.12': { hash: 'sha384', keyType: 'rsa' },
  '1.2.840.113549.1.1.13': { hash: 'sha512', keyType: 'rsa' },
  '1.2.840.10045.4.3.2': { hash: 'sha256', keyType: 'ec' },
  '1.2.840.10045.4.3.3': { hash: 'sha384', keyType: 'ec' },
  '1.2.840.10045.4.3.4': { hash: 'sha512', keyType: 'ec' },
};

const RESPONSE_STATUS = ['successful', 'malformedRequest', 'internalError', 'tryLater', '4', 'sigRequired', 'unauthorized'];
const MAX_RESPONSE_BYTES = 256 * 1024;
const MAX_RESPONSE_CERTS = 5;
const MAX_CACHED = 10_000;
/** A responder's clock may run a little ahead of ours. */
const CLOCK_SKEW_MS = 5 * 60_000;

class Unknown extends Error {}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}

/** INTEGER contents without the sign-padding zero bytes: DER and callers disagree on padding. */
function serialBytes(integer: asn1js.Integer): Buffer {
  const bytes = Buffer.from(integer.valueBlock.valueHexView);
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return bytes.subarray(start);
}

function toPkijs(certificate: X509Certificate): pkijs.Certificate {
  return pkijs.Certificate.fromBER(new Uint8Array(certificate.raw));
}

function toNode(certificate: pkijs.Certificate): X509Certificate {
  return new X509Certificate(Buffer.from(certificate.toSchema().toBER(false)));
}

/** The DER of the issuer's subject name and its public key bits, which a CertID hashes. */
interface IssuerIdentity {
  name: Uint8Array;
  key: Uint8Array;
  pkijs: pkijs.Certificate;
}

function issuerIdentity(issuer: X509Certificate): IssuerIdentity {
  const parsed = toPkijs(issuer);
  return {
    name: new Uint8Array(parsed.subject.toSchema().toBER(false)),
    key: parsed.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView,
    pkijs: parsed,
  };
}

function hash(algorithm: string, data: Uint8Array): Buffer {
  return createHash(algorithm).update(data).digest();
}

/** The AIA OCSP URL of a certificate (http or https), if it has one. */
export function ocspUrlOf(certificate: X509Certificate): string | undefined {
  let parsed: pkijs.Certificate;
  try {
    parsed = toPkijs(certificate);
  } catch {
    return undefined;
  }
  const extension = parsed.extensions?.find((candidate) => candidate.extnID === OID.authorityInfoAccess);
  if (!extension) return undefined;
  const access =
    extension.parsedValue instanceof pkijs.InfoAccess
      ? extension.parsedValue
      : new pkijs.InfoAccess({ schema: asn1js.fromBER(extension.extnValue.valueBlock.valueHexView).result });
  for (const description of access.accessDescriptions) {
    const location = description.accessLocation;
    if (description.accessMethod === OID.ocspAccess && location.type === 6 && /^https?:\/\//i.test(String(location.value))) {
      return String(location.value);
    }
  }
  return undefined;
}

interface BuiltRequest {
  der: Uint8Array;
  certId: pkijs.CertID;
  /** The issuer as the CertID names it, for matching the answer and finding its signer. */
  issuer: IssuerIdentity;
  /** extnValue of the nonce extension as sent (DER OCTET STRING of 16 random bytes). */
  nonce: Uint8Array;
}

/** One OCSP request for `certificate`, with a fresh nonce. */
function buildOcspRequest(certificate: X509Certificate, issuer: X509Certificate, certIdHash: 'sha1' | 'sha256' = 'sha1'): BuiltRequest {
  const identity = issuerIdentity(issuer);
  const certId = new pkijs.CertID({
    hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: CERT_ID_HASH_OIDS[certIdHash], algorithmParams: new asn1js.Null() }),
    issuerNameHash: new asn1js.OctetString({ valueHex: hash(certIdHash, identity.name) }),
    issuerKeyHash: new asn1js.OctetString({ valueHex: hash(certIdHash, identity.key) }),
    serialNumber: new asn1js.Integer({ valueHex: new Uint8Array(toPkijs(certificate).serialNumber.valueBlock.valueHexView) }),
  });
  const nonce = new Uint8Array(new asn1js.OctetString({ valueHex: randomBytes(16) }).toBER(false));
  const ocspRequest = new pkijs.OCSPRequest();
  ocspRequest.tbsRequest.requestList = [new pkijs.Request({ reqCert: certId })];
  ocspRequest.tbsRequest.requestExtensions = [new pkijs.Extension({ extnID: OID.nonce, extnValue: nonce.buffer as ArrayBuffer })];
  return { der: new Uint8Array(ocspRequest.toSchema(true).toBER(false)), certId, issuer: identity, nonce };
}

/** Host names go through the public-only lookup unless the settings allow internal addresses. */
async function post(url: string, body: Uint8Array, settings: OcspSettings): Promise<Uint8Array> {
  let answer: HttpAnswer;
  try {
    answer = await send({
      url,
      method: 'POST',
      body,
      headers: { 'content-type': 'application/ocsp-request', accept: 'application/ocsp-response' },
      timeoutMs: settings.timeoutMs ?? 5000,
      maxAnswerBytes: MAX_RESPONSE_BYTES,
      publicAddressesOnly: settings.allowPrivateAddresses !== true,
    });
  } catch (error) {
    if (error instanceof TransportError && error.reason === 'too-large') throw new Unknown(`response larger than ${MAX_RESPONSE_BYTES} bytes`);
    throw new Unknown(`responder unreachable: ${(error as Error).message}`);
  }
  if (answer.status !== 200) throw new Unknown(`responder answered HTTP ${answer.status}`);
  return answer.body;
}

function parseBasicResponse(der: Uint8Array): pkijs.BasicOCSPResponse {
  let outer: pkijs.OCSPResponse;
  try {
    outer = pkijs.OCSPResponse.fromBER(der);
  } catch (error) {
    throw new Unknown(`malformed OCSP response: ${(error as Error).message.slice(0, 120)}`);
  }
  const status = outer.responseStatus.valueBlock.valueDec;
  if (status !== 0) throw new Unknown(`responder status ${RESPONSE_STATUS[status] ?? status}`);
  if (!outer.responseBytes || outer.responseBytes.responseType !== OID.basicResponse) {
    throw new Unknown('not a basic OCSP response');
  }
  try {
    return pkijs.BasicOCSPResponse.fromBER(outer.responseBytes.response.valueBlock.valueHexView);
  } catch (error) {
    throw new Unknown(`malformed basic OCSP response: ${(error as Error).message.slice(0, 120)}`);
  }
}

function matchesResponderId(responderId: unknown, candidate: pkijs.Certificate): boolean {
  if (responderId instanceof pkijs.RelativeDistinguishedNames) return candidate.subject.isEqual(responderId);
  if (responderId instanceof asn1js.OctetString) {
    return bytesEqual(responderId.valueBlock.valueHexView, hash('sha1', candidate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView));
  }
  return false;
}

function isDelegatedResponder(candidate: pkijs.Certificate): boolean {
  const extension = candidate.extensions?.find((entry) => entry.extnID === OID.extKeyUsage);
  return extension?.parsedValue instanceof pkijs.ExtKeyUsage && extension.parsedValue.keyPurposes.includes(OID.ocspSigning);
}

/** The key that signed the response: the issuing CA's, or a delegated responder's the CA issued. */
function responderKey(basic: pkijs.BasicOCSPResponse, issuer: X509Certificate, identity: IssuerIdentity, now: Date): X509Certificate {
  const responderId = basic.tbsResponseData.responderID;
  if (matchesResponderId(responderId, identity.pkijs)) return issuer;
  const certs = basic.certs ?? [];
  if (certs.length > MAX_RESPONSE_CERTS) throw new Unknown(`response carries more than ${MAX_RESPONSE_CERTS} certificates`);
  const candidate = certs.find((cert) => matchesResponderId(responderId, cert));
  if (!candidate) throw new Unknown('response signed by neither the issuing CA nor a certificate it includes');
  const delegated = toNode(candidate);
  if (!delegated.checkIssued(issuer) || !delegated.verify(issuer.publicKey)) {
    throw new Unknown(`responder certificate ${delegated.subject.replaceAll('\n', ', ')} is not issued by the certificate's CA`);
  }
  if (!isDelegatedResponder(candidate)) throw new Unknown('responder certificate lacks id-kp-OCSPSigning');
  if (now < new Date(delegated.validFrom) || now > new Date(delegated.validTo)) throw new Unknown('responder certificate is not valid now');
  if (!isStrongKey(delegated.publicKey)) throw new Unknown('responder certificate key is too weak');
  return delegated;
}

function checkSignature(basic: pkijs.BasicOCSPResponse, signer: X509Certificate): void {
  const algorithm = SIGNATURE_ALGORITHMS[basic.signatureAlgorithm.algorithmId];
  if (!algorithm) throw new Unknown(`response signature algorithm ${basic.signatureAlgorithm.algorithmId} is not accepted`);
  if (signer.publicKey.asymmetricKeyType !== algorithm.keyType) throw new Unknown('response signature algorithm does not fit the responder key');
  const valid = verify(algorithm.hash, basic.tbsResponseData.tbsView, signer.publicKey, basic.signature.valueBlock.valueHexView);
  if (!valid) throw new Unknown('response signature does not verify');
}

function sameCertId(candidate: pkijs.CertID, ours: pkijs.CertID, identity: IssuerIdentity): boolean {
  const algorithm = CERT_ID_HASHES[candidate.hashAlgorithm.algorithmId];
  if (!algorithm) return false;
  return (
    bytesEqual(candidate.issuerNameHash.valueBlock.valueHexView, hash(algorithm, identity.name)) &&
    bytesEqual(candidate.issuerKeyHash.valueBlock.valueHexView, hash(algorithm, identity.key)) &&
    serialBytes(candidate.serialNumber).equals(serialBytes(ours.serialNumber))
  );
}

interface Verdict {
  status: 'good' | 'revoked' | 'unknown';
  detail?: string;
  /** When a cached copy must be dropped at the latest. */
  validUntil: number;
}

/** Everything RFC 6960 asks of a response before its status may be believed. */
function judgeResponse(der: Uint8Array, sent: BuiltRequest, issuer: X509Certificate, now: Date, maxAgeMs: number): Verdict {
  const basic = parseBasicResponse(der);
  const identity = sent.issuer;
  checkSignature(basic, responderKey(basic, issuer, identity, now));
  const nonce = basic.tbsResponseData.responseExtensions?.find((extension) => extension.extnID === OID.nonce);
  if (nonce && !bytesEqual(nonce.extnValue.valueBlock.valueHexView, sent.nonce)) {
    throw new Unknown('response nonce does not match the request (a replayed answer?)');
  }
  const matching = basic.tbsResponseData.responses.filter((response) => sameCertId(response.certID, sent.certId, identity));
  const single = matching[0];
  if (!single) throw new Unknown('response does not name the certificate asked about');
  if (matching.length > 1) throw new Unknown('response names the certificate more than once');
  const thisUpdate = single.thisUpdate.getTime();
  if (thisUpdate > now.getTime() + CLOCK_SKEW_MS) throw new Unknown(`response thisUpdate ${single.thisUpdate.toISOString()} is in the future`);
  const validUntil = single.nextUpdate ? single.nextUpdate.getTime() : thisUpdate + maxAgeMs;
  if (now.getTime() > validUntil) {
    throw new Unknown(
      single.nextUpdate ? `response is stale (nextUpdate ${single.nextUpdate.toISOString()})` : 'response without nextUpdate is older than cacheSeconds',
    );
  }
  const tag = (single.certStatus as asn1js.BaseBlock).idBlock.tagNumber;
  if (tag === 0) return { status: 'good', validUntil };
  if (tag === 1) {
    const revokedAt = (single.certStatus as asn1js.Constructed).valueBlock.value[0];
    const when = revokedAt instanceof asn1js.GeneralizedTime ? ` since ${revokedAt.toDate().toISOString()}` : '';
    return { status: 'revoked', detail: `revoked${when} (OCSP)`, validUntil };
  }
  return { status: 'unknown', detail: 'the responder does not know the certificate', validUntil };
}

interface CachedAnswer {
  status: RevocationStatus;
  detail?: string | undefined;
  expiresAt: number;
}

function normalisedUrl(url: string): string | undefined {
  try {
    return new URL(url).href;
  } catch {
    return undefined;
  }
}

/** OCSP status checks for one trust store, with their cache. */
export class OcspClient {
  private readonly cache = new Map<string, CachedAnswer>();
  private readonly inFlight = new Map<string, Promise<OcspAnswer>>();
  private readonly allowed: ReadonlySet<string>;

  constructor(
    private readonly settings: OcspSettings,
    private readonly clock: Clock = systemClock,
  ) {
    this.allowed = new Set((settings.allowedUrls ?? []).map(normalisedUrl).filter((url): url is string => url !== undefined));
  }

  /** Revocation status of `certificate`, as its CA's responder (or a delegate) signs it now. */
  async status(certificate: X509Certificate, issuer: X509Certificate): Promise<OcspAnswer> {
    const responder = this.responderFor(certificate);
    if ('refused' in responder) return { status: 'unknown', url: '', detail: responder.refused };
    const url = responder.url;
    const key = `${url} ${issuer.fingerprint256} ${certificate.serialNumber}`;
    const cached = this.cache.get(key);
    if (cached && this.clock().getTime() < cached.expiresAt) return { status: cached.status, url, detail: cached.detail, cached: true };
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const asked = this.ask(url, key, certificate, issuer).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, asked);
    return asked;
  }

  private responderFor(certificate: X509Certificate): { url: string } | { refused: string } {
    if (this.settings.url) return { url: this.settings.url };
    const named = ocspUrlOf(certificate);
    if (!named) return { refused: 'no OCSP URL configured and none in the certificate' };
    const url = normalisedUrl(named);
    if (!url || !this.allowed.has(url)) return { refused: `the certificate names OCSP responder ${named}, which ocsp.allowedUrls does not list: not asked` };
    return { url };
  }

  private remember(key: string, answer: CachedAnswer): void {
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(key, answer);
  }

  private async ask(url: string, key: string, certificate: X509Certificate, issuer: X509Certificate): Promise<OcspAnswer> {
    const cacheMs = (this.settings.cacheSeconds ?? 300) * 1000;
    const negativeMs = (this.settings.negativeCacheSeconds ?? 30) * 1000;
    let answer: OcspAnswer;
    try {
      const sent = buildOcspRequest(certificate, issuer, this.settings.certIdHash ?? 'sha1');
      const der = await post(url, sent.der, this.settings);
      const now = this.clock();
      const verdict = judgeResponse(der, sent, issuer, now, cacheMs);
      if (verdict.status !== 'unknown' && cacheMs > 0) {
        this.remember(key, { status: verdict.status, detail: verdict.detail, expiresAt: Math.min(verdict.validUntil, now.getTime() + cacheMs) });
      }
      answer = { status: verdict.status, url, detail: verdict.detail };
    } catch (error) {
      // Unknown carries the reason; anything else (a parser crash, a stack overflow on nested DER) is malformed.
      const reason = error instanceof Unknown ? error.message : `malformed OCSP response: ${(error as Error).message.slice(0, 120)}`;
      answer = { status: 'unknown', url, detail: reason };
    }
    if (answer.status === 'unknown' && negativeMs > 0)
      this.remember(key, { status: 'unknown', detail: answer.detail, expiresAt: this.clock().getTime() + negativeMs });
    return answer;
  }
}
