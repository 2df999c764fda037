import type { FastifyInstance } from 'fastify';
import type { Participant } from '../../config/types.js';
import type { PartnerMessageResult } from '../../pipeline/partner-messages.js';
import { PARTNER_MESSAGE_KINDS } from '../../risk/partner-messages.js';
import { aeoAuthorisationSchema } from '../../risk/aeo-register.js';
import { acceptRawDocuments, bodyOf, documentBody } from '../documents-in.js';
import { bearerSecurity, problems } from '../schemas.js';

export interface PartnerMessageRouteDeps {
  receive: (partner: Participant, body: Buffer, contentType: string) => Promise<PartnerMessageResult>;
}

/** A hundred AEO statements or fifty findings of 2,000 characters fit many times over, base64 and signature included. */
const PARTNER_MESSAGE_LIMIT = 512 * 1024;

export function partnerMessageRoutes(app: FastifyInstance, deps: PartnerMessageRouteDeps): void {
  app.register(async (scope) => {
    acceptRawDocuments(scope, PARTNER_MESSAGE_LIMIT, ['application/jose']);
    scope.post(
      '/v1/partner-messages',
      {
        schema: {
          tags: ['risk'],
          operationId: 'receivePartnerMessage',
          summary: "A partner customs' signed message under a mutual recognition arrangement: a control result of its export, or AEO statuses of its operators",
          description:
            "A JWS envelope (application/jose) whose header.documentKind is `control-result` (payload: PartnerControlResult) or `aeo-status` (payload: PartnerAeoStatus). Verified against the partner's own trust store, addressed to this gateway, created within 15 minutes; refused unless an arrangement with the partner is configured and covers the kind. The envelope's MessageId is the idempotency key. The answer carries the gateway's signed receipt.",
          security: bearerSecurity,
          ...documentBody('The signed envelope', {
            'application/jose': {
              schema: {
                type: 'string',
                description: 'compact JWS, typ swgate-envelope+jws, of `{header, payload}`; contentSchema is what its payload must be',
                contentSchema: { oneOf: [{ $ref: '#/components/schemas/PartnerControlResult' }, { $ref: '#/components/schemas/PartnerAeoStatus' }] },
              },
            },
          }),
          response: {
            201: {
              type: 'object',
              required: ['messageId', 'kind', 'receivedAt', 'replayed', 'receipt'],
              properties: {
                messageId: { type: 'string' },
                kind: { type: 'string', enum: [...PARTNER_MESSAGE_KINDS] },
                receivedAt: { type: 'string', format: 'date-time' },
                replayed: { type: 'boolean', description: 'The MessageId was taken before with the same content: answered as then, nothing written again' },
                controlId: { type: 'string', description: 'control-result: the id of the stored partner control' },
                authorisations: { type: 'array', items: aeoAuthorisationSchema, description: "aeo-status: each operator's authorisation as it now stands" },
                receipt: { type: 'string', description: 'compact JWS, typ swgate-receipt+jws' },
              },
            },
            ...problems(400, 401, 403, 409, 413, 415, 422, 503),
          },
        },
      },
      async (request, reply) => {
        const { answer, replayed, receipt } = await deps.receive(request.participant, bodyOf(request), String(request.headers['content-type']));
        return reply.code(201).send({ ...answer, replayed, receipt });
      },
    );
  });
}
