import type { XmlElement } from '../../src/documents/xml/tree.js';

const escapeXml = (text: string): string =>
  text.replace(/[&<>"\r\t\n]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;', '\t': '&#9;', '\n': '&#10;' })[c]!);

/** A parsed tree back to XML, without prefixes (each namespace change redeclares the default). */
export function writeTree(el: XmlElement, parentNs: string | null = null): string {
  let open = `<${el.name}`;
  if (el.ns !== parentNs) open += ` xmlns="${escapeXml(el.ns)}"`;
  el.attrs.forEach((a, i) => {
    open += a.ns === '' ? ` ${a.name}="${escapeXml(a.value)}"` : ` xmlns:a${i}="${escapeXml(a.ns)}" a${i}:${a.name}="${escapeXml(a.value)}"`;
  });
  const inner = el.children.map((c) => (typeof c === 'string' ? escapeXml(c) : writeTree(c, el.ns))).join('');
  return `${open}>${inner}</${el.name}>`;
}
