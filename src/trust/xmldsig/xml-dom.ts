/**
 * DOM parsing for XML-DSig work. xml-crypto needs an @xmldom/xmldom DOM, so the document is
 * first put through the project's safe parser (size, UTF-8, no DTD, no PIs, depth and
 * attribute limits, forbidden names) and only then parsed by xmldom, which is made to stop
 * at any error or warning instead of repairing the input.
 */
import { DOMParser, type Document, type Element, type Node } from '@xmldom/xmldom';
import { ExclusiveCanonicalization } from 'xml-crypto';
import { parseXml, type XmlLimits } from '../../documents/xml/parse.js';
import { decodeUtf8 } from '../../documents/utf8.js';
import { finding, RejectionError } from '../../findings.js';

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const CDATA_SECTION_NODE = 4;
export const PROCESSING_INSTRUCTION_NODE = 7;
export const COMMENT_NODE = 8;

export interface ParsedXml {
  text: string;
  document: Document;
  root: Element;
}

export function parseDom(input: Buffer | string, limits: Partial<XmlLimits> = {}): ParsedXml {
  parseXml(input, limits);
  const text = decodeUtf8(input, Number.MAX_SAFE_INTEGER, 'xml');
  const stop = (level: string, message: string): never => {
    throw new RejectionError(400, 'Malformed document', [finding('xml.malformed', `${level}: ${message}`)]);
  };
  const document = new DOMParser({ onError: stop }).parseFromString(text, 'text/xml');
  const root = document.documentElement;
  if (!root) throw new RejectionError(400, 'Malformed document', [finding('xml.malformed', 'no root element')]);
  return { text, document, root };
}

export function elementChildren(node: Node): Element[] {
  const children: Element[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === ELEMENT_NODE) children.push(child as Element);
  }
  return children;
}

export function isElementNamed(node: Node | null | undefined, namespace: string, localName: string): node is Element {
  return node?.nodeType === ELEMENT_NODE && (node as Element).namespaceURI === namespace && (node as Element).localName === localName;
}

/** Exclusive c14n without comments, by xml-crypto's canonicaliser: the reference one. */
export function canonicalize(node: Node): string {
  return new ExclusiveCanonicalization().process(node, {}).toString();
}
