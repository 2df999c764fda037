/**
 * OCSP against a real, independent responder (`openssl ocsp` on loopback HTTP): good, revoked,
 * unknown (fail closed, or allowed by policy and recorded), responder down, answers signed by
 * the wrong key, stale answers, replayed answers, the cache (failures too), delegated
 * responders, which responders may be asked at all (configured, allow-listed AIA URLs, no
 * internal addresses behind a host name), OCSP only after the signature, and OCSP with CRLs.
 */
import { generateKeyPairSync, randomInt, type X509Certificate } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCrl, type Issuer } from '../../../src/trust/pki/certificate-builder.js';
import { CrlCache } from '../../../src/trust/revocation/crl.js';
import { signJsonEnvelope, verifyJsonEnvelope } from '../../../src/trust/json-envelope.js';
import { OcspClient, ocspUrlOf, type OcspSettings } from '../../../src/trust/revocation/ocsp.js';
import { CA_COMMON_NAME } from '../../../src/trust/pki/sandbox-ca.js';
import { loadTrustStore } from '../../../src/trust/pki/trust-config.js';
import { decideTrust, type TrustStore } from '../../../src/trust/pki/trust-store.js';
import { signEnvelopeXml } from '../../../src/trust/xml-sign.js';
import { verifyXmlSignature } from '../../../src/trust/xmldsig/xml-verify.js';
import { xmlPayload } from '../../../src/trust/envelope.js';
import { freePort, issueWithOpenssl, startOcspResponder, type OcspResponder, type ResponderOptions } from './support-ocsp.js';
import { rejectedWith } from '../../support/rejections.js';
import { OPENSSL, toolsPresent } from '../../support/tools.js';
import { startHostileServer, type HostileServer } from '../../support/hostile-server.js';
import { createTestPki, header, HOUR_MS, issueTestCertificate, PARTNER, trustConfigProblems, type TestPki } from '../support.js';

// Every group here talks to the openssl responder the file starts before its tests.
const withOpenssl = toolsPresent(OPENSSL);
let t: TestPki;
let work: string;
let good: X509Certificate;
let revoked: X509Certificate;
let notInIndex: X509Certificate;
let responder: OcspResponder;
const started: OcspResponder[] = [];
const servers: Server[] = [];

async function responderWith(options: Partial<ResponderOptions> = {}): Promise<OcspResponder> {
  const running = await startOcspResponder({
    dir: work,
    caCertificate: t.pki.ca.certificate,
    signerKey: t.pki.ca.privateKey,
    entries: [{ certificate: good }, { certificate: revoked, revokedAt: new Date(Date.now() - HOUR_MS) }],
    ...options,
  });
  started.push(running);
  return running;
}

async function leaf(): Promise<X509Certificate> {
  return (await issueTestCertificate({ issuer: t.ca })).certificate;
}

beforeAll(async () => {
  t = await createTestPki();
  work = mkdtempSync(join(tmpdir(), 'swgate-ocsp-'));
  [good, revoked, notInIndex] = await Promise.all([leaf(), leaf(), leaf()]);
  responder = await responderWith();
});

afterAll(async () => {
  await Promise.all(started.map((running) => running.stop()));
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});

/** The sandbox store with OCSP instead of its CRL (unless overridden). */
function store(settings: OcspSettings, overrides: Partial<TrustStore> = {}): TrustStore {
  const clock = overrides.clock;
  return { ...t.store(PARTNER), crls: undefined, ocsp: new OcspClient(settings, clock), ...overrides };
}

/** A trust decision refused: 401, for the reason `code`. */
const refusal = (decision: Promise<unknown>, code: string) => rejectedWith(decision, 401, code);

