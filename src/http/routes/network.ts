/**
 * GET /v1/analytics/network: the parties around one party (analytics/network.ts). Customs only
 * (store/visibility.ts, mayReadPartyLinks). Takes the analytics store's connection from whoever
 * opened it (the composition root), like every analytics route.
 */
import { withConnection } from '../../analytics/read.js';
import { type AnalyticsRouteDeps, heldStore } from './analytics.js';
import type { FastifyInstance } from 'fastify';
import { NETWORK_LIMITS, partyNetwork } from '../../analytics/network.js';
import { RejectionError, finding } from '../../findings.js';
import { bearerSecurity, problems } from '../schemas.js';
import { refusePartyLinks } from './party-links.js';
import '../request-context.js';

const networkSchema = {
  type: 'object',
  required: ['nodes', 'edges'],
  properties: {
    nodes: {
      type: 'array',
      maxItems: NETWORK_LIMITS.maxNodes,
      items: {
        type: 'object',
        required: ['id', 'kind', 'declarations', 'discrepancies'],
        properties: {
          id: { type: 'string', description: 'The identifier as declared (EORI, TIN); `email:…` or `address:…` (normalised) for a party declared without one' },
          kind: { type: 'string', description: 'The role it holds most: importer, exporter, declarant, carrier, seller, buyer, platform' },
          declarations: { type: 'integer' },
          discrepancies: { type: 'integer', description: 'Its declarations in which a control found a discrepancy' },
        },
      },
    },
    edges: {
      type: 'array',
      description: 'Strongest first',
      items: {
        type: 'object',
        required: ['source', 'target', 'kind', 'count'],
        properties: {
          source: { type: 'string' },
          target: { type: 'string' },
          kind: {
            type: 'string',
            enum: ['declaration', 'email', 'address', 'payment'],
            description: 'Parties of the same declarations, or sharing an identifier',
          },
          count: { type: 'integer', description: 'Declarations carrying the link' },
        },
      },
    },
  },
  examples: [
    {
      nodes: [
        { id: 'GB150454489082', kind: 'declarant', declarations: 412, discrepancies: 9 },
        { id: 'GB553202734852', kind: 'importer', declarations: 37, discrepancies: 0 },
        { id: 'email:adalovelace@example.org', kind: 'buyer', declarations: 3, discrepancies: 1 },
      ],
      edges: [
        { source: 'GB150454489082', target: 'GB553202734852', kind: 'declaration', count: 37 },
        { source: 'GB553202734852', target: 'email:adalovelace@example.org', kind: 'email', count: 2 },
      ],
    },
  ],
} as const;

export function networkRoutes(app: FastifyInstance, deps: Pick<AnalyticsRouteDeps, 'instance'>): void {
  app.get<{ Querystring: { party: string; depth: number } }>(
    '/v1/analytics/network',
    {
      schema: {
        operationId: 'getPartyNetwork',
        tags: ['analytics'],
        summary: `The parties linked to one party, up to ${NETWORK_LIMITS.maxDepth} links away and ${NETWORK_LIMITS.maxNodes} parties, strongest links first (customs only)`,
        security: bearerSecurity,
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['party'],
          properties: {
            party: { type: 'string', minLength: 1, maxLength: NETWORK_LIMITS.maxPartyLength, examples: ['GB150454489082'] },
            depth: { type: 'integer', minimum: NETWORK_LIMITS.minDepth, maximum: NETWORK_LIMITS.maxDepth, default: 2 },
          },
        },
        response: { 200: networkSchema, ...problems(400, 401, 403, 404, 503) },
      },
    },
    async (request) => {
      refusePartyLinks(request.participant);
      const network = await withConnection(heldStore(deps), (connection) => partyNetwork(connection, request.query.party, request.query.depth));
      if (!network)
        throw new RejectionError(404, 'Not found', [
          finding('analytics.party-not-found', `No declaration in the analytics store names party ${request.query.party}.`),
        ]);
      return network;
    },
  );
}
