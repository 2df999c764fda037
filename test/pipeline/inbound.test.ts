import { GATEWAY_ID } from '../../src/gateway-id.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundDeps } from '../../src/pipeline/inbound.js';
import { receiveInbound } from '../../src/pipeline/inbound.js';
import { REPLAY_WINDOW_MS } from '../../src/trust/inbound.js';
import { loadMappings } from '../../src/mapping/catalogue.js';
import type { DeliveryJob } from '../../src/pipeline/vocabulary.js';
import { documentNames, findExchange } from '../../src/store/exchanges.js';
import { base64Payload, type EnvelopeHeader } from '../../src/trust/envelope.js';
import { ensureSandboxPki, type SandboxPki } from '../../src/trust/pki/sandbox-ca.js';
import { receivedDigest, verifyReceipt } from '../../src/trust/receipt.js';
import { loadSigningKey } from '../../src/trust/pki/signing-key.js';
import { sandboxTrustStore } from '../../src/trust/pki/trust-config.js';
import { signEnvelopeXml } from '../../src/trust/xml-sign.js';
import { databaseKinds } from '../support/databases.js';
import { partnerEnvelopeHeader } from '../support/envelopes.js';
import { rejected } from '../support/rejections.js';
import { memoryQueue } from '../support/queue.js';
import { agreementFor, ingestInto, participant, queueDown, usePipelineDatabase } from './support.js';

const declaration = readFileSync('test/fixtures/wco-dm/samples/customs-declarations/import/TT_IM036a__TT_IM036a.xml');
const partner = participant('partner-xb', { kind: 'partner-customs' });

describe.each(await databaseKinds())('receiveInbound: a partner gateway’s signed envelope, over a real store (%s)', (kind) => {
  const t = usePipelineDatabase(kind);
  let pkiDir: string;
  let pki: SandboxPki;
  let deps: (overrides?: Partial<InboundDeps>) => InboundDeps;
  const queue = memoryQueue();
  const clock = new Date();

  beforeAll(async () => {
    pkiDir = mkdtempSync(join(tmpdir(), 'swgate-inbound-pki-'));
    pki = await ensureSandboxPki(pkiDir, ['partner-xb', 'trader-demo']);
    const mappings = await loadMappings('mappings');
    deps = (overrides = {}) => ({
      trustStoreOf: (id) => (id === 'partner-xb' ? sandboxTrustStore(pki, 'partner-xb') : undefined),
      // Unknown e-LPCOs are warnings here, as in the sandbox: TT_IM036a cites a CITES permit this registry does not hold.
      ingest: ingestInto(t, queue, [agreementFor('declaration', 'customs')], { unknownLpco: 'warning', now: () => clock }),
      validation: {},
      mappings,
      gatewayKey: loadSigningKey(pki.entities[GATEWAY_ID]!.ecdsa),
      now: () => clock,
      ...overrides,
    });
  });
  afterAll(() => rmSync(pkiDir, { recursive: true, force: true }));

  const header = (messageId: string, overrides: Partial<EnvelopeHeader> = {}) =>
    partnerEnvelopeHeader(messageId, { createdAt: clock.toISOString(), ...overrides });
  const envelope = (messageId: string, { signer = 'partner-xb', ...overrides }: Partial<EnvelopeHeader> & { signer?: string } = {}) =>
    signEnvelopeXml(header(messageId, overrides), base64Payload(declaration, 'application/xml'), loadSigningKey(pki.entities[signer]!.ecdsa));

  it('ingests the signed payload with the envelope kept, and answers with a receipt signed for exactly the bytes received', async () => {
    const body = envelope('msg-1');
    const { result, receipt } = await receiveInbound(deps(), partner, Buffer.from(body), 'application/xml');
    expect(await findExchange(t.store, result.exchangeId)).toMatchObject({ sender: 'partner-xb', idempotency_key: 'msg-1', kind: 'declaration' });
    expect((await documentNames(t.store, result.exchangeId)).map((d) => d.name).sort()).toEqual(['envelope', 'original', 'wco-json']);
    expect(queue.live()).toContainEqual({ exchangeId: result.exchangeId, destination: 'customs' });
    const verified = await verifyReceipt(receipt, sandboxTrustStore(pki, 'gateway'), receivedDigest(body));
    expect(verified).toMatchObject({ messageId: 'msg-1', from: 'gateway', to: 'partner-xb', status: 'accepted-with-warnings' });
    expect(verified.findings).toContainEqual(expect.objectContaining({ code: 'lpco.unknown', severity: 'warning' }));
  });

  it('answers the same message sent again, signed anew, as the exchange it already is', async () => {
    const first = await receiveInbound(deps(), partner, Buffer.from(envelope('msg-again')), 'application/xml');
    const before = await t.counts();
    const again = await receiveInbound(deps(), partner, Buffer.from(envelope('msg-again')), 'application/xml');
    expect([again.result.exchangeId, again.result.replayed]).toEqual([first.result.exchangeId, true]);
    expect(await t.counts()).toEqual(before);
  });

  it('refuses, storing nothing: no gateway key (503), no trust store for the partner (403), a foreign signer, another recipient, a stale envelope, an unknown document kind', async () => {
    const before = await t.counts();
    const refusal = async (envelopeDeps: InboundDeps, body: string, from = partner) =>
      rejected(receiveInbound(envelopeDeps, from, Buffer.from(body), 'application/xml'));
    expect((await refusal(deps({ gatewayKey: undefined }), envelope('msg-no-key'))).findings[0]?.code).toBe('trust.no-gateway-key');
    expect((await refusal(deps(), envelope('msg-no-store'), participant('partner-xc', { kind: 'partner-customs' }))).status).toBe(403);
    expect((await refusal(deps(), envelope('msg-forged', { signer: 'trader-demo' }))).status).toBeGreaterThanOrEqual(400);
    expect((await refusal(deps(), envelope('msg-elsewhere', { to: 'gateway-xc' }))).findings[0]?.code).toBe('envelope.recipient-mismatch');
    const stale = envelope('msg-stale', { createdAt: new Date(clock.getTime() - REPLAY_WINDOW_MS - 1000).toISOString() });
    expect((await refusal(deps(), stale)).findings[0]?.code).toBe('envelope.outside-window');
    expect((await refusal(deps(), envelope('msg-kind', { documentKind: 'consignment' }))).findings[0]?.code).toBe('envelope.document-kind');
    expect(await t.counts()).toEqual(before);
  });

  it('keeps a received envelope, and answers with its receipt, when the delivery queue is down', async () => {
    const notQueued: DeliveryJob[] = [];
    const ingest = ingestInto(t, queue, [agreementFor('declaration', 'customs')], { unknownLpco: 'warning', now: () => clock, ...queueDown(notQueued) });
    const { result, receipt } = await receiveInbound(deps({ ingest }), partner, Buffer.from(envelope('msg-queue-down')), 'application/xml');
    expect(await findExchange(t.store, result.exchangeId)).toBeDefined();
    expect(notQueued).toEqual([{ exchangeId: result.exchangeId, destination: 'customs' }]);
    expect(receipt).toMatch(/^[\w-]+\.[\w-]*\.[\w-]+$/);
  });
});
