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
import { contentIndex, isLeafType, typeOf, type ComplexType, type ElementUse, type GroupParticle, type WcoModel } from './model.js';
import type { NamespaceMap } from './namespace-map.js';
import { XSI_SCHEMA_LOCATION } from './xsd/json-schema.js';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

export interface XmlToJsonResult {
  /** Absent when the root element is not one the model knows. */
  json?: WcoJsonObject;
  findings: Finding[];
}

/**
 * Where the conversion is. Findings are rare and paths are not: the trail keeps, per level, the
 * element, its parent, its WCO JSON key and list index, and the JSON pointer and XPath are
 * spelled out only when a finding needs them (building them for every element cost more than
 * the rest of the conversion).
 */
interface Context {
  model: WcoModel;
  namespaces: NamespaceMap;
  findings: Finding[];
  elements: XmlElement[];
  keys: string[];
  /** -1 where the element is not in a list. */
  listIndexes: number[];
}

/** 1-based position of `el` among its parent's elements of the same name, as XPath counts. */
function positionAmongNamesakes(parent: XmlElement, el: XmlElement): number {
  let n = 0;
  for (const c of parent.children) {
    if (typeof c === 'string' || c.name !== el.name) continue;
    n++;
    if (c === el) break;
  }
  return n;
}

function report(ctx: Context, code: string, message: string, extraPointer = '', extraXpath = ''): void {
  let path = '';
  let xpath = '';
  for (let i = 0; i < ctx.elements.length; i++) {
    const el = ctx.elements[i]!;
    path += `/${pointerToken(ctx.keys[i]!)}${ctx.listIndexes[i]! >= 0 ? `/${ctx.listIndexes[i]}` : ''}`;
    xpath += i === 0 ? `/${el.name}` : `/${el.name}[${positionAmongNamesakes(ctx.elements[i - 1]!, el)}]`;
  }
  ctx.findings.push({ severity: 'error', code, message, path: path + extraPointer, xpath: xpath + extraXpath });
}

function enter(ctx: Context, el: XmlElement, key: string, listIndex: number): void {
  ctx.elements.push(el);
  ctx.keys.push(key);
  ctx.listIndexes.push(listIndex);
}

function leave(ctx: Context): void {
  ctx.elements.pop();
  ctx.keys.pop();
  ctx.listIndexes.pop();
}

/** A finding about `el` itself, which the conversion does not enter. */
function reportAt(ctx: Context, el: XmlElement, key: string, code: string, message: string): void {
  enter(ctx, el, key, -1);
  report(ctx, code, message);
  leave(ctx);
}

export function xmlToWcoJson(root: XmlElement, model: WcoModel, namespaces: NamespaceMap): XmlToJsonResult {
  const ctx: Context = { model, namespaces, findings: [], elements: [], keys: [], listIndexes: [] };
  const decl = model.roots.find((r) => r.name === root.name && namespaces.toDocument(r.ns) === root.ns);
  if (!decl) {
    const expected = model.roots.map((r) => `${r.name} (${namespaces.toDocument(r.ns)})`).join(' or ');
    report(ctx, 'xsd.root', `Root element ${root.name} (${root.ns || 'no namespace'}) is not ${expected}`, '', `/${root.name}`);
    return { findings: ctx.findings };
  }
  enter(ctx, root, root.name, -1);
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
  const { byNamespace, byLocalName } = contentIndex(content);
  let lastPosition = -1;
  let lastName = '';
  // Siblings nearly always share one namespace: look its names up once.
  let namesNs: string | undefined;
  let names: Map<string, ElementUse> | undefined;
  for (const child of el.children) {
    if (typeof child === 'string') {
      if (child.trim() !== '')
        report(ctx, 'xsd.unexpected-text', `${el.name} holds elements only; text ${JSON.stringify(child.trim().slice(0, 40))} is not allowed`);
      continue;
    }
    if (child.ns !== namesNs) {
      namesNs = child.ns;
      names = byNamespace.get(ctx.namespaces.toModel(child.ns));
    }
    const use = names?.get(child.name);
    if (!use) {
      const sameName = byLocalName.get(child.name);
      if (sameName) {
        const expected = ctx.namespaces.toDocument(sameName.particle.ns);
        reportAt(ctx, child, child.name, 'xsd.namespace', `${child.name} must be in namespace ${expected || '(none)'}, not ${child.ns || '(none)'}`);
      } else {
        reportAt(ctx, child, child.name, 'xsd.unknown-element', `${child.name} is not expected in ${el.name}`);
      }
      continue;
    }
    const key = use.particle.key;
    const existing = out[key];
    if (use.position < lastPosition) {
      reportAt(ctx, child, key, 'xsd.order', `${child.name} must come before ${lastName} in ${el.name}`);
    } else {
      lastPosition = use.position;
      lastName = child.name;
    }
    if (use.max === null || use.max > 1) {
      const list = (existing ?? []) as WcoJsonValue[];
      if (existing === undefined) out[key] = list;
      enter(ctx, child, key, list.length);
      list.push(convert(ctx, child, use.particle.type));
      leave(ctx);
    } else if (existing !== undefined) {
      reportAt(ctx, child, key, 'xsd.too-many', `${child.name} may occur only once in ${el.name}`);
    } else {
      enter(ctx, child, key, -1);
      out[key] = convert(ctx, child, use.particle.type);
      leave(ctx);
    }
  }
}
