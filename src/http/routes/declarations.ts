import type { FastifyInstance } from 'fastify';
import type { IngestRequest, IngestResult } from '../../pipeline/ingest.js';
import { acceptRawDocuments, bodyOf, formatOf } from '../documents-in.js';
import { acceptedSchema, bearerSecurity, problems } from '../schemas.js';

export interface DeclarationRouteDeps {
  ingest: (req: IngestRequest) => Promise<IngestResult>;
  bodyLimit: number;
}

export function declarationRoutes(app: FastifyInstance, deps: DeclarationRouteDeps): void {
  app.register(async (scope) => {
    acceptRawDocuments(scope, deps.bodyLimit);
    scope.post(
      '/v1/declarations',
      {
        schema: {
          tags: ['documents'],
          summary: 'Lodge a declaration (WCO DM XML or WCO JSON)',
          description: 'Answers 202 once the declaration is read, routed by the agreements and its deliveries are queued. Follow it at links.self.',
          security: bearerSecurity,
          headers: { type: 'object', properties: { 'idempotency-key': { type: 'string', maxLength: 200 } } },
          response: { 200: acceptedSchema, 202: acceptedSchema, ...problems(400, 401, 403, 409, 413, 415, 422, 503) },
        },
      },
      async (request, reply) => {
        const idempotencyKey = request.headers['idempotency-key'];
        const result = await deps.ingest({
          sender: request.participant,
          documentKind: 'declaration',
          format: formatOf(request),
          body: bodyOf(request),
          ...(typeof idempotencyKey === 'string' ? { idempotencyKey } : {}),
        });
        request.log.info({ exchangeId: result.exchangeId, replayed: result.replayed }, 'declaration accepted');
        const self = `/v1/exchanges/${result.exchangeId}`;
        return reply
          .code(202)
          .header('location', self)
          .send({ exchangeId: result.exchangeId, status: result.status, receivedAt: result.receivedAt, contentSha256: result.contentSha256, links: { self } });
      },
    );
  });
}
