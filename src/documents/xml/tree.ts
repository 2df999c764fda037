/**
 * The parsed XML tree and the few helpers that navigate it. Elements are matched by namespace
 * URI + local name, never by prefix (SECURITY.md): a prefix is the sender's choice.
 */
export interface XmlAttribute {
  /** Namespace URI; '' for an unprefixed attribute (attributes take no default namespace). */
  ns: string;
  name: string;
  prefix: string;
  value: string;
}

export interface XmlElement {
  ns: string;
  /** Local name. */
  name: string;
  prefix: string;
  /** Attributes in document order; namespace declarations (xmlns, xmlns:*) are not attributes. */
  attrs: XmlAttribute[];
  /** Elements and text (entities decoded, CDATA as text, adjacent text merged, comments dropped). */
  children: Array<XmlElement | string>;
  /** Line of the start tag (1-based). */
  line: number;
  /** Whether a comment stood directly among the children (dropped from `children`). */
  hasComments: boolean;
}

function isElement(node: XmlElement | string): node is XmlElement {
  return typeof node !== 'string';
}

export function childElements(el: XmlElement): XmlElement[] {
  return el.children.filter(isElement);
}

export function childrenNamed(el: XmlElement, ns: string, name: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => isElement(c) && c.ns === ns && c.name === name);
}

export function firstChild(el: XmlElement, ns: string, name: string): XmlElement | undefined {
  for (const c of el.children) if (isElement(c) && c.ns === ns && c.name === name) return c;
  return undefined;
}

/** Follows a path of local names, all in one namespace; every match at each step is kept. */
export function descendantsAt(el: XmlElement, ns: string, path: readonly string[]): XmlElement[] {
  let current = [el];
  for (const step of path) current = current.flatMap((e) => childrenNamed(e, ns, step));
  return current;
}

/** The element's own text (not its descendants'). */
export function textOf(el: XmlElement): string {
  let text = '';
  for (const c of el.children) if (typeof c === 'string') text += c;
  return text;
}

export function attributeValue(el: XmlElement, ns: string, name: string): string | undefined {
  return el.attrs.find((a) => a.ns === ns && a.name === name)?.value;
}
