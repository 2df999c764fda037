import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signingKeyFromPem, type SigningKey } from '../../src/trust/pki/signing-key.js';

export const AS4_FIXTURES = join(import.meta.dirname, '../fixtures/as4');

export function fixture(path: string): Buffer {
  return readFileSync(join(AS4_FIXTURES, path));
}

export function certificate(name: 'ph-as4' | 'blue_gw' | 'red_gw'): X509Certificate {
  return new X509Certificate(fixture(`keys/${name}.cert.pem`));
}

/** The corpus's public test keys (SOURCES.md): ph-as4 signed TestReceipt11; blue_gw and red_gw are Domibus's demo pair. */
export function testKey(name: 'ph-as4' | 'blue_gw' | 'red_gw'): SigningKey {
  return signingKeyFromPem(fixture(`keys/${name}.key.pem`), fixture(`keys/${name}.cert.pem`));
}
