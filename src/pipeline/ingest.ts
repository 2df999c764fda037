import type { Agreement, DeliveryPolicy, Participant } from '../config/types.js';
import type { DeclarationFacts } from '../documents/declaration.js';
import { type Finding, finding, RejectionError } from '../findings.js';
import { sha256Hex } from '../hashing.js';
import type { AppendedLeaf } from '../provenance/log.js';
import type { RecordInput } from '../provenance/record.js';
import { routeDocument } from '../routing/agreements.js';
import type { DocumentRow, ExchangeRow, ExchangeStatus } from '../store/exchange-tables.js';
import { type AcceptedExchange, findByIdempotencyKey, newId, type Store, writeAcceptedExchange } from '../store/exchanges.js';
import { writeInBatch } from '../store/write-batches.js';
import { GATEWAY_ID } from '../gateway-id.js';
import type { DeclarationRisk } from '../risk/facts.js';
import { type EcommerceSource, insertSource } from '../ecommerce/sources.js';
import { type RegistryDeps, type RegistryStep, writeRegistryStep } from './registry-step.js';
import { historyFor, target, type TargetDeps } from './target.js';
import { writeMovementStep, type MovementStep } from './transit-step.js';
import type { LedgerSettings } from '../transit/guarantees.js';
import { type DeliveryJob, type DocumentKind, type RecordProvenance, WCO_JSON_DOCUMENT } from './vocabulary.js';

export interface IngestDeps {
  store: Store;
  agreements: readonly Agreement[];
  enqueue: (job: DeliveryJob, policy: DeliveryPolicy) => Promise<void>;
  /** Told of a job the queue did not take: the exchange stands, and the reconciler queues its delivery later. */
  onEnqueueFailed: (job: DeliveryJob, error: unknown) => void;
  recordProvenance: RecordProvenance;
  /** How a declaration's citations are judged (registry-step.ts). */
  unknownLpco: RegistryDeps['unknownLpco'];
  now: () => Date;
  /** Targeting: one decision per declaration (target.ts); absent, none is taken. */
  targeting?: TargetDeps;
  /** The guarantee ledger transit movements reserve against (transit-step.ts). */
  guarantees?: LedgerSettings;
}

/** What a kind's reader makes of the received bytes: the document to route, and what routing needs. */
export interface ReadDocument {
  facts: Partial<DeclarationFacts>;
  /** Warnings and notes (errors refuse the document before this). */
  findings: Finding[];
  /** The document routed and delivered: the received bytes, or what was made of them. */
  document: { content: string; mediaType: string; format?: string };
  /** The WCO JSON form of an XML declaration, as validation made it: kept so mappings need not parse the XML again. */
  wcoJson?: string;
  messageId?: string | null;
  /** What search finds it by besides its ids: a declaration's LRN and MRN (store/exchange-tables.ts). */
  references?: { reference: string | null; mrn: string | null };
  /** How the routed document was made from what was received, when a mapping made it. */
  mappedBy?: { mapping: string; specSha256: string };
  /** What the document changes in the e-LPCO registry: written with the exchange, in its transaction; may refuse it. */
  registry?: RegistryStep;
  /** What targeting decides on (a declaration's goods items, or those of the declaration a consignment made). */
  risk?: DeclarationRisk;
  /** An e-commerce consignment's side of its parcel: written with the exchange, in its transaction. */
  ecommerce?: EcommerceSource;
  /** What a transit message changes in the movements store: written with the exchange, in its transaction; may refuse it. */
  movement?: MovementStep;
}

export interface IngestRequest {
  sender: Participant;
  documentKind: DocumentKind;
  /** The bytes as received (a declaration, a consignment, a signed envelope…). */
  body: Buffer;
  mediaType: string;
  /** Kept under this name when the routed document is not the received one ("envelope", "consignment"). */
  receivedAs?: string;
  read: () => Promise<ReadDocument> | ReadDocument;
  idempotencyKey?: string;
  /** Sandbox only: passed on to the simulated destinations. */
  scenario?: string;
  /**
   * What "the same content" means for idempotency, when not the received bytes: a re-sent
   * envelope is signed anew (ECDSA signatures differ each time) around the same payload.
   */
  idempotentContent?: Buffer;
  /** Set when a verified signature proves the sender: recorded with the exchange and in its provenance. */
  signature?: { evidence: unknown; certificateFingerprint: string };
  /**
   * A document its recipient reads through the API (customs' answers on a transit movement,
   * docs/TRANSIT.md) is stored and logged when no agreement routes it, with no delivery: it is
   * final (`delivered`) at once.
   */
  unroutedAllowed?: boolean;
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
  /** What the registry step added (an LPCO's registry id, say). */
  extra?: Record<string, string>;
  /** Warnings and notes the document was accepted with. */
  findings: Finding[];
}

/** Without a configured ledger every GRN is unknown (G01). */
const NO_GUARANTEES: LedgerSettings = { guarantees: [] };

/** What the write batch made of an accepted document: stored, refused by its registry step, or a replay of an earlier one. */
type Stored =
  | { received: AppendedLeaf | undefined; findings: Finding[]; extra: Record<string, string> }
  | { refused: RejectionError }
  | { earlier: ExchangeRow };

