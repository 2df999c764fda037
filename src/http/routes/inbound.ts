import type { FastifyInstance } from 'fastify';
import type { Participant } from '../../config/types.js';
import type { InboundResult } from '../../pipeline/inbound.js';
import { acceptRawDocuments, bodyOf, DOCUMENT_TYPES, documentBody, XML_BODY } from '../documents-in.js';
import { acceptedBody } from './documents.js';
import { acceptedSchema, bearerSecurity, problems } from '../schemas.js';

export interface InboundRouteDeps {
  receive: (partner: Participant, body: Buffer, contentType: string) => Promise<InboundResult>;
  bodyLimit: number;
}

export function inboundRoutes(app: FastifyInstance, deps: InboundRouteDeps): void {
  app.register(async (scope) => {
    acceptRawDocuments(scope, deps.bodyLimit, [...DOCUMENT_TYPES, 'application/jose']);
    scope.post(
      '/v1/inbound',
      {
        schema: {
          tags: ['documents'],
          operationId: 'receiveEnvelope',
          summary: "A partner gateway's signed envelope (XML-DSig as application/xml, JWS as application/jose)",
          description:
            "Verified against the sending partner's own trust store; the payload is read only from what was signed, then validated and routed like any document. The envelope's MessageId is the idempotency key. The answer carries the gateway's signed receipt (compact JWS) for the SHA-256 of exactly the bytes received.",
          security: bearerSecurity,
          ...documentBody("The partner gateway's signed envelope", {
            'application/xml': XML_BODY,
            'application/jose': { schema: { type: 'string', description: 'compact JWS' } },
          }),
          response: {
            202: {
              ...acceptedSchema,
              required: [...acceptedSchema.required, 'receipt'],
              properties: { ...acceptedSchema.properties, receipt: { type: 'string', description: 'compact JWS, typ swgate-receipt+jws' } },
            },
            ...problems(400, 401, 403, 409, 413, 415, 422, 503),
          },
        },
      },
      async (request, reply) => {
        const { result, receipt } = await deps.receive(request.participant, bodyOf(request), String(request.headers['content-type']));
        request.log.info({ exchangeId: result.exchangeId, replayed: result.replayed }, 'envelope accepted');
        const accepted = acceptedBody(result);
        return reply
          .code(202)
          .header('location', accepted.links.self)
          .send({ ...accepted, receipt });
      },
    );
  });
}
