import type { Participant } from '../config/types.js';
import type { LpcoView } from '../lpco/registry.js';
import type { MappingCatalogue } from '../mapping/catalogue.js';
import type { ValidationOptions } from '../validation/validate-document.js';
import type { DocumentFormat, IngestRequest, IngestResult, ReadDocument } from './ingest.js';
import { type LpcoRegistryAccess, MEDIA_TYPES, readConsignment, readDeclaration, readLpcoDocument } from './readers.js';

export interface LodgeDeps {
  ingest: (req: IngestRequest) => Promise<IngestResult>;
  mappings: MappingCatalogue;
  validation: ValidationOptions;
  registry: LpcoRegistryAccess;
  /** Gives back what a sender's declarations with this LRN reserved of their e-LPCOs. */
  releaseCancelled: (sender: string, lrn: string) => Promise<void>;
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

export function lodgeDeclaration(deps: LodgeDeps, l: Lodgement): Promise<IngestResult> {
  const read = () => releasingOnCancellation(deps, l.sender, readDeclaration(l.body, l.format, validationFor(deps.validation, l.sender), deps.registry));
  return deps.ingest({ ...common(l), documentKind: 'declaration', mediaType: MEDIA_TYPES[l.format], read });
}

/** DMS TypeCode of a cancellation (FunctionCode 13): it names the declaration it cancels by its LRN. */
const CANCELLATION = 'INV';

/** A cancellation, once accepted, gives back what the declaration it cancels reserved of its e-LPCOs. */
function releasingOnCancellation(deps: LodgeDeps, sender: Participant, read: ReadDocument): ReadDocument {
  const lrn = read.messageId;
  if (read.facts.typeCode !== CANCELLATION || !lrn) return read;
  return {
    ...read,
    beforeStore: async (exchangeId) => {
      await deps.releaseCancelled(sender.id, lrn);
      return (await read.beforeStore?.(exchangeId)) ?? {};
    },
  };
}

/** E-commerce advance data: kept as received, routed as the low-value declaration made of it. */
export function lodgeConsignment(deps: LodgeDeps, l: Lodgement): Promise<IngestResult> {
  return deps.ingest({ ...common(l), documentKind: 'consignment', mediaType: MEDIA_TYPES[l.format], receivedAs: 'consignment', read: () => readConsignment(l.body, deps.mappings, deps.validation) });
}

/** An e-LPCO from its issuing agency (or a partner country): registered, then routed. */
export function lodgeLpco(deps: LodgeDeps, l: Lodgement): Promise<IngestResult> {
  return deps.ingest({ ...common(l), documentKind: 'lpco', mediaType: MEDIA_TYPES[l.format], receivedAs: 'lpco', read: () => readLpcoDocument(l.body, l.format, deps.mappings, deps.registry, l.sender.id) });
}

/**
 * An issuer's change of an e-LPCO's status, as a document of its own: routed to those who
 * receive the issuer's LPCOs (agreements on `lpco-status`) and logged like any exchange.
 */
export function lodgeLpcoStatus(deps: LodgeDeps, issuer: Participant, view: LpcoView, reason: string, at: Date): Promise<IngestResult> {
  const change = { lpcoId: view.id, documentCode: view.documentCode, number: view.number, holderId: view.holderId, status: view.status, reason, changedBy: issuer.id, changedAt: at.toISOString(), lines: view.lines };
  const content = JSON.stringify(change);
  const body = Buffer.from(content);
  const facts = { citedDocumentCodes: [view.documentCode], ...(view.document.exportCountry ? { exportCountry: view.document.exportCountry } : {}), ...(view.document.importCountry ? { destinationCountry: view.document.importCountry } : {}) };
  return deps.ingest({
    sender: issuer,
    documentKind: 'lpco-status',
    body,
    mediaType: 'application/json',
    read: () => ({ facts, findings: [], document: { content, mediaType: 'application/json', format: 'lpco-status' }, messageId: `${view.number}:${view.status}` }),
  });
}
