import type { Agreement, DeliveryPolicy, Participant } from '../config/types.js';
import { type DeclarationFacts, declarationFactsOf } from '../documents/declaration.js';
import { type Finding, finding, hasErrors, RejectionError } from '../findings.js';
import { validateDocument, type ValidationOptions } from '../validation/validate-document.js';
import { sha256Hex } from '../hashing.js';
import { routeDocument } from '../routing/agreements.js';
import type { DeliveryJob } from '../routing/queues.js';
import type { AppendedLeaf } from '../provenance/log.js';
import type { ExchangeRow, ExchangeStatus } from '../store/exchange-tables.js';
import { GATEWAY_AGENT, type RecordProvenance } from './settle.js';
import { deleteExchange, findByIdempotencyKey, insertAcceptedExchange, newId, type Store } from '../store/exchanges.js';

export type DocumentFormat = 'wco-xml' | 'wco-json';

export interface IngestDeps {
  store: Store;
  agreements: readonly Agreement[];
  enqueue: (job: DeliveryJob, policy: DeliveryPolicy) => Promise<void>;
  recordProvenance: RecordProvenance;
  validation: ValidationOptions;
  now: () => Date;
}

export interface IngestRequest {
  sender: Participant;
  documentKind: 'declaration';
  format: DocumentFormat;
  body: Buffer;
  idempotencyKey?: string;
  /** Sandbox only: passed on to the simulated destinations. */
  scenario?: string;
  /** What proves who sent it, when it came signed: kept with the exchange. */
  evidence?: ReceivedEvidence;
}

export interface ReceivedEvidence {
  envelope: Buffer;
  mediaType: string;
  signature: unknown;
  certificateFingerprint: string;
}

export interface IngestResult {
  exchangeId: string;
  status: ExchangeStatus;
  receivedAt: string;
  contentSha256: string;
  /** True when an earlier request with the same idempotency key and content is answered again. */
  replayed: boolean;
  /** Where its receipt stands in the provenance log (absent when replayed). */
  provenance?: AppendedLeaf;
}

const MEDIA_TYPES: Record<DocumentFormat, string> = { 'wco-xml': 'application/xml', 'wco-json': 'application/json' };

/**
 * received → validated → routed: reads the document, picks the agreements that route it,
 * stores the exchange with one delivery per destination, and queues those deliveries.
 * A refused document leaves nothing behind: no exchange row, no job.
 */
