import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fingerprintSha256 } from '../../../src/trust/pki/certificate-details.js';
import { loadTrustStore, type TrustStoreConfig } from '../../../src/trust/pki/trust-config.js';
import { decideTrust } from '../../../src/trust/pki/trust-store.js';
import { createTestPki, HOUR_MS, PARTNER, type TestPki } from '../support.js';

let t: TestPki;
let configDir: string;
beforeAll(async () => {
  t = await createTestPki();
  configDir = mkdtempSync(join(tmpdir(), 'swgate-trust-config-'));
  copyFileSync(t.pki.entities[PARTNER]!.ecdsa.certificate, join(configDir, 'old.crt.pem'));
  copyFileSync(t.pki.entities[PARTNER]!.rsa.certificate, join(configDir, 'new.crt.pem'));
  copyFileSync(t.pki.ca.certificate, join(configDir, 'ca.crt.pem'));
  copyFileSync(t.pki.ca.crl, join(configDir, 'ca.crl.pem'));
});

describe('trust store from the proposed YAML shape', () => {
  it('reads pinned certificates with a rollover window, anchors, CRLs and the revocation policy, paths relative to the config', async () => {
    const until = new Date(Date.now() + HOUR_MS).toISOString();
    const config = parse(`
pinned:
  - certificate: old.crt.pem
    acceptUntil: ${until}
  - certificate: new.crt.pem
anchors: [ca.crt.pem]
retired: []
crls:
  - file: ca.crl.pem
unknownRevocation: fail-closed
`) as TrustStoreConfig;
    const store = loadTrustStore(PARTNER, config, configDir);
    expect(store.pinned.map((entry) => entry.acceptUntil?.toISOString())).toEqual([until, undefined]);
    expect((await decideTrust(store, t.key(PARTNER).certificate)).matchedBy).toBe('pinned');

    const later = loadTrustStore(PARTNER, config, configDir, () => new Date(Date.now() + 2 * HOUR_MS));
    // Past its window the old pinned certificate is refused as pinned…
    await expect(decideTrust(later, t.key(PARTNER).certificate)).rejects.toThrow(/rollover window/);
    // …and a retired fingerprint is refused even though the CA would vouch for it.
    const retired = loadTrustStore(
      PARTNER,
      { anchors: ['ca.crt.pem'], crls: [{ file: 'ca.crl.pem' }], retired: [fingerprintSha256(t.key(PARTNER, 'rsa').certificate).toUpperCase()] },
      configDir,
    );
    await expect(decideTrust(retired, t.key(PARTNER, 'rsa').certificate)).rejects.toThrow(/retired/);
    expect((await decideTrust(retired, t.key(PARTNER).certificate)).revocation).toBe('good');
  });

  it('refuses a bad date rather than ignoring it', () => {
    expect(() => loadTrustStore(PARTNER, { pinned: [{ certificate: 'old.crt.pem', acceptUntil: 'soon' }] }, configDir)).toThrow(/not a date/);
  });
});
