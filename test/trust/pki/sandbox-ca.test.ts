import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GATEWAY_ID } from '../../../src/gateway-id.js';
import { ensureSandboxPki } from '../../../src/trust/pki/sandbox-ca.js';

describe('sandbox PKI', () => {
  it('makes a CA and ECDSA P-256 + RSA-2048 keys for the gateway and every participant, private keys 0600', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'swgate-pki-'));
    const pki = await ensureSandboxPki(dir, ['customs', 'partner-xb']);
    const ca = new X509Certificate(readFileSync(pki.ca.certificate));
    expect(ca.ca).toBe(true);
    expect(Object.keys(pki.entities).sort()).toEqual([GATEWAY_ID, 'customs', 'partner-xb'].sort());
    for (const [id, files] of Object.entries(pki.entities)) {
      for (const [kind, pair] of Object.entries(files)) {
        const certificate = new X509Certificate(readFileSync(pair.certificate));
        expect(certificate.verify(ca.publicKey), `${id} ${kind}`).toBe(true);
        expect(certificate.subject).toContain(`CN=${id}`);
        expect(certificate.checkPrivateKey(createPrivateKey(readFileSync(pair.privateKey)))).toBe(true);
        expect(statSync(pair.privateKey).mode & 0o777).toBe(0o600);
        const details = certificate.publicKey.asymmetricKeyDetails;
        expect(kind === 'ecdsa' ? details?.namedCurve : details?.modulusLength).toBe(kind === 'ecdsa' ? 'prime256v1' : 2048);
      }
    }
    expect(readFileSync(pki.ca.crl, 'utf8')).toContain('BEGIN X509 CRL');
  });

  it('is idempotent: keeps existing files, fills in missing participants and lost files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'swgate-pki-'));
    const first = await ensureSandboxPki(dir, ['customs']);
    const caBefore = readFileSync(first.ca.certificate, 'utf8');
    const customsBefore = readFileSync(first.entities.customs!.ecdsa.privateKey, 'utf8');
    rmSync(first.entities[GATEWAY_ID]!.rsa.certificate);
    const second = await ensureSandboxPki(dir, ['customs', 'pga-plant']);
    expect(readFileSync(second.ca.certificate, 'utf8')).toBe(caBefore);
    expect(readFileSync(second.entities.customs!.ecdsa.privateKey, 'utf8')).toBe(customsBefore);
    const restored = new X509Certificate(readFileSync(second.entities[GATEWAY_ID]!.rsa.certificate));
    expect(restored.verify(new X509Certificate(caBefore).publicKey)).toBe(true);
    expect(new X509Certificate(readFileSync(second.entities['pga-plant']!.ecdsa.certificate)).subject).toContain('CN=pga-plant');
  });

  it('refuses ids that would escape the directory or collide with the CA', async () => {
    for (const id of ['../etc/x', 'ca', 'a/b', 'x-rsa', '']) {
      await expect(ensureSandboxPki(mkdtempSync(join(tmpdir(), 'swgate-pki-')), [id])).rejects.toThrow(/cannot name/);
    }
  });
});
