import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { issueCrl } from '../../src/trust/pki/certificate-builder.js';
import { reportCertificate, reportFingerprint, reportTrustStore } from '../../src/trust/pki/certificate-report.js';
import { createTestPki, HOUR_MS, issueTestCertificate, PARTNER } from './support.js';

const DAY_MS = 24 * HOUR_MS;

/** What the Participants screen shows of a certificate (issue 19): expiry flags, revocation by the CRLs held, never a key. */
describe('certificate reports', () => {
  it('flags a certificate expiring within 30 days, and one expired', async () => {
    const now = new Date();
    const { certificate } = await issueTestCertificate({ notBefore: new Date(now.getTime() - DAY_MS), notAfter: new Date(now.getTime() + 10 * DAY_MS) });
    const report = reportCertificate(certificate, 'signing', now);
    expect(report).toMatchObject({ expiresInDays: 9, flags: ['expiring'], usage: 'signing', fingerprint256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(report.subject).toMatch(/CN=/);
    expect(reportCertificate(certificate, 'signing', new Date(now.getTime() - 30 * DAY_MS)).flags).toEqual([]);
    expect(reportCertificate(certificate, 'signing', new Date(now.getTime() + 11 * DAY_MS)).flags).toEqual(['expired']);
    expect(JSON.stringify(report)).not.toMatch(/PRIVATE/);
  });

  it('flags what a CRL of the trust store revokes, and shows a registered mTLS fingerprint as it is kept', async () => {
    const t = await createTestPki();
    const now = Date.now();
    const year = { notBefore: new Date(now - DAY_MS), notAfter: new Date(now + 365 * DAY_MS) };
    const good = await issueTestCertificate({ issuer: t.ca, serialNumber: 7001, ...year });
    const revoked = await issueTestCertificate({ issuer: t.ca, serialNumber: 7002, ...year });
    writeFileSync(
      t.pki.ca.crl,
      await issueCrl({ issuer: t.ca, thisUpdate: new Date(now - HOUR_MS), nextUpdate: new Date(now + DAY_MS), revokedSerialNumbers: [7002] }),
    );
    const store = t.store(PARTNER);
    store.pinned.push({ certificate: good.certificate }, { certificate: revoked.certificate });
    const reports = await reportTrustStore(store, [], new Date());
    expect(reports.map((r) => [r.usage, r.flags.filter((f) => f === 'revoked')])).toEqual([
      ['trust-anchor', []],
      ['signing', []],
      ['signing', ['revoked']],
    ]);
    expect(reportFingerprint('AB:CD')).toMatchObject({ fingerprint256: 'abcd', usage: 'mtls', notAfter: null, flags: [] });
  });
});
