import { beforeAll, describe, expect, it } from 'vitest';
import { CompactSign } from 'jose';
import { RejectionError } from '../../src/findings.js';
import { verifyInboundEnvelope } from '../../src/trust/inbound.js';
import { signJsonEnvelope, verifyJsonEnvelope } from '../../src/trust/json-envelope.js';
import { receivedDigest, signReceipt, verifyReceipt, type Receipt } from '../../src/trust/receipt.js';
import { GATEWAY_ID } from '../../src/gateway-id.js';
import { createTestPki, header, issueTestCertificate, OTHER_PARTNER, PARTNER, type TestPki } from './support.js';

let t: TestPki;
beforeAll(async () => {
  t = await createTestPki();
});

const payload = { Declaration: { GoodsItem: [{ Classification: { ID: '0101' } }], Amount: { value: '100.00', currencyID: 'EUR' } } };

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RejectionError);
  return (error as RejectionError).findings[0]?.code;
}

function segments(jws: string): [string, string, string] {
  return jws.split('.') as [string, string, string];
}

describe('JSON envelope (JWS over RFC 8785)', () => {
  for (const kind of ['ecdsa', 'rsa'] as const) {
    it(`${kind}: signs canonical JSON and verifies against the sender's trust store`, async () => {
      const jws = await signJsonEnvelope({ header: header(), payload }, t.key(PARTNER, kind));
      const signedJson = Buffer.from(segments(jws)[1], 'base64url').toString();
      expect(signedJson.startsWith('{"header":{"conversationId"')).toBe(true);
      const verified = await verifyJsonEnvelope(jws, t.store(PARTNER));
      expect(verified.envelope).toEqual({ header: header(), payload });
      expect(verified.evidence.signatureAlgorithm).toBe(kind === 'ecdsa' ? 'ES256' : 'RS256');
      const inbound = await verifyInboundEnvelope(Buffer.from(jws), 'application/jose', t.store(PARTNER));
      expect(inbound.payload).toEqual(payload);
    });
  }

  it('a changed payload byte is refused', async () => {
    const [protectedHeader, body, signature] = segments(await signJsonEnvelope({ header: header(), payload }, t.key(PARTNER)));
    const changed = Buffer.from(Buffer.from(body, 'base64url').toString().replace('100.00', '900.00')).toString('base64url');
    expect(await codeOf(verifyJsonEnvelope(`${protectedHeader}.${changed}.${signature}`, t.store(PARTNER)))).toBe('jws.signature-invalid');
  });

  it('a validly signed but non-canonical payload is refused', async () => {
    const key = t.key(PARTNER);
    const jws = await new CompactSign(Buffer.from(JSON.stringify({ payload, header: header() }, null, 1)))
      .setProtectedHeader({ alg: 'ES256', typ: 'swgate-envelope+jws', x5c: [key.certificateBase64] })
      .sign(key.privateKey);
    expect(await codeOf(verifyJsonEnvelope(jws, t.store(PARTNER)))).toBe('jws.not-canonical');
  });

  it('a trusted signature over a payload RFC 8785 has no form for (a lone surrogate) is refused as not canonical, not a crash', async () => {
    const key = t.key(PARTNER);
    const jws = await new CompactSign(Buffer.from(`{"header":{},"payload":{"text":"\\ud800"}}`))
      .setProtectedHeader({ alg: 'ES256', typ: 'swgate-envelope+jws', x5c: [key.certificateBase64] })
      .sign(key.privateKey);
    expect(await codeOf(verifyJsonEnvelope(jws, t.store(PARTNER)))).toBe('jws.not-canonical');
  });

  it("the attacker's own certificate, another partner's, and a claimed other sender are refused", async () => {
    const attacker = await issueTestCertificate();
    expect(await codeOf(verifyJsonEnvelope(await signJsonEnvelope({ header: header(), payload }, attacker.signingKey), t.store(PARTNER)))).toBe(
      'trust.chain-untrusted',
    );
    const fromOther = await signJsonEnvelope({ header: header({ from: OTHER_PARTNER }), payload }, t.key(OTHER_PARTNER));
    expect(await codeOf(verifyJsonEnvelope(fromOther, t.store(PARTNER)))).toBe('trust.certificate-not-bound-to-sender');
    const claimsOther = await signJsonEnvelope({ header: header({ from: OTHER_PARTNER }), payload }, t.key(PARTNER));
    expect(await codeOf(verifyJsonEnvelope(claimsOther, t.store(PARTNER)))).toBe('envelope.sender-mismatch');
  });

  it('alg none, HS256 and an alg that does not fit the key are refused', async () => {
    const key = t.key(PARTNER);
    const body = Buffer.from(JSON.stringify({ header: header(), payload })).toString('base64url');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'swgate-envelope+jws' })).toString('base64url')}.${body}.`;
    expect(await codeOf(verifyJsonEnvelope(none, t.store(PARTNER)))).toBe('jws.signature-invalid');
    const hmac = await new CompactSign(Buffer.from('{}')).setProtectedHeader({ alg: 'HS256', typ: 'swgate-envelope+jws' }).sign(new Uint8Array(32));
    expect(await codeOf(verifyJsonEnvelope(hmac, t.store(PARTNER)))).toBe('jws.signature-invalid');
    const [, payloadPart, signature] = segments(await signJsonEnvelope({ header: header(), payload }, key));
    const mismatched = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'swgate-envelope+jws', x5c: [key.certificateBase64] })).toString('base64url');
    expect(await codeOf(verifyJsonEnvelope(`${mismatched}.${payloadPart}.${signature}`, t.store(PARTNER)))).toBe('jws.algorithm-key-mismatch');
  });

  it('__proto__ keys in the signed payload are refused', async () => {
    const key = t.key(PARTNER);
    const jws = await new CompactSign(Buffer.from('{"header":{},"payload":{"__proto__":{"admin":true}}}'))
      .setProtectedHeader({ alg: 'ES256', typ: 'swgate-envelope+jws', x5c: [key.certificateBase64] })
      .sign(key.privateKey);
    expect(await codeOf(verifyJsonEnvelope(jws, t.store(PARTNER)))).toBe('jws.payload');
  });

  it('refuses prototype keys anywhere, escaped too, naming the one a JSON.parse reviver meets first', async () => {
    const key = t.key(PARTNER);
    const forbidden = ['__proto__', 'constructor', 'prototype'];
    // The reference: what the check said when it was a reviver.
    const byReviver = (json: string): string => {
      try {
        JSON.parse(json, (name, value: unknown) => {
          if (forbidden.includes(name)) throw new Error(`key "${name}" is not accepted`);
          return value;
        });
        return 'accepted';
      } catch (error) {
        return (error as Error).message;
      }
    };
    const messageOf = async (jws: string) =>
      ((await verifyJsonEnvelope(jws, t.store(PARTNER)).catch((caught: unknown) => caught)) as RejectionError).findings[0];
    for (const json of ['{"a":[{"b":{"constructor":1}}],"__proto__":2}', '{"prototype":{"__proto__":{}}}', '{"x":[1,{"y":[{"pro\\u0074otype":true}]}]}']) {
      const jws = await new CompactSign(Buffer.from(json))
        .setProtectedHeader({ alg: 'ES256', typ: 'swgate-envelope+jws', x5c: [key.certificateBase64] })
        .sign(key.privateKey);
      expect(await messageOf(jws)).toMatchObject({ code: 'jws.payload', message: `payload is not acceptable JSON: ${byReviver(json)}` });
    }
    const headerJson = JSON.stringify({ alg: 'ES256', typ: 'swgate-envelope+jws', x5c: [key.certificateBase64], constructor: { prototype: 1 } });
    const [, payloadPart, signature] = segments(await signJsonEnvelope({ header: header(), payload }, key));
    const finding = await messageOf(`${Buffer.from(headerJson).toString('base64url')}.${payloadPart}.${signature}`);
    expect(finding).toMatchObject({
      code: 'jws.signature-invalid',
      message: `JWS does not verify: the protected header is not JSON: ${byReviver(headerJson)}`,
    });
  });
});

describe('signed receipts', () => {
  const received = Buffer.from('<swg:Envelope>…exactly what arrived…</swg:Envelope>');
  const receipt = (): Receipt => ({
    messageId: header().messageId,
    from: GATEWAY_ID,
    to: PARTNER,
    status: 'accepted',
    receivedSha256: receivedDigest(received),
    receivedAt: '2026-11-29T05:00:01Z',
    findings: [],
  });

  it('binds the digest of exactly what was received and verifies with the gateway trust store', async () => {
    const jws = await signReceipt(receipt(), t.key(GATEWAY_ID));
    expect(await verifyReceipt(jws, t.store(GATEWAY_ID), receivedDigest(received))).toEqual(receipt());
  });

  it('a receipt for other bytes means not delivered', async () => {
    const jws = await signReceipt(receipt(), t.key(GATEWAY_ID));
    expect(await codeOf(verifyReceipt(jws, t.store(GATEWAY_ID), receivedDigest(Buffer.concat([received, Buffer.from(' ')]))))).toBe('receipt.digest-mismatch');
  });

  it('a receipt signed by a partner instead of the gateway, or an envelope passed off as a receipt, is refused', async () => {
    expect(await codeOf(verifyReceipt(await signReceipt(receipt(), t.key(PARTNER)), t.store(GATEWAY_ID)))).toBe('trust.certificate-not-bound-to-sender');
    const envelope = await signJsonEnvelope({ header: header({ from: GATEWAY_ID }), payload }, t.key(GATEWAY_ID));
    expect(await codeOf(verifyReceipt(envelope, t.store(GATEWAY_ID)))).toBe('jws.type');
  });
});
