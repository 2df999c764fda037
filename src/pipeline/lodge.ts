import type { Participant } from '../config/types.js';
import type { AppliedStatusChange, LpcoView } from '../lpco/registry.js';
import type { MappingCatalogue } from '../mapping/catalogue.js';
import type { ValidationOptions } from '../validation/validate-document.js';
import type { DocumentFormat, IngestRequest, IngestResult, ReadDocument } from './ingest.js';
import { type LpcoRegistryAccess, MEDIA_TYPES, readConsignment, readDeclaration, readLpcoDocument } from './readers.js';

export interface LodgeDeps {
  ingest: (req: IngestRequest) => Promise<IngestResult>;
  mappings: MappingCatalogue;
  validation: ValidationOptions;
  registry: LpcoRegistryAccess;
}

/** A document as it arrives at one of the /v1 document routes. */
export interface Lodgement {
  sender: Participant;
  body: Buffer;
  format: DocumentFormat;
  idempotencyKey?: string;
  scenario?: string;
}

const common = (l: Lodgement) => ({
  sender: l.sender,
  body: l.body,
  ...(l.idempotencyKey !== undefined ? { idempotencyKey: l.idempotencyKey } : {}),
  ...(l.scenario !== undefined ? { scenario: l.scenario } : {}),
});

/** A sender's declarations are read in its own namespace profile, when it has one. */
export const validationFor = (validation: ValidationOptions, sender: Participant): ValidationOptions =>
  sender.wcoNamespaces ? { ...validation, profile: sender.wcoNamespaces } : validation;

/**
 * A declaration, cancellations (TypeCode INV) included: what a cancellation gives back of the
 * e-LPCOs waits for customs to accept it (lpco-decisions.ts).
 */
export function lodgeDeclaration(deps: LodgeDeps, l: Lodgement): Promise<IngestResult> {
  const read = () => readDeclaration(l.body, l.format, validationFor(deps.validation, l.sender), l.sender, deps.registry);
  return deps.ingest({ ...common(l), documentKind: 'declaration', mediaType: MEDIA_TYPES[l.format], read });
}

/** E-commerce advance data: kept as received, routed as the low-value declaration made of it. */
export function lodgeConsignment(deps: LodgeDeps, l: Lodgement): Promise<IngestResult> {
  return deps.ingest({ ...common(l), documentKind: 'consignment', mediaType: MEDIA_TYPES[l.format], receivedAs: 'consignment', read: () => readConsignment(l.body, deps.mappings, deps.validation, l.sender) });
}

/** An e-LPCO from its issuing agency (or a partner country): registered, then routed. */
export function lodgeLpco(deps: LodgeDeps, l: Lodgement): Promise<IngestResult> {
  return deps.ingest({ ...common(l), documentKind: 'lpco', mediaType: MEDIA_TYPES[l.format], receivedAs: 'lpco', read: () => readLpcoDocument(l.body, l.format, deps.mappings, deps.registry, l.sender) });
}

/**
 * An issuer's change of an e-LPCO's status, as a document of its own: routed to those who
 * receive the issuer's LPCOs (agreements on `lpco-status`) and logged like any exchange. The
 * change is stored with the exchange or not at all: `planned` (the LPCO as the change leaves
 * it) is what the document says; `apply` stores the change just before the exchange is stored,
 * and is undone if the exchange cannot be stored or queued. Refused before (no agreement routes
 * it), the registry is never touched.
 */
export async function lodgeLpcoStatus(deps: LodgeDeps, issuer: Participant, planned: LpcoView, reason: string, at: Date, apply: () => Promise<AppliedStatusChange>): Promise<LpcoView> {
  const change = { lpcoId: planned.id, documentCode: planned.documentCode, number: planned.number, holderId: planned.holderId, status: planned.status, reason, changedBy: issuer.id, changedAt: at.toISOString(), lines: planned.lines };
  const content = JSON.stringify(change);
  const body = Buffer.from(content);
  const facts = { citedDocumentCodes: [planned.documentCode], ...(planned.document.exportCountry ? { exportCountry: planned.document.exportCountry } : {}), ...(planned.document.importCountry ? { destinationCountry: planned.document.importCountry } : {}) };
  let applied: AppliedStatusChange | undefined;
  await deps.ingest({
    sender: issuer,
    documentKind: 'lpco-status',
    body,
    mediaType: 'application/json',
    read: () => ({
      facts,
      findings: [],
      document: { content, mediaType: 'application/json', format: 'lpco-status' },
      messageId: `${planned.number}:${planned.status}`,
      beforeStore: async () => {
        applied = await apply();
        return {};
      },
      undo: async () => applied?.undo(),
    }),
  });
  return (applied as AppliedStatusChange).view;
}
