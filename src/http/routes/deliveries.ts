import type { FastifyInstance } from 'fastify';
import type { Participant } from '../../config/types.js';
import type { Acknowledgement, AcknowledgementResult } from '../../pipeline/acknowledge.js';
import { bearerSecurity, findingSchema, problems } from '../schemas.js';

export interface DeliveryRouteDeps {
  acknowledge: (from: Participant, ack: Acknowledgement) => Promise<AcknowledgementResult>;
  retry: (operator: Participant, exchangeId: string, destination: string) => Promise<void>;
}

export function deliveryRoutes(app: FastifyInstance, deps: DeliveryRouteDeps): void {
  app.post<{ Body: Acknowledgement }>(
    '/v1/acknowledgements',
    {
      schema: {
        operationId: 'acknowledgeDelivery',
        tags: ['exchanges'],
        summary: "A destination's receipt for a delivery it answered with 202",
        description:
          'Only the destination of the delivery may acknowledge it, and only with the SHA-256 of exactly the bytes it was sent. Repeating the same acknowledgement is harmless; changing it is a 409.',
        security: bearerSecurity,
        body: {
          type: 'object',
          required: ['messageId', 'receipt'],
          additionalProperties: false,
          properties: {
            messageId: { type: 'string', description: 'The X-Swgate-Message-Id of the delivery', maxLength: 200 },
            receipt: {
              description: 'The receipt: a compact JWS (typ swgate-receipt+jws, required of destinations with a trust store), or a plain object',
              oneOf: [
                { type: 'string', pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$' },
                {
                  type: 'object',
                  required: ['status', 'receivedSha256'],
                  properties: {
                    status: { type: 'string', enum: ['accepted', 'accepted-with-warnings', 'rejected'] },
                    receivedSha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
                    receiptId: { type: 'string' },
                    issuedBy: { type: 'string' },
                    issuedAt: { type: 'string' },
                    findings: { type: 'array', items: findingSchema },
                  },
                },
              ],
            },
          },
        },
        response: {
          202: {
            type: 'object',
            required: ['exchangeId', 'deliveryStatus', 'repeated'],
            properties: { exchangeId: { type: 'string' }, deliveryStatus: { type: 'string' }, repeated: { type: 'boolean' } },
          },
          ...problems(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request, reply) => reply.code(202).send(await deps.acknowledge(request.participant, request.body)),
  );

  app.post<{ Params: { id: string; destination: string } }>(
    '/v1/exchanges/:id/deliveries/:destination/retry',
    {
      schema: {
        operationId: 'retryDelivery',
        tags: ['exchanges'],
        summary: 'Re-queue a failed delivery (operators)',
        security: bearerSecurity,
        params: { type: 'object', required: ['id', 'destination'], properties: { id: { type: 'string' }, destination: { type: 'string' } } },
        response: { 202: { type: 'object', required: ['status'], properties: { status: { type: 'string' } } }, ...problems(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await deps.retry(request.participant, request.params.id, request.params.destination);
      return reply.code(202).send({ status: 'queued' });
    },
  );
}
