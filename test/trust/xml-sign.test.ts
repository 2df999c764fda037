import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SignedXml } from 'xml-crypto';
import { xmlCryptoHashAlgorithms, xmlCryptoSignatureAlgorithms } from '../../src/trust/xmldsig/algorithms.js';
import { base64Payload, readSignedEnvelope, writeCanonicalEnvelope, xmlPayload } from '../../src/trust/envelope.js';
import { verifyXmlSignature } from '../../src/trust/xmldsig/xml-verify.js';
import { signEnvelopeXml, signEnvelopeXmlParts } from '../../src/trust/xml-sign.js';
import { sha256Hex } from '../../src/hashing.js';
import { createTestPki, FIXTURES, header, PARTNER, type TestPki } from './support.js';

const corpus = readdirSync(join(FIXTURES, 'wco-dm'))
  .filter((name) => name.endsWith('.xml'))
  .map((name) => ({ name, xml: readFileSync(join(FIXTURES, 'wco-dm', name)) }));

/** xml-crypto as an independent checker: fresh SignedXml, our algorithm tables, pinned certificate. */
function verifyWithXmlCrypto(signed: string, certificatePem: string): string[] {
  const checker = new SignedXml({ publicCert: certificatePem });
  checker.SignatureAlgorithms = xmlCryptoSignatureAlgorithms();
  checker.HashAlgorithms = xmlCryptoHashAlgorithms();
  checker.loadSignature(/<ds:Signature[\s\S]*<\/ds:Signature>/.exec(signed)![0]);
  expect(checker.checkSignature(signed)).toBe(true);
  return checker.getSignedReferences();
}

let t: TestPki;
beforeAll(async () => {
  t = await createTestPki();
});

describe('template signing', () => {
  it('has the corpus fixtures', () => expect(corpus.length).toBeGreaterThanOrEqual(6));

  for (const kind of ['ecdsa', 'rsa'] as const) {
    it(`${kind}: every corpus payload verifies with xml-crypto, which canonicalises it to exactly what we wrote`, async () => {
      const key = t.key(PARTNER, kind);
      for (const { name, xml } of corpus) {
        const payload = xmlPayload(xml);
        const signed = signEnvelopeXml(header(), payload, key);
        const [reference, ...others] = verifyWithXmlCrypto(signed, key.certificate.toString());
        expect(others, name).toHaveLength(0);
        expect(reference, name).toBe(writeCanonicalEnvelope(header(), payload));
        for (const engine of ['xml-crypto', 'fast'] as const) {
          const verified = await verifyXmlSignature(signed, t.store(PARTNER), { engine });
          expect(readSignedEnvelope(verified.signedXml).payload, name).toBe(payload.canonical);
        }
      }
    });
  }

  it('in parts: head, payload and tail make an envelope that verifies, and the digest given is of exactly those bytes', async () => {
    const key = t.key(PARTNER, 'ecdsa');
    const { head, payload, tail, sha256 } = signEnvelopeXmlParts(header(), base64Payload(corpus[0]!.xml, 'application/xml'), key);
    const signed = head + payload.canonical + tail;
    verifyWithXmlCrypto(signed, key.certificate.toString());
    expect(readSignedEnvelope((await verifyXmlSignature(signed, t.store(PARTNER))).signedXml).payload).toEqual(corpus[0]!.xml);
    expect(sha256).toBe(sha256Hex(signed));
  });

  it('escapes header text the way exclusive c14n does', () => {
    const key = t.key(PARTNER);
    const odd = header({ documentKind: 'a&b<c>d "q" \'s\'', to: 'x\u00e9y' });
    const signed = signEnvelopeXml(odd, base64Payload(Buffer.from('{}'), 'application/json'), key);
    expect(verifyWithXmlCrypto(signed, key.certificate.toString())[0]).toContain('a&amp;b&lt;c&gt;d "q" \'s\'');
  });

  it('carries a JSON payload byte for byte as base64', async () => {
    const json = Buffer.from('{"b":1,\r\n "a":"0101"}');
    const signed = signEnvelopeXml(header(), base64Payload(json, 'application/json'), t.key(PARTNER));
    const read = readSignedEnvelope((await verifyXmlSignature(signed, t.store(PARTNER))).signedXml);
    expect(read.contentType).toBe('application/json');
    expect(read.payload).toEqual(json);
  });

  it('refuses header values that are not ids or contain control characters', () => {
    const payload = base64Payload(Buffer.from('{}'), 'application/json');
    expect(() => signEnvelopeXml(header({ messageId: 'a b' }), payload, t.key(PARTNER))).toThrow(/messageId/);
    expect(() => signEnvelopeXml(header({ from: 'a\u0001' }), payload, t.key(PARTNER))).toThrow(/from/);
  });

  it('refuses payloads that use the envelope namespace', () => {
    expect(() => xmlPayload('<x:a xmlns:x="urn:swgate:envelope:1"/>')).toThrow(/payload may not use/);
  });

  it('reads only well-formed payloads from signed bytes: one document and no stray text, strict base64', () => {
    const signedText = (payload: string, encoding = '') =>
      `<swg:Envelope xmlns:swg="urn:swgate:envelope:1" Id="m-1"><swg:Header><swg:MessageId>1</swg:MessageId><swg:ConversationId>1</swg:ConversationId>` +
      `<swg:From>a</swg:From><swg:To>b</swg:To><swg:DocumentKind>k</swg:DocumentKind><swg:CreatedAt>t</swg:CreatedAt></swg:Header>` +
      `<swg:Payload contentType="x"${encoding}>${payload}</swg:Payload></swg:Envelope>`;
    expect(readSignedEnvelope(signedText('<d/>')).payload).toBe('<d></d>');
    expect(() => readSignedEnvelope(signedText('junk<d/>'))).toThrow(/nothing else/);
    expect(() => readSignedEnvelope(signedText('<d/><e/>'))).toThrow(/nothing else/);
    expect(readSignedEnvelope(signedText('e30=', ' encoding="base64"')).payload).toEqual(Buffer.from('{}'));
    expect(() => readSignedEnvelope(signedText('e30*', ' encoding="base64"'))).toThrow(/not base64/);
  });
});
