/**
 * The LPCO registry over HTTP: GET /v1/lpcos/{id} and POST /v1/lpcos/{id}/status.
 *
 * Who sees an LPCO is decided in store/visibility.ts (mayReadLpco); anyone else gets 404, so ids
 * leak nothing. Only the issuer changes the status (403 for everyone else who can see it,
 * operators included).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Participant } from '../../config/types.js';
import { RejectionError, finding } from '../../findings.js';
import { ISSUER_STATUSES, type IssuerStatus } from '../../lpco/lifecycle.js';
import { LPCO_STATUSES, type LpcoStatus, lpcoSchema } from '../../lpco/lpco.js';
import { type LpcoDb, type LpcoView, type StatusChange, changeStatus, getLpco, listLpcos } from '../../lpco/registry.js';
import type { DatabaseKind } from '../../store/db.js';
import { lpcoScopeOf, mayReadLpco } from '../../store/visibility.js';
import { bearerSecurity, problems } from '../schemas.js';
import '../request-context.js';

export interface LpcoRouteDeps {
  db: LpcoDb;
  kind: DatabaseKind;
  now?: () => Date;
  /**
   * Changes the status and lodges the status document that tells those who hold the LPCO, as
   * one: both stored or neither (lodge.ts, lodgeLpcoStatus). Without it, the registry alone.
   */
  changeStatus?: (id: string, change: StatusChange, issuer: Participant) => Promise<LpcoView>;
}

const statusSchema = { type: 'string', enum: [...LPCO_STATUSES] } as const;

const lpcoViewSchema = {
  type: 'object',
  required: [
    'id',
    'documentCode',
    'number',
    'issuerParticipant',
    'holderId',
    'status',
    'validFrom',
    'validUntil',
    'replacedBy',
    'registeredAt',
    'updatedAt',
    'lines',
    'history',
    'document',
  ],
  properties: {
    id: { type: 'string', description: 'ULID' },
    documentCode: { type: 'string', description: 'WCO DM AdditionalDocument CategoryCode + TypeCode' },
    number: { type: 'string' },
    issuerParticipant: { type: 'string', description: 'The participant that registered it and alone may change it' },
    holderId: { type: 'string' },
    status: { ...statusSchema, description: 'As of now: past validUntil reads as expired' },
    validFrom: { type: 'string', format: 'date' },
    validUntil: { type: 'string', format: 'date' },
    replacedBy: { type: ['string', 'null'], description: 'Id of the LPCO that replaced this one' },
    registeredAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    lines: {
      type: 'array',
      items: {
        type: 'object',
        required: ['sequence', 'quantityControlled'],
        properties: {
          sequence: { type: 'string' },
          quantityControlled: {
            type: 'boolean',
            description: 'false: the document states no usable quantity for the line; nothing is drawn on it (no unit, quantity or remaining)',
          },
          hsCode: { type: 'string', description: 'Absent where the document classifies the goods by name only' },
          unit: { type: 'string' },
          quantity: { type: 'string', description: 'Decimal, as issued' },
          remaining: { type: 'string', description: 'Decimal: the quantity not yet reserved or written off' },
        },
      },
    },
    history: {
      type: 'array',
      items: {
        type: 'object',
        required: ['at', 'from', 'to', 'reason', 'actor'],
        properties: {
          at: { type: 'string', format: 'date-time' },
          from: { anyOf: [statusSchema, { type: 'null' }] },
          to: statusSchema,
          reason: { type: 'string' },
          actor: { type: 'string', description: 'Participant id, or "registry" for changes that follow from write-offs' },
          movement: {
            type: 'object',
            description:
              'A quantity movement by a declaration (absent for status changes): reserved at lodging, written off when customs accepts, released when customs rejects, given back when customs accepts its cancellation',
            required: ['kind', 'declarationExchangeId', 'line', 'quantity'],
            properties: {
              kind: { type: 'string', enum: ['reserved', 'written-off', 'released', 'given-back'] },
              declarationExchangeId: { type: 'string' },
              line: { type: 'string' },
              quantity: { type: 'string', description: "Decimal, in the line's unit" },
            },
          },
        },
      },
    },
    document: { type: 'object', description: 'The LPCO as registered', required: lpcoSchema.required, properties: lpcoSchema.properties },
  },
} as const;

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[0-9A-HJKMNP-TV-Z]{26}$' } } } as const;

