/**
 * Exclusive XML canonicalisation without comments (no InclusiveNamespaces), for verification.
 * It exists for speed: xml-crypto spends most of a verification in XPath look-ups, its own
 * c14n and the DOM it needs. Two inputs, one set of rules:
 * - `exclusiveCanonicalTree` over the safe parser's tree (src/documents/xml/tree.ts): the one
 *   the fast engine uses, so that a document is parsed once and what is digested is what is read;
 * - `exclusiveCanonical` over an xmldom DOM, kept as the reference the tree version was ported
 *   from (test/trust/exc-c14n.test.ts holds both to xml-crypto and libxml2).
 *
 * xml-crypto and libxml2 (xmlsec1) disagree in corner cases: xml-crypto orders namespace
 * declarations by localeCompare and attributes by concatenated URI+local name, repeats
 * `xmlns=""` on every no-namespace descendant of an element that undeclared the default
 * namespace, drops any attribute whose name starts with "xmlns" (`xmlnsx="1"` is an ordinary
 * attribute to libxml2) and declares the `xml` prefix when an element uses it; and xmldom,
 * under xml-crypto, reads U+0085, U+2028 and U+2029 as line breaks (XML 1.1) where libxml2
 * keeps them (XML 1.0). Where they would
 * disagree these canonicalisers refuse (`C14nDisagreementError`) and the caller falls back to
 * xml-crypto, so whenever they answer their bytes are xml-crypto's (and, on everything tested,
 * libxml2's). test/trust/exc-c14n.test.ts checks that against xml-crypto and
 * `xmllint --exc-c14n` (libxml2, which xmlsec1 uses), on the corpus and on mutations.
 */
import type { Attr, Element, Node } from '@xmldom/xmldom';
import type { XmlAttribute, XmlElement } from '../../documents/xml/tree.js';
import { escapeCanonicalAttribute, escapeCanonicalText } from './c14n-escape.js';
import { CDATA_SECTION_NODE, COMMENT_NODE, ELEMENT_NODE, TEXT_NODE } from './xml-dom.js';

export class C14nDisagreementError extends Error {}

const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/**
 * Code-point order, as c14n specifies for UTF-8 strings. UTF-16 code-unit order differs only
 * where a surrogate (U+D800–DFFF, half of a character above U+FFFF) meets U+E000–FFFF.
 */
