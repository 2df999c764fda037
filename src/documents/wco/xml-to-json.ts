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

interface Context {
  model: WcoModel;
  namespaces: NamespaceMap;
  findings: Finding[];
}

function structural(ctx: Context, code: string, message: string, path: string, xpath: string): void {
  ctx.findings.push({ severity: 'error', code, message, path, xpath });
}

export function xmlToWcoJson(root: XmlElement, model: WcoModel, namespaces: NamespaceMap): XmlToJsonResult {
  const ctx: Context = { model, namespaces, findings: [] };
  const decl = model.roots.find((r) => r.name === root.name && namespaces.toDocument(r.ns) === root.ns);
  if (!decl) {
    const expected = model.roots.map((r) => `${r.name} (${namespaces.toDocument(r.ns)})`).join(' or ');
    structural(ctx, 'xsd.root', `Root element ${root.name} (${root.ns || 'no namespace'}) is not ${expected}`, '', `/${root.name}`);
    return { findings: ctx.findings };
  }
  const path = `/${pointerToken(root.name)}`;
  return { json: { [root.name]: convert(ctx, root, decl.type, path, `/${root.name}`) }, findings: ctx.findings };
}

function convert(ctx: Context, el: XmlElement, typeId: string, path: string, xpath: string): WcoJsonValue {
  const type = typeOf(ctx.model, typeId);
  const attributes = attributesOf(ctx, el, path, xpath);
  if (isLeafType(type)) {
    const child = el.children.find((c) => typeof c !== 'string');
    if (child) structural(ctx, 'xsd.unexpected-element', `${el.name} holds text only; ${child.name} is not expected`, path, `${xpath}/${child.name}`);
    const value = textOf(el);
    return Object.keys(attributes).length === 0 ? value : { value, ...attributes };
  }
  return { ...attributes, ...elementContent(ctx, el, type as ComplexType & { content: GroupParticle }, path, xpath) };
}

function attributesOf(ctx: Context, el: XmlElement, path: string, xpath: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of el.attrs) {
    if (a.ns === '') out[a.name] = a.value;
    else if (a.ns === XSI && a.name === 'schemaLocation') out[XSI_SCHEMA_LOCATION] = a.value;
    else structural(ctx, 'xsd.unknown-attribute', `Attribute ${a.name} (${a.ns}) is not allowed on ${el.name}`, path, `${xpath}/@${a.name}`);
  }
  return out;
}

function elementContent(ctx: Context, el: XmlElement, type: ComplexType & { content: GroupParticle }, path: string, xpath: string): WcoJsonObject {
  const { byName } = contentIndex(type.content);
  const out: WcoJsonObject = {};
  const counts = new Map<string, number>();
  let lastPosition = -1;
  let lastName = '';
  for (const child of el.children) {
    if (typeof child === 'string') {
      if (child.trim() !== '') structural(ctx, 'xsd.unexpected-text', `${el.name} holds elements only; text ${JSON.stringify(child.trim().slice(0, 40))} is not allowed`, path, xpath);
      continue;
    }
    const n = (counts.get(child.name) ?? 0) + 1;
    counts.set(child.name, n);
    const childXpath = `${xpath}/${child.name}[${n}]`;
    const use = byName.get(child.name);
    const childPath = `${path}/${pointerToken(child.name)}`;
    if (!use) {
      structural(ctx, 'xsd.unknown-element', `${child.name} is not expected in ${el.name}`, childPath, childXpath);
      continue;
    }
    const expectedNs = ctx.namespaces.toDocument(use.particle.ns);
    if (child.ns !== expectedNs) {
      structural(ctx, 'xsd.namespace', `${child.name} must be in namespace ${expectedNs || '(none)'}, not ${child.ns || '(none)'}`, childPath, childXpath);
      continue;
    }
    if (use.position < lastPosition) {
      structural(ctx, 'xsd.order', `${child.name} must come before ${lastName} in ${el.name}`, childPath, childXpath);
    }
    if (use.position >= lastPosition) {
      lastPosition = use.position;
      lastName = child.name;
    }
    const repeats = use.max === null || use.max > 1;
    if (repeats) {
      const list = (out[child.name] ??= []) as WcoJsonValue[];
      list.push(convert(ctx, child, use.particle.type, `${childPath}/${list.length}`, childXpath));
    } else if (child.name in out) {
      structural(ctx, 'xsd.too-many', `${child.name} may occur only once in ${el.name}`, childPath, childXpath);
    } else {
      out[child.name] = convert(ctx, child, use.particle.type, childPath, childXpath);
    }
  }
  return out;
}
