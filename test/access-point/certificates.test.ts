import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { currentAt, datedCertificates, validAt } from '../../src/access-point/certificates.js';
import { ensureSandboxPki, type SandboxPki } from '../../src/trust/pki/sandbox-ca.js';

let pki: SandboxPki;
beforeAll(async () => {
  pki = await ensureSandboxPki(mkdtempSync(join(tmpdir(), 'swgate-as4-rollover-')), ['old', 'new']);
});

describe('AS4 certificates by time (rollover without a restart)', () => {
  it('takes either certificate while the windows overlap, encrypts for the newer, and drops the old one when its window ends', () => {
    const [oldFile, newFile] = [pki.entities.old?.rsa.certificate as string, pki.entities.new?.rsa.certificate as string];
    const soon = Date.now() + 86_400_000;
    const dated = datedCertificates([
      { file: oldFile, notAfter: new Date(soon + 86_400_000).toISOString() },
      { file: newFile, notBefore: new Date(soon).toISOString() },
    ]);
    const [oldCert, newCert] = dated.map((d) => d.certificate);
    const before = new Date();
    const overlap = new Date(soon + 3_600_000);
    const after = new Date(soon + 2 * 86_400_000);
    expect(validAt(dated, before)).toEqual([oldCert]);
    expect(currentAt(dated, before)).toBe(oldCert);
    expect(validAt(dated, overlap)).toEqual([oldCert, newCert]);
    expect(currentAt(dated, overlap)).toBe(newCert);
    expect(validAt(dated, after)).toEqual([newCert]);
    // Never outside the certificate's own validity, whatever the configuration says.
    expect(validAt(dated, new Date(Date.parse(newCert?.validTo ?? '') + 1000))).toEqual([]);
    expect(currentAt(dated, new Date(0))).toBeUndefined();
  });
});
