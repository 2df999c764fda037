import type { FastifyInstance, FastifyRequest } from 'fastify';
import { finding, RejectionError } from '../../findings.js';
import { SANDBOX_SCENARIOS } from '../../sandbox/destinations.js';
import type { IngestRequest, IngestResult } from '../../pipeline/ingest.js';
import { acceptRawDocuments, bodyOf, documentBody, formatOf } from '../documents-in.js';
import { acceptedSchema, bearerSecurity, problems } from '../schemas.js';

export interface DeclarationRouteDeps {
  ingest: (req: IngestRequest) => Promise<IngestResult>;
  bodyLimit: number;
  /** Whether X-Sandbox-Scenario is honoured. */
  sandbox: boolean;
}

/** The sandbox scenario a request asks for; outside the sandbox the header is refused rather than ignored. */
function scenarioOf(request: FastifyRequest, sandbox: boolean): string | undefined {
  const scenario = request.headers['x-sandbox-scenario'];
  if (scenario === undefined) return undefined;
  if (!sandbox) throw new RejectionError(400, 'Malformed request', [finding('sandbox.not-sandbox', 'X-Sandbox-Scenario is only honoured by the sandbox gateway.')]);
  if (typeof scenario !== 'string' || !(SANDBOX_SCENARIOS as readonly string[]).includes(scenario)) {
    throw new RejectionError(400, 'Malformed request', [finding('sandbox.unknown-scenario', `X-Sandbox-Scenario must be one of ${SANDBOX_SCENARIOS.join(', ')}.`)]);
  }
  return scenario;
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
          ...documentBody('A WCO DM declaration: XML in the DMS profile, or its WCO JSON form'),
          headers: {
            type: 'object',
            properties: {
              'idempotency-key': { type: 'string', maxLength: 200 },
              'x-sandbox-scenario': { type: 'string', enum: [...SANDBOX_SCENARIOS], description: 'Sandbox only: what the simulated destinations answer' },
            },
          },
          response: { 200: acceptedSchema, 202: acceptedSchema, ...problems(400, 401, 403, 409, 413, 415, 422, 503) },
        },
      },
      async (request, reply) => {
        const idempotencyKey = request.headers['idempotency-key'];
        const scenario = scenarioOf(request, deps.sandbox);
        const result = await deps.ingest({
          ...(scenario ? { scenario } : {}),
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
          .send({
            exchangeId: result.exchangeId,
            status: result.status,
            receivedAt: result.receivedAt,
            contentSha256: result.contentSha256,
            links: { self, provenance: `${self}/provenance` },
            ...(result.provenance ? { provenance: result.provenance } : {}),
          });
      },
    );
  });
}
