/**
 * WCO JSON → WCO XML. Element order comes from the model's sequences (JSON objects carry
 * none); attributes keep the order of their keys. The input must be valid WCO JSON: a key
 * the model does not know is a programming error here, not a finding.
 */
import type { WcoJsonObject, WcoJsonValue } from './json.js';
import { contentIndex, isLeafType, typeOf, type ComplexType, type GroupParticle, type Particle, type WcoModel } from './model.js';
import type { NamespaceMap } from './namespace-map.js';
import { WCO_NAMESPACES } from './namespaces.js';
import { XSI_SCHEMA_LOCATION } from './xsd/json-schema.js';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

function escapeText(text: string): string {
  // \r as a reference: a literal one would be read back as a line feed.
  return text.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

function escapeAttribute(text: string): string {
  return text.replace(/[&<"\t\n\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '"' ? '&quot;' : `&#${c.charCodeAt(0)};`));
}

/** Prefixes for a model's namespaces: the declaration namespace is the default one. */
function prefixesFor(model: WcoModel, namespaces: NamespaceMap): Map<string, string> {
  const all = new Set<string>();
  const visit = (p: Particle): void => {
    if (p.kind === 'element') all.add(namespaces.toDocument(p.ns));
    else p.particles.forEach(visit);
  };
  model.roots.forEach(visit);
  for (const type of Object.values(model.types)) if (type.kind === 'complex' && type.content) visit(type.content);
  const prefixes = new Map<string, string>();
  let n = 0;
  for (const ns of all) {
    if (ns === namespaces.toDocument(WCO_NAMESPACES.declaration)) prefixes.set(ns, '');
    else if (ns === namespaces.toDocument(WCO_NAMESPACES.metadata)) prefixes.set(ns, 'md');
    else prefixes.set(ns, `ns${++n}`);
  }
  return prefixes;
}

export function wcoJsonToXml(json: WcoJsonObject, model: WcoModel, namespaces: NamespaceMap): string {
  const [rootName, rootValue] = Object.entries(json)[0] ?? [];
  const decl = model.roots.find((r) => r.key === rootName);
  if (!decl || rootValue === undefined || Array.isArray(rootValue)) throw new Error(`not a WCO JSON root: ${rootName}`);
  const prefixes = prefixesFor(model, namespaces);
  const declarations = [...prefixes].map(([ns, prefix]) => ` xmlns${prefix ? `:${prefix}` : ''}="${escapeAttribute(ns)}"`).join('');
  const parts: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  const write = (name: string, ns: string, typeId: string, value: WcoJsonValue, extra: string): void => {
    const prefix = prefixes.get(namespaces.toDocument(ns)) ?? '';
    const qname = prefix ? `${prefix}:${name}` : name;
    const type = typeOf(model, typeId);
    const fields: WcoJsonObject = typeof value === 'string' ? { value } : value;
    let open = `<${qname}${extra}`;
    for (const [key, v] of Object.entries(fields)) {
      if (key === 'value' || typeof v !== 'string' || key.charAt(0) !== key.charAt(0).toLowerCase()) continue;
      open += key === XSI_SCHEMA_LOCATION ? ` xmlns:xsi="${XSI}" xsi:schemaLocation="${escapeAttribute(v)}"` : ` ${key}="${escapeAttribute(v)}"`;
    }
    if (isLeafType(type)) {
      const text = typeof fields.value === 'string' ? fields.value : '';
      parts.push(text === '' ? `${open}/>` : `${open}>${escapeText(text)}</${qname}>`);
      return;
    }
    parts.push(`${open}>`);
    const { ordered, byKey } = contentIndex((type as ComplexType & { content: GroupParticle }).content);
    for (const key of Object.keys(fields)) {
      if (key.charAt(0) !== key.charAt(0).toLowerCase() && !byKey.has(key)) throw new Error(`${name} has no element ${key}`);
    }
    for (const use of ordered) {
      const child = fields[use.particle.key];
      if (child === undefined) continue;
      for (const item of Array.isArray(child) ? child : [child]) write(use.particle.name, use.particle.ns, use.particle.type, item, '');
    }
    parts.push(`</${qname}>`);
  };
  write(decl.name, decl.ns, decl.type, rootValue, declarations);
  return parts.join('');
}