/** An HTTP server that answers every POST with `answer(requestBody)`. */
async function fakeServer(answer: (body: Buffer) => Promise<{ status: number; body: Uint8Array }>): Promise<string> {
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      answer(Buffer.concat(chunks)).then(
        ({ status, body }) => response.writeHead(status, { 'content-type': 'application/ocsp-response' }).end(body),
        () => response.writeHead(500).end(),
      );
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe.runIf(withOpenssl)('OCSP answers from openssl ocsp', () => {
  it('good: accepted, and the decision records that OCSP said so', async () => {
    const decision = await decideTrust(store({ url: responder.url }), good);
    expect(decision.revocation).toBe('good');
    expect(decision.revocationChecks).toEqual([{ serialNumber: good.serialNumber, method: 'ocsp', status: 'good', url: responder.url }]);
  });

  it('good with a SHA-256 CertID as well', async () => {
    expect((await decideTrust(store({ url: responder.url, certIdHash: 'sha256' }), good)).revocation).toBe('good');
  });

  it('revoked: refused like a CRL revocation', async () => {
    const error = await refusal(decideTrust(store({ url: responder.url }), revoked), 'trust.certificate-revoked');
    expect(error.message).toMatch(/\(ocsp\)/);
  });

  it('unknown (not in the index) fails closed; allowed by policy it passes and the decision says so', async () => {
    const error = await refusal(decideTrust(store({ url: responder.url }), notInIndex), 'trust.revocation-unknown');
    expect(error.message).toMatch(/does not know the certificate/);
    const decision = await decideTrust(store({ url: responder.url }, { unknownRevocation: 'allow-unknown' }), notInIndex);
    expect(decision.revocation).toBe('unknown-allowed-by-policy');
    expect(decision.revocationChecks).toMatchObject([{ method: 'ocsp', status: 'unknown', detail: 'the responder does not know the certificate' }]);
  });

  it('responder down fails closed', async () => {
    const down = await responderWith();
    await down.stop();
    const error = await refusal(decideTrust(store({ url: down.url, timeoutMs: 2000 }), good), 'trust.revocation-unknown');
    expect(error.message).toMatch(/unreachable/);
  });

  it('no URL configured and none in the certificate fails closed', async () => {
    const error = await refusal(decideTrust(store({}), good), 'trust.revocation-unknown');
    expect(error.message).toMatch(/no OCSP URL/);
  });

  it('an answer signed by an unrelated key is refused, whether it calls itself the CA or not', async () => {
    const caExtensions = ['basicConstraints = critical, CA:TRUE', 'keyUsage = keyCertSign, cRLSign'];
    const sameName = issueWithOpenssl({ dir: work, name: 'impostor-ca', commonName: CA_COMMON_NAME, extensions: caExtensions });
    const otherName = issueWithOpenssl({
      dir: work,
      name: 'unrelated-ca',
      commonName: 'unrelated OCSP responder',
      extensions: [...caExtensions, 'extendedKeyUsage = OCSPSigning'],
    });
    for (const [signer, reason] of [
      [sameName, /signature does not verify/],
      [otherName, /not issued by the certificate's CA/],
    ] as const) {
      const impostor = await responderWith({ signerCertificate: signer.certificatePath, signerKey: signer.privateKeyPath });
      expect((await refusal(decideTrust(store({ url: impostor.url }), good), 'trust.revocation-unknown')).message).toMatch(reason);
      // Nor when it says revoked: an unauthenticated answer is no answer.
      await refusal(decideTrust(store({ url: impostor.url }), revoked), 'trust.revocation-unknown');
    }
  });

  it('a delegated responder needs id-kp-OCSPSigning from the same CA', async () => {
    const caKey = { issuerCertificate: t.pki.ca.certificate, issuerKey: t.pki.ca.privateKey };
    const delegated = issueWithOpenssl({
      dir: work,
      name: 'delegated',
      commonName: 'swgate OCSP responder',
      ...caKey,
      extensions: ['basicConstraints = CA:FALSE', 'keyUsage = critical, digitalSignature', 'extendedKeyUsage = OCSPSigning'],
    });
    const withDelegate = await responderWith({ signerCertificate: delegated.certificatePath, signerKey: delegated.privateKeyPath });
    expect((await decideTrust(store({ url: withDelegate.url }), good)).revocation).toBe('good');
    await refusal(decideTrust(store({ url: withDelegate.url }), revoked), 'trust.certificate-revoked');

    const noEku = issueWithOpenssl({
      dir: work,
      name: 'no-eku',
      commonName: 'swgate OCSP responder',
      ...caKey,
      extensions: ['basicConstraints = CA:FALSE', 'keyUsage = critical, digitalSignature'],
    });
    const withoutEku = await responderWith({ signerCertificate: noEku.certificatePath, signerKey: noEku.privateKeyPath });
    expect((await refusal(decideTrust(store({ url: withoutEku.url }), good), 'trust.revocation-unknown')).message).toMatch(/lacks id-kp-OCSPSigning/);
  });

  // The same key rule as for every certificate of a chain: RSA >= 2048, EC P-256 or P-384.
  it.each([
    ['weak', 'secp224r1'],
    ['p521', 'secp521r1'],
  ])('a delegated responder with a key outside the profile (%s, %s) is refused', async (name, namedCurve) => {
    const caKey = { issuerCertificate: t.pki.ca.certificate, issuerKey: t.pki.ca.privateKey };
    const outside = issueWithOpenssl({
      dir: work,
      name,
      commonName: 'swgate OCSP responder',
      ...caKey,
      namedCurve,
      extensions: ['basicConstraints = CA:FALSE', 'keyUsage = critical, digitalSignature', 'extendedKeyUsage = OCSPSigning'],
    });
    const withOutside = await responderWith({ signerCertificate: outside.certificatePath, signerKey: outside.privateKeyPath });
    expect((await refusal(decideTrust(store({ url: withOutside.url }), good), 'trust.revocation-unknown')).message).toMatch(/too weak/);
  });

  it('a stale answer (clock past nextUpdate) is refused', async () => {
    const later = () => new Date(Date.now() + 20 * 60_000);
    const error = await refusal(decideTrust(store({ url: responder.url }, { clock: later }), good), 'trust.revocation-unknown');
    expect(error.message).toMatch(/stale/);
  });

  it('a replayed answer (another request’s nonce) is refused', async () => {
    let recorded: Uint8Array | undefined;
    const replaying = await fakeServer(async (body) => {
      if (!recorded) {
        const forwarded = await request(responder.url, { method: 'POST', body, headers: { 'content-type': 'application/ocsp-request' } });
        recorded = new Uint8Array(await forwarded.body.arrayBuffer());
      }
      return { status: 200, body: recorded };
    });
    expect((await decideTrust(store({ url: replaying }), good)).revocation).toBe('good');
    const error = await refusal(decideTrust(store({ url: replaying }), good), 'trust.revocation-unknown');
    expect(error.message).toMatch(/nonce does not match/);
  });

  it('malformed answers, HTTP errors and deeply nested DER are unknown, not crashes', async () => {
    const nested = Buffer.concat([Buffer.alloc(40_000, Buffer.from([0x30, 0x80])), Buffer.alloc(40_000, 0)]);
    for (const [status, body, reason] of [
      [200, Buffer.from('not DER'), /malformed/],
      [200, nested, /malformed/],
      [500, Buffer.alloc(0), /HTTP 500/],
      [200, Buffer.from([0x30, 0x03, 0x0a, 0x01, 0x03]), /tryLater/],
    ] as const) {
      const url = await fakeServer(async () => ({ status, body }));
      expect((await refusal(decideTrust(store({ url }), good), 'trust.revocation-unknown')).message).toMatch(reason);
    }
  });
});

describe.runIf(withOpenssl)('cache', () => {
  it('a good answer is reused within cacheSeconds after the responder stops, and not after', async () => {
    const own = await responderWith();
    let now = Date.now();
    const clock = () => new Date(now);
    const cached = store({ url: own.url, cacheSeconds: 60 }, { clock });
    expect((await decideTrust(cached, good)).revocation).toBe('good');
    expect(await own.requests(1)).toBe(1);
    await own.stop();
    now += 30_000;
    const again = await decideTrust(cached, good);
    expect(again.revocation).toBe('good');
    expect(again.revocationChecks[0]?.detail).toBe('cached answer');
    now += 31_000;
    expect((await refusal(decideTrust(cached, good), 'trust.revocation-unknown')).message).toMatch(/unreachable/);
  });

  it('never past nextUpdate, however long cacheSeconds is', async () => {
    const short = await responderWith({ nextUpdateMinutes: 1 });
    let now = Date.now();
    const cached = store({ url: short.url, cacheSeconds: 3600 }, { clock: () => new Date(now) });
    expect((await decideTrust(cached, good)).revocation).toBe('good');
    now += 90_000;
    // Asked again (the cached answer expired at nextUpdate); the fresh answer is, on this clock, stale too.
    await refusal(decideTrust(cached, good), 'trust.revocation-unknown');
    expect(await short.requests(2)).toBe(2);
  });

  it('unknown answers are reused for negativeCacheSeconds, then asked again; 0 turns that off', async () => {
    const own = await responderWith();
    let now = Date.now();
    const client = store({ url: own.url, negativeCacheSeconds: 30 }, { unknownRevocation: 'allow-unknown', clock: () => new Date(now) });
    await decideTrust(client, notInIndex);
    const again = await decideTrust(client, notInIndex);
    expect(again.revocationChecks[0]?.detail).toBe('the responder does not know the certificate; cached answer');
    expect(await own.requests(1)).toBe(1);
    now += 31_000;
    await decideTrust(client, notInIndex);
    expect(await own.requests(2)).toBe(2);
    const uncached = store({ url: own.url, negativeCacheSeconds: 0 }, { unknownRevocation: 'allow-unknown' });
    await decideTrust(uncached, notInIndex);
    await decideTrust(uncached, notInIndex);
    expect(await own.requests(4)).toBe(4);
  });

  it('a failing responder is asked once within the window, however many messages come', async () => {
    let asked = 0;
    const failing = await fakeServer(async () => {
      asked++;
      return { status: 503, body: new Uint8Array() };
    });
    let now = Date.now();
    const client = store({ url: failing }, { clock: () => new Date(now) });
    for (let i = 0; i < 5; i++) expect((await refusal(decideTrust(client, good), 'trust.revocation-unknown')).message).toMatch(/HTTP 503/);
    expect(asked).toBe(1);
    now += 31_000; // the default negativeCacheSeconds is 30
    await refusal(decideTrust(client, good), 'trust.revocation-unknown');
    expect(asked).toBe(2);
  });
});

describe.runIf(withOpenssl)('where the responder is', () => {
  async function certificateNaming(url: string): Promise<X509Certificate> {
    return issueWithOpenssl({
      dir: work,
      name: `aia-${randomInt(1e6)}`,
      commonName: PARTNER,
      issuerCertificate: t.pki.ca.certificate,
      issuerKey: t.pki.ca.privateKey,
      extensions: [
        'basicConstraints = CA:FALSE',
        'keyUsage = critical, digitalSignature',
        `subjectAltName = DNS:${PARTNER}`,
        `authorityInfoAccess = OCSP;URI:${url}`,
      ],
    }).certificate;
  }

  it("unset url: the certificate's AIA OCSP URL, when allowedUrls lists it", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    const withAia = await certificateNaming(url);
    expect(ocspUrlOf(withAia)).toBe(url);
    expect(ocspUrlOf(good)).toBeUndefined();
    const aia = await responderWith({ port, entries: [{ certificate: withAia }] });
    const decision = await decideTrust(store({ allowedUrls: [url] }), withAia);
    expect(decision.revocationChecks).toEqual([{ serialNumber: withAia.serialNumber, method: 'ocsp', status: 'good', url }]);
    expect(await aia.requests(1)).toBe(1);
    // A configured url wins over the certificate's.
    expect((await decideTrust(store({ url: responder.url }, { unknownRevocation: 'allow-unknown' }), withAia)).revocationChecks[0]).toMatchObject({
      url: responder.url,
      status: 'unknown',
    });
  });

  it('an AIA URL the trust store does not list is never asked: unknown, and the policy decides', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    const withAia = await certificateNaming(url);
    const aia = await responderWith({ port, entries: [{ certificate: withAia }] });
    const error = await refusal(decideTrust(store({ allowedUrls: ['http://ocsp.partner-xb.example/'] }), withAia), 'trust.revocation-unknown');
    expect(error.message).toContain(`the certificate names OCSP responder ${url}, which ocsp.allowedUrls does not list: not asked`);
    const allowed = await decideTrust(store({}, { unknownRevocation: 'allow-unknown' }), withAia);
    expect(allowed.revocation).toBe('unknown-allowed-by-policy');
    expect(allowed.revocationChecks).toMatchObject([{ method: 'ocsp', status: 'unknown', url: '' }]);
    expect(await aia.requests(1)).toBe(0);
  });

  it('a host name that resolves to a loopback address is not connected to, unless allowPrivateAddresses', async () => {
    const own = await responderWith();
    const byName = own.url.replace('127.0.0.1', 'localhost');
    const error = await refusal(decideTrust(store({ url: byName }), good), 'trust.revocation-unknown');
    expect(error.message).toMatch(/localhost resolves only to internal addresses/);
    expect(await own.requests(1)).toBe(0);
    expect((await decideTrust(store({ url: byName, allowPrivateAddresses: true }), good)).revocation).toBe('good');
    expect(await own.requests(1)).toBe(1);
  });
});

