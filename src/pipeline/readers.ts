import { declarationFactsOf, declarationMrnOf, wcoJsonAsTree } from '../documents/declaration.js';
import type { WcoJsonObject } from '../documents/wco/json.js';
import { type Finding, finding, hasErrors, RejectionError } from '../findings.js';
import type { MappingCatalogue } from '../mapping/catalogue.js';
import { validateDocument, type ValidationOptions } from '../validation/validate-document.js';
import { childElements, parseXml, type XmlElement } from '../documents/xml/parse.js';
import { isSoapEnvelope, soapMessage } from '../documents/xml/soap.js';
import type { Participant } from '../config/types.js';
import { authorityFindings } from '../lpco/authorities.js';
import { citationsOfTree } from '../lpco/citations.js';
import { type Lpco, readLpco, readLpcoJson } from '../lpco/lpco.js';
import { readLpcoXml } from '../lpco/lpco-xml.js';
import { type Consignment, sideOf, sourceOf } from '../ecommerce/sources.js';
import type { ReadDocument } from './ingest.js';
import { declarationRiskOf } from '../risk/facts.js';
import { actsForIds, refuseForeignParties } from './acting-for.js';
import { type DocumentFormat, MEDIA_TYPES } from './vocabulary.js';

/**
 * A declaration, XML or WCO JSON: malformed input throws 400 (from the parser); one that breaks
 * its schema or a business rule is refused 422 with every finding; one lodged for a trader the
 * sender does not act for 403 (acting-for.ts); warnings travel with it. `reserving`: the e-LPCOs it
 * cites are reserved when it is stored (registry-step.ts).
 */
export function readDeclaration(body: Buffer, format: DocumentFormat, options: ValidationOptions, sender: Participant, reserving = true): ReadDocument {
  const { findings, wcoJson, parsedXml } = validateDocument(body, format, options);
  refuseErrors(findings, wcoJson);
  // One form from here on, read by facts and citations alike: the XML as validation parsed it, or the WCO JSON as a tree.
  const tree = parsedXml ?? wcoJsonAsTree(wcoJson as WcoJsonObject, options.profile);
  const facts = declarationFactsOf(tree, options.profile);
  const read: ReadDocument = {
    facts,
    findings,
    document: { content: body.toString('utf8'), mediaType: MEDIA_TYPES[format] },
    messageId: facts.lrn,
    references: { reference: facts.lrn, mrn: declarationMrnOf(tree, options.profile) },
    ...(format === 'wco-xml' ? { wcoJson: JSON.stringify(wcoJson) } : {}),
    risk: declarationRiskOf(tree, facts.direction, options.profile),
  };
  const { parties, holderId, citations } = citationsOfTree(tree, options.profile ? { profile: options.profile } : {});
  refuseForeignParties(sender, parties);
  if (!reserving || citations.length === 0) return read;
  // The e-LPCOs it cites must exist, be valid, be held by this trader — one the sender acts for —
  // and cover the quantities: reserved, all or nothing, in the transaction that stores the exchange.
  return { ...read, registry: { step: 'reserve', citations: { holderId, citations, actsFor: actsForIds(sender), sender: sender.id } } };
}

const SPS_NAMESPACE = 'urn:un:unece:uncefact:data:standard:SPSCertificate:17';
export const SPS_MAPPING = 'sps-to-lpco';

/**
 * Whether the XML is an SPS certificate: the root, or the one certificate in the one message of
 * a SOAP envelope (TRACES NT GetChedCertificateResponse, ePhyto hub). Anything else is read as
 * swgate's LPCO XML, whose reader names the root it expected.
 */
function isSpsCertificate(root: XmlElement): boolean {
  if (root.ns === SPS_NAMESPACE) return true;
  if (!isSoapEnvelope(root)) return false;
  const message = soapMessage(root);
  const count = certificatesIn(message);
  if (count === 1) return true;
  throw new RejectionError(422, 'Not an e-LPCO', [
    {
      ...finding(
        'lpco.sps.certificates',
        `The SOAP message ${message.name} (${message.ns || 'no namespace'}) carries ${count} SPS certificates; an e-LPCO is exactly one`,
      ),
      xpath: `/Envelope/Body/${message.name}`,
    },
  ]);
}

