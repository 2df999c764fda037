import type { Agreement, Participant } from '../config/types.js';
import { finding, RejectionError } from '../findings.js';
import type { MappingCatalogue } from '../mapping/catalogue.js';
import { agreementsFor, explainRouting } from '../routing/agreements.js';
import { type ValidationOptions, validationFor } from '../validation/validate-document.js';
import type { ReadDocument } from './ingest.js';
import { refuseNonIssuer } from './lodge.js';
import { readConsignment, readDeclaration, readLpcoDocument } from './readers.js';
import type { DocumentFormat } from './vocabulary.js';

export const TRY_KINDS = ['declaration', 'lpco', 'consignment'] as const;
export type TryKind = (typeof TRY_KINDS)[number];

export interface TryRoutingDeps {
  agreements: readonly Agreement[];
  mappings: MappingCatalogue;
  validation: ValidationOptions;
}

interface RoutedTo {
  destination: string;
  agreement: string;
  format: string;
  mapping: string | null;
  /** Operators only: how the gateway carries it on, as GET /v1/agreements shows. */
  transport?: string;
  because: string[];
}

export interface TryRoutingResult {
  kind: TryKind;
  /** The format of the document as it would be routed. */
  format: string;
  facts: ReadDocument['facts'];
  deliveries: RoutedTo[];
  notMatched: Array<{ agreement: string; because: string[] }>;
}

/**
 * Where a document would go, in which format, with which mapping, and why (issue 19): read by the
 * same reader as its lodging route, so it is refused as that reader would refuse it (400, 403,
 * 422), then routed by explainRouting. What lodging checks only as it stores (e-LPCO citations
 * against the registry, registration, duplicates) is not checked: docs/API.md says so. Nothing is stored, reserved, registered or logged: the
 * readers are pure, and ingest, which writes, is never called. A document no agreement routes is
 * refused 422 as on lodging, with the reasons of each agreement among its findings.
 *
 * The viewer (who asked) sees only what GET /v1/agreements shows it: an operator everything, any
 * other participant only the agreements it may send under, and never their transport.
 */
export async function tryRouting(
  deps: TryRoutingDeps,
  viewer: Participant,
  sender: Participant,
  kind: TryKind,
  body: Buffer,
  format: DocumentFormat,
): Promise<TryRoutingResult> {
  const read = await readAs(deps, sender, kind, body, format);
  const explanation = explainRouting(deps.agreements, { documentKind: kind, sender, facts: read.facts });
  const shown = viewer.operator ? undefined : new Set(agreementsFor(deps.agreements, viewer).map((a) => a.id));
  const notMatched = explanation.notMatched
    .filter(({ agreement }) => shown === undefined || shown.has(agreement.id))
    .map(({ agreement, because }) => ({ agreement: agreement.id, because }));
  if (explanation.matched.length === 0)
    throw new RejectionError(422, 'No agreement routes this document', [
      finding('routing.no-agreement', `No agreement routes a ${kind} from ${sender.id} (${sender.kind}).`),
      ...notMatched.map((n) => finding('routing.not-matched', `${n.agreement}: ${n.because.join('; ')}`, '', 'info')),
    ]);
  return {
    kind,
    format: read.document.format ?? (read.document.mediaType === 'application/xml' ? 'wco-xml' : 'wco-json'),
    facts: read.facts,
    deliveries: explanation.matched
      .filter(({ agreement }) => shown === undefined || shown.has(agreement.id))
      .map(({ agreement, because }) => ({
        destination: agreement.destination,
        agreement: agreement.id,
        format: agreement.format,
        mapping: agreement.mapping ?? null,
        ...(viewer.operator ? { transport: agreement.transport } : {}),
        because,
      })),
    notMatched,
  };
}

function readAs(deps: TryRoutingDeps, sender: Participant, kind: TryKind, body: Buffer, format: DocumentFormat): Promise<ReadDocument> | ReadDocument {
  if (kind === 'declaration') return readDeclaration(body, format, validationFor(deps.validation, sender), sender, false);
  if (kind === 'consignment') return readConsignment(body, deps.mappings, deps.validation, sender);
  refuseNonIssuer(sender);
  return readLpcoDocument(body, format, deps.mappings, sender);
}
