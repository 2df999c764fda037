/**
 * WCO XML ⇄ WCO JSON for the DMS profile (declarations and notifications): the codec's public
 * face. Namespace URIs come from the partner's profile (default: the published DMS namespaces).
 */
import type { Finding } from '../../findings.js';
import { parseXml } from '../xml/parse.js';
import type { XmlElement } from '../xml/tree.js';
import { schemaSetOfJson, schemaSetOfXml } from './dms.js';
import type { WcoJsonObject } from './json.js';
import { wcoJsonToXml } from './json-to-xml.js';
import { namespaceMap } from './namespace-map.js';
import { WCO_NAMESPACES, type NamespaceProfile } from './namespaces.js';
import { xmlToWcoJson } from './xml-to-json.js';

/**
 * Parses WCO XML (safely: throws RejectionError 400/413 for malformed input) and converts it.
 * `findings` hold what JSON cannot carry (order, namespaces, stray text or elements); `root` is
 * the XML as parsed, for readers of the element tree (documents/declaration.ts).
 */
export function wcoXmlToJson(
  body: Buffer | string,
  profile: NamespaceProfile = WCO_NAMESPACES,
): { json?: WcoJsonObject; findings: Finding[]; root: XmlElement } {
  const root = parseXml(body);
  return { ...xmlToWcoJson(root, schemaSetOfXml(root).model, namespaceMap(profile)), root };
}

/** Writes valid WCO JSON as WCO XML, elements in schema order. */
export function wcoJsonToXmlString(json: WcoJsonObject, profile: NamespaceProfile = WCO_NAMESPACES): string {
  return wcoJsonToXml(json, schemaSetOfJson(json).model, namespaceMap(profile));
}
