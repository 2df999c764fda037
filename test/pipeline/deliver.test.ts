import { describe, expect, it } from 'vitest';
import type { Agreement, Participant } from '../../src/config/types.js';
import { loadMappings } from '../../src/mapping/catalogue.js';
import { type DeliverDeps, deliver, interpret } from '../../src/pipeline/deliver.js';
import { FinalDeliveryError } from '../../src/pipeline/vocabulary.js';
import { deliveriesOf, findExchange, insertAcceptedExchange, newId } from '../../src/store/exchanges.js';
import { databaseKinds, useExchangeStore } from '../support/databases.js';
import { acceptedExchange } from '../support/exchanges.js';
import type { ReceiptContext } from '../../src/pipeline/receipts.js';
import { signReceipt } from '../../src/trust/receipt.js';
import { sandboxPaths, ensureSandboxPki } from '../../src/trust/pki/sandbox-ca.js';
import { loadSigningKey } from '../../src/trust/pki/signing-key.js';
import { sandboxTrustStore } from '../../src/trust/pki/trust-config.js';
import { sha256Hex } from '../../src/hashing.js';
import { TEST_PKI_DIR } from '../support/gateway.js';

const sent = '<MetaData/>';
const ctx: ReceiptContext = { messageId: 'X.customs', destination: 'customs', sentSha256: sha256Hex(sent), now: () => new Date('2026-11-29T00:00:00Z') };
const answer = (status: number, body: unknown, mediaType = 'application/json') => ({
  status,
  mediaType,
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('interpret, what a destination answer means', () => {
  it('takes a plain receipt bound to the digest of what was sent, from a destination without a trust store', async () => {
    expect(await interpret(answer(200, { status: 'accepted', receivedSha256: ctx.sentSha256 }), ctx)).toMatchObject({
      kind: 'receipt',
      receipt: { messageId: 'X.customs', from: 'customs', status: 'accepted', receivedSha256: ctx.sentSha256 },
    });
  });

  it('does not count a receipt for other bytes as delivered, and retries', async () => {
    expect(await interpret(answer(200, { status: 'accepted', receivedSha256: 'other' }), ctx)).toMatchObject({
      kind: 'retry',
      error: expect.stringMatching(/does not match what was sent/),
    });
  });

  it('waits for a later acknowledgement when the destination answers 202 without a receipt', async () => {
    expect(await interpret(answer(202, ''), ctx)).toEqual({ kind: 'awaiting-acknowledgement' });
    expect(await interpret(answer(202, { status: 'pending' }), ctx)).toEqual({ kind: 'awaiting-acknowledgement' });
  });

  it('retries 5xx, 408 and 429, and unreadable receipts', async () => {
    for (const status of [500, 502, 503, 408, 429]) expect(await interpret(answer(status, ''), ctx)).toMatchObject({ kind: 'retry' });
    expect(await interpret(answer(200, '<ok/>'), ctx)).toMatchObject({ kind: 'retry' });
    expect(await interpret(answer(200, { status: 'maybe', receivedSha256: ctx.sentSha256 }), ctx)).toMatchObject({ kind: 'retry' });
  });

  it('takes other 4xx answers as a refusal, keeping the findings of a problem body', async () => {
    expect(await interpret(answer(400, 'bad'), ctx)).toMatchObject({
      kind: 'refused',
      error: 'destination refused the delivery with 400',
      findings: [{ code: 'delivery.refused' }],
    });
    const problem = { title: 'Invalid', findings: [{ severity: 'error', code: 'pga.unknown-permit', message: 'Permit X unknown', path: '/x' }] };
    expect(await interpret(answer(422, problem), ctx)).toMatchObject({ kind: 'refused', findings: problem.findings });
  });

  describe('signed receipts', async () => {
    const pki = await ensureSandboxPki(TEST_PKI_DIR, ['customs', 'pga-food']);
    const store = sandboxTrustStore(sandboxPaths(TEST_PKI_DIR, ['customs']), 'customs');
    const signed = (by: string, receivedSha256 = ctx.sentSha256) =>
      signReceipt(
        { messageId: 'X.customs', from: by, to: 'gateway', status: 'accepted', receivedSha256, receivedAt: '2026-11-29T00:00:00Z', findings: [] },
        loadSigningKey(pki.entities[by]!.ecdsa),
      );

    it('takes a receipt the destination signed for exactly what was sent', async () => {
      expect(await interpret(answer(200, await signed('customs'), 'application/jose'), { ...ctx, trustStore: store })).toMatchObject({
        kind: 'receipt',
        receipt: { from: 'customs', status: 'accepted' },
      });
    });

    it('refuses one signed by another participant, one for other bytes, an unsigned one from a destination that signs, and a signed one nobody can check', async () => {
      expect(await interpret(answer(200, await signed('pga-food'), 'application/jose'), { ...ctx, trustStore: store })).toMatchObject({ kind: 'retry' });
      expect(await interpret(answer(200, await signed('customs', 'f'.repeat(64)), 'application/jose'), { ...ctx, trustStore: store })).toMatchObject({
        kind: 'retry',
      });
      expect(await interpret(answer(200, { status: 'accepted', receivedSha256: ctx.sentSha256 }), { ...ctx, trustStore: store })).toMatchObject({
        kind: 'retry',
        error: expect.stringMatching(/must sign/),
      });
      expect(await interpret(answer(200, await signed('customs'), 'application/jose'), ctx)).toMatchObject({
        kind: 'retry',
        error: expect.stringMatching(/no trust store/),
      });
    });
  });
});

describe.each(await databaseKinds())('deliver, a last attempt that fails in a way no answer explains (%s)', (kind) => {
  const holder = useExchangeStore(kind);
  const agreement: Agreement = {
    id: 'to-agency',
    description: '',
    when: {},
    destination: 'agency-a',
    format: 'wco-xml',
    transport: 'swgate',
    delivery: { attempts: 2, backoffMs: 0, timeoutMs: 1000, retry: 'automatic', receiptTimeoutMs: 60_000 },
  };
  const participant: Participant = {
    id: 'agency-a',
    kind: 'pga',
    name: 'A',
    apiKeySha256: [],
    certificateFingerprints: [],
    operator: false,
    endpoint: 'http://127.0.0.1:9/deliveries',
    actsFor: [],
    issues: [],
  };

  it('retries before the last attempt, and ends the delivery failed with the reason on the last, rather than leave it queued', async () => {
    const { store } = holder;
    const id = newId();
    const at = new Date().toISOString();
    await insertAcceptedExchange(
      store,
      acceptedExchange(id, { at, original: { content: sent }, deliveries: [{ destination: 'agency-a', agreement_id: 'to-agency' }] }),
    );
    const ended: string[] = [];
    const deps: DeliverDeps = {
      store,
      now: () => new Date(),
      recordProvenance: async () => [],
      onExchangeEnded: async (exchangeId) => void ended.push(exchangeId),
      mappings: await loadMappings('mappings'),
      participants: new Map([[participant.id, participant]]),
      agreements: new Map([[agreement.id, agreement]]),
      sandboxUrl: () => '',
      send: async () => {
        throw new TypeError('a bug in the transport');
      },
      trustStoreOf: () => undefined,
    };
    const job = { exchangeId: id, destination: 'agency-a' };
    await expect(deliver(deps, job, { number: 1, last: 2 })).rejects.toThrow(TypeError);
    expect((await deliveriesOf(store, id))[0]?.status).toBe('in-flight');
    await expect(deliver(deps, job, { number: 2, last: 2 })).rejects.toThrow(FinalDeliveryError);
    expect((await deliveriesOf(store, id))[0]).toMatchObject({ status: 'failed', last_error: 'the delivery could not be made: a bug in the transport' });
    expect((await findExchange(store, id))?.status).toBe('failed');
    expect(ended).toEqual([id]);
  });
  it("links an agency's own targeting decision beside the sealed document, never inside it; others get no link", async () => {
    const { store } = holder;
    const decision = '{"owner":"agency-a","lane":"red"}';
    const sentHeaders: Array<Record<string, string>> = [];
    const mappings = await loadMappings('mappings');
    const deps = (who: Participant): DeliverDeps => ({
      store,
      now: () => new Date(),
      recordProvenance: async () => [],
      onExchangeEnded: async () => undefined,
      mappings,
      participants: new Map([[who.id, who]]),
      agreements: new Map([[agreement.id, { ...agreement, destination: who.id }]]),
      sandboxUrl: () => '',
      send: async (message) => {
        sentHeaders.push(message.headers ?? {});
        return { status: 202, mediaType: 'application/json', body: '' };
      },
      trustStoreOf: () => undefined,
    });
    for (const who of [participant, { ...participant, id: 'trader-b', kind: 'trader' as const }]) {
      const id = newId();
      await insertAcceptedExchange(
        store,
        acceptedExchange(id, {
          original: { content: sent },
          documents: [{ name: `risk-decision-${who.id}`, content: decision, media_type: 'application/json' }],
          deliveries: [{ destination: who.id, agreement_id: 'to-agency' }],
        }),
      );
      await deliver(deps(who), { exchangeId: id, destination: who.id }, { number: 1, last: 1 });
      const headers = sentHeaders.at(-1) ?? {};
      if (who.kind === 'pga') {
        expect(headers['x-swgate-risk-decision']).toBe(`/v1/exchanges/${id}/documents/risk-decision-agency-a`);
        expect(headers['x-swgate-risk-decision-sha256']).toBe(sha256Hex(decision));
      } else expect(headers).not.toHaveProperty('x-swgate-risk-decision');
    }
  });
});
