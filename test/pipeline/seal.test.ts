import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/hashing.js';
import { type GatewayKeys, seal, type Sealed, type SigningAlgorithm } from '../../src/pipeline/seal.js';
import type { EnvelopeHeader } from '../../src/trust/envelope.js';
import { verifyInboundEnvelope } from '../../src/trust/inbound.js';
import { GATEWAY_ID } from '../../src/gateway-id.js';
import { ensureSandboxPki } from '../../src/trust/pki/sandbox-ca.js';
import { loadSigningKey, SIGNING_ALGORITHMS } from '../../src/trust/pki/signing-key.js';
import { sandboxTrustStore } from '../../src/trust/pki/trust-config.js';
import { TEST_PKI_DIR } from '../support/gateway.js';
import { rejected } from '../support/rejections.js';

const pki = await ensureSandboxPki(TEST_PKI_DIR, ['customs']);
const keys: GatewayKeys = { ecdsa: loadSigningKey(pki.entities[GATEWAY_ID]!.ecdsa), rsa: loadSigningKey(pki.entities[GATEWAY_ID]!.rsa) };
/** How a destination checks what the gateway sent it: against the gateway's certificate chain. */
const gatewayTrustStore = sandboxTrustStore(pki, GATEWAY_ID);
const header: EnvelopeHeader = {
  messageId: '01JEXCHANGE.customs',
  conversationId: '01JEXCHANGE',
  from: GATEWAY_ID,
  to: 'customs',
  documentKind: 'declaration',
  createdAt: '2026-12-06T10:00:00.000Z',
};
const declaration = '<?xml version="1.0"?>\n<Declaration xmlns="urn:wco:datamodel:WCO:DEC-DMS:2"><!-- as sent -->\n  <ID>LRN-1</ID>\r\n</Declaration>\n';

const verify = (sealed: Sealed, engine: 'fast' | 'xml-crypto' = 'fast', store = gatewayTrustStore) =>
  verifyInboundEnvelope(Buffer.from(sealed.body), sealed.mediaType, store, { engine });
const algorithms: SigningAlgorithm[] = ['ecdsa-p256', 'rsa-sha256'];