function certificatesIn(el: XmlElement): number {
  if (el.ns === SPS_NAMESPACE && el.name === 'SPSCertificate') return 1;
  return childElements(el).reduce((n, child) => n + certificatesIn(child), 0);
}

/**
 * An e-LPCO: UN/CEFACT SPS certificate XML (ePhyto, or a TRACES NT CHED in its SOAP envelope)
 * through the sps-to-lpco mapping, swgate's LPCO XML, or LPCO JSON. Routed as LPCO JSON; registered with its sender as issuer, which must
 * be the competent authority for its document code, in the name the document gives (403).
 */
export async function readLpcoDocument(body: Buffer, format: DocumentFormat, mappings: MappingCatalogue, issuer: Participant): Promise<ReadDocument> {
  let lpco: Lpco;
  let mappedBy: ReadDocument['mappedBy'];
  if (format === 'wco-json') lpco = readLpcoJson(body);
  else if (isSpsCertificate(parseXml(body))) {
    const mapped = await (mappings.get(SPS_MAPPING) ?? missing(SPS_MAPPING)).apply(body);
    lpco = readLpco(mapped.output);
    mappedBy = mapped.provenance;
  } else lpco = readLpcoXml(body);
  const notCompetent = authorityFindings(issuer, lpco);
  if (notCompetent.length > 0) throw new RejectionError(403, 'Not the competent authority', notCompetent);
  const content = JSON.stringify(lpco);
  return {
    facts: {
      citedDocumentCodes: [lpco.documentCode],
      ...(lpco.exportCountry ? { exportCountry: lpco.exportCountry } : {}),
      ...(lpco.importCountry ? { destinationCountry: lpco.importCountry } : {}),
    },
    findings: [],
    document: { content, mediaType: 'application/json', format: 'lpco-json' },
    messageId: lpco.number,
    ...(mappedBy ? { mappedBy } : {}),
    registry: { step: 'register', lpco, issuer: issuer.id },
  };
}

const missing = (id: string): never => {
  throw new Error(`the ${id} mapping is not installed`);
};

const CONSIGNMENT_MAPPING = 'consignment-to-declaration';

/**
 * E-commerce advance data (WCO E-Commerce FoS): checked against the mapping's input schema,
 * made into a low-value declaration by the mapping, and that declaration validated in turn.
 */
export async function readConsignment(body: Buffer, mappings: MappingCatalogue, options: ValidationOptions, sender: Participant): Promise<ReadDocument> {
  const { output, provenance } = await (mappings.get(CONSIGNMENT_MAPPING) ?? missing(CONSIGNMENT_MAPPING)).apply(body);
  // The mapping checked it against its input schema: what is left to check depends on who sends it.
  const consignment = JSON.parse(body.toString('utf8')) as Consignment;
  const side = sideOf(sender.kind);
  if (side === 'order') refuseErrors(ORDER_DATA.filter((field) => consignment[field] === undefined).map(orderDataMissing), consignment);
  const declaration = Buffer.from(JSON.stringify(output));
  // Only a lodged declaration draws on e-LPCOs; the one a mapping makes of a consignment reserves nothing.
  const read = readDeclaration(declaration, 'wco-json', options, sender, false);
  const source = side ? sourceOf(consignment, side) : undefined;
  return {
    ...read,
    mappedBy: provenance,
    // The platform is the participant that lodged the consignment; its parcel is where targeting looks for link findings.
    ...(read.risk ? { risk: { ...read.risk, platform: sender.id, ...(source ? { parcel: { source, sender: sender.id } } : {}) } } : {}),
    ...(source ? { ecommerce: source } : {}),
  };
}

/** A platform's side of the parcel: posts and express carriers send theirs without it. */
const ORDER_DATA = ['platform', 'order', 'payment'] as const;
const orderDataMissing = (field: (typeof ORDER_DATA)[number]): Finding =>
  finding(
    'consignment.order-data-missing',
    `A platform's consignment carries its ${field}: the gateway holds it against the carrier's shipping data`,
    `/${field}`,
  );

function refuseErrors(findings: Finding[], document: unknown): void {
  if (document !== undefined && !hasErrors(findings)) return;
  const errors = findings.filter((f) => f.severity === 'error').length;
  throw new RejectionError(422, 'Document not valid', findings, `The document has ${errors} error${errors === 1 ? '' : 's'}; the findings say where.`);
}
