/**
 * What swgate builds, it reads back: sign → verify, sign + encrypt → decrypt → verify, the
 * receipt for what was received, and xmlsec1 (libxmlsec1, an independent implementation)
 * verifying what swgate signs.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { As4Error } from '../../src/as4/errors.js';
import { checkReceipt } from '../../src/as4/receipt.js';
import { buildErrorSignal, buildPullRequest, buildReceipt, buildUserMessage } from '../../src/as4/build.js';
import { readTransport } from '../../src/as4/mime.js';
import { parseAs4, receiveAs4 } from '../../src/as4/read.js';
import { toolsPresent, XMLSEC1 } from '../support/tools.js';
import { AS4_FIXTURES, certificate, DECLARATION, refusal, testKey } from './support.js';

const sender = testKey('blue_gw');
const receiver = testKey('red_gw');

const payload = Buffer.from(`<Declaration xmlns="urn:wco:datamodel:WCO:DEC-DMS:2">${'<GoodsItem>x</GoodsItem>'.repeat(500)}</Declaration>`);

describe('AS4 round trips', () => {
  it('a signed, compressed, encrypted UserMessage decrypts, verifies and yields the payload', () => {
    const sent = buildUserMessage(DECLARATION, [{ mimeType: 'application/xml', content: payload }], { signer: sender, recipient: receiver.certificate });
    expect(sent.contentType).toMatch(/^multipart\/related; boundary=/);
    // The part on the wire is neither the payload nor its gzip: it is ciphertext.
    const wire = readTransport(sent.body, sent.contentType).attachments[0]!;
    expect(wire.contentType).toBe('application/octet-stream');
    expect(wire.content.includes(payload.subarray(0, 40))).toBe(false);
    expect(wire.content.subarray(0, 2).equals(Buffer.from([0x1f, 0x8b]))).toBe(false);

    const received = receiveAs4(sent.body, {
      contentType: sent.contentType,
      decryption: { privateKey: receiver.privateKey, certificate: receiver.certificate },
    });
    expect(received.payloads).toHaveLength(1);
    expect(received.payloads[0]!.content.equals(payload)).toBe(true);
    expect(received.payloads[0]!.mimeType).toBe('application/xml');
    expect(received.signature?.signer.fingerprint256).toBe(sender.certificate.fingerprint256);
    expect(received.signature?.signsMessaging && received.signature.signsBody).toBe(true);
    expect(received.signature?.references.map((r) => r.uri).sort()).toEqual(sent.signedReferences.map((r) => r.uri).sort());
    expect(received.message.userMessage?.info.messageId).toBe(sent.messageId);
    expect(received.message.userMessage?.properties).toEqual(DECLARATION.properties);
  });

  it('the SignatureValue is checked before anything is decrypted: a message from another signer is EBMS:0101, even with a key that cannot open it', () => {
    const sent = buildUserMessage(DECLARATION, [{ mimeType: 'application/xml', content: payload }], { signer: sender, recipient: receiver.certificate });
    const notThePartner = { contentType: sent.contentType, signer: certificate('ph-as4') };
    expect(
      refusal(() => receiveAs4(sent.body, { ...notThePartner, decryption: { privateKey: sender.privateKey, certificate: sender.certificate } })).code,
    ).toBe('EBMS:0101');
    expect(
      refusal(() => receiveAs4(sent.body, { ...notThePartner, decryption: { privateKey: receiver.privateKey, certificate: receiver.certificate } })).code,
    ).toBe('EBMS:0101');
  });

  it('without the key, with the wrong key, or with a tampered ciphertext the message is refused EBMS:0102', () => {
    const sent = buildUserMessage(DECLARATION, [{ mimeType: 'application/xml', content: payload }], { signer: sender, recipient: receiver.certificate });
    expect(refusal(() => receiveAs4(sent.body, { contentType: sent.contentType })).code).toBe('EBMS:0102');
    const wrong = refusal(() =>
      receiveAs4(sent.body, { contentType: sent.contentType, decryption: { privateKey: sender.privateKey, certificate: sender.certificate } }),
    );
    expect(wrong.code).toBe('EBMS:0102');
    expect(wrong.refToMessageInError).toBe(sent.messageId);
    expect(refusal(() => receiveAs4(sent.body, { contentType: sent.contentType, decryption: { privateKey: sender.privateKey } })).code).toBe('EBMS:0102');
    const tampered = Buffer.from(sent.body);
    const at = tampered.lastIndexOf('\r\n--') - 5;
    tampered[at] = tampered[at]! ^ 1;
    expect(refusal(() => receiveAs4(tampered, { contentType: sent.contentType, decryption: { privateKey: receiver.privateKey } })).code).toBe('EBMS:0102');
  });

  it('the attachment reference digests the octets of the part as sent (Attachment-Content-Signature-Transform), computed independently', () => {
    const sent = buildUserMessage(DECLARATION, [{ mimeType: 'application/xml', content: payload }], { signer: sender });
    const { soap, attachments } = readTransport(sent.body, sent.contentType);
    const part = attachments[0]!;
    expect(part.content.subarray(0, 2).equals(Buffer.from([0x1f, 0x8b]))).toBe(true);
    const reference = new RegExp(`<ds:Reference URI="cid:${part.contentId}">[\\s\\S]*?<ds:DigestValue>([^<]+)</ds:DigestValue>`).exec(soap.toString());
    expect(reference?.[1]).toBe(createHash('sha256').update(part.content).digest('base64'));
    expect(gunzipSync(part.content).equals(payload)).toBe(true);
  });

  it('a signed message whose payload was changed after signing is refused EBMS:0101', () => {
    const sent = buildUserMessage(DECLARATION, [{ mimeType: 'application/xml', content: payload, compress: false }], { signer: sender });
    const tampered = Buffer.from(sent.body.toString('latin1').replace('<GoodsItem>x</GoodsItem>', '<GoodsItem>y</GoodsItem>'), 'latin1');
    const error = refusal(() => receiveAs4(tampered, { contentType: sent.contentType }));
    expect(error.code).toBe('EBMS:0101');
    expect(error.detail).toMatch(/attachment/);
    expect(receiveAs4(sent.body, { contentType: sent.contentType }).payloads[0]!.content.equals(payload)).toBe(true);
  });

  it('a header changed after signing is refused EBMS:0101; an unsigned message is refused EBMS:0103 unless allowed', () => {
    const sent = buildUserMessage(DECLARATION, [{ mimeType: 'application/xml', content: payload }], { signer: sender });
    const tampered = Buffer.from(sent.body.toString('latin1').replace('SubmitDeclaration', 'SubmitDeclaratioN'), 'latin1');
    expect(refusal(() => receiveAs4(tampered, { contentType: sent.contentType })).code).toBe('EBMS:0101');
    const unsigned = buildUserMessage(DECLARATION, [{ mimeType: 'application/xml', content: payload }]);
    expect(refusal(() => receiveAs4(unsigned.body, { contentType: unsigned.contentType })).code).toBe('EBMS:0103');
    expect(receiveAs4(unsigned.body, { contentType: unsigned.contentType, requireSignature: false }).payloads[0]!.content.equals(payload)).toBe(true);
  });

  it('the non-repudiation receipt returns the digests the sender signed, signed by the receiver', () => {
    const sent = buildUserMessage(DECLARATION, [{ mimeType: 'application/xml', content: payload }], { signer: sender, recipient: receiver.certificate });
    const received = receiveAs4(sent.body, { contentType: sent.contentType, decryption: { privateKey: receiver.privateKey } });
    const receipt = buildReceipt(received, { signer: receiver });
    const back = receiveAs4(receipt.body, { contentType: receipt.contentType, signer: receiver.certificate });
    const signal = back.message.signals[0]!;
    expect(signal.kind).toBe('receipt');
    expect(signal.info.refToMessageId).toBe(sent.messageId);
    if (signal.kind !== 'receipt') throw new Error('not a receipt');
    expect(signal.nonRepudiation?.map((r) => [r.uri, r.digestValue]).sort()).toEqual(sent.signedReferences.map((r) => [r.uri, r.digestValue]).sort());
    expect(back.signature?.signer.fingerprint256).toBe(receiver.certificate.fingerprint256);
    expect(checkReceipt(back.message, sent)).toEqual({ kind: 'receipt' });
    // A receipt for another message, or one returning other digests, does not acknowledge ours.
    expect(refusal(() => checkReceipt(back.message, { ...sent, messageId: 'other@x' })).code).toBe('EBMS:0302');
    const otherDigests = sent.signedReferences.map((r, i) => (i === 0 ? { ...r, digestValue: 'AAAA' } : r));
    expect(refusal(() => checkReceipt(back.message, { ...sent, signedReferences: otherDigests })).code).toBe('EBMS:0302');
  });

  it('an Error signal answering a sent message comes back as its As4Errors', () => {
    const sent = buildUserMessage(DECLARATION, [], { signer: sender });
    const answer = buildErrorSignal([new As4Error('EBMS:0103', 'certificate revoked', sent.messageId)]);
    const outcome = checkReceipt(parseAs4(answer.body).message, sent);
    expect(outcome.kind === 'error' && outcome.errors.map((e) => [e.code, e.detail])).toEqual([['EBMS:0103', 'certificate revoked']]);
  });

  it('an unsigned UserMessage is acknowledged with a copy of its header (reception awareness)', () => {
    const unsigned = buildUserMessage(DECLARATION, []);
    const received = receiveAs4(unsigned.body, { contentType: unsigned.contentType, requireSignature: false });
    const receipt = parseAs4(buildReceipt(received).body).message.signals[0]!;
    expect(receipt.kind === 'receipt' && receipt.carriesUserMessage).toBe(true);
  });

  it('Error and PullRequest signals carry their codes and channel', () => {
    const error = buildErrorSignal([new As4Error('EBMS:0303', 'gzip failed', 'm-1@partner')], { signer: sender });
    const read = receiveAs4(error.body, { contentType: error.contentType }).message.signals[0]!;
    expect(read).toMatchObject({ kind: 'error', info: { refToMessageId: 'm-1@partner' } });
    expect(read.kind === 'error' && read.errors[0]).toMatchObject({
      errorCode: 'EBMS:0303',
      severity: 'failure',
      category: 'Communication',
      shortDescription: 'DecompressionFailure',
      refToMessageInError: 'm-1@partner',
    });
    const pull = buildPullRequest('urn:swgate:mpc:partner-xb', { signer: sender });
    expect(receiveAs4(pull.body, { contentType: pull.contentType }).message.signals[0]).toMatchObject({ kind: 'pull', mpc: 'urn:swgate:mpc:partner-xb' });
    const empty = buildErrorSignal([new As4Error('EBMS:0006', 'nothing to pull')], { refToMessageId: pull.messageId });
    expect(parseAs4(empty.body).message.signals[0]).toMatchObject({ kind: 'error', errors: [{ errorCode: 'EBMS:0006', severity: 'warning' }] });
  });

  it('a payload that inflates beyond the limit is refused EBMS:0303', () => {
    const sent = buildUserMessage(DECLARATION, [{ mimeType: 'application/octet-stream', content: Buffer.alloc(8 * 1024 * 1024) }], { signer: sender });
    const error = refusal(() => receiveAs4(sent.body, { contentType: sent.contentType, maxInflatedBytes: 1024 * 1024 }));
    expect(error.code).toBe('EBMS:0303');
    expect(error.refToMessageInError).toBe(sent.messageId);
  });
});

describe.runIf(toolsPresent(XMLSEC1))('xmlsec1 verifies what swgate signs (wsu:Id by --id-attr)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'swgate-as4-'));
  const xmlsec1 = (name: string, xml: Buffer | string, cert: string) => {
    const file = join(dir, name);
    writeFileSync(file, xml);
    const args = ['--verify', '--enabled-reference-uris', 'same-doc', '--pubkey-cert-pem', cert];
    for (const node of ['Messaging', 'Body', 'BinarySecurityToken']) args.push('--id-attr:Id', node);
    return spawnSync(XMLSEC1.command, [...args, file], { encoding: 'utf8' });
  };
  const senderCert = join(AS4_FIXTURES, 'keys/blue_gw.cert.pem');

  it.each([
    ['receipt', () => buildReceipt(receiveAs4(buildUserMessage(DECLARATION, [], { signer: testKey('ph-as4') }).body), { signer: sender }).body],
    ['error', () => buildErrorSignal([new As4Error('EBMS:0004', 'x & <y>')], { signer: sender }).body],
    ['pull request', () => buildPullRequest(undefined, { signer: sender }).body],
    ['user message without attachments', () => buildUserMessage(DECLARATION, [], { signer: sender }).body],
  ])('%s: xmlsec1 exit 0; the same file with one character changed: xmlsec1 refuses', (name, build) => {
    const xml = build();
    const ok = xmlsec1(`${name}.xml`, xml, senderCert);
    expect(ok.stderr).toMatch(/OK/);
    expect(ok.status).toBe(0);
    const bad = xmlsec1(`${name}-bad.xml`, xml.toString().replace('</eb:MessageId>', 'x</eb:MessageId>'), senderCert);
    expect(bad.status).not.toBe(0);
    expect(xmlsec1(`${name}-other.xml`, xml, join(AS4_FIXTURES, 'keys/red_gw.cert.pem')).status).not.toBe(0);
  });

  it('the corpus certificate that signed TestReceipt11 is the ph-as4 key swgate signs with', () => {
    expect(testKey('ph-as4').certificate.fingerprint256).toBe(certificate('ph-as4').fingerprint256);
  });
});
