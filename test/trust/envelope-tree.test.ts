/**
 * Reading an envelope from the verified tree (envelope.ts readEnvelopeFromTree, what the fast
 * engine's inbound path does) gives exactly what reading it from the canonical bytes of the
 * signed reference gives (readSignedEnvelope, the reference way): same header, same content
 * type, same payload bytes, or the same refusal. On valid and on tricky envelopes, then end to
 * end on envelopes xmlsec1 signed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseXml } from '../../src/documents/xml/parse.js';
import type { XmlElement } from '../../src/documents/xml/tree.js';
import { RejectionError } from '../../src/findings.js';
import { SIGNING_ALGORITHMS } from '../../src/trust/pki/signing-key.js';
import { DSIG_NS, ENVELOPED_SIGNATURE, EXC_C14N, SHA256_URI } from '../../src/trust/xmldsig/algorithms.js';
import { ENVELOPE_NS, readEnvelopeFromTree, readSignedEnvelope, type ReadEnvelope } from '../../src/trust/envelope.js';
import { C14nDisagreementError, exclusiveCanonicalTree } from '../../src/trust/xmldsig/exc-c14n.js';
import { readVerifiedEnvelope, verifyInboundEnvelope } from '../../src/trust/inbound.js';
import { canonicalize, isElementNamed, parseDom } from '../../src/trust/xmldsig/xml-dom.js';
import { verifyXmlSignature } from '../../src/trust/xmldsig/xml-verify.js';
import { toolsPresent, XMLSEC1 } from '../support/tools.js';
import { createTestPki, PARTNER, type TestPki } from './support.js';

const SIGNATURE = `<ds:Signature xmlns:ds="${DSIG_NS}"><ds:SignedInfo/></ds:Signature>`;
const HEADER =
  '<swg:Header><swg:MessageId>m1</swg:MessageId><swg:ConversationId>c1</swg:ConversationId><swg:From>partner-xb</swg:From>' +
  '<swg:To>customs</swg:To><swg:DocumentKind>declaration</swg:DocumentKind><swg:CreatedAt>2026-11-29T05:00:00Z</swg:CreatedAt></swg:Header>';
const OPEN = `<swg:Envelope xmlns:swg="${ENVELOPE_NS}" Id="m-m1">`;

function envelope(payload: string, { header = HEADER, attributes = 'contentType="application/xml"' } = {}): string {
  return `${OPEN}${header}<swg:Payload ${attributes}>${payload}</swg:Payload>${SIGNATURE}</swg:Envelope>`;
}

const TRICKY: Array<[string, string]> = [
  ['as swgate writes it', envelope('<d:Declaration xmlns:d="urn:wco:x"><d:Code listID="hs">0101</d:Code></d:Declaration>')],
  [
    'pretty-printed, XML declaration, comments around and inside',
    `<?xml version="1.0" encoding="UTF-8"?>\n<!-- first -->\n${OPEN}\n  <!-- h -->\n  ${HEADER.replaceAll('><swg:', '>\n    <swg:')}\n  <swg:Payload contentType="application/xml">\n    <d:Declaration xmlns:d="urn:wco:x">\n      <!-- c --><d:Code>01<!-- split -->01</d:Code>\n    </d:Declaration>\n  </swg:Payload>\n  ${SIGNATURE}\n</swg:Envelope>\n<!-- last -->\n`,
  ],
  ['comment-split header text', envelope('<d/>', { header: HEADER.replace('>customs<', '>cus<!-- x -->to<!---->ms<') })],
  ['CDATA in header and payload', envelope('<d><![CDATA[<not markup> & ]]>tail</d>', { header: HEADER.replace('>partner-xb<', '><![CDATA[partner-xb]]><') })],
  [
    'entities and character references',
    envelope('<d a="&lt;&amp;&quot;&#x9;">&lt;x&gt; &amp; &#233;&#x1F600;</d>', {
      header: HEADER.replace('>declaration<', '>a&amp;b&#233;&#x1F600;&lt;&gt;<'),
    }),
  ],
  ['CR as a reference in header and payload, literal CR LF', envelope('<d>a&#13;b\r\nc</d>', { header: HEADER.replace('>declaration<', '>a&#13;b<') })],
  ['tabs and line breaks in payload attributes, literal and as references', envelope('<d a="x\ty\nz" b="&#9;&#10;&#13;"/>')],
  ['whitespace in header text and around the payload document', envelope('\n  <d/>\n', { header: HEADER.replace('>customs<', '> customs <') })],
  ['the payload rebinds the envelope prefix', envelope('<swg:doc xmlns:swg="urn:other"><swg:x/></swg:doc>')],
  ['the payload uses a default namespace and redeclares it', envelope('<doc xmlns="urn:a"><x xmlns="urn:b"><y/></x><z/></doc>')],
  [
    'namespaced and xml:* attributes in the payload',
    envelope('<d:doc xmlns:d="urn:d" xmlns:e="urn:e" e:z="1" d:a="2" xml:lang="fr" b="3"><d:x e:y="4"/></d:doc>'),
  ],
  [
    'the envelope in the default namespace',
    `<Envelope xmlns="${ENVELOPE_NS}" Id="m-m1">${HEADER.replaceAll('swg:', '')}<Payload contentType="application/xml"><d:doc xmlns:d="urn:d"/></Payload>${SIGNATURE}</Envelope>`,
  ],
  ['Signature between Header and Payload', `${OPEN}${HEADER}${SIGNATURE}<swg:Payload contentType="application/xml"><d/></swg:Payload></swg:Envelope>`],
  ['base64 payload with whitespace and a comment', envelope('\n  e30<!-- c -->=\n', { attributes: 'contentType="application/json" encoding="base64"' })],
  ['base64 payload in CDATA', envelope('<![CDATA[e30=]]>', { attributes: 'encoding="base64" contentType="application/json"' })],
  [
    "namespaced contentType and encoding attributes are not the envelope's",
    envelope('<d/>', { attributes: 'xmlns:x="urn:x" x:contentType="a" x:encoding="base64" contentType="b"' }),
  ],
  ['no contentType', envelope('<d/>', { attributes: '' })],
];

const REFUSED: Array<[string, string]> = [
  ["a header element that is not the envelope's", envelope('<d/>', { header: HEADER.replace('</swg:Header>', '<swg:Extra>x</swg:Extra></swg:Header>') })],
  ['a header field twice', envelope('<d/>', { header: HEADER.replace('</swg:Header>', '<swg:To>again</swg:To></swg:Header>') })],
  ['a header field in another namespace', envelope('<d/>', { header: HEADER.replace('<swg:To>customs</swg:To>', '<x:To xmlns:x="urn:x">customs</x:To>') })],
  ['a header field holding an element', envelope('<d/>', { header: HEADER.replace('>customs<', '>cus<b/>toms<') })],
  ['a message id that is not an id', envelope('<d/>', { header: HEADER.replace('>m1<', '>m 1<') })],
  ['a missing header field', envelope('<d/>', { header: HEADER.replace('<swg:To>customs</swg:To>', '') })],
  ['no Header', `${OPEN}<swg:Payload contentType="application/xml"><d/></swg:Payload>${SIGNATURE}</swg:Envelope>`],
  ['Payload before Header', `${OPEN}<swg:Payload contentType="application/xml"><d/></swg:Payload>${HEADER}${SIGNATURE}</swg:Envelope>`],
  ['a third child', `${OPEN}${HEADER}<swg:Payload contentType="application/xml"><d/></swg:Payload><swg:More/>${SIGNATURE}</swg:Envelope>`],
  ['a root in another namespace', envelope('<d/>').replace(`xmlns:swg="${ENVELOPE_NS}"`, 'xmlns:swg="urn:swgate:envelope:2"')],
  ['two payload documents', envelope('<d/><e/>')],
  ['text beside the payload document', envelope('junk<d/>')],
  ['no payload document', envelope('   ')],
  ['a base64 payload that is not base64', envelope('e30*', { attributes: 'contentType="application/json" encoding="base64"' })],
  ['a base64 payload holding an element', envelope('e30=<x/>', { attributes: 'contentType="application/json" encoding="base64"' })],
];

function signatureOf(root: XmlElement): XmlElement {
  return root.children.find((child): child is XmlElement => typeof child !== 'string' && child.ns === DSIG_NS && child.name === 'Signature')!;
}

function outcome(read: () => ReadEnvelope): ReadEnvelope | { status: number; code: string | undefined } {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof RejectionError)) throw error;
    return { status: error.status, code: error.findings[0]?.code };
  }
}

/** The signed bytes of `xml` (its canonical form without Signature), checked against xml-crypto. */
function signedBytes(root: XmlElement, xml: string): string {
  const canonical = exclusiveCanonicalTree(root, signatureOf(root));
  const { root: dom } = parseDom(xml);
  for (let child = dom.firstChild; child; child = child.nextSibling) if (isElementNamed(child, DSIG_NS, 'Signature')) dom.removeChild(child);
  expect(canonical).toBe(canonicalize(dom));
  return canonical;
}