describe.runIf(withOpenssl)('what a responder may not make the gateway do', () => {
  let hostile: HostileServer;
  beforeAll(async () => {
    hostile = await startHostileServer();
  });
  afterAll(() => hostile.close());

  it('an answer larger than 256 KB is not read: unknown', async () => {
    const error = await refusal(decideTrust(store({ url: `${hostile.origin}/huge?bytes=${256 * 1024 + 1}` }), good), 'trust.revocation-unknown');
    expect(error.message).toMatch(/response larger than 262144 bytes/);
  });

  it('a responder that answers slowly is given up after timeoutMs: unknown', async () => {
    const started = Date.now();
    for (const path of ['/silent', '/trickle']) {
      const error = await refusal(decideTrust(store({ url: `${hostile.origin}${path}`, timeoutMs: 300 }), good), 'trust.revocation-unknown');
      expect(error.message).toMatch(/timeout/i);
    }
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('a redirect is not followed, even to a good responder: unknown', async () => {
    const own = await responderWith();
    const error = await refusal(decideTrust(store({ url: `${hostile.origin}/redirect?to=${encodeURIComponent(own.url)}` }), good), 'trust.revocation-unknown');
    expect(error.message).toMatch(/HTTP 302/);
    expect(await own.requests(1)).toBe(0);
  });
});

describe.runIf(withOpenssl)('OCSP only after the signature', () => {
  const partnerKey = () => t.key(PARTNER);
  const partnerStore = (url: string): TrustStore => ({ ...t.store(PARTNER), crls: undefined, ocsp: new OcspClient({ url }) });

  it('a forged XML or JWS envelope is refused without any OCSP request; a genuine one is checked', async () => {
    const own = await responderWith({ entries: [{ certificate: partnerKey().certificate }] });
    const signed = signEnvelopeXml(header(), xmlPayload('<Declaration><ID>1</ID></Declaration>'), partnerKey());
    const forgedXml = signed.replace('<ID>1</ID>', '<ID>2</ID>');
    await expect(verifyXmlSignature(forgedXml, partnerStore(own.url))).rejects.toMatchObject({ status: 401, findings: [{ code: 'xmldsig.digest-mismatch' }] });
    const jws = await signJsonEnvelope({ header: header(), payload: { id: 1 } }, partnerKey());
    const [protectedHeader, payload, signature] = jws.split('.');
    const forgedJws = `${protectedHeader}.${payload}.${signature!.startsWith('A') ? 'B' : 'A'}${signature!.slice(1)}`;
    await expect(verifyJsonEnvelope(forgedJws, partnerStore(own.url))).rejects.toMatchObject({ status: 401, findings: [{ code: 'jws.signature-invalid' }] });
    expect(await own.requests(1)).toBe(0);

    expect((await verifyXmlSignature(signed, partnerStore(own.url))).trust.revocation).toBe('good');
    expect((await verifyJsonEnvelope(jws, partnerStore(own.url))).trust.revocation).toBe('good');
    expect(await own.requests(2)).toBe(2);
  });
});

describe.runIf(withOpenssl)('OCSP and CRLs together', () => {
  async function crlFile(issuer: Issuer, revokedSerials: number[]): Promise<string> {
    const file = join(work, `crl-${randomInt(1e9)}.pem`);
    writeFileSync(
      file,
      await issueCrl({
        issuer,
        thisUpdate: new Date(Date.now() - HOUR_MS),
        nextUpdate: new Date(Date.now() + 24 * HOUR_MS),
        revokedSerialNumbers: revokedSerials,
      }),
    );
    return file;
  }
  const serial = (certificate: X509Certificate) => Number.parseInt(certificate.serialNumber, 16);

  it('revoked by either is revoked', async () => {
    const crlGood = new CrlCache([{ file: await crlFile(t.ca, []) }]);
    await refusal(decideTrust(store({ url: responder.url }, { crls: crlGood }), revoked), 'trust.certificate-revoked');
    const crlRevokes = new CrlCache([{ file: await crlFile(t.ca, [serial(good)]) }]);
    const error = await refusal(decideTrust(store({ url: responder.url }, { crls: crlRevokes }), good), 'trust.certificate-revoked');
    expect(error.message).toMatch(/\(crl\)/);
  });

  it('good from one and unknown from the other is good, and both answers are recorded', async () => {
    const impostor: Issuer = { commonName: CA_COMMON_NAME, privateKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey };
    const unusableCrl = new CrlCache([{ file: await crlFile(impostor, []) }]);
    const decision = await decideTrust(store({ url: responder.url }, { crls: unusableCrl }), good);
    expect(decision.revocation).toBe('good');
    expect(decision.revocationChecks.map((check) => `${check.method}:${check.status}`)).toEqual(['crl:unknown', 'ocsp:good']);
    const crlOnly = await decideTrust(store({ url: responder.url }, { crls: new CrlCache([{ file: t.pki.ca.crl }]) }), notInIndex);
    expect(crlOnly.revocationChecks.map((check) => `${check.method}:${check.status}`)).toEqual(['crl:good', 'ocsp:unknown']);
  });
});

describe.runIf(withOpenssl)('configuration', () => {
  it('a trust store with ocsp settings gets an OCSP client; the YAML schema checks the settings', async () => {
    const configured = loadTrustStore(PARTNER, { anchors: [t.pki.ca.certificate], ocsp: { url: responder.url, timeoutMs: 3000, cacheSeconds: 60 } }, work);
    expect(configured.ocsp).toBeInstanceOf(OcspClient);
    expect((await decideTrust(configured, good)).revocation).toBe('good');
    expect(loadTrustStore(PARTNER, { anchors: [t.pki.ca.certificate] }, work).ocsp).toBeUndefined();

    const text = trustConfigProblems(
      work,
      'ocsp: { url: ftp://ocsp.example, timeoutMs: 10, cacheSeconds: 60, certIdHash: md5, nonce: false, allowedUrls: [file:///etc/passwd], negativeCacheSeconds: 86400, allowPrivateAddresses: yes-please }',
    );
    expect(text).toMatch(/trust\.ocsp must NOT have additional properties "nonce"/);
    expect(text).toMatch(/trust\.ocsp\.url must match pattern/);
    expect(text).toMatch(/trust\.ocsp\.timeoutMs must be >= 100/);
    expect(text).toMatch(/trust\.ocsp\.certIdHash must be equal to one of the allowed values/);
    expect(text).toMatch(/trust\.ocsp\.allowedUrls\.0 must match pattern/);
    expect(text).toMatch(/trust\.ocsp\.negativeCacheSeconds must be <= 3600/);
    expect(text).toMatch(/trust\.ocsp\.allowPrivateAddresses must be boolean/);
  });
});
