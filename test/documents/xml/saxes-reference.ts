/**
 * The saxes-based parseXml that swgate used before its own scanner, kept as the reference the
 * differential test and the codec bench compare the scanner against. Behaviour is frozen: fix
 * nothing here, or the differential test stops measuring anything.
 */
import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';
import { RejectionError, finding } from '../../../src/findings.js';
import { decodeUtf8 } from '../../../src/documents/utf8.js';
import { DEFAULT_XML_LIMITS, FORBIDDEN_NAMES, type XmlLimits } from '../../../src/documents/xml/parse.js';
import type { XmlAttribute, XmlElement } from '../../../src/documents/xml/tree.js';

const XMLNS_URI = 'http://www.w3.org/2000/xmlns/';
const DTD_MARKUP = /<!\s*(DOCTYPE|ENTITY)/i;

function malformed(code: string, message: string): RejectionError {
  return new RejectionError(400, 'Malformed document', [finding(code, message)]);
}

export function parseXmlWithSaxes(input: Buffer | string, limits: Partial<XmlLimits> = {}): XmlElement {
  const { maxBytes, maxDepth, maxAttributes } = { ...DEFAULT_XML_LIMITS, ...limits };
  const text = decodeUtf8(input, maxBytes, 'xml');
  const dtd = DTD_MARKUP.exec(text);
  if (dtd) {
    throw malformed('xml.doctype', `DTD markup (<!${dtd[1]}) is not accepted, at line ${lineAt(text, dtd.index)}`);
  }
  return buildTree(text, maxDepth, maxAttributes);
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function buildTree(text: string, maxDepth: number, maxAttributes: number): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const where = (): string => `line ${parser.line}, column ${parser.column}`;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let attributeCount = 0;
  let startLine = 1;

  const checkName = (kind: 'Element' | 'Attribute', qname: string): void => {
    const local = qname.slice(qname.indexOf(':') + 1);
    const prefix = qname.includes(':') ? qname.slice(0, qname.indexOf(':')) : '';
    if (FORBIDDEN_NAMES.has(local) || FORBIDDEN_NAMES.has(prefix)) {
      throw malformed('xml.forbidden-name', `${kind} name "${qname}" is not accepted, at ${where()}`);
    }
  };

  parser.on('xmldecl', (decl) => {
    if (decl.encoding !== undefined && decl.encoding.toLowerCase() !== 'utf-8') {
      throw malformed('xml.encoding', `XML declaration names encoding "${decl.encoding}"; only UTF-8 is accepted`);
    }
  });
  parser.on('processinginstruction', (pi) => {
    throw malformed('xml.processing-instruction', `Processing instruction <?${pi.target}?> is not accepted, at ${where()}`);
  });
  parser.on('doctype', () => {
    throw malformed('xml.doctype', `DOCTYPE is not accepted, at ${where()}`);
  });
  parser.on('opentagstart', (tag) => {
    if (stack.length + 1 > maxDepth) {
      throw malformed('xml.depth', `Elements nest deeper than ${maxDepth} levels, at ${where()}`);
    }
    checkName('Element', tag.name);
    attributeCount = 0;
    // saxes reports this event after the character that ends the name; when that was a
    // line break (column 0) the tag started on the line before.
    startLine = parser.column === 0 ? parser.line - 1 : parser.line;
  });
  // Runs per attribute while the start tag is read, before saxes files it under its name.
  parser.on('attribute', (attr) => {
    attributeCount++;
    if (attributeCount > maxAttributes) {
      throw malformed('xml.attributes', `An element has more than ${maxAttributes} attributes, at ${where()}`);
    }
    checkName('Attribute', attr.name);
  });
  parser.on('opentag', (tag) => {
    const el = elementOf(tag as SaxesTagNS, startLine);
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    if (!tag.isSelfClosing) stack.push(el);
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) stack.pop();
  });
  const appendText = (t: string): void => {
    const parent = stack[stack.length - 1];
    if (!parent) return; // whitespace around the root; saxes rejects anything else there
    const last = parent.children.length - 1;
    if (typeof parent.children[last] === 'string') parent.children[last] += t;
    else parent.children.push(t);
  };
  parser.on('comment', () => {
    const parent = stack[stack.length - 1];
    if (parent) parent.hasComments = true;
  });
  parser.on('text', appendText);
  parser.on('cdata', appendText);
  parser.on('error', (err) => {
    // saxes prefixes its messages with "line:column: "; restate that in words.
    const [, line, column, reason] = /^(\d+):(\d+): (.*)$/s.exec(err.message) ?? [];
    const message = reason === undefined ? err.message : `${reason} (at line ${line}, column ${column})`;
    throw malformed('xml.not-well-formed', `Not well-formed: ${message}`);
  });

  parser.write(text).close();
  if (!root) throw malformed('xml.not-well-formed', 'Document has no root element');
  return root;
}

function elementOf(tag: SaxesTagNS, line: number): XmlElement {
  const attrs: XmlAttribute[] = [];
  for (const a of Object.values(tag.attributes) as SaxesAttributeNS[]) {
    if (a.uri !== XMLNS_URI) attrs.push({ ns: a.uri, name: a.local, prefix: a.prefix, value: a.value });
  }
  return { ns: tag.uri, name: tag.local, prefix: tag.prefix, attrs, children: [], line, hasComments: false };
}