describe('the envelope read from the tree is the envelope read from the signed bytes', () => {
  for (const [name, xml] of TRICKY) {
    it(name, () => {
      const root = parseXml(xml);
      const fromTree = outcome(() => readEnvelopeFromTree(root, signatureOf(root)));
      expect(fromTree).not.toHaveProperty('code');
      expect(fromTree).toEqual(outcome(() => readSignedEnvelope(signedBytes(root, xml))));
    });
  }

  for (const [name, xml] of REFUSED) {
    it(`refused alike: ${name}`, () => {
      const root = parseXml(xml);
      const fromTree = outcome(() => readEnvelopeFromTree(root, signatureOf(root)));
      expect(fromTree).toHaveProperty('code');
      expect(fromTree).toEqual(outcome(() => readSignedEnvelope(signedBytes(root, xml))));
    });
  }

  it('spot checks: comment-split text reads as the signed text, CDATA and references decoded, payload canonical', () => {
    const split = parseXml(TRICKY[2]![1]);
    expect(readEnvelopeFromTree(split, signatureOf(split)).header.to).toBe('customs');
    const references = parseXml(TRICKY[4]![1]);
    const read = readEnvelopeFromTree(references, signatureOf(references));
    expect(read.header.documentKind).toBe('a&b\u00e9\u{1F600}<>');
    expect(read.payload).toBe('<d a="&lt;&amp;&quot;&#x9;">&lt;x&gt; &amp; \u00e9\u{1F600}</d>');
  });

  it('a payload whose own canonical form is ambiguous is refused by the tree reader, and the inbound path reads the signed bytes instead', () => {
    // In place, the Payload element renders xmlns:a; as the apex of its own canonical form the
    // payload renders xmlns:B and xmlns:a, which xml-crypto and libxml2 order differently.
    const xml = envelope('<B:doc xmlns:B="urn:b" xmlns:a="urn:a" a:x="1"/>', { attributes: 'xmlns:a="urn:a" a:note="1" contentType="application/xml"' });
    const root = parseXml(xml);
    const signature = signatureOf(root);
    const signedXml = signedBytes(root, xml);
    expect(() => readEnvelopeFromTree(root, signature)).toThrow(C14nDisagreementError);
    const read = readVerifiedEnvelope({ signedXml, signedTree: { root, signature } } as Parameters<typeof readVerifiedEnvelope>[0]);
    expect(read).toEqual(readSignedEnvelope(signedXml));
  });
});

