/** SECURITY.md "Cases the test suite must hold" — Certificates — against decideTrust. */
import { generateKeyPairSync, randomInt, type X509Certificate } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RejectionError } from '../../../src/findings.js';
import { issueCertificate, issueCrl, type Issuer } from '../../../src/trust/pki/certificate-builder.js';
import { fingerprintSha256 } from '../../../src/trust/pki/certificate-details.js';
import { CrlCache } from '../../../src/trust/revocation/crl.js';
import { CA_COMMON_NAME } from '../../../src/trust/pki/sandbox-ca.js';
import { decideTrust, parseCertificate, type TrustStore } from '../../../src/trust/pki/trust-store.js';
import { rejectedWith } from '../../support/rejections.js';
import { createTestPki, HOUR_MS, issueTestCertificate, OTHER_PARTNER, PARTNER, type TestPki } from '../support.js';

let t: TestPki;
let work: string;
let caCertificate: X509Certificate;

beforeAll(async () => {
  t = await createTestPki();
  work = mkdtempSync(join(tmpdir(), 'swgate-trust-store-'));
  caCertificate = t.store(PARTNER).anchors[0]!;
});

async function writeCrl(issuer: Issuer, revokedSerialNumbers: number[]): Promise<string> {
  const file = join(work, `crl-${randomInt(1e9)}.pem`);
  writeFileSync(
    file,
    await issueCrl({ issuer, thisUpdate: new Date(Date.now() - HOUR_MS), nextUpdate: new Date(Date.now() + 24 * HOUR_MS), revokedSerialNumbers }),
  );
  return file;
}

function store(overrides: Partial<TrustStore> = {}): TrustStore {
  return { ...t.store(PARTNER), ...overrides };
}

/** A trust decision refused: 401, for the reason `code`. */
const expectRefused = (decision: Promise<unknown>, code: string) => rejectedWith(decision, 401, code);

function leafFrom(issuer: Issuer, overrides: Parameters<typeof issueTestCertificate>[0] = {}) {
  return issueTestCertificate({ issuer, ...overrides });
}

async function intermediateCa(ca: boolean): Promise<Issuer & { certificate: X509Certificate }> {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const certificate = await issueCertificate({
    commonName: 'partner issuing CA',
    publicKey,
    issuer: t.ca,
    serialNumber: randomInt(1, 2 ** 47),
    notBefore: new Date(Date.now() - HOUR_MS),
    notAfter: new Date(Date.now() + 24 * HOUR_MS),
    ca,
    keyUsage: ['keyCertSign', 'cRLSign'],
  });
  return { commonName: 'partner issuing CA', privateKey, certificate };
}

describe('accepted', () => {
  it('a sandbox participant certificate chains to the anchor, with a current CRL', async () => {
    const decision = await decideTrust(store(), t.key(PARTNER).certificate);
    expect(decision).toMatchObject({ matchedBy: 'anchor', revocation: 'good', participantId: PARTNER });
    expect(decision.chainFingerprints).toEqual([fingerprintSha256(t.key(PARTNER).certificate), fingerprintSha256(caCertificate)]);
    expect(decision.revocationChecks).toEqual([{ serialNumber: t.key(PARTNER).certificate.serialNumber, method: 'crl', status: 'good' }]);
  });

  it('a chain through a proper intermediate CA is accepted', async () => {
    const intermediate = await intermediateCa(true);
    const leaf = await leafFrom(intermediate);
    const crls = new CrlCache([{ file: t.pki.ca.crl }, { file: await writeCrl(intermediate, []) }]);
    const decision = await decideTrust(store({ intermediates: [intermediate.certificate], crls }), leaf.certificate);
    expect(decision.chainFingerprints).toHaveLength(3);
    expect(decision.revocation).toBe('good');
  });
});

