/**
 * Differential test of swgate's exclusive c14n against xml-crypto (same string) and xmlsec1
 * (same SHA-256 digest of its own canonical form, as written by `xmlsec1 --sign`), on every
 * WCO DM corpus document and on mutations aimed at namespace, attribute and escaping rules.
 * The corpus is the copy committed with the XML parser (test/fixtures/wco-dm, read only).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RejectionError } from '../../src/findings.js';
import { DSIG_NS, ENVELOPED_SIGNATURE, EXC_C14N, SHA256_URI } from '../../src/trust/algorithms.js';
import { C14nDisagreementError, exclusiveCanonical } from '../../src/trust/exc-c14n.js';
import { canonicalize, isElementNamed, parseDom } from '../../src/trust/xml-dom.js';
import { createTestPki, PARTNER } from './support.js';

const CORPUS = join(import.meta.dirname, '../fixtures/wco-dm/samples');
const work = mkdtempSync(join(tmpdir(), 'swgate-c14n-'));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : name.endsWith('.xml') ? [join(dir, name)] : []));
}

const SIGNATURE_TEMPLATE =
  `<ds:Signature xmlns:ds="${DSIG_NS}"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="${EXC_C14N}"/>` +
  `<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"/><ds:Reference URI="">` +
  `<ds:Transforms><ds:Transform Algorithm="${ENVELOPED_SIGNATURE}"/><ds:Transform Algorithm="${EXC_C14N}"/></ds:Transforms>` +
  `<ds:DigestMethod Algorithm="${SHA256_URI}"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/></ds:Signature>`;

/** The document with a signature template as the root's last child, signed by xmlsec1. */
function signedByXmlsec(xml: string, keyFile: string): string {
  const end = xml.lastIndexOf(`</${parseDom(xml).root.tagName}`);
  const template = join(work, `t-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(template, xml.slice(0, end) + SIGNATURE_TEMPLATE + xml.slice(end));
  const result = spawnSync('/usr/bin/xmlsec1', ['--sign', '--privkey-pem', keyFile, template], { encoding: 'utf8', timeout: 20_000 });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

function compare(xml: string, keyFile: string): { ours: string } {
  const signed = signedByXmlsec(xml, keyFile);
  const { root } = parseDom(signed);
  const signature = [...Array.from({ length: root.childNodes.length }, (_, i) => root.childNodes.item(i))].find((node) => isElementNamed(node, DSIG_NS, 'Signature'))!;
  const ours = exclusiveCanonical(root, signature);
  root.removeChild(signature);
  expect(ours).toBe(canonicalize(root));
  const xmlsecDigest = /<ds:DigestValue>\s*([^<\s]+)\s*</.exec(signed)![1];
  expect(createHash('sha256').update(ours).digest('base64')).toBe(xmlsecDigest);
  return { ours };
}

const MUTATIONS: Array<[string, string]> = [
  ['default namespace redeclared', '<a xmlns="urn:a"><b xmlns="urn:b"><c><d/></c></b><e/></a>'],
  ['prefix rebound to another URI in a child', '<p:a xmlns:p="urn:one"><p:b xmlns:p="urn:two"><p:c/></p:b><p:d/></p:a>'],
  ['unused declarations dropped, used ones pushed down', '<a xmlns:u="urn:unused" xmlns:v="urn:v"><b><v:c/></b><v:d/></a>'],
  ['namespaced attributes sorted by URI then name', '<a xmlns:z="urn:a" xmlns:y="urn:b" z:m="1" y:k="2" b="3" a="4" xml:lang="fr"><b y:a="5" z:z="6"/></a>'],
  ['escapes in text and attributes', '<a t="&amp;&lt;&gt;&quot;\'&#9;&#10;&#13;x">&amp;&lt;&gt;"\'&#13;&#9;<![CDATA[<&>]]>\u00e9\u{1F600}</a>'],
  ['literal whitespace in attribute values is normalised by the parser', '<a t="x\n\ty  z"></a>'],
  ['single-quoted attributes, whitespace in tags, empty elements', "<a  b = 'v'  ><c/><d></d>\n  text\n</a >"],
  ['literal CR LF and CR line ends in text and attributes', '<a t="x\r\ny\rz">line1\r\nline2\rline3</a>'],
  ['comments and a CDATA-only element', '<a><!-- gone --><b><![CDATA[keep]]></b><!----></a>'],
];

describe('exclusive c14n: same bytes as xml-crypto, same digest as xmlsec1', async () => {
  const t = await createTestPki();
  const keyFile = t.pki.entities[PARTNER]!.ecdsa.privateKey;
  const corpus = files(CORPUS);

  it('has the whole corpus', () => expect(corpus.length).toBeGreaterThanOrEqual(60));

  it('every corpus document the safe parser accepts', () => {
    const refused: string[] = [];
    for (const file of corpus) {
      const xml = readFileSync(file, 'utf8');
      try {
        parseDom(xml);
      } catch (error) {
        expect(error).toBeInstanceOf(RejectionError);
        refused.push(file);
        continue;
      }
      compare(xml, keyFile);
    }
    // The one corpus file with text after its root element never reaches verification.
    expect(refused.map((file) => file.split('/').at(-1))).toEqual(['TT1_IM_v2.01_Rejected_Obligation_Netmass_Notification.xml']);
  });

  for (const [name, xml] of MUTATIONS) it(name, () => compare(xml, keyFile));

  it('corpus documents with their root namespace moved to a prefix and an attribute added', () => {
    for (const file of corpus.slice(0, 10)) {
      const xml = readFileSync(file, 'utf8').replace(/<MetaData([^>]*)>/, '<MetaData$1 xmlns:extra="urn:extra" extra:flag="1">');
      compare(xml, keyFile);
    }
  });

  it('refuses (so the caller falls back) where xml-crypto and libxml2 disagree', () => {
    for (const xml of ['<a xmlns:B="urn:b" xmlns:a="urn:a"><B:x a:y="1"/></a>', '<a xmlns="urn:a"><c xmlns=""><d/></c></a>']) {
      const { root } = parseDom(xml);
      expect(() => exclusiveCanonical(root), xml).toThrow(C14nDisagreementError);
    }
  });
});