/**
 * received → validated → routed: reads the document (by its kind's reader), picks the agreements
 * that route it, then in one transaction writes what it changes in the e-LPCO registry (checked
 * under the registry's locks), the exchange with one delivery per destination, and the log
 * records of each step; then queues those deliveries. A refused
 * document leaves nothing behind: no exchange row, no log record, no job, nothing reserved or
 * registered. Once committed the exchange is accepted: a queue that does not take its jobs then
 * delays it (the reconciler queues them), it does not undo it.
 */
export async function ingestDocument(deps: IngestDeps, req: IngestRequest): Promise<IngestResult> {
  const contentSha256 = sha256Hex(req.idempotentContent ?? req.body);
  if (req.idempotencyKey !== undefined) {
    const earlier = await findByIdempotencyKey(deps.store, req.sender.id, req.idempotencyKey);
    if (earlier) return replay(earlier, contentSha256);
  }

  const receivedAt = deps.now().toISOString();
  const read = await req.read();
  const validatedAt = deps.now().toISOString();
  const agreements = routeDocument(deps.agreements, { documentKind: req.documentKind, sender: req.sender, facts: read.facts });
  if (agreements.length === 0 && !req.unroutedAllowed) throw noAgreement(req, read.facts);

  const registry = { unknownLpco: deps.unknownLpco, now: deps.now };
  const targeting = deps.targeting && read.risk ? { deps: deps.targeting, risk: read.risk, history: await historyFor(deps.store, read.risk) } : undefined;

  const exchangeId = newId();
  const routedAt = deps.now().toISOString();
  const at = { receivedAt, validatedAt, routedAt };
  const receivedSha256 = req.idempotentContent ? sha256Hex(req.body) : contentSha256;
  const routed = { content: read.document.content, mediaType: read.document.mediaType, sha256: sha256Hex(read.document.content) };
  const records = provenanceOf(req, exchangeId, at, { receivedSha256, routed, mappedBy: read.mappedBy });
  const stored = await writeInBatch(deps.store, async (transaction): Promise<Stored> => {
    // Checked again under the write lock: a request with the same key may have been stored
    // since the check above, by this batch's earlier writes or by another process.
    if (req.idempotencyKey !== undefined) {
      const earlier = await findByIdempotencyKey(transaction, req.sender.id, req.idempotencyKey);
      if (earlier) return { earlier };
    }
    const moved = read.movement ? await writeMovementStep(transaction, read.movement, exchangeId, receivedAt, deps.guarantees ?? NO_GUARANTEES) : undefined;
    if (moved?.refused) return { refused: moved.refused };
    const registered = await writeRegistryStep(transaction, registry, read.registry, exchangeId);
    if (registered.refused) return { refused: registered.refused };
    const findings = [...read.findings, ...registered.findings];
    const destinations = agreements.map((a) => a.destination);
    const targeted =
      targeting && (await target(transaction, targeting.deps, targeting.risk, { id: exchangeId, receivedAt, destinations, history: targeting.history }));
    const accepted = acceptedExchange(req, read, exchangeId, at, { contentSha256, receivedSha256, routed, findings, agreements });
    writeAcceptedExchange(transaction, targeted ? { ...accepted, documents: [...accepted.documents, ...targeted.documents] } : accepted);
    if (read.ecommerce) await insertSource(transaction, read.ecommerce, { id: exchangeId, sender: req.sender.id, receivedAt });
    const [received] = await deps.recordProvenance(transaction, [...records, ...registered.provenance, ...(targeted?.records ?? [])]);
    return { received, findings, extra: { ...registered.extra, ...moved?.extra } };
  });
  if ('earlier' in stored) return replay(stored.earlier, contentSha256);
  if ('refused' in stored) throw stored.refused;

  await Promise.all(
    agreements.map((a) => {
      const job = { exchangeId, destination: a.destination };
      return deps.enqueue(job, a.delivery).catch((error: unknown) => deps.onEnqueueFailed(job, error));
    }),
  );
  const { received, findings, extra } = stored;
  return {
    exchangeId,
    status: agreements.length === 0 ? 'delivered' : 'routed',
    receivedAt,
    contentSha256,
    replayed: false,
    findings,
    ...(received ? { provenance: received } : {}),
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
  };
}

