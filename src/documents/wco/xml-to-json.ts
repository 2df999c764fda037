/**
 * WCO XML (parsed tree) → WCO JSON, guided by the generated model: which elements repeat
 * (arrays), which are leaves (strings, or `{ value, <attribute>… }`). What JSON cannot carry —
 * element order and namespaces — is checked here, and reported as findings of the same shape
 * as the JSON Schema's; everything else is left to the schema.
 */
import type { Finding } from '../../findings.js';
import type { XmlElement } from '../xml/tree.js';
import { textOf } from '../xml/tree.js';
import { pointerToken, type WcoJsonObject, type WcoJsonValue } from './json.js';
import { contentIndex, isLeafType, typeOf, type ComplexType, type GroupParticle, type WcoModel } from './model.js';
import type { NamespaceMap } from './namespace-map.js';
import { XSI_SCHEMA_LOCATION } from './xsd/json-schema.js';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

export interface XmlToJsonResult {
  /** Absent when the root element is not one the model knows. */
  json?: WcoJsonObject;
  findings: Finding[];
}

/**
 * Where the conversion is, as JSON pointer and XPath steps. Kept as stacks and joined only
 * when a finding needs them: building both strings for every element cost more than the rest
 * of the conversion.
 */
interface Context {
  model: WcoModel;
  namespaces: NamespaceMap;
  findings: Finding[];
  pointer: string[];
  xpath: string[];
}

function report(ctx: Context, code: string, message: string, extraPointer = '', extraXpath = ''): void {
  ctx.findings.push({
    severity: 'error',
    code,
    message,
    path: ctx.pointer.map((t) => `/${t}`).join('') + extraPointer,
    xpath: ctx.xpath.map((t) => `/${t}`).join('') + extraXpath,
  });
}

export function xmlToWcoJson(root: XmlElement, model: WcoModel, namespaces: NamespaceMap): XmlToJsonResult {
  const ctx: Context = { model, namespaces, findings: [], pointer: [], xpath: [] };
  const decl = model.roots.find((r) => r.name === root.name && namespaces.toDocument(r.ns) === root.ns);
  if (!decl) {
    const expected = model.roots.map((r) => `${r.name} (${namespaces.toDocument(r.ns)})`).join(' or ');
    report(ctx, 'xsd.root', `Root element ${root.name} (${root.ns || 'no namespace'}) is not ${expected}`, '', `/${root.name}`);
    return { findings: ctx.findings };
  }
  ctx.pointer.push(pointerToken(root.name));
  ctx.xpath.push(root.name);
  return { json: { [decl.key]: convert(ctx, root, decl.type) }, findings: ctx.findings };
}

function convert(ctx: Context, el: XmlElement, typeId: string): WcoJsonValue {
  const type = typeOf(ctx.model, typeId);
  if (isLeafType(type)) {
    const child = el.children.find((c) => typeof c !== 'string');
    if (child) report(ctx, 'xsd.unexpected-element', `${el.name} holds text only; ${child.name} is not expected`, '', `/${child.name}`);
    const value = textOf(el);
    if (el.attrs.length === 0) return value;
    const leaf: WcoJsonObject = { value };
    addAttributes(ctx, el, leaf);
    return leaf;
  }
  const out: WcoJsonObject = {};
  addAttributes(ctx, el, out);
  addElementContent(ctx, el, (type as ComplexType & { content: GroupParticle }).content, out);
  return out;
}

function addAttributes(ctx: Context, el: XmlElement, out: WcoJsonObject): void {
  for (const a of el.attrs) {
    if (a.ns === '') out[a.name] = a.value;
    else if (a.ns === XSI && a.name === 'schemaLocation') out[XSI_SCHEMA_LOCATION] = a.value;
    else report(ctx, 'xsd.unknown-attribute', `Attribute ${a.name} (${a.ns}) is not allowed on ${el.name}`, `/${pointerToken(a.name)}`, `/@${a.name}`);
  }
}

function addElementContent(ctx: Context, el: XmlElement, content: GroupParticle, out: WcoJsonObject): void {
  const { byQName, byLocalName } = contentIndex(content);
  let lastPosition = -1;
  let lastName = '';
  const seen = new Map<string, number>();
  for (const child of el.children) {
    if (typeof child === 'string') {
      if (child.trim() !== '') report(ctx, 'xsd.unexpected-text', `${el.name} holds elements only; text ${JSON.stringify(child.trim().slice(0, 40))} is not allowed`);
      continue;
    }
    const use = byQName.get(`{${ctx.namespaces.toModel(child.ns)}}${child.name}`);
    const key = use?.particle.key ?? child.name;
    const existing = out[key];
    const n = (seen.get(child.name) ?? 0) + 1;
    seen.set(child.name, n);
    ctx.pointer.push(pointerToken(key));
    ctx.xpath.push(`${child.name}[${n}]`);
    const sameName = byLocalName.get(child.name);
    if (!use && sameName) {
      const expected = ctx.namespaces.toDocument(sameName.particle.ns);
      report(ctx, 'xsd.namespace', `${child.name} must be in namespace ${expected || '(none)'}, not ${child.ns || '(none)'}`);
    } else if (!use) {
      report(ctx, 'xsd.unknown-element', `${child.name} is not expected in ${el.name}`);
    } else {
      if (use.position < lastPosition) report(ctx, 'xsd.order', `${child.name} must come before ${lastName} in ${el.name}`);
      else {
        lastPosition = use.position;
        lastName = child.name;
      }
      if (use.max === null || use.max > 1) {
        const list = (existing ?? (out[key] = [])) as WcoJsonValue[];
        ctx.pointer.push(String(list.length));
        list.push(convert(ctx, child, use.particle.type));
        ctx.pointer.pop();
      } else if (existing !== undefined) {
        report(ctx, 'xsd.too-many', `${child.name} may occur only once in ${el.name}`);
      } else {
        out[key] = convert(ctx, child, use.particle.type);
      }
    }
    ctx.pointer.pop();
    ctx.xpath.pop();
  }
}
