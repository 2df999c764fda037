/**
 * XML without a generated model (UN/CEFACT SPS) as mapping input and output. Elements become
 * keys `<prefix>:<local name>` with the prefix the spec declares for their namespace URI, so a
 * spec matches by namespace URI + local name whatever prefixes the sender chose; elements in
 * namespaces the spec does not declare cannot be named by any path and are left out.
 * Unqualified attributes become plain keys and text becomes `value`, as in WCO JSON; an element
 * with neither attributes nor child elements is a string. A name that repeats is an array.
 */
import type { XmlElement } from '../documents/xml/tree.js';

type JsonTree = Record<string, unknown>;

export function xmlToPrefixedJson(el: XmlElement, prefixOf: ReadonlyMap<string, string>): string | JsonTree {
  const out: JsonTree = {};
  let text = '';
  let structured = false;
  for (const a of el.attrs) {
    if (a.ns !== '') continue;
    out[a.name] = a.value;
    structured = true;
  }
  for (const child of el.children) {
    if (typeof child === 'string') {
      text += child;
      continue;
    }
    const prefix = prefixOf.get(child.ns);
    if (prefix === undefined) continue;
    structured = true;
    const key = `${prefix}:${child.name}`;
    const value = xmlToPrefixedJson(child, prefixOf);
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[key] = [existing, value];
  }
  if (!structured) return text;
  if (text.trim() !== '') out.value = text;
  return out;
}

function escapeXml(text: string, attribute: boolean): string {
  return text.replace(attribute ? /[&<"\t\n\r]/g : /[&<>\r]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : `&#${c.charCodeAt(0)};`,
  );
}

/**
 * The inverse: `{ "<prefix>:<root>": … }` written as XML, child elements in the order of their
 * keys (which is the order of the spec's rules), namespaces declared on the root.
 */
export function prefixedJsonToXml(json: JsonTree, namespaces: Readonly<Record<string, string>>): string {
  const [rootKey, rootValue] = Object.entries(json)[0] ?? [];
  if (rootKey === undefined) throw new Error('no root element to write');
  const declarations = Object.entries(namespaces)
    .map(([prefix, uri]) => ` xmlns:${prefix}="${escapeXml(uri, true)}"`)
    .join('');
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  const element = (name: string, value: unknown, extra: string): void => {
    if (typeof value === 'string') {
      parts.push(value === '' ? `<${name}${extra}/>` : `<${name}${extra}>${escapeXml(value, false)}</${name}>`);
      return;
    }
    const fields = value as JsonTree;
    let open = `<${name}${extra}`;
    for (const [key, v] of Object.entries(fields)) {
      if (!key.includes(':') && key !== 'value' && typeof v === 'string') open += ` ${key}="${escapeXml(v, true)}"`;
    }
    parts.push(`${open}>`);
    if (typeof fields.value === 'string') parts.push(escapeXml(fields.value, false));
    for (const [key, v] of Object.entries(fields)) {
      if (!key.includes(':')) continue;
      for (const item of Array.isArray(v) ? v : [v]) element(key, item, '');
    }
    parts.push(`</${name}>`);
  };
  element(rootKey, rootValue, declarations);
  return parts.join('');
}