export function lpcoRoutes(app: FastifyInstance, deps: LpcoRouteDeps): void {
  const options = deps.now ? { now: deps.now } : {};

  const notFound = (id: string) => new RejectionError(404, 'Not found', [finding('lpco.not-found', `No LPCO ${id} is visible to you.`)]);

  async function visibleLpco(request: FastifyRequest, id: string): Promise<LpcoView> {
    const lpco = await getLpco(deps.db, id, options);
    if (!lpco || !mayReadLpco(request.participant, lpco)) throw notFound(id);
    return lpco;
  }

  app.get<{ Querystring: { status?: LpcoStatus; holder?: string; issuer?: string; documentCode?: string; limit: number; cursor?: string } }>(
    '/v1/lpcos',
    {
      schema: {
        operationId: 'listLpcos',
        tags: ['lpcos'],
        summary: 'The e-LPCOs the caller may read, newest registered first: status, lines and remaining quantities (history: GET /v1/lpcos/{id})',
        security: bearerSecurity,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { ...statusSchema, description: 'As GET /v1/lpcos/{id} shows it: a live LPCO past validUntil is expired' },
            holder: { type: 'string', minLength: 1, maxLength: 100 },
            issuer: { type: 'string', minLength: 1, maxLength: 100, description: 'The issuing participant' },
            documentCode: { type: 'string', pattern: '^[A-Z0-9]{1,8}$' },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
            cursor: { type: 'string', pattern: '^[0-9A-HJKMNP-TV-Z]{26}$', description: 'nextCursor of the previous page' },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['lpcos'],
            properties: {
              lpcos: {
                type: 'array',
                items: {
                  type: 'object',
                  required: lpcoViewSchema.required.filter((r) => r !== 'history' && r !== 'document'),
                  properties: (({ history: _h, document: _d, ...rest }) => rest)(lpcoViewSchema.properties),
                },
              },
              nextCursor: { type: 'string' },
            },
          },
          ...problems(400, 401),
        },
      },
    },
    async (request) => {
      const { limit, cursor, status, holder, issuer, documentCode } = request.query;
      const lpcos = await listLpcos(
        deps.db,
        lpcoScopeOf(request.participant),
        {
          limit,
          ...(cursor ? { cursor } : {}),
          ...(status ? { status } : {}),
          ...(holder ? { holder } : {}),
          ...(issuer ? { issuer } : {}),
          ...(documentCode ? { documentCode } : {}),
        },
        options,
      );
      const last = lpcos.at(-1);
      return lpcos.length === limit && last ? { lpcos, nextCursor: last.id } : { lpcos };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/lpcos/:id',
    {
      schema: {
        operationId: 'getLpco',
        tags: ['lpcos'],
        summary: 'An e-LPCO in the registry: status, remaining quantity per line, history',
        security: bearerSecurity,
        params: idParams,
        response: { 200: lpcoViewSchema, ...problems(400, 401, 404) },
      },
    },
    async (request) => visibleLpco(request, request.params.id),
  );

  app.post<{ Params: { id: string }; Body: { status: IssuerStatus; reason: string } }>(
    '/v1/lpcos/:id/status',
    {
      schema: {
        operationId: 'changeLpcoStatus',
        tags: ['lpcos'],
        summary: 'The issuer revokes, withdraws or expires its e-LPCO',
        security: bearerSecurity,
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['status', 'reason'],
          properties: {
            status: { type: 'string', enum: [...ISSUER_STATUSES] },
            reason: { type: 'string', minLength: 1, maxLength: 500 },
          },
        },
        response: { 200: lpcoViewSchema, ...problems(400, 401, 403, 404, 409, 422, 503) },
      },
    },
    async (request) => {
      await visibleLpco(request, request.params.id);
      if (deps.changeStatus) return deps.changeStatus(request.params.id, request.body, request.participant);
      return changeStatus(deps.db, deps.kind, request.params.id, request.body, request.participant.id, options);
    },
  );
}
