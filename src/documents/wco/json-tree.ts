/**
 * WCO JSON → the XML tree shape, so one reader (and one serialiser) serves both formats.
 * Keys starting with an upper-case letter are elements (WCO DM names are UpperCamelCase),
 * `value` is a leaf's text and other lower-case keys are its (unqualified) attributes.
 */
import { RejectionError, finding } from '../../findings.js';
import type { XmlElement } from '../xml/tree.js';
import { pointerToken, type WcoJsonObject, type WcoJsonValue } from './json.js';

/** The namespace URI of element `name` whose parent is in `parentNs` (undefined for the root). */
export type NamespaceOf = (name: string, parentNs: string | undefined) => string;

export function wcoJsonToTree(json: WcoJsonObject, namespaceOf: NamespaceOf): XmlElement {
  const names = Object.keys(json);
  const [rootName] = names;
  const rootValue = rootName === undefined ? undefined : json[rootName];
  if (names.length !== 1 || rootName === undefined || rootValue === undefined || Array.isArray(rootValue)) {
    throw new RejectionError(422, 'Invalid document', [
      finding('json.root', `The root object must have exactly one key naming one root element (found ${names.length} keys)`),
    ]);
  }
  return elementOf(rootName, rootValue, undefined, `/${pointerToken(rootName)}`, namespaceOf);
}

function isElementKey(key: string): boolean {
  const first = key.charAt(0);
  return first !== first.toLowerCase();
}

function elementOf(name: string, value: WcoJsonValue, parentNs: string | undefined, path: string, namespaceOf: NamespaceOf): XmlElement {
  const el: XmlElement = { ns: namespaceOf(name, parentNs), name, prefix: '', attrs: [], children: [], line: 0, hasComments: false };
  if (typeof value === 'string') {
    if (value !== '') el.children.push(value);
    return el;
  }
  for (const [key, child] of Object.entries(value)) {
    const keyPath = `${path}/${pointerToken(key)}`;
    if (isElementKey(key)) {
      if (Array.isArray(child)) {
        for (const [i, item] of child.entries()) el.children.push(elementOf(key, item, el.ns, `${keyPath}/${i}`, namespaceOf));
      } else el.children.push(elementOf(key, child, el.ns, keyPath, namespaceOf));
    } else if (typeof child === 'string') {
      if (key === 'value') el.children.push(child);
      else el.attrs.push({ ns: '', name: key, prefix: '', value: child });
    } else {
      throw new RejectionError(422, 'Invalid document', [
        finding('json.not-a-string', `"${key}" is ${key === 'value' ? 'the text' : 'an attribute'} of ${name} and must be a string`, keyPath),
      ]);
    }
  }
  return el;
}
