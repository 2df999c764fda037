/**
 * Customs' AEO register over HTTP: PUT/GET /v1/aeo/authorisations/{operatorId} and the list.
 * Customs alone writes and reads it (403 for everyone else, whatever the body): who holds an
 * authorisation, and who lost one, is customs' business.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { finding, RejectionError } from '../../findings.js';
import type { StatedAuthorisation } from '../../pipeline/aeo-register.js';
import {
  type AeoStatement,
  aeoAuthorisationSchema,
  aeoStatementSchema,
  authorisationsOf,
  statementFaults,
  OPERATOR_ID_PATTERN,
  type RecognitionDb,
  registerOf,
  versionsOf,
} from '../../risk/aeo-register.js';
import { AEO_STATUSES, type AeoStatus } from '../../risk/recognition-tables.js';
import { bearerSecurity, problems } from '../schemas.js';
import '../request-context.js';

export interface AeoRouteDeps {
  db: RecognitionDb;
  change(by: string, operatorId: string, statement: AeoStatement): Promise<StatedAuthorisation>;
}

const operatorParams = {
  type: 'object',
  required: ['operatorId'],
  properties: { operatorId: { type: 'string', pattern: OPERATOR_ID_PATTERN, description: 'EORI, TIN or another operator identifier' } },
} as const;

/** Before the body and query are validated: anyone but customs gets 403, whatever it sent. */
async function customsOnly(request: FastifyRequest): Promise<void> {
  const { participant } = request;
  if (participant.kind !== 'customs')
    throw new RejectionError(403, 'Forbidden', [finding('aeo.not-customs', `The AEO register is customs'; ${participant.id} is a ${participant.kind}.`)]);
}

export function aeoRoutes(app: FastifyInstance, deps: AeoRouteDeps): void {
  const preValidation = customsOnly;
  app.put<{ Params: { operatorId: string }; Body: AeoStatement }>(
    '/v1/aeo/authorisations/:operatorId',
    {
      preValidation,
      schema: {
        operationId: 'putAeoAuthorisation',
        tags: ['risk'],
        summary: "Grant, suspend or revoke an operator's AEO authorisation in customs' own register",
        description:
          'Each change is a new version, kept, and logged (`aeo-changed`) in the same commit; repeating the current statement changes nothing. It counts for the `aeo` fact of the next declaration. Customs only.',
        security: bearerSecurity,
        params: operatorParams,
        body: aeoStatementSchema,
        response: {
          200: {
            ...aeoAuthorisationSchema,
            properties: {
              ...aeoAuthorisationSchema.properties,
              provenance: { type: 'object', required: ['leafIndex', 'leafHash'], properties: { leafIndex: { type: 'integer' }, leafHash: { type: 'string' } } },
            },
          },
          ...problems(400, 401, 403),
        },
      },
    },
    async (request) => {
      const by = request.participant.id;
      const faults = statementFaults(request.body);
      const code = { 'no-such-date': 'aeo.date', 'ends-before-it-starts': 'aeo.valid-to-before-valid-from' } as const;
      if (faults.length > 0)
        throw new RejectionError(
          400,
          'Bad request',
          faults.map((f) => finding(code[f.fault], `${f.text}.`, `/${f.field}`)),
        );
      const { authorisation, provenance } = await deps.change(by, request.params.operatorId, request.body);
      return { ...authorisation, ...(provenance ? { provenance } : {}) };
    },
  );

  app.get<{ Params: { operatorId: string } }>(
    '/v1/aeo/authorisations/:operatorId',
    {
      preValidation,
      schema: {
        operationId: 'getAeoAuthorisation',
        tags: ['risk'],
        summary: "An operator's authorisation in customs' register with every version, and what recognised or other partners state of it",
        security: bearerSecurity,
        params: operatorParams,
        response: {
          200: {
            type: 'object',
            required: ['operatorId', 'history', 'partners'],
            properties: {
              operatorId: { type: 'string' },
              current: aeoAuthorisationSchema,
              history: { type: 'array', items: aeoAuthorisationSchema, description: "Every version in customs' register, oldest first" },
              partners: { type: 'array', items: aeoAuthorisationSchema, description: "Partner customs' current statements of this operator" },
            },
          },
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const by = request.participant.id;
      const { operatorId } = request.params;
      const [all, history] = await Promise.all([authorisationsOf(deps.db, operatorId), versionsOf(deps.db, by, operatorId)]);
      const current = all.find((a) => a.authority === by);
      const partners = all.filter((a) => a.authority !== by);
      if (!current && partners.length === 0)
        throw new RejectionError(404, 'Not found', [finding('aeo.not-found', `No authorisation of ${operatorId} is known.`)]);
      return { operatorId, ...(current ? { current } : {}), history, partners };
    },
  );

  app.get<{ Querystring: { status?: AeoStatus; limit: number; cursor?: string } }>(
    '/v1/aeo/authorisations',
    {
      preValidation,
      schema: {
        operationId: 'listAeoAuthorisations',
        tags: ['risk'],
        summary: "Customs' own register, by operator id",
        security: bearerSecurity,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: [...AEO_STATUSES] },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
            cursor: { type: 'string', pattern: OPERATOR_ID_PATTERN, description: 'nextCursor of the previous page' },
          },
        },
        response: {
          200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: aeoAuthorisationSchema }, nextCursor: { type: 'string' } } },
          ...problems(400, 401, 403),
        },
      },
    },
    async (request) => {
      const by = request.participant.id;
      const { status, cursor, limit } = request.query;
      const items = await registerOf(deps.db, by, { ...(status ? { status } : {}), ...(cursor ? { cursor } : {}), limit });
      const last = items.at(-1);
      return items.length === limit && last ? { items, nextCursor: last.operatorId } : { items };
    },
  );
}
