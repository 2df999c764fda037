/**
 * The LPCO citations of a WCO DM declaration (DMS profile): AdditionalDocument CategoryCode +
 * TypeCode, ID and WriteOff/QuantityQuantity@unitCode at header, shipment and goods item
 * level, and the trader the cited LPCOs must be held by.
 */
import { declarationElement, type DeclarationFormat, type NamespaceProfile, WCO_NAMESPACES, wcoJsonAsTree } from '../documents/declaration.js';
import { parseWcoJson } from '../documents/wco/json.js';
import { parseXml } from '../documents/xml/parse.js';
import { attributeValue, childrenNamed, firstChild, textOf, type XmlElement } from '../documents/xml/tree.js';
import type { CitationCheck, LpcoCitation } from './write-off.js';

/**
 * Document codes the registry manages. Other AdditionalDocuments (invoices N935, authorisations
 * C5xx, Y-code statements) are not LPCOs and are not checked, whatever the unknown-LPCO policy.
 */
const DEFAULT_LPCO_DOCUMENT_CODES: ReadonlySet<string> = new Set([
  'N851', // phytosanitary certificate
  'C400', // CITES permit
  'C640', // CHED-A / CVED
  'C085', // CHED-PP (TRACES NT, registered from GetChedCertificateResponse)
  'N853', // CHED-P
  'C678', // CHED-D
  '9104', // standard individual export licence (military and dual-use goods)
  '9120', // import licence (animal pathogens)
  'X002', // dual-use export authorisation
  'N954', // EUR.1 movement certificate (origin)
]);

/**
 * A trader the declaration names: WCO DM Declarant, Importer or Exporter, Agent (with its
 * FunctionCode), or the Submitter of an additional message (a cancellation, an amendment).
 */
export interface DeclarationParty {
  role: 'Declarant' | 'Submitter' | 'Importer' | 'Exporter' | 'Agent';
  id: string;
  /** Agent only: 2 direct, 3 indirect representation (WCO DM code list for Agent FunctionCode). */
  functionCode?: string;
  /** JSON pointer of the party's ID. */
  path: string;
}

/** A declaration's citations, the trader they must be held by, and the traders it is lodged for. */
export interface DeclarationCitations extends CitationCheck {
  /**
   * The parties the declaration engages: the Declarant (or Submitter), its Agents, and the
   * importer (the exporter, for an export) — not the foreign trader at the other end of the sale.
   */
  parties: DeclarationParty[];
}

export interface CitationOptions {
  profile?: NamespaceProfile;
  lpcoDocumentCodes?: ReadonlySet<string>;
}

/** Reads the citations of a declaration as POST /v1/declarations receives it (WCO DM XML or WCO JSON). */
export function readCitations(body: Buffer | string, format: DeclarationFormat, options: CitationOptions = {}): DeclarationCitations {
  return citationsOfTree(format === 'wco-xml' ? parseXml(body) : wcoJsonAsTree(parseWcoJson(body), options.profile ?? WCO_NAMESPACES), options);
}

/**
 * The citations of a declaration already read as an element tree (`root`: the XML as parsed, or
 * WCO JSON as a tree), after validation say: no second parse.
 */
export function citationsOfTree(root: XmlElement, options: CitationOptions = {}): DeclarationCitations {
  const profile = options.profile ?? WCO_NAMESPACES;
  const base = root.name === 'MetaData' ? '/MetaData/Declaration' : '/Declaration';
  return citationsOf(declarationElement(root, profile), profile.declaration, options.lpcoDocumentCodes ?? DEFAULT_LPCO_DOCUMENT_CODES, base);
}

