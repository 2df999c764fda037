/**
 * Writing CTC messages: a plain tree of elements (the parser's XmlElement shape, so a parsed
 * declaration's parts can be carried into an answer as they are) serialised with the root in the
 * NCTS namespace under the `ncts` prefix and every other element unqualified, as the schemas
 * want. Text and attribute values are escaped; nothing else is ever written raw.
 */
import type { XmlElement } from '../documents/xml/tree.js';
import { NCTS_NS } from './message-types.js';

/** One child of `el()`: an element, or undefined/false to leave out an optional one. */
type Part = XmlElement | undefined | false;

/** An unqualified element holding other elements. */
export function el(name: string, ...children: Part[]): XmlElement {
  return { ns: '', name, prefix: '', attrs: [], children: children.filter((c): c is XmlElement => !!c), line: 0, hasComments: false };
}

/** An unqualified element holding a value; undefined leaves the element out. */
export function leaf(name: string, value: string | undefined): XmlElement | undefined {
  return value === undefined ? undefined : { ns: '', name, prefix: '', attrs: [], children: [value], line: 0, hasComments: false };
}

/** A CTC message's root: ncts:CCnnnC with PhaseID NCTS5.1. */
export function messageRoot(type: string, ...children: Part[]): XmlElement {
  return {
    ...el(type, ...children),
    ns: NCTS_NS,
    prefix: 'ncts',
    attrs: [{ ns: '', name: 'PhaseID', prefix: '', value: 'NCTS5.1' }],
  };
}

const escapeText = (s: string) => s.replace(/[<>&\r]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : '&#13;'));
const escapeAttribute = (s: string) => s.replace(/[<>&"\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The XML text of a message, declaration first. Only the root's namespace is declared: children
 * are written unqualified whatever prefix they were parsed with (they are in no namespace).
 */
export function serialise(root: XmlElement): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  write(root, out, true);
  return out.join('');
}

function write(node: XmlElement, out: string[], isRoot: boolean): void {
  const name = isRoot ? `${node.prefix || 'ncts'}:${node.name}` : node.name;
  out.push(`<${name}`);
  if (isRoot) out.push(` xmlns:${node.prefix || 'ncts'}="${escapeAttribute(node.ns || NCTS_NS)}"`);
  for (const a of node.attrs) if (a.ns === '') out.push(` ${a.name}="${escapeAttribute(a.value)}"`);
  if (node.children.length === 0) {
    out.push('/>');
    return;
  }
  out.push('>');
  for (const child of node.children) {
    if (typeof child === 'string') out.push(escapeText(child));
    else write(child, out, false);
  }
  out.push(`</${name}>`);
}
