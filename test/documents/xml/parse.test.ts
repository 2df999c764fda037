import { describe, expect, it } from 'vitest';
import { childrenNamed, firstChild, parseXml, textOf, type XmlElement } from '../../../src/documents/xml/parse.js';
import { fixture, rejectionOf } from '../support.js';

function codeOf(input: Buffer | string, limits?: Parameters<typeof parseXml>[1]): string | undefined {
  const err = rejectionOf(() => parseXml(input, limits));
  expect(err.status).toBeGreaterThanOrEqual(400);
  expect(err.status).toBeLessThan(500);
  expect(err.findings).toHaveLength(1);
  return err.findings[0]?.code;
}

describe('parseXml: the tree', () => {
  it('resolves namespaces, keeps attributes in order and drops namespace declarations', () => {
    const root = parseXml('<r xmlns="urn:a" xmlns:b="urn:b" b:x="1" y="2"><b:c/><c/></r>');
    expect(root).toMatchObject({ ns: 'urn:a', name: 'r', prefix: '' });
    expect(root.attrs).toEqual([
      { ns: 'urn:b', name: 'x', prefix: 'b', value: '1' },
      { ns: '', name: 'y', prefix: '', value: '2' },
    ]);
    expect(root.children.map((c) => (c as XmlElement).ns)).toEqual(['urn:b', 'urn:a']);
  });

  it('matches by namespace URI, whatever the prefix', () => {
    const root = parseXml('<p:r xmlns:p="urn:a" xmlns:q="urn:a" xmlns:z="urn:z"><p:v>1</p:v><q:v>2</q:v><z:v>3</z:v></p:r>');
    expect(childrenNamed(root, 'urn:a', 'v').map(textOf)).toEqual(['1', '2']);
    expect(textOf(firstChild(root, 'urn:z', 'v')!)).toBe('3');
    expect(firstChild(root, '', 'v')).toBeUndefined();
  });

  it('keeps values literally: no number, hex or exponent coercion', () => {
    const root = parseXml('<r a="0x1F"><v>0101</v><v>0x1F</v><v>1e3</v><v>NaN</v><v> 7 </v></r>');
    expect(childrenNamed(root, '', 'v').map(textOf)).toEqual(['0101', '0x1F', '1e3', 'NaN', ' 7 ']);
    expect(root.attrs[0]?.value).toBe('0x1F');
  });

  it('decodes the predefined entities and character references', () => {
    const root = parseXml('<r a="&lt;&#x41;&quot;">A &amp; B &#233;&#xE9; &lt;&gt;&apos;</r>');
    expect(textOf(root)).toBe("A & B éé <>'");
    expect(root.attrs[0]?.value).toBe('<A"');
  });

  it('normalises attribute values however many tabs and line feeds they hold, but not references', () => {
    for (const n of [1, 64, 65, 5_000]) {
      const raw = 'é\t𝄞\r\n'.repeat(n);
      const root = parseXml(`<r a="${raw}&#9;&#10;${raw}"/>`);
      const normalised = 'é 𝄞 '.repeat(n);
      expect(root.attrs[0]?.value).toBe(`${normalised}\t\n${normalised}`);
    }
    const started = performance.now();
    expect(parseXml(`<r a="${'\t'.repeat(5_000_000)}"/>`).attrs[0]?.value).toBe(' '.repeat(5_000_000));
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('drops comments and reads comment-split text and CDATA as one text', () => {
    const root = parseXml('<r>ad<!-- x -->min<![CDATA[<b>]]></r>');
    expect(root.children).toEqual(['admin<b>']);
  });

  it('records the line of each start tag', () => {
    const root = parseXml('<r>\n\n  <a\n   x="1"/>\r\n<b/></r>');
    expect(root.children.filter((c) => typeof c !== 'string').map((c) => (c as XmlElement).line)).toEqual([3, 5]);
  });

  it('accepts a UTF-8 BOM, CRLF line ends and leading whitespace (corpus file)', () => {
    const bytes = fixture('samples/customs-declare-exports/export-rejected/TT1_EX_v2.02_Rejected_RefData.xml');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parseXml(bytes).name).toBe('MetaData');
    const crlf = fixture('samples/customs-declarations/import/TT_IM001d__TT_IM001d.xml');
    expect(crlf.includes('\r\n')).toBe(true);
    expect(parseXml(crlf).name).toBe('MetaData');
  });

  it('reads a UTF-8 data value with non-ASCII characters', () => {
    expect(textOf(parseXml(Buffer.from('<?xml version="1.0" encoding="utf-8"?><r>Zürich — 東京</r>')))).toBe('Zürich — 東京');
  });
});

describe('parseXml: DTDs and entities are refused before parsing', () => {
  const billionLaughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]><lolz>&lol2;</lolz>`;
  const quadratic = `<!DOCTYPE r [<!ENTITY a "${'x'.repeat(50_000)}">]><r>${'&a;'.repeat(50_000)}</r>`;
  it.each([
    ['billion laughs', billionLaughs],
    ['quadratic blowup', quadratic],
    ['external entity (SYSTEM)', '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'],
    ['external DTD (PUBLIC)', '<!DOCTYPE r PUBLIC "-//x//EN" "http://example.com/x.dtd"><r/>'],
    ['parameter entity', '<!DOCTYPE r [<!ENTITY % p SYSTEM "http://example.com/p.dtd"> %p;]><r/>'],
    ['repeated DOCTYPE', '<!DOCTYPE r><!DOCTYPE r><r/>'],
    ['lower-case doctype', '<!doctype r><r/>'],
    ['ENTITY without DOCTYPE', '<r><!ENTITY x "y"></r>'],
  ])('%s → xml.doctype', (_name, xml) => {
    const started = performance.now();
    expect(codeOf(xml)).toBe('xml.doctype');
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('names the line of the DOCTYPE', () => {
    expect(rejectionOf(() => parseXml('<?xml version="1.0"?>\n\n<!DOCTYPE r><r/>')).message).toContain('line 3');
  });

  it('refuses an entity it does not know (no DTD can declare one)', () => {
    expect(codeOf('<r>&x;</r>')).toBe('xml.not-well-formed');
  });

  it('reads a flood of 100k character references linearly and exactly', () => {
    const started = performance.now();
    const root = parseXml(`<r>${'&#65;'.repeat(100_000)}</r>`);
    expect(textOf(root)).toBe('A'.repeat(100_000));
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('bounds the input size before decoding (413)', () => {
    const err = rejectionOf(() => parseXml(Buffer.from(`<r>${'x'.repeat(2000)}</r>`), { maxBytes: 1000 }));
    expect(err.status).toBe(413);
    expect(err.findings[0]?.code).toBe('xml.too-large');
  });
});

describe('parseXml: structure limits', () => {
  it('refuses 100k-deep nesting quickly (xml.depth), and accepts exactly the limit', () => {
    const deep = '<a>'.repeat(100_000) + '</a>'.repeat(100_000);
    const started = performance.now();
    expect(codeOf(deep)).toBe('xml.depth');
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(() => parseXml('<a>'.repeat(64) + '</a>'.repeat(64))).not.toThrow();
    expect(codeOf('<a>'.repeat(65) + '</a>'.repeat(65))).toBe('xml.depth');
    expect(codeOf('<a>'.repeat(5) + '</a>'.repeat(5), { maxDepth: 4 })).toBe('xml.depth');
  });

  it('refuses huge attribute counts (xml.attributes), and accepts exactly the limit', () => {
    const attrs = (n: number): string => Array.from({ length: n }, (_, i) => `a${i}="${i}"`).join(' ');
    expect(codeOf(`<r ${attrs(100_000)}/>`)).toBe('xml.attributes');
    expect(parseXml(`<r ${attrs(256)}/>`).attrs).toHaveLength(256);
    expect(codeOf(`<r ${attrs(257)}/>`)).toBe('xml.attributes');
  });

  it('compares namespaces by reference, not by content: megabyte URIs used on every element stay linear', () => {
    // Two 1 MB URIs that differ only at the end, and elements whose attributes share local
    // names across them: comparing expanded names as strings re-reads a URI per pair (the
    // saxes version took ~45 s on this 2 MB document).
    const uri = `urn:${'u'.repeat(1_000_000)}`;
    const attrs = (n: number): string => Array.from({ length: n }, (_, i) => `${i % 2 ? 'q' : 'p'}:a${i >> 1}="" `).join('');
    for (const n of [16, 20]) {
      const started = performance.now();
      const root = parseXml(`<r xmlns:p="${uri}1" xmlns:q="${uri}2">${`<c ${attrs(n)}/>`.repeat(300)}</r>`);
      expect(performance.now() - started).toBeLessThan(2_000);
      expect((root.children[299] as XmlElement).attrs.map((a) => a.ns.endsWith('2'))).toEqual(Array.from({ length: n }, (_, i) => i % 2 === 1));
    }
    expect(codeOf(`<r xmlns:p="${uri}" xmlns:q="${uri}"><c p:a="" q:a=""/></r>`)).toBe('xml.not-well-formed');
  });

  it('resolves prefixes in constant time however many declarations are in scope', () => {
    const decls = Array.from({ length: 250 }, (_, i) => `xmlns:n${i}="urn:${i}"`).join(' ');
    const xmlAttrs = Array.from({ length: 250 }, (_, i) => `xml:a${i}=""`).join(' ');
    const started = performance.now();
    parseXml(`<a ${decls}>`.repeat(60) + `<b ${xmlAttrs}/>`.repeat(200) + '</a>'.repeat(60));
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it.each([
    ['two roots', '<a/><b/>', 'only one root'],
    ['mismatched tags', '<a><b></a></b>', 'unexpected close tag'],
    ['text after the root', '<a/>tail', 'outside of root'],
    ['an unclosed root', '<a><b/>', ''],
    ['an empty document', '', 'root element'],
    ['an unbound prefix', '<p:a/>', 'unbound namespace prefix'],
    ['a duplicate attribute', '<a x="1" x="2"/>', 'duplicate attribute'],
  ])('refuses %s (xml.not-well-formed, with line and column)', (_name, xml, reason) => {
    const err = rejectionOf(() => parseXml(xml));
    expect(err.findings[0]?.code).toBe('xml.not-well-formed');
    expect(err.findings[0]?.message).toContain(reason);
    expect(err.findings[0]?.message).toMatch(/line \d+, column \d+/);
    expect(err.title).toBe('Malformed document');
  });

  // The differential test compares codes only; these pin where a finding points: the start of
  // the offending tag, attribute, reference or instruction, lines counted after CR LF → LF.
  it.each([
    ['a mismatched end tag', '<r>\n  <a></b>\n</r>', {}, 'line 2, column 6'],
    ['a duplicate attribute', '<r>\n <a x="1" x="2"/></r>', {}, 'line 2, column 11'],
    ['an unbound attribute prefix', '<r\n  a="1"\n  a:b="2"/>', {}, 'line 3, column 3'],
    ['an undefined entity after CR LF', '<r>\r\n  &foo;</r>', {}, 'line 2, column 3'],
    ['text after the root', '<r>\n  x</r>\ny', {}, 'line 3, column 1'],
    ['a forbidden element name', '<r>\n <a:__proto__ xmlns:a="u"/></r>', {}, 'line 2, column 3'],
    ['a processing instruction', '<r>\n<?p?></r>', {}, 'line 2, column 1'],
    ['nesting past the limit', '<r>\n\t<a><b/></a></r>', { maxDepth: 2 }, 'line 2, column 5'],
    ['attributes past the limit', '<r a="1" b="2" c="3"/>', { maxAttributes: 2 }, 'line 1, column 16'],
  ])('points at %s', (_name, xml, limits, where) => {
    expect(rejectionOf(() => parseXml(xml, limits)).findings[0]?.message).toContain(`at ${where}`);
  });

  it('refuses the corpus file with log text after the root, naming line 45', () => {
    const bytes = fixture('samples/customs-declare-exports/notification-malformed/TT1_IM_v2.01_Rejected_Obligation_Netmass_Notification.xml');
    const err = rejectionOf(() => parseXml(bytes));
    expect(err.status).toBe(400);
    expect(err.findings[0]?.code).toBe('xml.not-well-formed');
    expect(err.findings[0]?.message).toContain('line 45');
  });
});

describe('parseXml: names and instructions', () => {
  it.each([
    ['element __proto__', '<r><__proto__/></r>'],
    ['element constructor', '<constructor/>'],
    ['prefixed element prototype', '<p:prototype xmlns:p="urn:p"/>'],
    ['attribute __proto__', '<r __proto__="x"/>'],
    ['prefixed attribute constructor', '<r xmlns:p="urn:p" p:constructor="x"/>'],
  ])('refuses %s (xml.forbidden-name)', (_name, xml) => {
    expect(codeOf(xml)).toBe('xml.forbidden-name');
    expect(Object.prototype).not.toHaveProperty('x');
  });

  it('refuses processing instructions other than the XML declaration', () => {
    expect(codeOf('<?xml version="1.0"?><?xml-stylesheet href="a.xsl"?><r/>')).toBe('xml.processing-instruction');
    expect(codeOf('<r><?p not-an-?>admin</r>')).toBe('xml.processing-instruction');
    expect(() => parseXml('<?xml version="1.0" encoding="UTF-8" standalone="no"?><r/>')).not.toThrow();
  });
});

describe('parseXml: encodings', () => {
  it('refuses an XML declaration naming another encoding', () => {
    expect(codeOf('<?xml version="1.0" encoding="ISO-8859-1"?><r/>')).toBe('xml.encoding');
    expect(codeOf('<?xml version="1.0" encoding="UTF-16"?><r/>')).toBe('xml.encoding');
  });

  it('refuses invalid UTF-8 bytes (a Latin-1 é)', () => {
    expect(codeOf(Buffer.from([...Buffer.from('<r>caf'), 0xe9, ...Buffer.from('</r>')]))).toBe('xml.encoding');
  });

  it('refuses overlong and truncated UTF-8 sequences', () => {
    expect(codeOf(Buffer.from([0x3c, 0x72, 0x3e, 0xc0, 0xbc, 0x3c, 0x2f, 0x72, 0x3e]))).toBe('xml.encoding');
    expect(codeOf(Buffer.from([0x3c, 0x72, 0x3e, 0xe2, 0x82]))).toBe('xml.encoding');
  });

  it('refuses UTF-16 documents, with or without a byte order mark', () => {
    const utf16 = Buffer.from('\uFEFF<r/>', 'utf16le');
    expect(codeOf(utf16)).toBe('xml.encoding');
    expect(codeOf(Buffer.from('<?xml version="1.0" encoding="UTF-16"?><r/>', 'utf16le'))).not.toBeUndefined();
  });
});