export function byCodePoint(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

function sortedOrAmbiguous<T>(items: T[], specOrder: (a: T, b: T) => number, xmlCryptoOrder: (a: T, b: T) => number): T[] {
  if (items.length < 2) return items;
  const spec = [...items].sort(specOrder);
  const theirs = [...items].sort(xmlCryptoOrder);
  if (spec.some((item, i) => item !== theirs[i])) throw new C14nDisagreementError('xml-crypto and libxml2 would order this element differently');
  return spec;
}

/** xml-crypto: the default namespace first, then prefixes by localeCompare. */
const xmlCryptoPrefixOrder = (a: string, b: string): number => (a === b ? 0 : a === '' ? -1 : b === '' ? 1 : a.localeCompare(b));

/** xml-crypto: attributes without a namespace first, then by URI + local name in code units. */
function xmlCryptoAttributeOrder(aNs: string, aName: string, bNs: string, bName: string): number {
  if (!aNs !== !bNs) return aNs ? 1 : -1;
  const left = aNs + aName;
  const right = bNs + bName;
  return left === right ? 0 : left < right ? -1 : 1;
}

const TEXT_ATTENTION = /[&<>\r\u0085\u2028\u2029]/;
const ATTRIBUTE_ATTENTION = /[&<"\t\n\r\u0085\u2028\u2029]/;
const XMLDOM_LINE_BREAKS = /[\u0085\u2028\u2029]/;

function refuseXmldomLineBreaks(value: string): void {
  if (XMLDOM_LINE_BREAKS.test(value))
    throw new C14nDisagreementError('xmldom (under xml-crypto) reads U+0085, U+2028 and U+2029 as line breaks; libxml2 does not');
}

function canonicalText(value: string): string {
  if (!TEXT_ATTENTION.test(value)) return value;
  refuseXmldomLineBreaks(value);
  return escapeCanonicalText(value);
}

function canonicalAttribute(value: string): string {
  if (!ATTRIBUTE_ATTENTION.test(value)) return value;
  refuseXmldomLineBreaks(value);
  return escapeCanonicalAttribute(value);
}

function refuseXmlnsNamedAttribute(qualifiedName: string): void {
  if (qualifiedName.startsWith('xmlns')) throw new C14nDisagreementError(`xml-crypto drops the attribute ${qualifiedName}; libxml2 keeps it`);
}

// ---------------------------------------------------------------------------------------------
// Over the safe parser's tree
// ---------------------------------------------------------------------------------------------

/** Prefix → URI of the namespace declarations output ancestors rendered; '' is the default. */
type Rendered = ReadonlyMap<string, string>;
const NOTHING_RENDERED: Rendered = new Map();

function qualifiedName(node: { prefix: string; name: string }): string {
  return node.prefix === '' ? node.name : `${node.prefix}:${node.name}`;
}

const treeAttributeOrder = (a: XmlAttribute, b: XmlAttribute): number => byCodePoint(a.ns, b.ns) || byCodePoint(a.name, b.name);
const xmlCryptoTreeAttributeOrder = (a: XmlAttribute, b: XmlAttribute): number => xmlCryptoAttributeOrder(a.ns, a.name, b.ns, b.name);

function renderTreeElement(element: XmlElement, rendered: Rendered, omit: XmlElement | undefined): string {
  // Namespaces visibly utilised here (the element's own prefix or the default namespace, and
  // the prefixes of its attributes, `xml` excepted) that output ancestors did not render with
  // the same URI. Names are resolved by the parser, so no declaration needs to be looked up.
  let prefixes: string[] | undefined;
  let uris: string[] | undefined;
  if (element.prefix === 'xml') throw new C14nDisagreementError('xml-crypto declares the xml prefix of an element; libxml2 does not');
  if ((rendered.get(element.prefix) ?? '') !== element.ns) {
    if (element.prefix === '' && element.ns === '') throw new C14nDisagreementError('xml-crypto renders xmlns="" differently from libxml2');
    prefixes = [element.prefix];
    uris = [element.ns];
  }
  const attributes = element.attrs;
  for (const attribute of attributes) {
    const prefix = attribute.prefix;
    if (prefix === '') {
      refuseXmlnsNamedAttribute(attribute.name);
      continue;
    }
    refuseXmlnsNamedAttribute(prefix);
    if (prefix === 'xml' || (rendered.get(prefix) ?? '') === attribute.ns || prefixes?.includes(prefix)) continue;
    prefixes ??= [];
    uris ??= [];
    prefixes.push(prefix);
    uris.push(attribute.ns);
  }

  const name = qualifiedName(element);
  let out = `<${name}`;
  let inner = rendered;
  if (prefixes) {
    const bindings = new Map(rendered);
    for (let i = 0; i < prefixes.length; i++) bindings.set(prefixes[i]!, uris![i]!);
    inner = bindings;
    for (const prefix of sortedOrAmbiguous(prefixes, byCodePoint, xmlCryptoPrefixOrder)) {
      out += `${prefix === '' ? ' xmlns' : ` xmlns:${prefix}`}="${bindings.get(prefix)!}"`;
    }
  }
  for (const attribute of sortedOrAmbiguous(attributes, treeAttributeOrder, xmlCryptoTreeAttributeOrder)) {
    out += ` ${qualifiedName(attribute)}="${canonicalAttribute(attribute.value)}"`;
  }
  out += '>';
  for (const child of element.children) {
    if (typeof child === 'string') out += canonicalText(child);
    else if (child !== omit) out += renderTreeElement(child, inner, omit);
  }
  return `${out}</${name}>`;
}

/**
 * Exclusive c14n of `element` as the apex of the output, leaving out the `omit` subtree (the
 * enveloped-signature transform). Comments are not in the tree, so none are rendered; the tree
 * has no processing instructions (the safe parser refuses them).
 */
export function exclusiveCanonicalTree(element: XmlElement, omit?: XmlElement): string {
  return renderTreeElement(element, NOTHING_RENDERED, omit);
}

// ---------------------------------------------------------------------------------------------
// Over an xmldom DOM (reference)
// ---------------------------------------------------------------------------------------------

interface Scope {
  /** Namespace bindings rendered by output ancestors; '' is the default namespace. */
  rendered: ReadonlyMap<string, string>;
}

function renderElement(element: Element, scope: Scope, omit: Node | undefined, out: string[]): void {
  const declarations = new Map<string, string>();
  const want = (prefix: string, uri: string) => {
    if ((scope.rendered.get(prefix) ?? '') !== uri) declarations.set(prefix, uri);
  };
  if (element.prefix === 'xml') throw new C14nDisagreementError('xml-crypto declares the xml prefix of an element; libxml2 does not');
  want(element.prefix ?? '', element.namespaceURI ?? '');
  const attributes: Attr[] = [];
  for (let i = 0; i < element.attributes.length; i++) {
    const attribute = element.attributes.item(i)!;
    if (attribute.namespaceURI === XMLNS_NS) continue;
    refuseXmlnsNamedAttribute(attribute.name);
    if (attribute.prefix && attribute.prefix !== 'xml') want(attribute.prefix, attribute.namespaceURI ?? '');
    attributes.push(attribute);
  }
  if (declarations.get('') === '') throw new C14nDisagreementError('xml-crypto renders xmlns="" differently from libxml2');
  const prefixes = sortedOrAmbiguous([...declarations.keys()], byCodePoint, xmlCryptoPrefixOrder);
  const ordered = sortedOrAmbiguous(
    attributes,
    (a, b) => byCodePoint(a.namespaceURI ?? '', b.namespaceURI ?? '') || byCodePoint(a.localName ?? '', b.localName ?? ''),
    (a, b) => xmlCryptoAttributeOrder(a.namespaceURI ?? '', a.localName ?? '', b.namespaceURI ?? '', b.localName ?? ''),
  );
  out.push('<', element.tagName);
  for (const prefix of prefixes) out.push(prefix === '' ? ' xmlns="' : ` xmlns:${prefix}="`, declarations.get(prefix)!, '"');
  for (const attribute of ordered) out.push(' ', attribute.name, '="', canonicalAttribute(attribute.value), '"');
  out.push('>');
  const inner = declarations.size === 0 ? scope : { rendered: new Map([...scope.rendered, ...declarations]) };
  for (let child = element.firstChild; child; child = child.nextSibling) {
    if (child === omit || child.nodeType === COMMENT_NODE) continue;
    if (child.nodeType === ELEMENT_NODE) renderElement(child as Element, inner, omit, out);
    else if (child.nodeType === TEXT_NODE || child.nodeType === CDATA_SECTION_NODE) out.push(canonicalText(child.nodeValue ?? ''));
    else throw new Error(`node type ${child.nodeType} has no place in signed content`);
  }
  out.push('</', element.tagName, '>');
}

/** Exclusive c14n of `element` (a DOM node) as the apex of the output, leaving out the `omit` subtree. */
export function exclusiveCanonical(element: Element, omit?: Node): string {
  const out: string[] = [];
  renderElement(element, { rendered: new Map() }, omit, out);
  return out.join('');
}
