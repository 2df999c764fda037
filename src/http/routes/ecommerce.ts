/**
 * GET /v1/ecommerce/links/{trackingNumber}: a parcel's e-commerce sources (a platform's order, a
 * post's or express carrier's shipment) and what holding them against each other found
 * (ecommerce/links.ts). Customs only (store/visibility.ts, mayReadPartyLinks).
 */
import type { FastifyInstance } from 'fastify';
import { LINK_FINDING_CODES, linkOf } from '../../ecommerce/links.js';
import { RejectionError, finding } from '../../findings.js';
import type { Store } from '../../store/exchanges.js';
import { bearerSecurity, problems } from '../schemas.js';
import { refusePartyLinks } from './party-links.js';
import '../request-context.js';

const linkSchema = {
  type: 'object',
  required: ['trackingNumber', 'sources', 'findings'],
  properties: {
    trackingNumber: { type: 'string', description: 'As the gateway keys it: letters and digits, upper case' },
    sources: {
      type: 'array',
      description: 'Every consignment that named the tracking number, oldest first',
      items: {
        type: 'object',
        required: ['participant', 'exchangeId'],
        properties: { participant: { type: 'string' }, exchangeId: { type: 'string', description: 'ULID' } },
      },
    },
    findings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['code', 'text'],
        properties: { code: { type: 'string', enum: [...LINK_FINDING_CODES] }, text: { type: 'string' } },
      },
    },
  },
  examples: [
    {
      trackingNumber: 'LX123456785CN',
      sources: [
        { participant: 'platform-demo', exchangeId: '01JH2Q5V8N3R6W0A4C1E7G9K2M' },
        { participant: 'post-demo', exchangeId: '01JH2Q7B4D6F8H0J2L4N6P8R0T' },
      ],
      findings: [{ code: 'value-gap', text: 'Paid 41.50 GBP on the platform; 12.00 GBP declared for shipping.' }],
    },
  ],
} as const;

export function ecommerceRoutes(app: FastifyInstance, deps: { store: Store }): void {
  app.get<{ Params: { trackingNumber: string } }>(
    '/v1/ecommerce/links/:trackingNumber',
    {
      schema: {
        operationId: 'getEcommerceLink',
        tags: ['analytics'],
        summary: "A parcel's linked e-commerce sources and the gaps between them (customs only)",
        security: bearerSecurity,
        params: {
          type: 'object',
          required: ['trackingNumber'],
          properties: { trackingNumber: { type: 'string', pattern: '^[\\x21-\\x7E]{1,35}$', examples: ['LX123456785CN'] } },
        },
        response: { 200: linkSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      refusePartyLinks(request.participant);
      const link = await linkOf(deps.store, request.params.trackingNumber);
      if (!link)
        throw new RejectionError(404, 'Not found', [
          finding('ecommerce.link-not-found', `No consignment names tracking number ${request.params.trackingNumber}.`),
        ]);
      return link;
    },
  );
}
