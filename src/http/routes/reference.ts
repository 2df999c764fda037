import type { FastifyInstance } from 'fastify';
import { type Agreement, TRANSPORTS } from '../../config/types.js';
import { agreementsFor } from '../../routing/agreements.js';
import { bearerSecurity, problems } from '../schemas.js';

const stringArray = { type: 'array', items: { type: 'string' } } as const;

export function referenceRoutes(app: FastifyInstance, deps: { agreements: readonly Agreement[] }): void {
  app.get(
    '/v1/participants/me',
    {
      schema: {
        operationId: 'getMe',
        tags: ['reference'],
        summary: 'Who the credentials belong to',
        security: bearerSecurity,
        response: {
          200: {
            type: 'object',
            required: ['id', 'kind', 'name', 'operator'],
            properties: {
              id: { type: 'string' },
              kind: { type: 'string' },
              name: { type: 'string' },
              country: { type: 'string' },
              operator: { type: 'boolean' },
            },
          },
          ...problems(401),
        },
      },
    },
    async (request) => {
      const { id, kind, name, country, operator } = request.participant;
      return { id, kind, name, operator, ...(country ? { country } : {}) };
    },
  );

  app.get(
    '/v1/agreements',
    {
      schema: {
        operationId: 'listAgreements',
        tags: ['reference'],
        summary: 'What the caller may send, and where each document goes; operators every agreement, with its transport and whole delivery policy',
        security: bearerSecurity,
        response: {
          200: {
            type: 'object',
            required: ['items'],
            properties: {
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['id', 'description', 'when', 'destination', 'format', 'delivery'],
                  properties: {
                    id: { type: 'string' },
                    description: { type: 'string' },
                    when: {
                      type: 'object',
                      properties: {
                        documentKinds: stringArray,
                        senderKinds: stringArray,
                        hsChapters: stringArray,
                        hsHeadings: stringArray,
                        declarationDirections: stringArray,
                        procedureCodes: stringArray,
                        destinationCountries: stringArray,
                        exportCountries: stringArray,
                        citedDocumentCodes: stringArray,
                      },
                    },
                    destination: { type: 'string' },
                    format: { type: 'string' },
                    mapping: { type: 'string' },
                    signing: { type: 'string' },
                    transport: { type: 'string', enum: [...TRANSPORTS], description: 'How deliveries under it travel (operators only)' },
                    delivery: {
                      type: 'object',
                      properties: {
                        attempts: { type: 'integer' },
                        backoffMs: { type: 'integer' },
                        timeoutMs: { type: 'integer' },
                        retry: { type: 'string', enum: ['automatic', 'never'], description: 'operators only' },
                        ratePerSecond: { type: 'number', description: 'operators only' },
                        receiptTimeoutMs: { type: 'integer', description: 'operators only' },
                      },
                    },
                  },
                },
              },
            },
          },
          ...problems(401),
        },
      },
    },
    async (request) => {
      if (request.participant.operator) return { items: deps.agreements };
      // Others see what they may send under, as ever: not how the gateway carries it on.
      return {
        items: agreementsFor(deps.agreements, request.participant).map(({ transport: _transport, delivery, ...rest }) => ({
          ...rest,
          delivery: { attempts: delivery.attempts, backoffMs: delivery.backoffMs, timeoutMs: delivery.timeoutMs },
        })),
      };
    },
  );
}
