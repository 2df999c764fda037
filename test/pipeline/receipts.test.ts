import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/hashing.js';
import { type ReceiptContext, takeReceipt } from '../../src/pipeline/receipts.js';
import { signJsonEnvelope } from '../../src/trust/json-envelope.js';
import { ensureSandboxPki, sandboxPaths } from '../../src/trust/pki/sandbox-ca.js';
import { type Receipt, signReceipt } from '../../src/trust/receipt.js';
import { loadSigningKey } from '../../src/trust/pki/signing-key.js';
import { sandboxTrustStore } from '../../src/trust/pki/trust-config.js';
import { TEST_PKI_DIR } from '../support/gateway.js';

const sentSha256 = sha256Hex('<Declaration/>');
const ctx: ReceiptContext = { messageId: 'X1.customs', destination: 'customs', sentSha256, now: () => new Date('2026-12-06T10:00:00Z') };

describe('takeReceipt, a plain receipt from a destination without a trust store', () => {
  it('is completed from the delivery it answers: message id, issuer, addressee, and the time when it names none', async () => {
    expect(await takeReceipt(ctx, { status: 'accepted-with-warnings', receivedSha256: sentSha256 })).toEqual({
      kind: 'receipt',
      receipt: {
        messageId: 'X1.customs',
        from: 'customs',
        to: 'gateway',
        status: 'accepted-with-warnings',
        receivedSha256: sentSha256,
        receivedAt: '2026-12-06T10:00:00.000Z',
        findings: [],
      },
    });
  });

  it('keeps the time and findings the destination gives, but never its claim of another message or issuer', async () => {
    const findings = [{ severity: 'warning' as const, code: 'pga.late', message: 'Late', path: '' }];
    const given = {
      status: 'rejected',
      receivedSha256: sentSha256,
      receivedAt: '2026-12-06T09:59:00Z',
      findings,
      messageId: 'other.customs',
      from: 'pga-food',
    };
    expect(await takeReceipt(ctx, given)).toMatchObject({
      kind: 'receipt',
      receipt: { messageId: 'X1.customs', from: 'customs', status: 'rejected', receivedAt: '2026-12-06T09:59:00Z', findings },
    });
  });

  it('is refused when its time is not a date-time or its findings are not findings, with its message naming which', async () => {
    for (const receivedAt of [42, 'yesterday', { at: 'now' }, '']) {
      expect(await takeReceipt(ctx, { status: 'accepted', receivedSha256: sentSha256, receivedAt })).toEqual({
        kind: 'retry',
        error: expect.stringMatching(/^the receipt's receivedAt ".*" is not a date-time$/),
      });
    }
    const finding = { severity: 'warning', code: 'pga.late', message: 'Late', path: '' };
    for (const findings of [
      'late',
      { 0: finding },
      [finding, null],
      [{ ...finding, severity: 'fatal' }],
      [{ ...finding, message: 7 }],
      [{ ...finding, xpath: [] }],
    ]) {
      expect(await takeReceipt(ctx, { status: 'accepted', receivedSha256: sentSha256, findings })).toEqual({
        kind: 'retry',
        error: "the receipt's findings are not a list of findings (severity, code, message, path)",
      });
    }
  });

  it('is refused without one of the three statuses, with its message naming what came', async () => {
    for (const status of [undefined, null, '', 'Accepted', 'pending', 'acknowledged', 42]) {
      expect(await takeReceipt(ctx, { status, receivedSha256: sentSha256 })).toEqual({
        kind: 'retry',
        error: `the receipt has an unknown status "${String(status)}"`,
      });
    }
  });

  it('is refused when it does not name the digest of exactly what was sent', async () => {
    for (const receivedSha256 of [undefined, '', sentSha256.toUpperCase(), sha256Hex('<Declaration />'), ` ${sentSha256}`]) {
      expect(await takeReceipt(ctx, { status: 'accepted', receivedSha256 })).toMatchObject({
        kind: 'retry',
        error: expect.stringMatching(/does not match what was sent/),
      });
    }
  });

  it('is refused when there is no receipt at all, or no object', async () => {
    expect(await takeReceipt(ctx, undefined)).toMatchObject({ kind: 'retry', error: expect.stringMatching(/unknown status "undefined"/) });
    expect(await takeReceipt(ctx, [])).toMatchObject({ kind: 'retry' });
  });

  it('is refused in compact JWS form, which nothing could check', async () => {
    expect(await takeReceipt(ctx, 'a.b.c')).toEqual({ kind: 'retry', error: 'customs signed its receipt, but no trust store is configured to check it' });
  });
});

describe('takeReceipt, a destination with a trust store', async () => {
  const pki = await ensureSandboxPki(TEST_PKI_DIR, ['customs', 'pga-food']);
  const signed = { ...ctx, trustStore: sandboxTrustStore(sandboxPaths(TEST_PKI_DIR, ['customs']), 'customs') };
  const keyOf = (participant: string) => loadSigningKey(pki.entities[participant]!.ecdsa);
  const receipt = (overrides: Partial<Receipt> = {}): Receipt => ({
    messageId: 'X1.customs',
    from: 'customs',
    to: 'gateway',
    status: 'accepted',
    receivedSha256: sentSha256,
    receivedAt: '2026-12-06T09:59:00Z',
    findings: [],
    ...overrides,
  });
  const refusal = (pattern: RegExp) => ({ kind: 'retry', error: expect.stringMatching(pattern) });

  it('takes the receipt it signed for this message and exactly these bytes, as signed', async () => {
    expect(await takeReceipt(signed, await signReceipt(receipt({ status: 'rejected' }), keyOf('customs')))).toEqual({
      kind: 'receipt',
      receipt: receipt({ status: 'rejected' }),
    });
  });

  it('refuses a plain receipt: unsigned, it proves nothing', async () => {
    expect(await takeReceipt(signed, { status: 'accepted', receivedSha256: sentSha256 })).toEqual(refusal(/must sign its receipts/));
  });

  it('refuses a receipt signed for other bytes, for another message, or naming another issuer', async () => {
    expect(await takeReceipt(signed, await signReceipt(receipt({ receivedSha256: sha256Hex('other') }), keyOf('customs')))).toEqual(
      refusal(/does not hold: .*other bytes/),
    );
    expect(await takeReceipt(signed, await signReceipt(receipt({ messageId: 'X2.customs' }), keyOf('customs')))).toEqual(
      refusal(/for message X2.customs, not X1.customs/),
    );
    expect(await takeReceipt(signed, await signReceipt(receipt({ from: 'pga-food' }), keyOf('customs')))).toEqual(refusal(/does not hold: .*another issuer/));
  });

  it("refuses a receipt another participant signed, even one claiming to be the destination's", async () => {
    expect(await takeReceipt(signed, await signReceipt(receipt(), keyOf('pga-food')))).toEqual(refusal(/does not hold/));
  });

  it('refuses a receipt whose payload or signature was changed after signing', async () => {
    const [header, payload, signature] = (await signReceipt(receipt({ status: 'rejected' }), keyOf('customs'))).split('.') as [string, string, string];
    const accepted = Buffer.from(JSON.stringify(receipt())).toString('base64url');
    expect(await takeReceipt(signed, `${header}.${accepted}.${signature}`)).toEqual(refusal(/does not hold: JWS does not verify/));
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    expect(await takeReceipt(signed, `${header}.${payload}.${flipped}`)).toEqual(refusal(/does not hold: JWS does not verify/));
  });

  it('refuses what is not a receipt JWS: another typ, too few parts, parts that are not base64url', async () => {
    const envelope = await signJsonEnvelope(
      {
        header: { messageId: 'X1', conversationId: 'X1', from: 'customs', to: 'gateway', documentKind: 'receipt', createdAt: '2026-12-06T09:59:00Z' },
        payload: receipt(),
      },
      keyOf('customs'),
    );
    expect(await takeReceipt(signed, envelope)).toEqual(refusal(/typ must be swgate-receipt\+jws/));
    for (const garbage of ['', 'not-a-jws', 'a.b', 'a.b.c.d', '!!.$$.%%']) expect(await takeReceipt(signed, garbage)).toEqual(refusal(/does not hold/));
  });

  it('refuses a signed receipt without one of the three statuses, as it does a plain one', async () => {
    for (const status of ['pending', 'Accepted', '']) {
      expect(await takeReceipt(signed, await signReceipt(receipt({ status: status as Receipt['status'] }), keyOf('customs')))).toEqual(
        refusal(/unknown status/),
      );
    }
  });
});
