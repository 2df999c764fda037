/**
 * The facts of a WCO DM declaration that routing and agreements look at, read from WCO XML or
 * WCO JSON. Only the elements named here are read; full validation is validation/'s job.
 */
import { RejectionError, finding } from '../findings.js';
import { parseWcoJson, type WcoJsonObject } from './wco/json.js';
import { wcoJsonToTree, type NamespaceOf } from './wco/json-tree.js';
import { WCO_NAMESPACES, type NamespaceProfile } from './wco/namespaces.js';
import { parseXml } from './xml/parse.js';
import { descendantsAt, firstChild, textOf, type XmlElement } from './xml/tree.js';

export { WCO_NAMESPACES, type NamespaceProfile } from './wco/namespaces.js';

export interface DeclarationFacts {
  /** Declaration/TypeCode, e.g. IMA, EXD, COR, INV, GPR. */
  typeCode: string;
  /** From TypeCode's first two letters: IM → import, EX → export, else other. */
  direction: 'import' | 'export' | 'other';
  functionCode: string;
  /** Declaration/FunctionalReferenceID (the LRN). */
  lrn: string | null;
  /** Commodity/Classification/ID where IdentificationTypeCode is TSP, in document order, deduplicated. */
  hsCodes: string[];
  /**
   * GovernmentProcedure CurrentCode + PreviousCode per goods item, deduplicated. In the DMS
   * profile a GovernmentProcedure with a 3-character CurrentCode and no PreviousCode is an
   * additional procedure code ("000", "1CG"); it is listed as it is.
   */
  procedureCodes: string[];
  exportCountry: string | null;
  destinationCountry: string | null;
  /** Origin/CountryCode of the goods items, deduplicated. */
  originCountries: string[];
  /** AdditionalDocument CategoryCode + TypeCode (header, shipment and item level), deduplicated. */
  citedDocumentCodes: string[];
}

export type DeclarationFormat = 'wco-xml' | 'wco-json';

export function readDeclaration(body: Buffer, format: DeclarationFormat, profile: NamespaceProfile = WCO_NAMESPACES): DeclarationFacts {
  return declarationFactsOf(format === 'wco-json' ? wcoJsonAsTree(parseWcoJson(body), profile) : parseXml(body), profile);
}

/**
 * The facts of a declaration already read as an element tree (`root`: the XML as parsed, or WCO
 * JSON as a tree), after validation say: no second parse.
 */
export function declarationFactsOf(root: XmlElement, profile: NamespaceProfile = WCO_NAMESPACES): DeclarationFacts {
  return factsOf(declarationElement(root, profile), profile.declaration);
}

/** WCO JSON as the namespace-aware element tree that XML parses into, in the given profile. */
export function wcoJsonAsTree(json: WcoJsonObject, profile: NamespaceProfile = WCO_NAMESPACES): XmlElement {
  return wcoJsonToTree(json, profileNamespaces(profile));
}

/**
 * Namespaces for WCO JSON, which carries none: MetaData and its children are in the metadata
 * namespace, Declaration and everything below it in the declaration namespace.
 */
function profileNamespaces(profile: NamespaceProfile): NamespaceOf {
  return (name, parentNs) => {
    if (name === 'Declaration') return profile.declaration;
    return parentNs ?? (name === 'MetaData' ? profile.metadata : profile.declaration);
  };
}

function describe(el: XmlElement): string {
  return `${el.name} in ${el.ns === '' ? 'no namespace' : `namespace ${el.ns}`}`;
}

/** The Declaration: the root itself, or the one child of a MetaData root. */
export function declarationElement(root: XmlElement, profile: NamespaceProfile): XmlElement {
  if (root.ns === profile.declaration && root.name === 'Declaration') return root;
  if (root.ns !== profile.metadata || root.name !== 'MetaData') {
    throw new RejectionError(422, 'Not a declaration', [
      finding(
        'declaration.root',
        `Expected root MetaData in namespace ${profile.metadata} or Declaration in namespace ${profile.declaration}; found ${describe(root)}`,
        '/',
      ),
    ]);
  }
  const declaration = firstChild(root, profile.declaration, 'Declaration');
  if (!declaration) {
    throw new RejectionError(422, 'Not a declaration', [
      finding('declaration.missing', `MetaData holds no Declaration in namespace ${profile.declaration}`, '/MetaData'),
    ]);
  }
  return declaration;
}

function factsOf(declaration: XmlElement, ns: string): DeclarationFacts {
  const texts = (path: string[], from: XmlElement[] = [declaration]): string[] =>
    from.flatMap((el) => descendantsAt(el, ns, path)).map((el) => textOf(el).trim());
  const first = (path: string[]): string | null => texts(path).find((v) => v !== '') ?? null;
  const required = (name: string): string => {
    const value = first([name]);
    if (value === null || value === '') {
      throw new RejectionError(422, 'Invalid declaration', [finding('declaration.missing-element', `Declaration has no ${name}`, `/Declaration/${name}`)]);
    }
    return value;
  };

  const typeCode = required('TypeCode');
  const shipments = descendantsAt(declaration, ns, ['GoodsShipment']);
  const items = shipments.flatMap((s) => descendantsAt(s, ns, ['GovernmentAgencyGoodsItem']));
  const additionalDocuments = [declaration, ...shipments, ...items].flatMap((el) => descendantsAt(el, ns, ['AdditionalDocument']));

  return {
    typeCode,
    direction: typeCode.startsWith('IM') ? 'import' : typeCode.startsWith('EX') ? 'export' : 'other',
    functionCode: required('FunctionCode'),
    lrn: first(['FunctionalReferenceID']),
    hsCodes: unique(
      items
        .flatMap((item) => descendantsAt(item, ns, ['Commodity', 'Classification']))
        .filter((c) => childText(c, ns, 'IdentificationTypeCode') === 'TSP')
        .map((c) => childText(c, ns, 'ID')),
    ),
    procedureCodes: unique(
      items.flatMap((item) => descendantsAt(item, ns, ['GovernmentProcedure'])).map((p) => childText(p, ns, 'CurrentCode') + childText(p, ns, 'PreviousCode')),
    ),
    exportCountry: first(['GoodsShipment', 'ExportCountry', 'ID']),
    destinationCountry: first(['GoodsShipment', 'Destination', 'CountryCode']),
    originCountries: unique(texts(['Origin', 'CountryCode'], items)),
    citedDocumentCodes: unique(additionalDocuments.map((d) => childText(d, ns, 'CategoryCode') + childText(d, ns, 'TypeCode'))),
  };
}

/**
 * The declaration's MRN, when it states one: Declaration/ID, which customs assigns and a later
 * message about the same declaration (an amendment, a cancellation) carries. Kept apart from the
 * facts: routing never looks at it, search does.
 */
export function declarationMrnOf(root: XmlElement, profile: NamespaceProfile = WCO_NAMESPACES): string | null {
  const id = childText(declarationElement(root, profile), profile.declaration, 'ID');
  return id === '' ? null : id;
}

function childText(el: XmlElement, ns: string, name: string): string {
  const child = firstChild(el, ns, name);
  return child ? textOf(child).trim() : '';
}

/** Non-empty values, first occurrence kept. */
function unique(values: string[]): string[] {
  return [...new Set(values.filter((v) => v !== ''))];
}
