import type { FastifyInstance, FastifyRequest } from 'fastify';
import { finding, RejectionError } from '../../findings.js';
import type { ExchangeRow } from '../../store/exchange-tables.js';
import { deliveriesOf, documentNames, eventsOf, findDocument, findExchange, isRecipient, listExchanges, type Store } from '../../store/exchanges.js';
import { provenanceReceiptSchema } from './log.js';
import { bearerSecurity, exchangeSchema, exchangeSummarySchema, problems } from '../schemas.js';

const notFound = (id: string) => new RejectionError(404, 'Not found', [finding('exchange.not-found', `No exchange ${id} is visible to you.`)]);

/** A participant sees the exchanges it sent or receives; an operator sees all. Others get 404, so ids leak nothing. */
async function visibleExchange(store: Store, request: FastifyRequest, id: string): Promise<ExchangeRow> {
  const exchange = await findExchange(store, id);
  const me = request.participant;
  if (!exchange) throw notFound(id);
  if (me.operator || exchange.sender === me.id || (await isRecipient(store, id, me.id))) return exchange;
  throw notFound(id);
}

const parseJson = (text: string | null): unknown => (text === null ? undefined : JSON.parse(text));

export interface ExchangeRouteDeps {
  store: Store;
  /** The exchange's provenance receipt: records, proofs, checkpoint (verifiable offline). */
  provenanceReceipt: (exchangeId: string) => Promise<unknown>;
}

export function exchangeRoutes(app: FastifyInstance, deps: ExchangeRouteDeps): void {
  const { store } = deps;
  const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[0-9A-HJKMNP-TV-Z]{26}$' } } } as const;

  app.get<{ Params: { id: string } }>(
    '/v1/exchanges/:id',
    { schema: { tags: ['exchanges'], summary: 'An exchange: status, deliveries, timeline, documents', security: bearerSecurity, params: idParams, response: { 200: exchangeSchema, ...problems(400, 401, 404) } } },
    async (request) => {
      const exchange = await visibleExchange(store, request, request.params.id);
      const [deliveries, events, documents] = await Promise.all([deliveriesOf(store, exchange.id), eventsOf(store, exchange.id), documentNames(store, exchange.id)]);
      return {
        exchangeId: exchange.id,
        sender: exchange.sender,
        kind: exchange.kind,
        format: exchange.format,
        status: exchange.status,
        contentSha256: exchange.content_sha256,
        messageId: exchange.message_id,
        receivedAt: exchange.received_at,
        updatedAt: exchange.updated_at,
        facts: JSON.parse(exchange.facts),
        findings: JSON.parse(exchange.findings),
        deliveries: deliveries.map((d) => ({
          destination: d.destination,
          agreement: d.agreement_id,
          format: d.format,
          mapping: d.mapping,
          status: d.status,
          attempts: d.attempts,
          lastError: d.last_error,
          receipt: parseJson(d.receipt),
          updatedAt: d.updated_at,
        })),
        timeline: events.map((e) => ({ at: e.at, event: e.event, ...(e.destination ? { destination: e.destination } : {}), detail: parseJson(e.detail) })),
        documents: documents.map((d) => ({ name: d.name, mediaType: d.media_type, sha256: d.sha256, href: `/v1/exchanges/${exchange.id}/documents/${d.name}` })),
      };
    },
  );

  app.get<{ Querystring: { status?: string; kind?: string; since?: string; limit: number; cursor?: string } }>(
    '/v1/exchanges',
    {
      schema: {
        tags: ['exchanges'],
        summary: "The caller's exchanges, newest first",
        security: bearerSecurity,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string' },
            kind: { type: 'string' },
            since: { type: 'string', format: 'date-time', description: 'Only exchanges updated at or after this time (pull notifications)' },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
            cursor: { type: 'string', description: 'nextCursor of the previous page' },
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
      const rows = await listExchanges(store, {
        ...(request.participant.operator ? {} : { participant: request.participant.id }),
        ...(q.status ? { status: q.status } : {}),
        ...(q.kind ? { kind: q.kind } : {}),
        ...(q.since ? { since: new Date(q.since).toISOString() } : {}),
        ...(q.cursor ? { cursor: q.cursor } : {}),
        limit: q.limit,
      });
      const items = rows.map((e) => ({ exchangeId: e.id, sender: e.sender, kind: e.kind, status: e.status, messageId: e.message_id, receivedAt: e.received_at, updatedAt: e.updated_at }));
      const last = rows.at(-1);
      return rows.length === q.limit && last ? { items, nextCursor: last.id } : { items };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/exchanges/:id/provenance',
    {
      schema: {
        tags: ['exchanges', 'provenance'],
        summary: 'PROV records of every event of the exchange, with inclusion proofs against a signed checkpoint: verify offline with `swgate verify`',
        security: bearerSecurity,
        params: idParams,
        response: { 200: provenanceReceiptSchema, ...problems(400, 401, 404) },
      },
    },
    async (request) => deps.provenanceReceipt((await visibleExchange(store, request, request.params.id)).id),
  );

  app.get<{ Params: { id: string; name: string } }>(
    '/v1/exchanges/:id/documents/:name',
    {
      schema: {
        tags: ['exchanges'],
        summary: 'A stored document of the exchange: the original, or a mapped or signed output',
        security: bearerSecurity,
        params: { type: 'object', required: ['id', 'name'], properties: { id: idParams.properties.id, name: { type: 'string', pattern: '^[a-z0-9][a-z0-9.-]{0,100}$' } } },
        response: { 200: { description: 'The document, in its own media type', type: 'string' }, ...problems(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const exchange = await visibleExchange(store, request, request.params.id);
      const document = await findDocument(store, exchange.id, request.params.name);
      if (!document) throw new RejectionError(404, 'Not found', [finding('document.not-found', `Exchange ${exchange.id} has no document "${request.params.name}".`)]);
      // The stored bytes as they are: the digest in the header is of exactly these.
      return reply.type(document.media_type).header('x-content-sha256', document.sha256).send(document.content);
    },
  );
}