describe('refused', () => {
  it('expired', () =>
    expectRefused(decideTrust(store({ clock: () => new Date(Date.now() + 3 * 365 * 24 * HOUR_MS) }), t.key(PARTNER).certificate), 'trust.certificate-expired'));

  it('not yet valid', () =>
    expectRefused(decideTrust(store({ clock: () => new Date(Date.now() - 24 * HOUR_MS) }), t.key(PARTNER).certificate), 'trust.certificate-not-yet-valid'));

  it('revoked', async () => {
    const leaf = await leafFrom(t.ca);
    const crls = new CrlCache([{ file: await writeCrl(t.ca, [Number.parseInt(leaf.certificate.serialNumber, 16)]) }]);
    await expectRefused(decideTrust(store({ crls }), leaf.certificate), 'trust.certificate-revoked');
    // The same certificate with a CRL that does not list it passes: the refusal was the revocation.
    await decideTrust(store({ crls: new CrlCache([{ file: await writeCrl(t.ca, []) }]) }), leaf.certificate);
  });

  it('revocation unknown fails closed, unless the policy allows it, and the choice is recorded', async () => {
    await expectRefused(decideTrust(store({ crls: undefined }), t.key(PARTNER).certificate), 'trust.revocation-unknown');
    await expect(decideTrust(store({ crls: undefined }), t.key(PARTNER).certificate)).rejects.toThrow(/no CRL or OCSP configured/);
    const decision = await decideTrust(store({ crls: undefined, unknownRevocation: 'allow-unknown' }), t.key(PARTNER).certificate);
    expect(decision.revocation).toBe('unknown-allowed-by-policy');
    expect(decision.revocationChecks).toEqual([]);
  });

  it('a CRL signed by another key is ignored (status unknown)', async () => {
    const impostor: Issuer = { commonName: CA_COMMON_NAME, privateKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey };
    const crls = new CrlCache([{ file: await writeCrl(impostor, []) }]);
    await expectRefused(decideTrust(store({ crls }), t.key(PARTNER).certificate), 'trust.revocation-unknown');
    const allowed = await decideTrust(store({ crls, unknownRevocation: 'allow-unknown' }), t.key(PARTNER).certificate);
    expect(allowed.revocationChecks).toMatchObject([{ method: 'crl', status: 'unknown', detail: 'no current CRL signed by the issuer' }]);
  });

  it('intermediate without the CA flag', async () => {
    const intermediate = await intermediateCa(false);
    const leaf = await leafFrom(intermediate);
    await expectRefused(decideTrust(store({ intermediates: [intermediate.certificate] }), leaf.certificate), 'trust.issuer-not-ca');
  });

  it('chain to an unrelated CA', async () => {
    const unrelated: Issuer = { commonName: 'unrelated CA', privateKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey };
    await expectRefused(decideTrust(store(), (await leafFrom(unrelated)).certificate), 'trust.chain-untrusted');
  });

  it('issuer with the same subject as the anchor but another key', async () => {
    const sameName: Issuer = { commonName: CA_COMMON_NAME, privateKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey };
    await expectRefused(decideTrust(store(), (await leafFrom(sameName)).certificate), 'trust.chain-untrusted');
  });

  it('a certificate accepted under its anchor is refused under an anchor of the same name and another key (verdicts are remembered per issuer certificate)', async () => {
    const leaf = t.key(PARTNER).certificate;
    await decideTrust(store(), leaf);
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const window = { serialNumber: randomInt(1, 2 ** 47), notBefore: new Date(Date.now() - HOUR_MS), notAfter: new Date(Date.now() + 24 * HOUR_MS) };
    const impostorAnchor = await issueCertificate({
      commonName: CA_COMMON_NAME,
      publicKey,
      issuer: { commonName: CA_COMMON_NAME, privateKey },
      ca: true,
      keyUsage: ['keyCertSign', 'cRLSign'],
      ...window,
    });
    await expectRefused(decideTrust(store({ anchors: [impostorAnchor] }), leaf), 'trust.chain-untrusted');
    await decideTrust(store(), leaf);
  });

  it('same subject as the pinned certificate, another key', async () => {
    const pinned = store({ anchors: [], pinned: [{ certificate: t.key(PARTNER).certificate }] });
    await expectRefused(decideTrust(pinned, (await leafFrom(t.ca)).certificate), 'trust.chain-untrusted');
  });

  it("partner A's certificate on a message claiming partner B", () =>
    expectRefused(decideTrust(t.store(OTHER_PARTNER), t.key(PARTNER).certificate), 'trust.certificate-not-bound-to-sender'));

  it('wrong key usage (keyEncipherment only), and a CA certificate used to sign', async () => {
    await expectRefused(decideTrust(store(), (await leafFrom(t.ca, { keyUsage: ['keyEncipherment'] })).certificate), 'trust.key-usage');
    await expectRefused(decideTrust(store(), caCertificate), 'trust.key-usage');
  });

  it('malformed and deeply nested DER', () => {
    const depth = 100_000;
    const nested = Buffer.concat([Buffer.alloc(depth * 2, Buffer.from([0x30, 0x80])), Buffer.alloc(depth * 2, 0)]);
    for (const der of [Buffer.from('not DER at all'), nested.subarray(0, 16 * 1024), nested, Buffer.alloc(0)]) {
      expect(() => parseCertificate(der)).toThrow(RejectionError);
      try {
        parseCertificate(der);
      } catch (error) {
        expect((error as RejectionError).findings[0]?.code).toBe('trust.certificate-malformed');
      }
    }
  });

  it('a deeply nested CRL is treated as unusable, not as a crash', async () => {
    const file = join(work, 'nested.crl');
    writeFileSync(file, Buffer.concat([Buffer.alloc(40_000, Buffer.from([0x30, 0x80])), Buffer.alloc(40_000, 0)]));
    await expectRefused(decideTrust(store({ crls: new CrlCache([{ file }]) }), t.key(PARTNER).certificate), 'trust.revocation-unknown');
  });
});

describe('rollover', () => {
  it('old and new pinned certificates are both accepted inside the window, the old one refused after it, a retired one always', async () => {
    const oldCertificate = (await issueTestCertificate()).certificate;
    const newCertificate = (await issueTestCertificate()).certificate;
    const now = Date.now();
    const rollover = (at: number, retired: string[] = []) =>
      store({
        anchors: [],
        clock: () => new Date(at),
        retiredFingerprints: retired,
        pinned: [{ certificate: oldCertificate, acceptUntil: new Date(now + HOUR_MS) }, { certificate: newCertificate }],
      });
    expect((await decideTrust(rollover(now), oldCertificate)).revocation).toBe('pinned-not-checked');
    await decideTrust(rollover(now), newCertificate);
    await expectRefused(decideTrust(rollover(now + 2 * HOUR_MS), oldCertificate), 'trust.certificate-retired');
    await decideTrust(rollover(now + 2 * HOUR_MS), newCertificate);
    await expectRefused(decideTrust(rollover(now, [fingerprintSha256(newCertificate)]), newCertificate), 'trust.certificate-retired');
  });
});
