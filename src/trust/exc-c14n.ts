/**
 * Exclusive XML canonicalisation without comments (no InclusiveNamespaces), over an xmldom
 * DOM that has passed the safe parser and the signature shape check. It exists for speed:
 * xml-crypto spends most of a verification in XPath look-ups and its own c14n.
 *
 * xml-crypto and libxml2 (xmlsec1) disagree in corner cases: xml-crypto orders namespace
 * declarations by localeCompare and attributes by concatenated URI+local name, and repeats
 * `xmlns=""` on every no-namespace descendant of an element that undeclared the default
 * namespace. Where they would disagree this canonicaliser refuses (`C14nDisagreementError`)
 * and the caller falls back to xml-crypto, so whenever it answers its bytes are xml-crypto's
 * (and, on everything tested, libxml2's). test/trust/exc-c14n.test.ts checks that
 * against xml-crypto and `xmllint --exc-c14n` (libxml2, which xmlsec1 uses).
 */
import type { Attr, Element, Node } from '@xmldom/xmldom';
import { escapeCanonicalAttribute, escapeCanonicalText } from './envelope.js';
import { CDATA_SECTION_NODE, COMMENT_NODE, ELEMENT_NODE, TEXT_NODE } from './xml-dom.js';

export class C14nDisagreementError extends Error {}

const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** Code-point order, as c14n specifies for UTF-8 strings. */
function byCodePoint(a: string, b: string): number {
  const left = [...a].map((c) => c.codePointAt(0)!);
  const right = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(left.length, right.length); i++) if (left[i] !== right[i]) return left[i]! - right[i]!;
  return left.length - right.length;
}

function sortedOrAmbiguous<T>(items: T[], specOrder: (a: T, b: T) => number, xmlCryptoOrder: (a: T, b: T) => number): T[] {
  const spec = [...items].sort(specOrder);
  const theirs = [...items].sort(xmlCryptoOrder);
  if (spec.some((item, i) => item !== theirs[i])) throw new C14nDisagreementError('xml-crypto and libxml2 would order this element differently');
  return spec;
}

interface Scope {
  /** Namespace bindings rendered by output ancestors; '' is the default namespace. */
  rendered: ReadonlyMap<string, string>;
}

function renderElement(element: Element, scope: Scope, omit: Node | undefined, out: string[]): void {
  const declarations = new Map<string, string>();
  const want = (prefix: string, uri: string) => {
    if ((scope.rendered.get(prefix) ?? '') !== uri) declarations.set(prefix, uri);
  };
  want(element.prefix ?? '', element.namespaceURI ?? '');
  const attributes: Attr[] = [];
  for (let i = 0; i < element.attributes.length; i++) {
    const attribute = element.attributes.item(i)!;
    if (attribute.namespaceURI === XMLNS_NS) continue;
    if (attribute.prefix && attribute.prefix !== 'xml') want(attribute.prefix, attribute.namespaceURI ?? '');
    attributes.push(attribute);
  }
  if (declarations.get('') === '') throw new C14nDisagreementError('xml-crypto renders xmlns="" differently from libxml2');
  const prefixes = sortedOrAmbiguous([...declarations.keys()], byCodePoint, (a, b) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)));
  const ordered = sortedOrAmbiguous(
    attributes,
    (a, b) => byCodePoint(a.namespaceURI ?? '', b.namespaceURI ?? '') || byCodePoint(a.localName ?? '', b.localName ?? ''),
    (a, b) => {
      if (!a.namespaceURI !== !b.namespaceURI) return a.namespaceURI ? 1 : -1;
      const left = (a.namespaceURI ?? '') + a.localName;
      const right = (b.namespaceURI ?? '') + b.localName;
      return left === right ? 0 : left < right ? -1 : 1;
    },
  );
  out.push('<', element.tagName);
  for (const prefix of prefixes) out.push(prefix === '' ? ' xmlns="' : ` xmlns:${prefix}="`, declarations.get(prefix)!, '"');
  for (const attribute of ordered) out.push(' ', attribute.name, '="', escapeCanonicalAttribute(attribute.value), '"');
  out.push('>');
  const inner = declarations.size === 0 ? scope : { rendered: new Map([...scope.rendered, ...declarations]) };
  for (let child = element.firstChild; child; child = child.nextSibling) {
    if (child === omit || child.nodeType === COMMENT_NODE) continue;
    if (child.nodeType === ELEMENT_NODE) renderElement(child as Element, inner, omit, out);
    else if (child.nodeType === TEXT_NODE || child.nodeType === CDATA_SECTION_NODE) out.push(escapeCanonicalText(child.nodeValue ?? ''));
    else throw new Error(`node type ${child.nodeType} has no place in signed content`);
  }
  out.push('</', element.tagName, '>');
}

/** Exclusive c14n of `element` as the apex of the output, leaving out the `omit` subtree. */
export function exclusiveCanonical(element: Element, omit?: Node): string {
  const out: string[] = [];
  renderElement(element, { rendered: new Map() }, omit, out);
  return out.join('');
}
