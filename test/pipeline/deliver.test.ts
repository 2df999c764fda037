import { describe, expect, it } from 'vitest';
import { interpret } from '../../src/pipeline/deliver.js';
import type { ReceiptContext } from '../../src/pipeline/receipts.js';
import { signReceipt } from '../../src/trust/receipt.js';
import { sandboxPaths, ensureSandboxPki } from '../../src/trust/pki.js';
import { loadSigningKey } from '../../src/trust/signing-key.js';
import { sandboxTrustStore } from '../../src/trust/trust-config.js';
import { sha256Hex } from '../../src/hashing.js';
import { TEST_PKI_DIR } from '../support/gateway.js';

const sent = '<MetaData/>';
const ctx: ReceiptContext = { messageId: 'X.customs', destination: 'customs', sentSha256: sha256Hex(sent), now: () => new Date('2026-11-29T00:00:00Z') };
const answer = (status: number, body: unknown, mediaType = 'application/json') => ({ status, mediaType, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('interpret, what a destination answer means', () => {
  it('takes a plain receipt bound to the digest of what was sent, from a destination without a trust store', async () => {
    expect(await interpret(answer(200, { status: 'accepted', receivedSha256: ctx.sentSha256 }), ctx)).toMatchObject({
      kind: 'receipt',
      receipt: { messageId: 'X.customs', from: 'customs', status: 'accepted', receivedSha256: ctx.sentSha256 },
    });
  });

  it('does not count a receipt for other bytes as delivered, and retries', async () => {
    expect(await interpret(answer(200, { status: 'accepted', receivedSha256: 'other' }), ctx)).toMatchObject({ kind: 'retry', error: expect.stringMatching(/does not match what was sent/) });
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
    expect(await interpret(answer(400, 'bad'), ctx)).toMatchObject({ kind: 'refused', error: 'destination refused the delivery with 400', findings: [{ code: 'delivery.refused' }] });
    const problem = { title: 'Invalid', findings: [{ severity: 'error', code: 'pga.unknown-permit', message: 'Permit X unknown', path: '/x' }] };
    expect(await interpret(answer(422, problem), ctx)).toMatchObject({ kind: 'refused', findings: problem.findings });
  });

  describe('signed receipts', async () => {
    const pki = await ensureSandboxPki(TEST_PKI_DIR, ['customs', 'pga-food']);
    const store = sandboxTrustStore(sandboxPaths(TEST_PKI_DIR, ['customs']), 'customs');
    const signed = (by: string, receivedSha256 = ctx.sentSha256) =>
      signReceipt({ messageId: 'X.customs', from: by, to: 'gateway', status: 'accepted', receivedSha256, receivedAt: '2026-11-29T00:00:00Z', findings: [] }, loadSigningKey(pki.entities[by]!.ecdsa));

    it('takes a receipt the destination signed for exactly what was sent', async () => {
      expect(await interpret(answer(200, await signed('customs'), 'application/jose'), { ...ctx, trustStore: store })).toMatchObject({ kind: 'receipt', receipt: { from: 'customs', status: 'accepted' } });
    });

    it('refuses one signed by another participant, one for other bytes, an unsigned one from a destination that signs, and a signed one nobody can check', async () => {
      expect(await interpret(answer(200, await signed('pga-food'), 'application/jose'), { ...ctx, trustStore: store })).toMatchObject({ kind: 'retry' });
      expect(await interpret(answer(200, await signed('customs', 'f'.repeat(64)), 'application/jose'), { ...ctx, trustStore: store })).toMatchObject({ kind: 'retry' });
      expect(await interpret(answer(200, { status: 'accepted', receivedSha256: ctx.sentSha256 }), { ...ctx, trustStore: store })).toMatchObject({ kind: 'retry', error: expect.stringMatching(/must sign/) });
      expect(await interpret(answer(200, await signed('customs'), 'application/jose'), ctx)).toMatchObject({ kind: 'retry', error: expect.stringMatching(/no trust store/) });
    });
  });
});
