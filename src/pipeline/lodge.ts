import type { Participant } from '../config/types.js';
import { finding, RejectionError } from '../findings.js';
import { type LpcoDb, type LpcoView, type StatusChange, getLpco, planStatusChange } from '../lpco/registry.js';
import type { MappingCatalogue } from '../mapping/catalogue.js';
import { type ValidationOptions, validationFor } from '../validation/validate-document.js';
import type { IngestRequest, IngestResult } from './ingest.js';
import { readConsignment, readDeclaration, readLpcoDocument } from './readers.js';
import { type DocumentFormat, MEDIA_TYPES } from './vocabulary.js';

export interface LodgeDeps {
  ingest: (req: IngestRequest) => Promise<IngestResult>;
  mappings: MappingCatalogue;
  validation: ValidationOptions;
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

/**
 * A declaration, cancellations (TypeCode INV) included: what a cancellation gives back of the
 * e-LPCOs waits for customs to accept it (lpco-decisions.ts).
 */
export function lodgeDeclaration(deps: LodgeDeps, l: Lodgement): Promise<IngestResult> {
  const read = () => readDeclaration(l.body, l.format, validationFor(deps.validation, l.sender), l.sender);
  return deps.ingest({ ...common(l), documentKind: 'declaration', mediaType: MEDIA_TYPES[l.format], read });
}

/** E-commerce advance data: kept as received, routed as the low-value declaration made of it. */
export function lodgeConsignment(deps: LodgeDeps, l: Lodgement): Promise<IngestResult> {
  return deps.ingest({
    ...common(l),
    documentKind: 'consignment',
    mediaType: MEDIA_TYPES[l.format],
    receivedAs: 'consignment',
    read: () => readConsignment(l.body, deps.mappings, deps.validation, l.sender),
  });
}

/** An e-LPCO from its issuing agency (or a partner country): registered, then routed. */
export async function lodgeLpco(deps: LodgeDeps, l: Lodgement): Promise<IngestResult> {
  // Before routing and before the body is read: a sender that issues nothing is refused for what it is.
  refuseNonIssuer(l.sender);
  return deps.ingest({
    ...common(l),
    documentKind: 'lpco',
    mediaType: MEDIA_TYPES[l.format],
    receivedAs: 'lpco',
    read: () => readLpcoDocument(l.body, l.format, deps.mappings, l.sender),
  });
}

/** Only competent authorities (participants with `issues` in the configuration) lodge e-LPCOs. */
export function refuseNonIssuer(sender: Participant): void {
  if (sender.issues.length === 0) {
    throw new RejectionError(403, 'Not the competent authority', [
      finding(
        'lpco.not-an-issuer',
        `${sender.id} (${sender.kind}) issues no e-LPCOs: only competent authorities (participants with \`issues\` in the configuration) lodge them. A trader cites them in its declaration instead.`,
      ),
    ]);
  }
}

/** What an issuer's status change needs: the registry, and the ingest its status document goes through. */
export interface StatusChangeDeps {
  ingest: LodgeDeps['ingest'];
  lpcoDb: LpcoDb;
  now: () => Date;
}

/**
 * An issuer's change of an e-LPCO's status, as a document of its own: routed to those who
 * receive the issuer's LPCOs (agreements on `lpco-status`) and logged like any exchange. The
 * change is stored with the exchange, in its transaction, or not at all: it is checked first, and
 * the document says what the LPCO will be; it is checked again under the LPCO's lock when it is
 * written. A queue that is down afterwards does not undo it: the reconciler queues the delivery.
 * Refused before that (no agreement routes it: 422), the registry is never touched.
 */
export async function lodgeLpcoStatus(deps: StatusChangeDeps, issuer: Participant, id: string, change: StatusChange): Promise<LpcoView> {
  const options = { now: deps.now };
  const planned = await planStatusChange(deps.lpcoDb, id, change, issuer.id, options);
  const content = JSON.stringify({
    lpcoId: planned.id,
    documentCode: planned.documentCode,
    number: planned.number,
    holderId: planned.holderId,
    status: planned.status,
    reason: change.reason,
    changedBy: issuer.id,
    changedAt: deps.now().toISOString(),
    lines: planned.lines,
  });
  const { exportCountry, importCountry } = planned.document;
  const facts = {
    citedDocumentCodes: [planned.documentCode],
    ...(exportCountry ? { exportCountry } : {}),
    ...(importCountry ? { destinationCountry: importCountry } : {}),
  };
  await deps.ingest({
    sender: issuer,
    documentKind: 'lpco-status',
    body: Buffer.from(content),
    mediaType: 'application/json',
    read: () => ({
      facts,
      findings: [],
      document: { content, mediaType: 'application/json', format: 'lpco-status' },
      messageId: `${planned.number}:${planned.status}`,
      registry: { step: 'change-status', lpcoId: id, change, issuer: issuer.id },
    }),
  });
  return (await getLpco(deps.lpcoDb, id, options)) as LpcoView;
}