describe.runIf(toolsPresent(XMLSEC1))('end to end on envelopes xmlsec1 signed: the fast inbound path reads what the xml-crypto engine reads', () => {
  let t: TestPki;
  let work: string;
  beforeAll(async () => {
    t = await createTestPki();
    work = mkdtempSync(join(tmpdir(), 'swgate-envelope-tree-'));
  });

  const template =
    `<ds:Signature xmlns:ds="${DSIG_NS}"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="${EXC_C14N}"/>` +
    `<ds:SignatureMethod Algorithm="${SIGNING_ALGORITHMS['ecdsa-p256'].uri}"/><ds:Reference URI="#m-m1"><ds:Transforms>` +
    `<ds:Transform Algorithm="${ENVELOPED_SIGNATURE}"/><ds:Transform Algorithm="${EXC_C14N}"/></ds:Transforms>` +
    `<ds:DigestMethod Algorithm="${SHA256_URI}"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/>` +
    `<ds:KeyInfo><ds:X509Data><ds:X509Certificate/></ds:X509Data></ds:KeyInfo></ds:Signature>`;

  function signedByXmlsec(xml: string): Buffer {
    const file = join(work, `${Math.random().toString(36).slice(2)}.xml`);
    writeFileSync(file, xml.replace(SIGNATURE, template));
    const keys = t.pki.entities[PARTNER]!.ecdsa;
    const result = spawnSync(XMLSEC1.command, [
      '--sign',
      '--privkey-pem',
      `${keys.privateKey},${keys.certificate}`,
      '--id-attr:Id',
      `${ENVELOPE_NS}:Envelope`,
      file,
    ]);
    expect(result.status, result.stderr.toString()).toBe(0);
    return result.stdout;
  }

  for (const [name, xml] of TRICKY) {
    it(name, async () => {
      const signed = signedByXmlsec(xml);
      const fast = await verifyInboundEnvelope(signed, 'application/xml', t.store(PARTNER), { engine: 'fast' });
      const byXmlCrypto = await verifyInboundEnvelope(signed, 'application/xml', t.store(PARTNER), { engine: 'xml-crypto' });
      expect((await verifyXmlSignature(signed, t.store(PARTNER), { engine: 'fast' })).signedTree, 'read from the tree').toBeDefined();
      expect({ ...fast, trust: undefined }).toEqual({ ...byXmlCrypto, trust: undefined });
    });
  }
});