/** The rows an accepted document leaves: the exchange, its documents, one delivery per agreement, its timeline. */
function acceptedExchange(
  req: IngestRequest,
  read: ReadDocument,
  exchangeId: string,
  at: { receivedAt: string; validatedAt: string; routedAt: string },
  what: {
    contentSha256: string;
    receivedSha256: string;
    routed: { content: string; mediaType: string; sha256: string };
    findings: Finding[];
    agreements: Agreement[];
  },
): AcceptedExchange {
  const { contentSha256, receivedSha256, routed, findings, agreements } = what;
  const document = (name: string, content: string, mediaType: string, sha256: string): DocumentRow => ({
    exchange_id: exchangeId,
    name,
    media_type: mediaType,
    sha256,
    content,
    created_at: at.receivedAt,
  });
  return {
    exchange: {
      id: exchangeId,
      sender: req.sender.id,
      kind: req.documentKind,
      format: read.document.format ?? (read.document.mediaType === 'application/xml' ? 'wco-xml' : 'wco-json'),
      // Unrouted (req.unroutedAllowed): no delivery to wait for, final at once and nothing left for its end to do.
      status: agreements.length === 0 ? 'delivered' : 'routed',
      content_sha256: contentSha256,
      message_id: read.messageId ?? null,
      idempotency_key: req.idempotencyKey ?? null,
      scenario: req.scenario ?? null,
      facts: JSON.stringify(read.facts),
      findings: JSON.stringify(findings),
      received_at: at.receivedAt,
      updated_at: at.routedAt,
      end_handled_at: agreements.length === 0 ? at.routedAt : null,
      reference: read.references?.reference ?? null,
      mrn: read.references?.mrn ?? null,
    },
    documents: [
      document('original', routed.content, routed.mediaType, routed.sha256),
      ...(read.wcoJson ? [document(WCO_JSON_DOCUMENT, read.wcoJson, 'application/json', sha256Hex(read.wcoJson))] : []),
      ...(req.receivedAs ? [document(req.receivedAs, req.body.toString('utf8'), req.mediaType, receivedSha256)] : []),
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
      updated_at: at.routedAt,
      received_at: at.receivedAt,
      delivered_at: null,
      final_at: null,
    })),
    events: [
      {
        event: 'received',
        at: at.receivedAt,
        detail: { sender: req.sender.id, kind: req.documentKind, contentSha256, ...(req.signature ? { signature: req.signature.evidence } : {}) },
      },
      { event: 'validated', at: at.validatedAt, ...(findings.length > 0 ? { detail: { findings: findings.length } } : {}) },
      { event: 'routed', at: at.routedAt, detail: { deliveries: agreements.map((a) => ({ destination: a.destination, agreement: a.id })) } },
    ],
  };
}

/** received (what came, from whom) → mapped (when a mapping made the routed document) → validated → routed. */
function provenanceOf(
  req: IngestRequest,
  exchangeId: string,
  at: { receivedAt: string; validatedAt: string; routedAt: string },
  docs: { receivedSha256: string; routed: { mediaType: string; sha256: string }; mappedBy: ReadDocument['mappedBy'] },
): RecordInput[] {
  const received = { contentSha256: docs.receivedSha256, name: req.receivedAs ?? 'original', mediaType: req.mediaType };
  const routed = { contentSha256: docs.routed.sha256, name: 'original', mediaType: docs.routed.mediaType };
  const gateway = { participant: GATEWAY_ID };
  return [
    {
      exchangeId,
      event: 'received',
      time: new Date(at.receivedAt),
      entity: received,
      agent: { participant: req.sender.id, ...(req.signature ? { certificateFingerprint: req.signature.certificateFingerprint } : {}) },
    },
    ...(docs.mappedBy
      ? [
          {
            exchangeId,
            event: 'mapped' as const,
            time: new Date(at.validatedAt),
            entity: routed,
            used: [received],
            agent: gateway,
            derivedFrom: { entity: docs.receivedSha256, ...docs.mappedBy },
          },
        ]
      : []),
    { exchangeId, event: 'validated', time: new Date(at.validatedAt), entity: routed, used: [routed], agent: gateway },
    { exchangeId, event: 'routed', time: new Date(at.routedAt), entity: routed, used: [routed], agent: gateway },
  ];
}

function replay(earlier: ExchangeRow, contentSha256: string): IngestResult {
  if (earlier.content_sha256 !== contentSha256) {
    throw new RejectionError(409, 'Idempotency key reused', [
      finding('idempotency.conflict', `Idempotency-Key "${earlier.idempotency_key}" was used for exchange ${earlier.id} with different content.`, '', 'error'),
    ]);
  }
  return {
    exchangeId: earlier.id,
    status: earlier.status,
    receivedAt: earlier.received_at,
    contentSha256,
    replayed: true,
    findings: JSON.parse(earlier.findings) as Finding[],
  };
}

function noAgreement(req: IngestRequest, facts: Partial<DeclarationFacts>): RejectionError {
  const chapters = [...new Set((facts.hsCodes ?? []).map((c) => c.slice(0, 2)))];
  const described = [
    facts.typeCode ? `type ${facts.typeCode}` : undefined,
    chapters.length ? `HS chapters ${chapters.join(', ')}` : 'no HS codes',
    facts.destinationCountry ? `destination ${facts.destinationCountry}` : undefined,
    facts.citedDocumentCodes?.length ? `documents ${facts.citedDocumentCodes.join(', ')}` : undefined,
  ].filter(Boolean);
  return new RejectionError(422, 'No agreement routes this document', [
    finding(
      'routing.no-agreement',
      `No agreement routes a ${req.documentKind} from ${req.sender.id} (${req.sender.kind}) with ${described.join('; ')}. GET /v1/agreements lists what you may send.`,
    ),
  ]);
}
