/**
 * Control results over HTTP: POST and GET /v1/exchanges/{id}/control-results. Who may record and
 * read them is decided in store/visibility.ts (controlAccess), through pipeline/control.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { Participant } from '../../config/types.js';
import type { AppendedLeaf } from '../../provenance/log.js';
import { type ControlReport, type ControlResult, controlReportSchema, controlResultSchema } from '../../risk/control-results.js';
import { bearerSecurity, problems } from '../schemas.js';
import '../request-context.js';

export interface ControlRouteDeps {
  record(
    controller: Participant,
    exchangeId: string,
    report: ControlReport,
    idempotencyKey?: string,
  ): Promise<{ result: ControlResult; provenance: AppendedLeaf }>;
  read(reader: Participant, exchangeId: string): Promise<ControlResult[]>;
}

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[0-9A-HJKMNP-TV-Z]{26}$' } } } as const;

const WHO =
  'Customs (every controller’s results) and the agencies the exchange was routed to (their own); the sender and anyone else who knows the exchange get 403 (control findings are confidential), anyone else 404.';

export function controlResultRoutes(app: FastifyInstance, deps: ControlRouteDeps): void {
  app.post<{ Params: { id: string }; Body: ControlReport }>(
    '/v1/exchanges/:id/control-results',
    {
      schema: {
        operationId: 'recordControlResult',
        tags: ['risk'],
        summary: 'Record what a control of the declared goods found',
        description: `Stored and logged (a \`controlled\` provenance record under the result's own id) in one commit, or refused with nothing written. ${WHO}`,
        security: bearerSecurity,
        params: idParams,
        headers: {
          type: 'object',
          properties: {
            'idempotency-key': {
              type: 'string',
              minLength: 1,
              maxLength: 200,
              description: 'The same key with the same result answers the result it recorded; with another, 409',
            },
          },
        },
        body: controlReportSchema,
        response: {
          201: {
            ...controlResultSchema,
            required: [...controlResultSchema.required, 'provenance'],
            properties: {
              ...controlResultSchema.properties,
              provenance: { type: 'object', required: ['leafIndex', 'leafHash'], properties: { leafIndex: { type: 'integer' }, leafHash: { type: 'string' } } },
            },
          },
          ...problems(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const { result, provenance } = await deps.record(request.participant, request.params.id, request.body, typeof key === 'string' ? key : undefined);
      return reply.code(201).send({ ...result, provenance });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/exchanges/:id/control-results',
    {
      schema: {
        operationId: 'listControlResults',
        tags: ['risk'],
        summary: "An exchange's control results, oldest first",
        description: WHO,
        security: bearerSecurity,
        params: idParams,
        response: {
          200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: controlResultSchema } } },
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (request) => ({ items: await deps.read(request.participant, request.params.id) }),
  );
}