describe('seal, a document in an envelope the gateway signs', () => {
  describe.each(algorithms)('XML-DSig for anything but JSON (%s)', (algorithm) => {
    it.each(['fast', 'xml-crypto'] as const)(
      'verifies against the gateway trust store, and gives back the header and the document byte for byte (%s engine)',
      async (engine) => {
        const sealed = await seal(keys, { body: declaration, mediaType: 'application/xml' }, header, algorithm);
        expect(sealed).toMatchObject({ mediaType: 'application/xml', key: algorithm === 'rsa-sha256' ? keys.rsa : keys.ecdsa, sha256: sha256Hex(sealed.body) });
        const verified = await verify(sealed, engine);
        expect(verified).toMatchObject({
          format: 'xml-dsig',
          header,
          contentType: 'application/xml',
          evidence: { signatureAlgorithm: SIGNING_ALGORITHMS[algorithm].uri },
        });
        expect(Buffer.from(verified.payload as Buffer).toString()).toBe(declaration);
      },
    );

    it('carries other media types and bytes that are not text the same way', async () => {
      const bytes = Buffer.from([0, 1, 2, 0xfe, 0xff, 0x3c, 0x21, 0x2d, 0x2d]);
      const sealed = await seal(keys, { body: bytes, mediaType: 'application/edifact' }, header, algorithm);
      const verified = await verify(sealed);
      expect(verified.contentType).toBe('application/edifact');
      expect(Buffer.compare(verified.payload as Buffer, bytes)).toBe(0);
    });
  });

  it("keeps, for storage, the envelope without the document's base64 text and the byte offset it goes back in", async () => {
    const sealed = await seal(keys, { body: Buffer.from(declaration), mediaType: 'application/xml' }, header);
    const { text, offset } = sealed.withoutPayload!;
    const stored = Buffer.from(text);
    const base64 = Buffer.from(declaration).toString('base64');
    expect(Buffer.concat([stored.subarray(0, offset), Buffer.from(base64), stored.subarray(offset)]).equals(Buffer.from(sealed.body))).toBe(true);
    expect(text).not.toContain(base64);
  });

  it("carries an XML document that uses the envelope's own namespace or a DOCTYPE as opaque bytes: nothing in it is read as the envelope", async () => {
    const hostile = '<!DOCTYPE d [<!ENTITY x "y">]><swg:Header xmlns:swg="urn:swgate:envelope:1"><swg:To>pga-food</swg:To>&x;</swg:Header>';
    const verified = await verify(await seal(keys, { body: hostile, mediaType: 'application/xml' }, header));
    expect(verified.header.to).toBe('customs');
    expect(Buffer.from(verified.payload as Buffer).toString()).toBe(hostile);
  });

  describe.each(algorithms)('JWS for JSON (%s)', (algorithm) => {
    it('verifies against the gateway trust store, and gives back the header and the same JSON value', async () => {
      const document = { declaration: { id: 'LRN-1', items: [{ hs: '060110', quantity: 1.5 }], note: 'é\u2028' } };
      const sealed = await seal(keys, { body: JSON.stringify(document, null, 2), mediaType: 'application/json' }, header, algorithm);
      expect(sealed).toMatchObject({ mediaType: 'application/jose', sha256: sha256Hex(sealed.body) });
      expect(sealed.withoutPayload).toBeUndefined();
      expect(await verify(sealed)).toMatchObject({
        format: 'jws',
        header,
        payload: document,
        evidence: { signatureAlgorithm: SIGNING_ALGORITHMS[algorithm].jws },
      });
    });
  });

  describe('what a destination must refuse', () => {
    it('an XML envelope with its document, its header or its signature changed', async () => {
      const sealed = (await seal(keys, { body: declaration, mediaType: 'application/xml' }, header)).body.toString();
      const base64 = Buffer.from(declaration).toString('base64');
      const changed = [
        sealed.replace(base64, Buffer.from(declaration.replace('LRN-1', 'LRN-2')).toString('base64')),
        sealed.replace('<swg:To>customs</swg:To>', '<swg:To>pga-food</swg:To>'),
        sealed.replace(/<ds:SignatureValue>(.)/, (_, c: string) => `<ds:SignatureValue>${c === 'A' ? 'B' : 'A'}`),
      ];
      for (const body of changed) {
        expect(body).not.toBe(sealed);
        for (const engine of ['fast', 'xml-crypto'] as const) {
          expect(await rejected(verifyInboundEnvelope(Buffer.from(body), 'application/xml', gatewayTrustStore, { engine }))).toMatchObject({ status: 401 });
        }
      }
    });

    it('a JWS envelope with its payload or signature changed', async () => {
      const [protectedHeader, payload, signature] = (
        (await seal(keys, { body: '{"id":"LRN-1"}', mediaType: 'application/json' }, header)).body as string
      ).split('.') as [string, string, string];
      const otherPayload = Buffer.from(Buffer.from(payload, 'base64url').toString().replace('LRN-1', 'LRN-2')).toString('base64url');
      for (const jws of [
        `${protectedHeader}.${otherPayload}.${signature}`,
        `${protectedHeader}.${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`,
      ]) {
        expect(await rejected(verifyInboundEnvelope(Buffer.from(jws), 'application/jose', gatewayTrustStore))).toMatchObject({
          status: 401,
          findings: [{ code: 'jws.signature-invalid' }],
        });
      }
    });

    it("an envelope the gateway sealed, presented as another participant's", async () => {
      const customsTrustStore = sandboxTrustStore(pki, 'customs');
      for (const mediaType of ['application/xml', 'application/json']) {
        const sealed = await seal(keys, { body: mediaType === 'application/json' ? '{}' : '<x/>', mediaType }, header);
        expect(await rejected(verify(sealed, 'fast', customsTrustStore)), mediaType).toMatchObject({ status: 401 });
      }
    });
  });

  it('refuses to seal under a header that could not be read back, or a media type that does not fit the envelope', async () => {
    for (const mediaType of ['application/xml', 'application/json']) {
      for (const bad of [{ messageId: 'a"b' }, { messageId: '' }, { to: 'customs\u0000' }, { conversationId: '-x' }]) {
        expect(
          await rejected(seal(keys, { body: mediaType === 'application/json' ? '{}' : '<x/>', mediaType }, { ...header, ...bad })),
          JSON.stringify(bad),
        ).toMatchObject({ status: 422, findings: [{ code: 'envelope.header' }] });
      }
    }
    for (const mediaType of ['', 'text/plain\u0001', `text/${'x'.repeat(256)}`]) {
      expect(await rejected(seal(keys, { body: '<x/>', mediaType }, header))).toMatchObject({ status: 422, findings: [{ code: 'envelope.content-type' }] });
    }
  });

  it('escapes a media type with quotes, markup or a line break, and it comes back as it went', async () => {
    const mediaType = 'text/plain; note="a<b>&c"\n';
    const sealed = await seal(keys, { body: 'x', mediaType }, header);
    for (const engine of ['fast', 'xml-crypto'] as const) expect((await verify(sealed, engine)).contentType).toBe(mediaType);
  });
});
