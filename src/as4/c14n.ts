/**
 * Exclusive XML canonicalisation (without comments) over an xmldom DOM, with the
 * InclusiveNamespaces PrefixList that WS-Security signers put on SignedInfo and references
 * (phase4 and WSS4J write `PrefixList="env"` and the like). The project's tree canonicaliser
 * (trust/xmldsig/exc-c14n.ts) has no PrefixList and xml-crypto's renders listed prefixes only
 * where they are declared, so a reference over eb:Messaging whose `S12` prefix is declared on
 * the Envelope would digest differently from Apache Santuario and xmlsec1.
 */
import type { Attr, Element, Node } from '@xmldom/xmldom';
import { escapeCanonicalAttribute, escapeCanonicalText } from '../trust/xmldsig/c14n-escape.js';
import { byCodePoint } from '../trust/xmldsig/exc-c14n.js';

const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** The namespace declarations in scope at `element`: prefix ('' for the default) → URI. */
function inScope(element: Element): Map<string, string> {
  const scope = new Map<string, string>();
  for (let node: Node | null = element; node && node.nodeType === 1; node = node.parentNode) {
    const attrs = (node as Element).attributes;
    for (let i = 0; i < attrs.length; i++) {
      const a = attrs.item(i)!;
      if (a.namespaceURI !== XMLNS_NS) continue;
      const prefix = a.prefix === 'xmlns' ? a.localName! : '';
      if (!scope.has(prefix)) scope.set(prefix, a.value);
    }
  }
  return scope;
}

function render(element: Element, rendered: ReadonlyMap<string, string>, inclusive: readonly string[], out: string[]): void {
  const wanted = new Map<string, string>();
  const want = (prefix: string, uri: string) => {
    if ((rendered.get(prefix) ?? '') !== uri) wanted.set(prefix, uri);
  };
  want(element.prefix ?? '', element.namespaceURI ?? '');
  const attributes: Attr[] = [];
  for (let i = 0; i < element.attributes.length; i++) {
    const a = element.attributes.item(i)!;
    if (a.namespaceURI === XMLNS_NS) continue;
    if (a.prefix && a.prefix !== 'xml') want(a.prefix, a.namespaceURI ?? '');
    attributes.push(a);
  }
  if (inclusive.length > 0) {
    const scope = inScope(element);
    for (const prefix of inclusive) {
      const uri = scope.get(prefix);
      if (uri !== undefined && !(prefix === '' && uri === '' && !rendered.has(''))) want(prefix, uri);
    }
  }
  // An unprefixed element outside any namespace renders xmlns="" only to undo a rendered default.
  if (wanted.get('') === '' && !rendered.get('')) wanted.delete('');
  const name = element.tagName;
  out.push('<', name);
  for (const prefix of [...wanted.keys()].sort(byCodePoint)) {
    out.push(prefix === '' ? ' xmlns="' : ` xmlns:${prefix}="`, escapeCanonicalAttribute(wanted.get(prefix)!), '"');
  }
  attributes.sort((a, b) => byCodePoint(a.namespaceURI ?? '', b.namespaceURI ?? '') || byCodePoint(a.localName ?? '', b.localName ?? ''));
  for (const a of attributes) out.push(' ', a.name, '="', escapeCanonicalAttribute(a.value), '"');
  out.push('>');
  const inner = wanted.size === 0 ? rendered : new Map([...rendered, ...wanted]);
  for (let child = element.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 1) render(child as Element, inner, inclusive, out);
    else if (child.nodeType === 3 || child.nodeType === 4) out.push(escapeCanonicalText(child.nodeValue ?? ''));
    // Comments are dropped (c14n without comments); the safe parser allows no PIs.
  }
  out.push('</', name, '>');
}

/** Exclusive c14n of `element` and its subtree; `inclusivePrefixes` uses '#default' for the default namespace. */
export function excC14n(element: Element, inclusivePrefixes: readonly string[] = []): string {
  const out: string[] = [];
  render(
    element,
    new Map(),
    inclusivePrefixes.map((p) => (p === '#default' ? '' : p)),
    out,
  );
  return out.join('');
}

/** The PrefixList of an ec:InclusiveNamespaces child of a CanonicalizationMethod or Transform. */
export function inclusivePrefixList(method: Element): string[] {
  for (let child = method.firstChild; child; child = child.nextSibling) {
    if (child.nodeType !== 1) continue;
    const e = child as Element;
    if (e.localName === 'InclusiveNamespaces' && e.namespaceURI === 'http://www.w3.org/2001/10/xml-exc-c14n#') {
      return (e.getAttribute('PrefixList') ?? '').split(/\s+/).filter((p) => p !== '');
    }
  }
  return [];
}
