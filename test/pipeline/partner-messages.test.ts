import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Arrangement } from '../../src/config/types.js';
import { GATEWAY_ID } from '../../src/gateway-id.js';
import { type PartnerMessageDeps, receivePartnerMessage } from '../../src/pipeline/partner-messages.js';
import type { Store } from '../../src/store/exchanges.js';
import { signJsonEnvelope } from '../../src/trust/json-envelope.js';
import { ensureSandboxPki, type SandboxPki } from '../../src/trust/pki/sandbox-ca.js';
import { loadSigningKey } from '../../src/trust/pki/signing-key.js';
import { sandboxTrustStore } from '../../src/trust/pki/trust-config.js';
import { partnerEnvelopeHeader } from '../support/envelopes.js';
import { rejected } from '../support/rejections.js';
import { participant } from './support.js';

const partner = participant('partner-xb', { kind: 'partner-customs', country: 'XB' });
const aeoStatus = { authorisations: [{ operatorId: 'XB1', status: 'granted', type: 'AEOF', validFrom: '2026-01-01' }] };
const control = { export: { mrn: '26XB00000000000017' }, outcome: 'compliant', controlledAt: '2026-12-01T10:00:00Z' };

/** Every refusal here comes before anything is read or written: a store that is touched fails the test. */
const untouchable = new Proxy({} as Store, {
  get: () => {
    throw new Error('the store was touched');
  },
});

describe('receivePartnerMessage: what the arrangement with the partner allows', () => {
  let pkiDir: string;
  let pki: SandboxPki;
  const clock = new Date('2026-12-06T10:00:00Z');
  beforeAll(async () => {
    pkiDir = mkdtempSync(join(tmpdir(), 'swgate-partner-pki-'));
    pki = await ensureSandboxPki(pkiDir, ['partner-xb']);
  });
  afterAll(() => rmSync(pkiDir, { recursive: true, force: true }));

  const deps = (arrangements: Arrangement[], overrides: Partial<PartnerMessageDeps> = {}): PartnerMessageDeps => ({
    store: untouchable,
    recordProvenance: async () => {
      throw new Error('nothing may be logged');
    },
    trustStoreOf: (id) => (id === 'partner-xb' ? sandboxTrustStore(pki, 'partner-xb') : undefined),
    gatewayKey: loadSigningKey(pki.entities[GATEWAY_ID]!.ecdsa),
    arrangements,
    now: () => clock,
    ...overrides,
  });
  const message = async (documentKind: string, payload: unknown) =>
    Buffer.from(
      await signJsonEnvelope(
        { header: partnerEnvelopeHeader(`m-${documentKind}`, { documentKind, createdAt: clock.toISOString() }), payload },
        loadSigningKey(pki.entities['partner-xb']!.ecdsa),
      ),
    );
  const refusal = async (arrangements: Arrangement[], documentKind: string, payload: unknown, overrides: Partial<PartnerMessageDeps> = {}) =>
    rejected(receivePartnerMessage(deps(arrangements, overrides), partner, await message(documentKind, payload), 'application/jose'));

  it('refuses every message when no arrangement with the partner is configured, or none is in force yet', async () => {
    for (const arrangements of [
      [],
      [{ partner: 'partner-yz', aeo: true, controlResults: true }],
      [{ partner: 'partner-xb', aeo: true, controlResults: true, since: '2026-12-07' }],
    ]) {
      const error = await refusal(arrangements, 'aeo-status', aeoStatus);
      expect(error.status).toBe(403);
      expect(error.findings[0]?.code).toBe('recognition.no-arrangement');
    }
  });

  it('refuses the kind of message the arrangement does not recognise', async () => {
    const aeoOnly = [{ partner: 'partner-xb', aeo: true, controlResults: false }];
    expect((await refusal(aeoOnly, 'control-result', control)).findings[0]?.code).toBe('recognition.not-arranged');
    const controlsOnly = [{ partner: 'partner-xb', aeo: false, controlResults: true }];
    expect((await refusal(controlsOnly, 'aeo-status', aeoStatus)).findings[0]?.code).toBe('recognition.not-arranged');
  });

  it('cannot answer without the key its receipts are signed with (503), nor check a partner without a trust store (403)', async () => {
    const arranged = [{ partner: 'partner-xb', aeo: true, controlResults: true }];
    expect((await refusal(arranged, 'aeo-status', aeoStatus, { gatewayKey: undefined })).status).toBe(503);
    const noStore = await refusal(arranged, 'aeo-status', aeoStatus, { trustStoreOf: () => undefined });
    expect([noStore.status, noStore.findings[0]?.code]).toEqual([403, 'trust.no-store']);
  });
});
