import type { FastifyInstance } from 'fastify';
import { finding, RejectionError } from '../../findings.js';
import type { ProvenanceRecord } from '../../provenance/record.js';
import { DELIVERY_STATUSES, type DeliveryRow, EXCHANGE_STATUSES } from '../../store/exchange-tables.js';
import type { Store } from '../../store/exchanges.js';
import { listSeenExchanges, recordsSeenBy, seeDocument, seeExchange } from '../../store/visibility.js';
import { provenanceReceiptSchema } from './log.js';
import { bearerSecurity, exchangeSchema, exchangeSummarySchema, problems } from '../schemas.js';

// What a caller may see is decided in store/visibility.ts; an exchange it may not see is answered as one that does not exist.
const notFound = (id: string) => new RejectionError(404, 'Not found', [finding('exchange.not-found', `No exchange ${id} is visible to you.`)]);

const ULID_PATTERN = '^[0-9A-HJKMNP-TV-Z]{26}$';
const participantId = { type: 'string', minLength: 1, maxLength: 100 } as const;
const KNOWN_STATUSES: ReadonlySet<string> = new Set([...EXCHANGE_STATUSES, ...DELIVERY_STATUSES]);

interface ExchangeSearch {
  q?: string;
  sender?: string;
  destination?: string;
  status?: string;
  kind?: string;
  since?: string;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

const parseJson = (text: string | null): unknown => (text === null ? undefined : JSON.parse(text));

const deliveryJson = (d: DeliveryRow) => ({
  destination: d.destination,
  agreement: d.agreement_id,
  format: d.format,
  mapping: d.mapping,
  status: d.status,
  attempts: d.attempts,
  lastError: d.last_error,
  receipt: parseJson(d.receipt),
  updatedAt: d.updated_at,
});

export interface ExchangeRouteDeps {
  store: Store;
  /** The exchange's provenance receipt with the records `only` keeps: records, proofs, checkpoint (verifiable offline). */
  provenanceReceipt: (exchangeId: string, only: (record: ProvenanceRecord) => boolean) => Promise<unknown>;
}

export function exchangeRoutes(app: FastifyInstance, deps: ExchangeRouteDeps): void {
  const { store } = deps;
  const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: ULID_PATTERN } } } as const;

  app.get<{ Params: { id: string } }>(
    '/v1/exchanges/:id',
    {
      schema: {
        operationId: 'getExchange',
        tags: ['exchanges'],
        summary: 'An exchange as the caller may see it: the whole of it for its sender and operators, its own delivery for a destination',
        security: bearerSecurity,
        params: idParams,
        response: { 200: exchangeSchema, ...problems(400, 401, 404) },
      },
    },
    async (request) => {
      const seen = await seeExchange(store, request.params.id, request.participant);
      if (!seen) throw notFound(request.params.id);
      const { exchange } = seen;
      const parts = {
        timeline: seen.events.map((e) => ({ at: e.at, event: e.event, ...(e.destination ? { destination: e.destination } : {}), detail: parseJson(e.detail) })),
        documents: seen.documents.map((d) => ({
          name: d.name,
          mediaType: d.media_type,
          sha256: d.sha256,
          href: `/v1/exchanges/${exchange.id}/documents/${d.name}`,
        })),
      };
      if (seen.role === 'destination') {
        return {
          exchangeId: exchange.id,
          role: seen.role,
          sender: exchange.sender,
          kind: exchange.kind,
          receivedAt: exchange.received_at,
          updatedAt: seen.delivery.updated_at,
          deliveries: [deliveryJson(seen.delivery)],
          ...parts,
        };
      }
      const whole = seen.exchange;
      return {
        exchangeId: whole.id,
        role: seen.role,
        sender: whole.sender,
        kind: whole.kind,
        format: whole.format,
        status: whole.status,
        contentSha256: whole.content_sha256,
        messageId: whole.message_id,
        receivedAt: whole.received_at,
        updatedAt: whole.updated_at,
        facts: JSON.parse(whole.facts),
        findings: JSON.parse(whole.findings),
        deliveries: seen.deliveries.map(deliveryJson),
        ...(seen.control ? { control: seen.control } : {}),
        ...parts,
      };
    },
  );

  app.get<{ Querystring: ExchangeSearch }>(
    '/v1/exchanges',
    {
      schema: {
        operationId: 'listExchanges',
        tags: ['exchanges'],
        summary:
          "The caller's exchanges, newest first: those it sent, and those it receives (as their destination sees them); operators every exchange. Searchable by reference, parties, status, kind and time",
        security: bearerSecurity,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            q: {
              type: 'string',
              minLength: 1,
              maxLength: 200,
              description:
                'Exactly an exchange id, a reference (LRN: Declaration/FunctionalReferenceID), an MRN or a message id. Of exchanges the caller receives, the exchange id only',
            },
            sender: participantId,
            destination: { ...participantId, description: 'Exchanges with a delivery to this participant (of those the caller receives: itself only)' },
            status: { type: 'string', maxLength: 40, description: "The exchange's status; for exchanges the caller receives, its delivery's status" },
            kind: { type: 'string', maxLength: 40 },
            since: {
              type: 'string',
              format: 'date-time',
              description: 'Only exchanges updated at or after this time (for exchanges the caller receives: its delivery updated) (pull notifications)',
            },
            from: { type: 'string', format: 'date-time', description: 'Received at or after this time' },
            to: { type: 'string', format: 'date-time', description: 'Received before this time' },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
            cursor: { type: 'string', pattern: ULID_PATTERN, description: 'nextCursor of the previous page' },
          },
        },
        response: {
          200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: exchangeSummarySchema }, nextCursor: { type: 'string' } } },
          ...problems(400, 401),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const from = instantOf(q.from, 'from');
      const to = instantOf(q.to, 'to');
      const since = instantOf(q.since, 'since');
      if (from !== undefined && to !== undefined && from > to)
        throw new RejectionError(400, 'Malformed request', [finding('exchanges.range', `from (${from}) is after to (${to}).`, '/from')]);
      const status = q.status;
      if (status !== undefined && !KNOWN_STATUSES.has(status))
        throw new RejectionError(400, 'Malformed request', [
          finding('exchanges.status', `Unknown status "${status.slice(0, 40)}": one of ${[...KNOWN_STATUSES].join(', ')}.`, '/status'),
        ]);
      const seen = await listSeenExchanges(store, request.participant, {
        ...(status ? { status } : {}),
        ...(q.kind ? { kind: q.kind } : {}),
        ...(since ? { since } : {}),
        ...(q.q ? { q: q.q } : {}),
        ...(q.sender ? { sender: q.sender } : {}),
        ...(q.destination ? { destination: q.destination } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(q.cursor ? { cursor: q.cursor } : {}),
        limit: q.limit,
      });
      const items = seen.map((s) => {
        const e = s.exchange;
        const common = { exchangeId: e.id, role: s.role, sender: e.sender, kind: e.kind, receivedAt: e.received_at };
        if (s.role === 'destination') return { ...common, updatedAt: s.delivery.updated_at, deliveryStatus: s.delivery.status };
        const whole = s.exchange;
        return {
          ...common,
          status: whole.status,
          messageId: whole.message_id,
          reference: whole.reference,
          mrn: whole.mrn,
          updatedAt: whole.updated_at,
        };
      });
      const last = seen.at(-1);
      return seen.length === q.limit && last ? { items, nextCursor: last.exchange.id } : { items };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/exchanges/:id/provenance',
    {
      schema: {
        operationId: 'getExchangeProvenance',
        tags: ['exchanges', 'provenance'],
        summary:
          "PROV records of the exchange's events the caller may see (all for its sender and operators, its own delivery's for a destination), each with the salt that opens its commitment in the log and an inclusion proof against a signed checkpoint: verify offline with `swgate verify`",
        security: bearerSecurity,
        params: idParams,
        response: { 200: provenanceReceiptSchema, ...problems(400, 401, 404) },
      },
    },
    async (request) => {
      const sees = await recordsSeenBy(store, request.params.id, request.participant);
      if (!sees) throw notFound(request.params.id);
      return deps.provenanceReceipt(request.params.id, (record) => sees(record.activity.destination));
    },
  );

  app.get<{ Params: { id: string; name: string } }>(
    '/v1/exchanges/:id/documents/:name',
    {
      schema: {
        operationId: 'getExchangeDocument',
        tags: ['exchanges'],
        summary: 'A stored document of the exchange: the original, or a mapped or signed output (a destination: only what it was sent)',
        security: bearerSecurity,
        params: {
          type: 'object',
          required: ['id', 'name'],
          properties: { id: idParams.properties.id, name: { type: 'string', pattern: '^[a-z0-9][a-z0-9.-]{0,100}$' } },
        },
        response: {
          200: {
            description:
              'The document as stored, in its own media type (`documents[].mediaType` of the exchange); X-Content-SHA256 is the digest of exactly these bytes',
            headers: { 'x-content-sha256': { type: 'string', description: 'SHA-256 (hex) of the body' } },
            content: {
              'application/xml': { schema: { type: 'string' } },
              'application/json': { schema: {} },
              'application/jose': { schema: { type: 'string', description: 'compact JWS' } },
            },
          },
          ...problems(400, 401, 404),
        },
      },
    },
    async (request, reply) => {
      const { id, name } = request.params;
      const { exchange, document } = await seeDocument(store, id, name, request.participant);
      if (!exchange) throw notFound(id);
      if (!document) throw new RejectionError(404, 'Not found', [finding('document.not-found', `Exchange ${id} has no document "${name}" visible to you.`)]);
      // The stored bytes as they are: the digest in the header is of exactly these.
      return reply.type(document.media_type).header('x-content-sha256', document.sha256).send(document.content);
    },
  );
}

/**
 * A date-time parameter as an ISO instant. The schema's date-time format admits a leap second
 * (23:59:60), which Date cannot hold (toISOString throws): refused 400, naming the parameter.
 */
function instantOf(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time))
    throw new RejectionError(400, 'Malformed request', [finding('request.date-time', `${name} is not a date-time this gateway can hold.`, `/${name}`)]);
  return new Date(time).toISOString();
}
