/**
 * Transit movements over HTTP, the way the CTC Traders API has them (docs/TRANSIT.md):
 * departures (CC015C) and arrivals (CC007C), their messages either way, and the messages a trader
 * adds (CC013C, CC014C, CC170C; CC044C). A movement is its owner's: anyone else but customs gets
 * 404, exactly as for an id that does not exist.
 */
import type { FastifyInstance } from 'fastify';
import type { Participant } from '../../config/types.js';
import { finding, RejectionError } from '../../findings.js';
import type { TransitAccepted, TransitLodgement } from '../../pipeline/transit.js';
import { TRANSIT_SCENARIOS } from '../../sandbox/transit-customs.js';
import { findDocument, type Store } from '../../store/exchanges.js';
import { tablesOf } from '../../store/db.js';
import { writeInBatch } from '../../store/write-batches.js';
import { ARRIVAL_STATES, DEPARTURE_STATES, type MovementKind } from '../../transit/movement-state.js';
import type { MovementMessageRow, MovementRow, MovementTables } from '../../transit/movement-tables.js';
import {
  findMessage,
  findMovement,
  flagForEnquiry,
  listMessages,
  listMovements,
  mayReadMovement,
  type MovementDb,
  overdueMovements,
} from '../../transit/movements.js';
import { acceptRawDocuments, bodyOf, documentBody, XML_BODY, XML_TYPES } from '../documents-in.js';
import { bearerSecurity, problems } from '../schemas.js';
import { scenarioOf } from './documents.js';

export interface MovementRouteDeps {
  lodge: (l: TransitLodgement) => Promise<TransitAccepted>;
  db: MovementDb;
  store: Store;
  bodyLimit: number;
  sandbox: boolean;
  now: () => Date;
}

const PATHS: Record<MovementKind, string> = { departure: '/v1/movements/departures', arrival: '/v1/movements/arrivals' };
const ULID = '^[0-9A-HJKMNP-TV-Z]{26}$';
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: ULID } } } as const;
const messageParams = {
  type: 'object',
  required: ['id', 'messageId'],
  properties: { id: { type: 'string', pattern: ULID }, messageId: { type: 'string', pattern: ULID } },
} as const;

const notFound = (id: string) => new RejectionError(404, 'Not found', [finding('movement.not-found', `No movement ${id} is visible to you.`)]);

