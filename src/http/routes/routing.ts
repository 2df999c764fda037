import type { FastifyInstance } from 'fastify';
import type { Participant } from '../../config/types.js';
import { finding, RejectionError } from '../../findings.js';
import { TRY_KINDS, type TryKind, type TryRoutingResult } from '../../pipeline/try-routing.js';
import type { DocumentFormat } from '../../pipeline/vocabulary.js';
import { acceptRawDocuments, bodyOf, documentBody, formatOf, JSON_TYPES } from '../documents-in.js';
import { bearerSecurity, problems } from '../schemas.js';

export type TryRouting = (viewer: Participant, sender: Participant, kind: TryKind, body: Buffer, format: DocumentFormat) => Promise<TryRoutingResult>;

const because = { type: 'array', items: { type: 'string' } } as const;

/**
 * POST /v1/routing/try: where a document would go, without sending it (issue 19, the Agreements
 * screen). Taken as its lodging route takes it, under the same body limit and parser limits.
 */
export function routingRoutes(app: FastifyInstance, deps: { tryRouting: TryRouting; participants: ReadonlyMap<string, Participant>; bodyLimit: number }): void {
  app.register(async (scope) => {
    acceptRawDocuments(scope, deps.bodyLimit);
    scope.post<{ Querystring: { kind: TryKind; sender?: string } }>(
      '/v1/routing/try',
      {
        schema: {
          tags: ['reference'],
          operationId: 'tryRouting',
          summary: 'Where a document would go, in which format, with which mapping, and why: read and routed as lodging would, nothing stored',
          description:
            "Refused as its lodging route's reader would refuse it (400, 403, 413, 415, 422 with findings); what lodging checks only as it stores (e-LPCO citations against the registry, registration, Idempotency-Key) is not checked. Operators may try it as another participant would send it (`sender`) and see every agreement with its transport; any other participant sees only the agreements GET /v1/agreements shows it, without transport.",
          security: bearerSecurity,
          querystring: {
            type: 'object',
            additionalProperties: false,
            required: ['kind'],
            properties: {
              kind: { type: 'string', enum: [...TRY_KINDS] },
              sender: { type: 'string', minLength: 1, maxLength: 100, description: 'Operators only: route it as if this participant sent it' },
            },
          },
          ...documentBody('The document as its lodging route takes it: a declaration (XML or WCO JSON), an e-LPCO, a consignment (JSON)'),
          response: {
            200: {
              type: 'object',
              required: ['kind', 'format', 'facts', 'deliveries', 'notMatched'],
              properties: {
                kind: { type: 'string', enum: [...TRY_KINDS] },
                format: { type: 'string', description: 'The format of the document as routed' },
                facts: { type: 'object', additionalProperties: true, description: 'What routing read from it' },
                deliveries: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['destination', 'agreement', 'format', 'mapping', 'because'],
                    properties: {
                      destination: { type: 'string' },
                      agreement: { type: 'string' },
                      format: { type: 'string' },
                      mapping: { type: ['string', 'null'] },
                      transport: { type: 'string', description: 'Operators only' },
                      because: { ...because, description: 'The conditions that held, e.g. "hsChapters 06 matched"' },
                    },
                  },
                },
                notMatched: {
                  type: 'array',
                  items: { type: 'object', required: ['agreement', 'because'], properties: { agreement: { type: 'string' }, because } },
                },
              },
            },
            ...problems(400, 401, 403, 404, 413, 415, 422),
          },
        },
      },
      async (request) => {
        const { kind, sender: asked } = request.query;
        const sender = senderOf(request.participant, asked, deps.participants);
        const format = formatOf(request);
        // Consignments are JSON only, as on POST /v1/consignments.
        if (kind === 'consignment' && format !== 'wco-json')
          throw new RejectionError(415, 'Unsupported media type', [finding('request.media-type', `A consignment is ${JSON_TYPES.join(' or ')}.`)]);
        return deps.tryRouting(request.participant, sender, kind, bodyOf(request), format);
      },
    );
  });
}

function senderOf(caller: Participant, asked: string | undefined, participants: ReadonlyMap<string, Participant>): Participant {
  if (asked === undefined || asked === caller.id) return caller;
  if (!caller.operator)
    throw new RejectionError(403, 'Forbidden', [finding('auth.operator-only', 'Only an operator may try routing as another participant.', '/sender')]);
  const sender = participants.get(asked);
  if (!sender) throw new RejectionError(404, 'Not found', [finding('participant.not-found', `No participant ${asked}.`, '/sender')]);
  return sender;
}
