import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { UserMessageInput } from '../../src/as4/build.js';
import { As4Error } from '../../src/as4/errors.js';
import { URI } from '../../src/as4/namespaces.js';
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

/** A declaration from blue_gw to red_gw, with the four-corner properties eDelivery requires. */
export const DECLARATION: UserMessageInput = {
  from: { partyIds: [{ value: 'blue_gw', type: 'urn:oasis:names:tc:ebcore:partyid-type:unregistered' }], role: URI.ebmsSender },
  to: { partyIds: [{ value: 'red_gw', type: 'urn:oasis:names:tc:ebcore:partyid-type:unregistered' }], role: URI.ebmsResponder },
  agreementRef: { value: 'urn:swgate:agreement:partner-xb' },
  service: { value: 'urn:swgate:declarations', type: 'urn:swgate:service' },
  action: 'SubmitDeclaration',
  properties: [
    { name: 'originalSender', value: 'trader-1', type: 'urn:swgate:participant' },
    { name: 'finalRecipient', value: 'customs-xb', type: 'urn:swgate:participant' },
  ],
};

/** The As4Error `run` throws; fails the test when it throws nothing or something else. */
export function refusal(run: () => unknown): As4Error {
  try {
    run();
  } catch (error) {
    if (error instanceof As4Error) return error;
    throw error;
  }
  throw new Error('expected an As4Error, the input was accepted');
}