const movementSchema = {
  type: 'object',
  required: ['id', 'kind', 'state', 'createdAt', 'updatedAt', 'links'],
  properties: {
    id: { type: 'string', description: 'ULID' },
    kind: { type: 'string', enum: ['departure', 'arrival'] },
    localReferenceNumber: { type: ['string', 'null'] },
    movementReferenceNumber: { type: ['string', 'null'], description: 'Once allocated (IE028); for an arrival, the MRN it names' },
    state: { type: 'string', enum: [...new Set([...DEPARTURE_STATES, ...ARRIVAL_STATES])] },
    holder: { type: ['string', 'null'], description: 'Holder of the transit procedure (departure) or trader at destination (arrival)' },
    officeOfDeparture: { type: ['string', 'null'] },
    officeOfDestination: { type: ['string', 'null'] },
    timeLimit: { type: ['string', 'null'], description: 'By when the goods must reach destination (set at release)' },
    enquiry: { type: ['string', 'null'], description: 'When the movement was flagged overdue for an enquiry' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    links: { type: 'object', required: ['self', 'messages'], properties: { self: { type: 'string' }, messages: { type: 'string' } } },
  },
} as const;

const messageSchema = {
  type: 'object',
  required: ['id', 'type', 'received', 'direction', 'links'],
  properties: {
    id: { type: 'string', description: 'ULID' },
    type: { type: 'string', description: 'IE015, IE928, IE028 …' },
    received: { type: 'string', format: 'date-time' },
    direction: { type: 'string', enum: ['from-trader', 'to-trader', 'from-office'] },
    exchangeId: { type: 'string', description: 'The gateway exchange that carries it (customs and the trader that sent it see it at /v1/exchanges)' },
    links: { type: 'object', required: ['self'], properties: { self: { type: 'string' } } },
  },
} as const;

const acceptedSchema = {
  type: 'object',
  required: ['id', 'messageId', 'exchangeId', 'links'],
  properties: {
    id: { type: 'string', description: 'The movement (ULID)' },
    messageId: { type: 'string', description: 'The message just taken' },
    exchangeId: { type: 'string', description: 'The exchange that carries it' },
    replayed: { type: 'boolean' },
    links: {
      type: 'object',
      required: ['self', 'messages'],
      properties: { self: { type: 'string' }, messages: { type: 'string' }, message: { type: 'string' }, exchange: { type: 'string' } },
    },
  },
} as const;

function movementJson(row: MovementRow) {
  const self = `${PATHS[row.kind]}/${row.id}`;
  return {
    id: row.id,
    kind: row.kind,
    localReferenceNumber: row.lrn,
    movementReferenceNumber: row.mrn,
    state: row.state,
    holder: row.holder,
    officeOfDeparture: row.office_of_departure,
    officeOfDestination: row.office_of_destination,
    timeLimit: row.time_limit,
    enquiry: row.enquiry_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    links: { self, messages: `${self}/messages` },
  };
}

const messageJson = (kind: MovementKind, row: MovementMessageRow) => ({
  id: row.id,
  type: row.type,
  received: row.received_at,
  direction: row.direction,
  exchangeId: row.exchange_id,
  links: { self: `${PATHS[kind]}/${row.movement_id}/messages/${row.id}` },
});

const lodgementHeaders = {
  type: 'object',
  properties: {
    'idempotency-key': { type: 'string', maxLength: 200 },
    'x-sandbox-scenario': {
      type: 'string',
      enum: [...TRANSIT_SCENARIOS],
      description: 'Sandbox only: how the simulated office of departure answers (docs/TRANSIT.md)',
    },
  },
} as const;

const acceptedBody = (kind: MovementKind, accepted: TransitAccepted) => {
  const self = `${PATHS[kind]}/${accepted.movementId}`;
  return {
    id: accepted.movementId,
    messageId: accepted.messageId,
    exchangeId: accepted.exchange.exchangeId,
    replayed: accepted.exchange.replayed,
    links: { self, messages: `${self}/messages`, message: `${self}/messages/${accepted.messageId}`, exchange: `/v1/exchanges/${accepted.exchange.exchangeId}` },
  };
};

export function movementRoutes(app: FastifyInstance, deps: MovementRouteDeps): void {
  const visible = async (participant: Participant, kind: MovementKind, id: string): Promise<MovementRow> => {
    const movement = await findMovement(deps.db, id);
    if (!movement || movement.kind !== kind || !mayReadMovement(participant, movement)) throw notFound(id);
    return movement;
  };

  for (const kind of ['departure', 'arrival'] as const) {
    const path = PATHS[kind];
    const noun = kind === 'departure' ? 'Departure' : 'Arrival';
    const starts = kind === 'departure' ? 'CC015C departure declaration' : 'CC007C arrival notification';
    const follows = kind === 'departure' ? 'CC013C amendment, CC014C invalidation request or CC170C presentation notification' : 'CC044C unloading remarks';

    app.register(async (scope) => {
      acceptRawDocuments(scope, deps.bodyLimit, XML_TYPES);
      const post = (url: string, operationId: string, summary: string, description: string, byId: boolean) =>
        scope.post<{ Params: { id?: string } }>(
          url,
          {
            schema: {
              tags: ['transit'],
              operationId,
              summary,
              description:
                `${description} Answers 202 once the message is read, validated against its CTC phase 5 XSD and the movement's state, stored and logged. ` +
                "Refusals: 400 when it cannot be read, is not a message of this route or the movement's state does not take it; 422 when it breaks its schema (each finding with NCTS `errorPointer` and `errorCode`).",
              security: bearerSecurity,
              ...(byId ? { params: idParams } : {}),
              ...documentBody(`A ${byId ? follows : starts} (application/xml)`, { 'application/xml': XML_BODY }),
              headers: lodgementHeaders,
              response: { 202: acceptedSchema, ...problems(400, 401, 403, 404, 409, 413, 415, 422) },
            },
          },
          async (request, reply) => {
            const idempotencyKey = request.headers['idempotency-key'];
            const scenario = scenarioOf(request, deps.sandbox, TRANSIT_SCENARIOS);
            const accepted = await deps.lodge({
              sender: request.participant,
              body: bodyOf(request),
              kind,
              ...(request.params.id ? { movementId: request.params.id } : {}),
              ...(typeof idempotencyKey === 'string' ? { idempotencyKey } : {}),
              ...(scenario && !request.params.id ? { scenario } : {}),
            });
            const body = acceptedBody(kind, accepted);
            return reply.code(202).header('location', body.links.self).send(body);
          },
        );
      post(path, `lodge${noun}`, `Lodge a ${starts}: a new ${kind} movement`, `The ${starts}; customs' answers follow as messages of the movement.`, false);
      post(`${path}/:id/messages`, `lodge${noun}Message`, `Send a message of a ${kind} movement: ${follows}`, `A ${follows} of one of your movements.`, true);
    });

    app.get<{ Querystring: { limit?: number; cursor?: string } }>(
      path,
      {
        schema: {
          tags: ['transit'],
          operationId: `list${noun}s`,
          summary: `Your ${kind} movements, newest first`,
          security: bearerSecurity,
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: { limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 }, cursor: { type: 'string', pattern: ULID } },
          },
          response: {
            200: {
              type: 'object',
              required: ['movements'],
              properties: { movements: { type: 'array', items: movementSchema }, nextCursor: { type: 'string' } },
            },
            ...problems(400, 401),
          },
        },
      },
      async (request) => {
        const limit = request.query.limit ?? 50;
        const rows = await listMovements(deps.db, request.participant.id, kind, { limit, cursor: request.query.cursor });
        const last = rows.at(-1);
        return { movements: rows.map(movementJson), ...(rows.length === limit && last ? { nextCursor: last.id } : {}) };
      },
    );

    app.get<{ Params: { id: string } }>(
      `${path}/:id`,
      {
        schema: {
          tags: ['transit'],
          operationId: `get${noun}`,
          summary: `A ${kind} movement: its references, state and times`,
          security: bearerSecurity,
          params: idParams,
          response: { 200: movementSchema, ...problems(400, 401, 404) },
        },
      },
      async (request) => movementJson(await visible(request.participant, kind, request.params.id)),
    );

    app.get<{ Params: { id: string } }>(
      `${path}/:id/messages`,
      {
        schema: {
          tags: ['transit'],
          operationId: `list${noun}Messages`,
          summary: `The messages of a ${kind} movement, oldest first (both ways)`,
          security: bearerSecurity,
          params: idParams,
          response: {
            200: { type: 'object', required: ['messages'], properties: { messages: { type: 'array', items: messageSchema } } },
            ...problems(400, 401, 404),
          },
        },
      },
      async (request) => {
        const movement = await visible(request.participant, kind, request.params.id);
        const rows = await listMessages(deps.db, movement.id, request.participant.kind === 'customs');
        return { messages: rows.map((row) => messageJson(kind, row)) };
      },
    );

    app.get<{ Params: { id: string; messageId: string } }>(
      `${path}/:id/messages/:messageId`,
      {
        schema: {
          tags: ['transit'],
          operationId: `get${noun}Message`,
          summary: 'One message of the movement: the bare CCnnnC document (application/xml)',
          security: bearerSecurity,
          params: messageParams,
          response: { 200: { description: 'The CCnnnC message', content: { 'application/xml': { schema: { type: 'string' } } } }, ...problems(400, 401, 404) },
        },
      },
      async (request, reply) => {
        const movement = await visible(request.participant, kind, request.params.id);
        const message = await findMessage(deps.db, movement.id, request.params.messageId);
        // Between offices: customs' own business (an arrival advice read by another trader would tell who received the goods).
        if (!message || (message.direction === 'from-office' && request.participant.kind !== 'customs'))
          throw new RejectionError(404, 'Not found', [
            finding('movement.message-not-found', `Movement ${movement.id} has no message ${request.params.messageId}.`),
          ]);
        const document = await findDocument(deps.store, message.exchange_id, 'original');
        if (!document) throw new Error(`exchange ${message.exchange_id} has no original`);
        return reply.type('application/xml').send(document.content);
      },
    );
  }

  app.get(
    '/v1/movements/overdue',
    {
      schema: {
        tags: ['transit'],
        operationId: 'listOverdueMovements',
        summary: 'Released departures past their time limit with no arrival, flagged for an enquiry (customs only)',
        security: bearerSecurity,
        response: {
          200: { type: 'object', required: ['movements'], properties: { movements: { type: 'array', items: movementSchema } } },
          ...problems(401, 403),
        },
      },
    },
    async (request) => {
      if (request.participant.kind !== 'customs')
        throw new RejectionError(403, 'Customs only', [finding('movement.customs-only', 'Overdue movements are for customs administrations.')]);
      const now = deps.now();
      const rows = await overdueMovements(deps.db, now);
      const at = now.toISOString();
      const unflagged = rows.filter((r) => r.enquiry_at === null).map((r) => r.id);
      // Through the write batch like every other write, so it waits its turn under the write lock.
      if (unflagged.length > 0) await writeInBatch(deps.store, (transaction) => flagForEnquiry(tablesOf<MovementTables>(transaction.db), unflagged, at));
      return { movements: rows.map((r) => movementJson(r.enquiry_at === null ? { ...r, enquiry_at: at } : r)) };
    },
  );
}