/** Citations of LPCOs (by `lpcoCodes`) in a Declaration element, with JSON pointers under `base`. */
function citationsOf(declaration: XmlElement, ns: string, lpcoCodes: ReadonlySet<string>, base = '/Declaration'): DeclarationCitations {
  const text = (el: XmlElement | undefined, ...path: string[]): string | undefined => textAt(el, ns, path);
  const documentsOf = (el: XmlElement, path: string, item?: { goodsItem?: string; hsCode?: string; description?: string }): LpcoCitation[] =>
    childrenNamed(el, ns, 'AdditionalDocument').flatMap((doc, i) => {
      const documentCode = (text(doc, 'CategoryCode') ?? '') + (text(doc, 'TypeCode') ?? '');
      const number = text(doc, 'ID');
      if (!lpcoCodes.has(documentCode) || number === undefined) return [];
      const quantity = elementAt(doc, ns, ['WriteOff', 'QuantityQuantity']);
      const unit = quantity && attributeValue(quantity, '', 'unitCode');
      return [
        {
          documentCode,
          number,
          ...item,
          ...(quantity ? { quantity: textOf(quantity).trim() } : {}),
          ...(unit ? { unit } : {}),
          path: `${path}/AdditionalDocument/${i}`,
        },
      ];
    });

  const shipment = firstChild(declaration, ns, 'GoodsShipment');
  const items = shipment ? childrenNamed(shipment, ns, 'GovernmentAgencyGoodsItem') : [];
  const citations = [
    ...documentsOf(declaration, base),
    ...(shipment ? documentsOf(shipment, `${base}/GoodsShipment`) : []),
    ...items.flatMap((item, i) => {
      const goodsItem = text(item, 'SequenceNumeric');
      const hsCode = commodityCode(item, ns);
      const description = text(item, 'Commodity', 'Description');
      return documentsOf(item, `${base}/GoodsShipment/GovernmentAgencyGoodsItem/${i}`, {
        ...(goodsItem ? { goodsItem } : {}),
        ...(hsCode ? { hsCode } : {}),
        ...(description ? { description } : {}),
      });
    }),
  ];

  const direction = text(declaration, 'TypeCode')?.slice(0, 2);
  const principal = direction === 'EX' ? 'Exporter' : 'Importer';
  const holderId = text(shipment, principal, 'ID') ?? text(declaration, principal, 'ID') ?? text(declaration, 'Declarant', 'ID') ?? null;
  const partyAt = (el: XmlElement | undefined, role: DeclarationParty['role'], path: string): DeclarationParty[] =>
    (el ? childrenNamed(el, ns, role) : []).flatMap((party, i, all) => {
      const id = text(party, 'ID');
      const functionCode = text(party, 'FunctionCode');
      const at = `${path}/${role}${all.length > 1 ? `/${i}` : ''}/ID`;
      return id === undefined ? [] : [{ role, id, ...(functionCode ? { functionCode } : {}), path: at }];
    });
  const parties = [
    ...partyAt(declaration, 'Declarant', base),
    ...partyAt(declaration, 'Submitter', base),
    ...partyAt(declaration, 'Agent', base),
    ...partyAt(declaration, principal, base),
    ...partyAt(shipment, principal, `${base}/GoodsShipment`),
  ];
  return { holderId, citations, parties };
}

function elementAt(el: XmlElement | undefined, ns: string, path: readonly string[]): XmlElement | undefined {
  let current = el;
  for (const name of path) current = current && firstChild(current, ns, name);
  return current;
}

/** Trimmed text at a path of child elements; undefined when missing or empty. */
function textAt(el: XmlElement | undefined, ns: string, path: readonly string[]): string | undefined {
  const found = elementAt(el, ns, path);
  const value = found && textOf(found).trim();
  return value === '' ? undefined : value;
}

/** The goods item's combined nomenclature code (Classification typed TSP), else its first classification. */
function commodityCode(item: XmlElement, ns: string): string | undefined {
  const commodity = firstChild(item, ns, 'Commodity');
  const classifications = commodity ? childrenNamed(commodity, ns, 'Classification') : [];
  const chosen = classifications.find((c) => textAt(c, ns, ['IdentificationTypeCode']) === 'TSP') ?? classifications[0];
  return textAt(chosen, ns, ['ID']);
}
