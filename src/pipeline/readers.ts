import { declarationFactsOf } from '../documents/declaration.js';
import type { WcoJsonObject } from '../documents/wco/json.js';
import { type Finding, hasErrors, RejectionError } from '../findings.js';
import type { MappingCatalogue } from '../mapping/catalogue.js';
import { validateDocument, type ValidationOptions } from '../validation/validate-document.js';
import type { DocumentFormat, ReadDocument } from './ingest.js';

export const MEDIA_TYPES: Record<DocumentFormat, string> = { 'wco-xml': 'application/xml', 'wco-json': 'application/json' };

/**
 * A declaration, XML or WCO JSON: malformed input throws 400 (from the parser); one that breaks
 * its schema or a business rule is refused 422 with every finding; warnings travel with it.
 */
export function readDeclaration(body: Buffer, format: DocumentFormat, options: ValidationOptions): ReadDocument {
  const { findings, wcoJson } = validateDocument(body, format, options);
  refuseErrors(findings, wcoJson);
  const facts = declarationFactsOf(wcoJson as WcoJsonObject);
  return { facts, findings, document: { content: body.toString('utf8'), mediaType: MEDIA_TYPES[format] }, messageId: facts.lrn };
}

export const CONSIGNMENT_MAPPING = 'consignment-to-declaration';

/**
 * E-commerce advance data (WCO E-Commerce FoS): checked against the mapping's input schema,
 * made into a low-value declaration by the mapping, and that declaration validated in turn.
 */
export async function readConsignment(body: Buffer, mappings: MappingCatalogue, options: ValidationOptions): Promise<ReadDocument> {
  const mapping = mappings.get(CONSIGNMENT_MAPPING);
  if (!mapping) throw new Error(`the ${CONSIGNMENT_MAPPING} mapping is not installed`);
  const { output, provenance } = await mapping.apply(body);
  const declaration = Buffer.from(JSON.stringify(output));
  return { ...readDeclaration(declaration, 'wco-json', options), mappedBy: provenance };
}

function refuseErrors(findings: Finding[], document: unknown): void {
  if (document !== undefined && !hasErrors(findings)) return;
  const errors = findings.filter((f) => f.severity === 'error').length;
  throw new RejectionError(422, 'Document not valid', findings, `The document has ${errors} error${errors === 1 ? '' : 's'}; the findings say where.`);
}
