/** Interop with an independent XML-DSig implementation: the real xmlsec1 binary, both ways. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SIGNING_ALGORITHMS } from '../../../src/trust/pki/signing-key.js';
import { DSIG_NS, ENVELOPED_SIGNATURE, EXC_C14N, SHA256_URI } from '../../../src/trust/xmldsig/algorithms.js';
import { ENVELOPE_NS, readSignedEnvelope, rootIdFor, xmlPayload, type EnvelopeHeader } from '../../../src/trust/envelope.js';
import { verifyInboundEnvelope } from '../../../src/trust/inbound.js';
import { signEnvelopeXml } from '../../../src/trust/xml-sign.js';
import { verifyXmlSignature } from '../../../src/trust/xmldsig/xml-verify.js';
import { toolsPresent, XMLSEC1 } from '../../support/tools.js';
import { createTestPki, FIXTURES, header, PARTNER, type TestPki } from '../support.js';

const ID_ATTRIBUTE = `--id-attr:Id`;
const ENVELOPE_ELEMENT = `${ENVELOPE_NS}:Envelope`;
const declaration = readFileSync(join(FIXTURES, 'wco-dm/TT_IM011a__TT_IM011a.xml'), 'utf8');

let t: TestPki;
let work: string;
beforeAll(async () => {
  t = await createTestPki();
  work = mkdtempSync(join(tmpdir(), 'swgate-xmlsec-'));
});

function xmlsec1(args: string[]): { status: number | null; output: string } {
  const result = spawnSync(XMLSEC1.command, args, { encoding: 'utf8', timeout: 20_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function xmlsecVerify(xml: string): { status: number | null; output: string } {
  const file = join(work, `verify-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  return xmlsec1(['--verify', '--trusted-pem', t.pki.ca.certificate, ID_ATTRIBUTE, ENVELOPE_ELEMENT, file]);
}

/** A pretty-printed, non-canonical envelope with an empty signature template for xmlsec1 to fill. */
function xmlsecTemplate(envelopeHeader: EnvelopeHeader, signatureAlgorithm: string): string {
  const document = declaration.replace(/^<\?xml[^>]*\?>\s*/, '');
  return `<?xml version="1.0" encoding="UTF-8"?>
<swg:Envelope xmlns:swg="${ENVELOPE_NS}" Id="${rootIdFor(envelopeHeader.messageId)}">
  <swg:Header>
    <swg:MessageId>${envelopeHeader.messageId}</swg:MessageId>
    <swg:ConversationId>${envelopeHeader.conversationId}</swg:ConversationId>
    <swg:From>${envelopeHeader.from}</swg:From>
    <swg:To>${envelopeHeader.to}</swg:To>
    <swg:DocumentKind>${envelopeHeader.documentKind}</swg:DocumentKind>
    <swg:CreatedAt>${envelopeHeader.createdAt}</swg:CreatedAt>
  </swg:Header>
  <swg:Payload contentType="application/xml">${document}</swg:Payload>
  <ds:Signature xmlns:ds="${DSIG_NS}">
    <ds:SignedInfo>
      <ds:CanonicalizationMethod Algorithm="${EXC_C14N}"/>
      <ds:SignatureMethod Algorithm="${signatureAlgorithm}"/>
      <ds:Reference URI="#${rootIdFor(envelopeHeader.messageId)}">
        <ds:Transforms>
          <ds:Transform Algorithm="${ENVELOPED_SIGNATURE}"/>
          <ds:Transform Algorithm="${EXC_C14N}"/>
        </ds:Transforms>
        <ds:DigestMethod Algorithm="${SHA256_URI}"/>
        <ds:DigestValue/>
      </ds:Reference>
    </ds:SignedInfo>
    <ds:SignatureValue/>
    <ds:KeyInfo><ds:X509Data><ds:X509Certificate/></ds:X509Data></ds:KeyInfo>
  </ds:Signature>
</swg:Envelope>
`;
}

describe.runIf(toolsPresent(XMLSEC1))('xmlsec1 interop', () => {
  for (const kind of ['ecdsa', 'rsa'] as const) {
    it(`${kind}: xmlsec1 --verify accepts what swgate signs, and refuses it once a byte changes`, () => {
      const signed = signEnvelopeXml(header(), xmlPayload(declaration), t.key(PARTNER, kind));
      const good = xmlsecVerify(signed);
      expect(good.output).toContain('OK');
      expect(good.status).toBe(0);
      const tampered = xmlsecVerify(signed.replace('<swg:To>customs<', '<swg:To>customz<'));
      expect(tampered.status).not.toBe(0);
    });

    it(`${kind}: swgate accepts what xmlsec1 --sign signs and reads the payload from the signed bytes`, async () => {
      const files = t.pki.entities[PARTNER]![kind];
      const template = join(work, `template-${kind}.xml`);
      const output = join(work, `signed-${kind}.xml`);
      const algorithm = SIGNING_ALGORITHMS[kind === 'ecdsa' ? 'ecdsa-p256' : 'rsa-sha256'].uri;
      writeFileSync(template, xmlsecTemplate(header(), algorithm));
      const result = xmlsec1([
        '--sign',
        '--privkey-pem',
        `${files.privateKey},${files.certificate}`,
        ID_ATTRIBUTE,
        ENVELOPE_ELEMENT,
        '--output',
        output,
        template,
      ]);
      expect(result.status, result.output).toBe(0);
      for (const engine of ['xml-crypto', 'fast'] as const) {
        const verified = await verifyXmlSignature(readFileSync(output), t.store(PARTNER), { engine });
        const envelope = readSignedEnvelope(verified.signedXml);
        expect(envelope.header).toEqual(header());
        expect(envelope.payload).toBe(xmlPayload(declaration).canonical);
        expect(verified.evidence.signatureAlgorithm).toBe(algorithm);
        // The inbound path: the fast engine reads header and payload from its tree.
        const inbound = await verifyInboundEnvelope(readFileSync(output), 'application/xml', t.store(PARTNER), { engine });
        expect(inbound.header).toEqual(header());
        expect(inbound.payload).toBe(xmlPayload(declaration).canonical);
        expect(inbound.signedContent).toBe(verified.signedXml);
      }
    });
  }
});
