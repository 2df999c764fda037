/**
 * What an attacker holding a valid partner key, or none, might send: XML bombs, signature
 * wrapping, a swapped certificate, MIME part bombs, gzip bombs. Each is refused with an ebMS
 * code, before any unbounded work.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildUserMessage } from '../../src/as4/build.js';
import { gunzipPayload } from '../../src/as4/compression.js';
import { parseSoapEnvelope } from '../../src/as4/header.js';
import { readTransport } from '../../src/as4/mime.js';
import { parseAs4, receiveAs4 } from '../../src/as4/read.js';
import { verifySignature } from '../../src/as4/signature.js';
import { certificate, DECLARATION, fixture, refusal, testKey } from './support.js';

const sender = testKey('blue_gw');

function signedXml(): string {
  return buildUserMessage(DECLARATION, [], { signer: sender }).body.toString();
}

const verifyXml = (xml: string, options: Parameters<typeof verifySignature>[1] = {}) => verifySignature(parseSoapEnvelope(xml), options);

describe('hostile AS4 input', () => {
  it('refuses DTDs and entities (billion laughs, external entities) before parsing: EBMS:0009', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>${signedXml()
      .replace(/^<\?xml[^>]*\?>/, '')
      .replace('<eb:Action>', '<eb:Action>&lol2;')}`;
    expect(refusal(() => parseAs4(Buffer.from(bomb))).detail).toMatch(/DTD/);
    const xxe = `<!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]>${signedXml().replace(/^<\?xml[^>]*\?>/, '')}`;
    expect(refusal(() => parseAs4(Buffer.from(xxe))).code).toBe('EBMS:0009');
  });

  it('refuses deep nesting: EBMS:0009', () => {
    const deep = signedXml()
      .replace('<S12:Body', `<S12:Body`)
      .replace(/<S12:Body([^>]*)\/>|<S12:Body([^>]*)><\/S12:Body>/, (_m, a, b) => `<S12:Body${a ?? b}>${'<x>'.repeat(200)}${'</x>'.repeat(200)}</S12:Body>`);
    expect(deep).toContain('<x><x>');
    expect(refusal(() => parseAs4(Buffer.from(deep))).code).toBe('EBMS:0009');
  });

  it('wrapping: the signed eb:Messaging moved aside and a forged one in its place is refused EBMS:0101', () => {
    const xml = signedXml();
    const messaging = /<eb:Messaging[\s\S]*<\/eb:Messaging>/.exec(xml)![0];
    const forged = messaging.replace(/ wsu:Id="[^"]*"/, '').replace('SubmitDeclaration', 'PayEverything');
    const wrapped = xml.replace(messaging, `${forged}<w:Wrapper xmlns:w="urn:x" S12:mustUnderstand="false">${messaging}</w:Wrapper>`);
    // Both Messaging blocks are not direct header children: the forged one is, the signed one is in the wrapper.
    expect(parseAs4(Buffer.from(wrapped)).message.userMessage?.action).toBe('PayEverything');
    const error = refusal(() => verifyXml(wrapped));
    expect(error.code).toBe('EBMS:0101');
    expect(error.detail).toMatch(/wrapping/);
  });

  it('wrapping: a second element carrying the signed Id is refused EBMS:0101, a second Body or Messaging EBMS:0009', () => {
    const xml = signedXml();
    const bodyId = /<S12:Body[^>]*wsu:Id="([^"]+)"/.exec(xml)![1]!;
    const twoIds = xml.replace(
      '<eb:UserMessage>',
      `<eb:UserMessage><x:Decoy xmlns:x="urn:x" xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd" wsu:Id="${bodyId}"/>`,
    );
    expect(refusal(() => verifyXml(twoIds)).detail).toMatch(/occurs twice/);
    const twoBodies = xml.replace(
      '</S12:Envelope>',
      `<S12:Body wsu:Id="${bodyId}" xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"/></S12:Envelope>`,
    );
    expect(refusal(() => parseAs4(Buffer.from(twoBodies))).code).toBe('EBMS:0009');
    const messaging = /<eb:Messaging[\s\S]*<\/eb:Messaging>/.exec(xml)![0];
    expect(refusal(() => parseAs4(Buffer.from(xml.replace(messaging, messaging + messaging)))).code).toBe('EBMS:0009');
  });

  it('a swapped BinarySecurityToken (another certificate, same signature) is refused EBMS:0101; a pinned certificate refuses any other', () => {
    const xml = signedXml();
    const other = testKey('red_gw').certificateBase64;
    const swapped = xml.replace(sender.certificateBase64, other);
    expect(swapped).not.toBe(xml);
    expect(refusal(() => verifyXml(swapped)).detail).toMatch(/does not verify/);
    expect(refusal(() => verifyXml(xml, { certificate: certificate('red_gw') })).detail).toMatch(/other than the expected/);
    expect(verifyXml(xml, { certificate: certificate('blue_gw') }).signer.fingerprint256).toBe(sender.certificate.fingerprint256);
  });

  it('during a rollover several certificates are given: the BST must be one of them, an SKI picks its own', () => {
    const both = [certificate('red_gw'), certificate('blue_gw')];
    expect(verifyXml(signedXml(), { certificate: both }).signer.subject).toMatch(/CN=blue_gw/);
    expect(refusal(() => verifyXml(signedXml(), { certificate: [certificate('red_gw'), certificate('ph-as4')] })).detail).toMatch(/other than the expected/);
    const bySki = parseSoapEnvelope(fixture('domibus/dataset/SoapRequest.xml'));
    expect(verifySignature(bySki, { certificate: both }).signer.subject).toMatch(/CN=blue_gw/);
    expect(verifySignature(bySki, { certificate: both }).keyReference).toBe('SubjectKeyIdentifier');
  });

  it('references to anything but this envelope are refused EBMS:0101', () => {
    const xml = signedXml();
    const external = xml.replace(/<ds:Reference URI="#[^"]+"/, '<ds:Reference URI="http://attacker.example/doc"');
    expect(refusal(() => verifyXml(external)).detail).toMatch(/outside the envelope/);
    const whole = xml.replace(/<ds:Reference URI="#[^"]+"/, '<ds:Reference URI=""');
    expect(refusal(() => verifyXml(whole)).detail).toMatch(/outside the envelope/);
    const xpointer = xml.replace(/<ds:Reference URI="#[^"]+"/, '<ds:Reference URI="#xpointer(/)"');
    expect(refusal(() => verifyXml(xpointer)).detail).toMatch(/names no element/);
  });

  it('a weak signing key is refused EBMS:0101 (the 1024-bit key of a test certificate)', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const { issueCertificate } = await import('../../src/trust/pki/certificate-builder.js');
    const { signingKeyFromPem } = await import('../../src/trust/pki/signing-key.js');
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const cert = await issueCertificate({
      commonName: 'weak',
      publicKey,
      selfSignKey: privateKey,
      serialNumber: 7,
      notBefore: new Date(Date.now() - 60_000),
      notAfter: new Date(Date.now() + 3_600_000),
      keyUsage: ['digitalSignature'],
    });
    const weak = signingKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }), cert.toString());
    const xml = buildUserMessage(DECLARATION, [], { signer: weak }).body.toString();
    expect(refusal(() => verifyXml(xml)).detail).toMatch(/too weak/);
  });

  it('a MIME part bomb and oversized part headers are refused EBMS:0007 without reading on', () => {
    const boundary = 'b';
    const soap = fixture('phase4/server/UserMessageWithoutWSSE.xml');
    const parts = Array.from({ length: 5000 }, (_, i) => `--${boundary}\r\nContent-ID: <p${i}>\r\n\r\nx\r\n`).join('');
    const bomb = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Type: application/soap+xml\r\n\r\n`),
      soap,
      Buffer.from(`\r\n${parts}--${boundary}--\r\n`),
    ]);
    const type = `multipart/related; boundary="${boundary}"; type="application/soap+xml"`;
    expect(refusal(() => readTransport(bomb, type)).detail).toMatch(/More than 64 MIME parts/);
    const hugeHeader = Buffer.from(`--${boundary}\r\nContent-Type: application/soap+xml\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n<x/>\r\n--${boundary}--\r\n`);
    expect(refusal(() => readTransport(hugeHeader, type)).code).toBe('EBMS:0007');
    expect(refusal(() => readTransport(Buffer.from('--zz\r\n\r\n<x/>'), type)).code).toBe('EBMS:0007');
    expect(refusal(() => readTransport(bomb, 'multipart/related')).detail).toMatch(/boundary/);
    const dump = Buffer.from(`Content-Type: text/plain\r\n\r\nhello`);
    expect(refusal(() => readTransport(dump)).detail).toMatch(/not an AS4 message/);
  });

  it('a gzip bomb stops at the inflation limit with EBMS:0303; a truncated or non-gzip part too', () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(100_000);
    expect(refusal(() => gunzipPayload(bomb, 16 * 1024 * 1024)).detail).toMatch(/beyond 16777216 bytes/);
    expect(refusal(() => gunzipPayload(bomb.subarray(0, bomb.length - 100))).code).toBe('EBMS:0303');
    expect(refusal(() => gunzipPayload(Buffer.from('not gzip'))).code).toBe('EBMS:0303');
    const sent = buildUserMessage(DECLARATION, [{ mimeType: 'application/xml', content: Buffer.from('<a/>'), compress: false, properties: [] }], {
      signer: sender,
    });
    // Declared compressed, sent clear: the sender's header lies about the part.
    const lying = Buffer.from(
      sent.body
        .toString('latin1')
        .replace(
          '<eb:Property name="MimeType">application/xml</eb:Property>',
          '<eb:Property name="MimeType">application/xml</eb:Property><eb:Property name="CompressionType">application/gzip</eb:Property>',
        ),
      'latin1',
    );
    expect(refusal(() => receiveAs4(lying, { contentType: sent.contentType, requireSignature: false })).code).toMatch(/EBMS:0101|EBMS:0303/);
  });

  it('an attachment the header does not name, or a named one missing, is refused', () => {
    const sent = buildUserMessage(DECLARATION, [{ mimeType: 'application/xml', content: Buffer.from('<a/>') }]);
    const withoutPartInfo = Buffer.from(sent.body.toString('latin1').replace(/<eb:PayloadInfo>[\s\S]*<\/eb:PayloadInfo>/, ''), 'latin1');
    expect(refusal(() => receiveAs4(withoutPartInfo, { contentType: sent.contentType, requireSignature: false })).code).toBe('EBMS:0003');
    const renamed = Buffer.from(sent.body.toString('latin1').replace(/href="cid:/, 'href="cid:gone-'), 'latin1');
    expect(refusal(() => receiveAs4(renamed, { contentType: sent.contentType, requireSignature: false })).code).toBe('EBMS:0011');
    const external = Buffer.from(sent.body.toString('latin1').replace(/href="cid:/, 'href="http://attacker.example/'), 'latin1');
    expect(refusal(() => receiveAs4(external, { contentType: sent.contentType, requireSignature: false })).code).toBe('EBMS:0011');
  });

  it('many PartInfo naming one compressed attachment are refused before each inflates it; the inflate budget is for the whole message', () => {
    const sent = buildUserMessage(DECLARATION, [{ mimeType: 'application/xml', content: Buffer.alloc(600, 0x20) }]);
    const text = sent.body.toString('latin1');
    const partInfo = /<eb:PartInfo[\s\S]*?<\/eb:PartInfo>/.exec(text)?.[0] ?? '';
    expect(partInfo).toContain('cid:');
    const repeated = Buffer.from(text.replace(partInfo, partInfo.repeat(3)), 'latin1');
    expect(refusal(() => receiveAs4(repeated, { contentType: sent.contentType, requireSignature: false })).detail).toMatch(/Two PartInfo name/);
    const two = buildUserMessage(DECLARATION, [
      { mimeType: 'application/xml', content: Buffer.alloc(600, 0x20) },
      { mimeType: 'application/xml', content: Buffer.alloc(600, 0x20) },
    ]);
    expect(receiveAs4(two.body, { contentType: two.contentType, requireSignature: false, maxInflatedBytes: 1200 }).payloads).toHaveLength(2);
    expect(refusal(() => receiveAs4(two.body, { contentType: two.contentType, requireSignature: false, maxInflatedBytes: 1000 })).code).toBe('EBMS:0303');
  });

  it('bounds the SOAP part in bytes and elements before building a DOM: EBMS:0009', () => {
    const wide = `<S:Envelope xmlns:S="http://www.w3.org/2003/05/soap-envelope"><S:Header/><S:Body>${'<a/>'.repeat(1000)}</S:Body></S:Envelope>`;
    expect(refusal(() => parseSoapEnvelope(wide, undefined, { maxElements: 500 })).detail).toMatch(/more than 500 elements/);
    expect(refusal(() => parseSoapEnvelope(wide, undefined, { maxBytes: 1000 })).detail).toMatch(/bytes; this access point takes at most 1000/);
    // The declaration, comments and end tags are not elements.
    const quiet = `<?xml version="1.0"?><S:Envelope xmlns:S="http://www.w3.org/2003/05/soap-envelope"><!--c--><S:Body></S:Body></S:Envelope>`;
    expect(refusal(() => parseSoapEnvelope(quiet, undefined, { maxElements: 2 })).detail).toMatch(/eb:Messaging/);
  });
});

describe('HTTP dumps', () => {
  const soap = fixture('phase4/signed/TestReceipt11.xml');

  it('reads a dump with a status line and a still-chunked body, and one whose chunk sizes lie', () => {
    const chunks = [soap.subarray(0, 1000), soap.subarray(1000)].map((c) =>
      Buffer.concat([Buffer.from(`${c.length.toString(16)}\r\n`), c, Buffer.from('\r\n')]),
    );
    const dump = Buffer.concat([
      Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\n'),
      ...chunks,
      Buffer.from('0\r\n\r\n'),
    ]);
    expect(readTransport(dump).soap.equals(soap)).toBe(true);
    const lying = Buffer.concat([Buffer.from('Content-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\nfffff\r\n'), soap]);
    expect(refusal(() => readTransport(lying)).detail).toMatch(/ends inside a chunk/);
    // A dump tool that decoded the body but kept the header: read as it stands.
    const decoded = Buffer.concat([Buffer.from('Content-Type: text/xml\nTransfer-Encoding: chunked\n\n'), soap]);
    expect(readTransport(decoded).soap.equals(soap)).toBe(true);
  });
});