export async function ingestDocument(deps: IngestDeps, req: IngestRequest): Promise<IngestResult> {
  const contentSha256 = sha256Hex(req.body);
  if (req.idempotencyKey !== undefined) {
    const earlier = await findByIdempotencyKey(deps.store, req.sender.id, req.idempotencyKey);
    if (earlier) return replay(earlier, contentSha256);
  }

  const receivedAt = deps.now().toISOString();
  const { facts, findings } = readValidDeclaration(req.body, req.format, deps.validation);
  const validatedAt = deps.now().toISOString();
  const agreements = routeDocument(deps.agreements, { documentKind: req.documentKind, sender: req.sender, facts });
  if (agreements.length === 0) throw noAgreement(req, facts);

  const exchangeId = newId();
  const routedAt = deps.now().toISOString();
  const exchange: ExchangeRow = {
    id: exchangeId,
    sender: req.sender.id,
    kind: req.documentKind,
    format: req.format,
    status: 'routed',
    content_sha256: contentSha256,
    message_id: facts.lrn,
    idempotency_key: req.idempotencyKey ?? null,
    scenario: req.scenario ?? null,
    facts: JSON.stringify(facts),
    findings: JSON.stringify(findings),
    received_at: receivedAt,
    updated_at: routedAt,
  };
  try {
    await insertAcceptedExchange(deps.store, {
      exchange,
      documents: [
        { exchange_id: exchangeId, name: 'original', media_type: MEDIA_TYPES[req.format], sha256: contentSha256, content: req.body.toString('utf8'), created_at: receivedAt },
        ...(req.evidence
          ? [{ exchange_id: exchangeId, name: 'envelope', media_type: req.evidence.mediaType, sha256: sha256Hex(req.evidence.envelope), content: req.evidence.envelope.toString('utf8'), created_at: receivedAt }]
          : []),
      ],
      deliveries: agreements.map((a) => ({
        exchange_id: exchangeId,
        destination: a.destination,
        agreement_id: a.id,
        format: a.format,
        mapping: a.mapping ?? null,
        status: 'queued',
        attempts: 0,
        last_error: null,
        sent_sha256: null,
        receipt: null,
        updated_at: routedAt,
      })),
      events: [
        { event: 'received', at: receivedAt, detail: { sender: req.sender.id, format: req.format, contentSha256, ...(req.evidence ? { signature: req.evidence.signature } : {}) } },
        { event: 'validated', at: validatedAt, ...(findings.length > 0 ? { detail: { warnings: findings.length } } : {}) },
        { event: 'routed', at: routedAt, detail: { deliveries: agreements.map((a) => ({ destination: a.destination, agreement: a.id })) } },
      ],
    });
  } catch (error) {
    // Two requests with one idempotency key raced: the loser answers as the winner did.
    if (req.idempotencyKey !== undefined) {
      const winner = await findByIdempotencyKey(deps.store, req.sender.id, req.idempotencyKey);
      if (winner) return replay(winner, contentSha256);
    }
    throw error;
  }

  try {
    await Promise.all(agreements.map((a) => deps.enqueue({ exchangeId, destination: a.destination }, a.delivery)));
  } catch (error) {
    await deleteExchange(deps.store, exchangeId);
    throw new RejectionError(503, 'Delivery queue unavailable', [finding('queue.unavailable', `The document was not accepted: the delivery queue did not answer (${(error as Error).message}). Send it again later.`)]);
  }
  const original = { contentSha256, name: 'original', mediaType: MEDIA_TYPES[req.format] };
  const [received] = await deps.recordProvenance([
    {
      exchangeId,
      event: 'received',
      time: new Date(receivedAt),
      entity: original,
      agent: { participant: req.sender.id, ...(req.evidence ? { certificateFingerprint: req.evidence.certificateFingerprint } : {}) },
    },
    { exchangeId, event: 'validated', time: new Date(validatedAt), entity: original, used: [original], agent: { participant: GATEWAY_AGENT } },
    { exchangeId, event: 'routed', time: new Date(routedAt), entity: original, used: [original], agent: { participant: GATEWAY_AGENT } },
  ]);
  return { exchangeId, status: exchange.status, receivedAt, contentSha256, replayed: false, ...(received ? { provenance: received } : {}) };
}

/**
 * Malformed input throws 400 (from the parser); a declaration that breaks its schema or a
 * business rule is refused 422 with every finding; warnings travel with the exchange.
 */
function readValidDeclaration(body: Buffer, format: DocumentFormat, options: ValidationOptions): { facts: DeclarationFacts; findings: Finding[] } {
  const { findings, wcoJson } = validateDocument(body, format, options);
  if (!wcoJson || hasErrors(findings)) {
    const errors = findings.filter((f) => f.severity === 'error').length;
    throw new RejectionError(422, 'Declaration not valid', findings, `The declaration has ${errors} error${errors === 1 ? '' : 's'}; the findings say where.`);
  }
  return { facts: declarationFactsOf(wcoJson), findings };
}

function replay(earlier: ExchangeRow, contentSha256: string): IngestResult {
  if (earlier.content_sha256 !== contentSha256) {
    throw new RejectionError(409, 'Idempotency key reused', [
      finding('idempotency.conflict', `Idempotency-Key "${earlier.idempotency_key}" was used for exchange ${earlier.id} with different content.`, '', 'error'),
    ]);
  }
  return { exchangeId: earlier.id, status: earlier.status, receivedAt: earlier.received_at, contentSha256, replayed: true };
}

function noAgreement(req: IngestRequest, facts: DeclarationFacts): RejectionError {
  const chapters = [...new Set(facts.hsCodes.map((c) => c.slice(0, 2)))];
  const described = [
    `type ${facts.typeCode}`,
    chapters.length ? `HS chapters ${chapters.join(', ')}` : 'no HS codes',
    facts.destinationCountry ? `destination ${facts.destinationCountry}` : undefined,
    facts.citedDocumentCodes.length ? `documents ${facts.citedDocumentCodes.join(', ')}` : undefined,
  ].filter(Boolean);
  return new RejectionError(422, 'No agreement routes this document', [
    finding('routing.no-agreement', `No agreement routes a ${req.documentKind} from ${req.sender.id} (${req.sender.kind}) with ${described.join('; ')}. GET /v1/agreements lists what you may send.`),
  ]);
}
