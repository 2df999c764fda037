import { Command } from 'commander';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildUserMessage } from '../../../src/as4/build.js';
import { registerAs4 } from '../../../src/cli/commands/as4.js';
import { AS4_FIXTURES, DECLARATION, testKey } from '../../as4/support.js';

async function swgate(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let code: 0 | 1 = 0;
  const program = new Command().exitOverride();
  registerAs4(program, { out: (t) => out.push(t), err: (l) => err.push(l), exit: (c) => (code = c) });
  await program.parseAsync(args, { from: 'user' });
  return { out: out.join('\n'), err: err.join('\n'), code };
}

const file = (path: string) => join(AS4_FIXTURES, path);

describe('swgate as4 verify', () => {
  it.each([
    ['phase4/signed/TestReceipt11.xml', 'CN=ph-as4'],
    ['phase4/signed/TestReceipt12.xml', 'CN=PDE000576'],
    ['phase4/signed/TestMessage11.xml', 'CN=APP_1000000101'],
    ['phase4/signed/helger.as4in', 'CN=POP000306'],
    ['phase4/signed/governikus.as4in', 'CN=POP000260'],
    ['phase4/signed/dataport1-mustunderstand.as4in', 'CN=PDE000357'],
  ])('%s: exit 0, printing the signer (an expired signer still verifies: trust is not its business)', async (path, signer) => {
    const result = await swgate('as4', 'verify', file(path));
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^signature OK: signed by /);
    expect(result.out).toContain(signer);
    expect(result.out).not.toMatch(/mismatch|refused/);
  });

  it('a MIME dump with an encrypted attachment: the SOAP references verify, the attachment is said to be unchecked', async () => {
    const result = await swgate('as4', 'verify', file('phase4/signed/dump-raw.as4out'));
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/cid:phase4-att-[^:]+: not checked \(encrypted attachment\)/);
  });

  it('a key named by SKI needs --cert; with the right one exit 0, with another exit 1', async () => {
    const without = await swgate('as4', 'verify', file('domibus/dataset/SoapRequest.xml'));
    expect(without.code).toBe(1);
    expect(without.err).toMatch(/give the certificate/);
    const right = await swgate('as4', 'verify', file('domibus/dataset/SoapRequest.xml'), '--cert', file('keys/blue_gw.cert.pem'));
    expect(right.code).toBe(0);
    expect(right.out).toMatch(/CN=blue_gw.*SubjectKeyIdentifier/);
    const wrong = await swgate('as4', 'verify', file('domibus/dataset/SoapRequest.xml'), '--cert', file('keys/red_gw.cert.pem'));
    expect(wrong.code).toBe(1);
  });

  it.each([
    ['phase4/signed/dataport1.as4in', /EBMS:0101.*digest of eb3:Messaging/],
    ['phase4/signed/WrongSigningAlgorithm.xml', /EBMS:0101.*randomcrypt/],
    ['phase4/signed/WrongSigningDigestAlgorithm.xml', /EBMS:0101.*randomdigest/],
    ['phase4/soap11/UserMessage.xml', /EBMS:0101.*0 wsse:Security headers/],
    ['phase4/soap12/UserMessageWithCompressedPayload12.xml.malformed', /EBMS:0009.*Not well-formed/],
    ['does-not-exist.xml', /ENOENT/],
  ])('%s: exit 1 with the reason', async (path, reason) => {
    const result = await swgate('as4', 'verify', file(path));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(reason);
    expect(result.out).toBe('');
  });

  it('a message swgate signed verifies; the same with --cert of another party does not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'swgate-as4-cli-'));
    const sent = buildUserMessage(DECLARATION, [{ mimeType: 'application/xml', content: Buffer.from('<a/>') }], { signer: testKey('blue_gw') });
    const dump = join(dir, 'sent.as4out');
    writeFileSync(dump, Buffer.concat([Buffer.from(`Content-Type: ${sent.contentType}\r\nMIME-Version: 1.0\r\n\r\n`), sent.body]));
    const ok = await swgate('as4', 'verify', dump);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/cid:[^:]+: digest OK/);
    expect((await swgate('as4', 'verify', dump, '--cert', file('keys/red_gw.cert.pem'))).code).toBe(1);
  });
});

describe('swgate as4 inspect', () => {
  it('prints the ebMS header of an HTTP dump as JSON', async () => {
    const result = await swgate('as4', 'inspect', file('phase4/signed/dump-raw.as4out'));
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out);
    expect(json.soapVersion).toBe('1.2');
    expect(json.userMessage.info.messageId).toBe('17a7c374-efe3-41e2-ac0d-8a8f47529e47@phase4');
    expect(json.userMessage.from.partyIds[0].value).toBe('POP000306');
    expect(json.userMessage.parts[0].properties).toContainEqual({ name: 'CompressionType', value: 'application/gzip' });
    expect(json.attachments).toHaveLength(1);
  });

  it('prints signals (receipt with its non-repudiation digests, errors, pull requests)', async () => {
    const receipt = JSON.parse((await swgate('as4', 'inspect', file('phase4/soap11/ReceiptMessage.xml'))).out);
    expect(receipt.signals[0].kind).toBe('receipt');
    expect(receipt.signals[0].nonRepudiation).toHaveLength(2);
    const bundle = JSON.parse((await swgate('as4', 'inspect', file('phase4/soap11/BundledMessage.xml'))).out);
    expect(bundle.signals.map((s: { kind: string }) => s.kind)).toEqual(['error', 'pull']);
    expect(bundle.signals[1].mpc).toBe('http://msh.example.com/mpc123');
  });

  it('refuses a negative case with its ebMS code and exit 1', async () => {
    const two = await swgate('as4', 'inspect', file('phase4/server/TwoUserMessages.xml'));
    expect(two.code).toBe(1);
    expect(two.err).toMatch(/EBMS:0003/);
    const rar = await swgate('as4', 'inspect', file('phase4/server/WrongCompression.mime'));
    expect(rar.err).toMatch(/EBMS:0003.*application\/rar/);
  });
});
