/**
 * WCO XML ⇄ WCO JSON for the DMS declaration profile: the codec's public face. Namespace URIs
 * come from the partner's profile (default: the published DMS namespaces).
 */
import type { Finding } from '../../findings.js';
import { parseXml } from '../xml/parse.js';
import { DMS_MODEL } from './dms.js';
import type { WcoJsonObject } from './json.js';
import { wcoJsonToXml } from './json-to-xml.js';
import { namespaceMap } from './namespace-map.js';
import { WCO_NAMESPACES, type NamespaceProfile } from './namespaces.js';
import { xmlToWcoJson } from './xml-to-json.js';

/**
 * Parses WCO XML (safely: throws RejectionError 400/413 for malformed input) and converts it.
 * `findings` hold what JSON cannot carry (order, namespaces, stray text or elements).
 */
export function wcoXmlToJson(body: Buffer | string, profile: NamespaceProfile = WCO_NAMESPACES): { json?: WcoJsonObject; findings: Finding[] } {
  return xmlToWcoJson(parseXml(body), DMS_MODEL, namespaceMap(profile));
}

/** Writes valid WCO JSON as WCO XML, elements in schema order. */
export function wcoJsonToXmlString(json: WcoJsonObject, profile: NamespaceProfile = WCO_NAMESPACES): string {
  return wcoJsonToXml(json, DMS_MODEL, namespaceMap(profile));
}
