/**
 * How each format a mapping names becomes its input, and how its output is written. A reader
 * takes the document as received (bytes or text) or already parsed (an object), and refuses it
 * with findings (RejectionError) rather than letting a rule stumble on it.
 */
import { RejectionError, finding } from '../findings.js';
import { parseWcoJson } from '../documents/wco/json.js';
import { DMS_MODEL } from '../documents/wco/dms.js';
import { namespaceMap } from '../documents/wco/namespace-map.js';
import { WCO_NAMESPACES } from '../documents/wco/namespaces.js';
import { xmlToWcoJson } from '../documents/wco/xml-to-json.js';
import { parseXml } from '../documents/xml/parse.js';
import type { XmlElement } from '../documents/xml/tree.js';
import { readLpco } from '../lpco/lpco.js';
import type { InputFormat, MappingSpec, OutputFormat } from './spec.js';
import { prefixedJsonToXml, xmlToPrefixedJson } from './xml-json.js';

const SPS_CERTIFICATE_NS = 'urn:un:unece:uncefact:data:standard:SPSCertificate:17';

/** Checks a plain-JSON input against the mapping's input schema (input.schema.json), when it has one. */
export type InputCheck = (json: unknown) => void;

function invalid(code: string, message: string, path = ''): RejectionError {
  return new RejectionError(422, 'Invalid document', [finding(code, message, path)]);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

function isText(value: unknown): value is string | Buffer {
  return typeof value === 'string' || Buffer.isBuffer(value);
}

function looksLikeXml(value: string | Buffer): boolean {
  const text = typeof value === 'string' ? value : value.subarray(0, 64).toString('utf8');
  return text.trimStart().startsWith('<');
}

function parseJson(value: string | Buffer): unknown {
  try {
    return JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
  } catch (err) {
    throw new RejectionError(400, 'Malformed document', [finding('json.not-well-formed', `Not well-formed JSON: ${(err as Error).message}`)]);
  }
}

export function readInput(format: InputFormat, input: unknown, spec: MappingSpec, check: InputCheck | undefined): unknown {
  switch (format) {
    case 'wco-json':
      return declarationInput(isText(input) ? wcoJsonOf(input) : input);
    case 'sps-xml':
      if (!isText(input)) throw invalid('mapping.input', `Mapping ${spec.id} reads SPS certificate XML; give it the document's bytes`);
      return spsCertificateInput(parseXml(input), spec.namespaces);
    case 'lpco-json':
      return readLpco(isText(input) ? parseJson(input) : input);
    case 'json': {
      const json = isText(input) ? parseJson(input) : input;
      check?.(json);
      return json;
    }
  }
}

function wcoJsonOf(input: string | Buffer): unknown {
  if (!looksLikeXml(input)) return parseWcoJson(input);
  const { json, findings } = xmlToWcoJson(parseXml(input), DMS_MODEL, namespaceMap(WCO_NAMESPACES));
  if (!json || findings.length > 0) throw new RejectionError(422, 'Invalid declaration', findings);
  return json;
}

/** `{ MetaData: { Declaration } }` or `{ Declaration }`, seen by rules as `{ MetaData?, Declaration }`. */
function declarationInput(json: unknown): unknown {
  if (!isObject(json)) throw invalid('mapping.input', 'A WCO JSON declaration is an object: {"MetaData": {"Declaration": {…}}} or {"Declaration": {…}}');
  const metaData = json.MetaData;
  if (isObject(metaData) && isObject(metaData.Declaration)) return { MetaData: metaData, Declaration: metaData.Declaration };
  if (isObject(json.Declaration)) return json;
  throw invalid(
    'mapping.input',
    'No Declaration object: expected {"MetaData": {"Declaration": {…}}} or {"Declaration": {…}}',
    isObject(metaData) ? '/MetaData' : '/',
  );
}

/** The SPSCertificate: the root, or the first one inside an envelope (ePhyto Hub, TRACES SOAP). */
function findCertificate(el: XmlElement): XmlElement | undefined {
  if (el.ns === SPS_CERTIFICATE_NS && el.name === 'SPSCertificate') return el;
  for (const child of el.children) {
    if (typeof child === 'string') continue;
    const found = findCertificate(child);
    if (found) return found;
  }
  return undefined;
}

function spsCertificateInput(root: XmlElement, namespaces: Readonly<Record<string, string>>): unknown {
  const certificate = findCertificate(root);
  if (!certificate) {
    throw invalid(
      'mapping.input',
      `No SPSCertificate in namespace ${SPS_CERTIFICATE_NS}; the root is ${root.name} in ${root.ns || 'no namespace'}`,
      `/${root.name}`,
    );
  }
  const prefixOf = new Map(Object.entries(namespaces).map(([prefix, uri]) => [uri, prefix]));
  return xmlToPrefixedJson(certificate, prefixOf);
}

/** The output as delivered: an object for the JSON formats, a string for XML. */
export function writeOutput(format: OutputFormat, output: Record<string, unknown>, spec: MappingSpec): unknown {
  switch (format) {
    case 'lpco-json':
      return readLpco(output);
    case 'sps-xml':
    case 'xml':
      return prefixedJsonToXml(output, spec.namespaces);
    case 'wco-json':
    case 'json':
      return output;
  }
}
