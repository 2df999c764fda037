import type { FastifyInstance, FastifyRequest } from 'fastify';
import { finding, RejectionError } from '../../findings.js';
import type { IngestResult } from '../../pipeline/ingest.js';
import type { Lodgement } from '../../pipeline/lodge.js';
import { SANDBOX_SCENARIOS } from '../../sandbox/destinations.js';
import { acceptRawDocuments, bodyOf, component, DOCUMENT_TYPES, documentBody, formatOf, JSON_TYPES, XML_BODY } from '../documents-in.js';
import { acceptedSchema, bearerSecurity, problems } from '../schemas.js';

type Lodge = (l: Lodgement) => Promise<IngestResult>;

export interface DocumentRouteDeps {
  declaration: Lodge;
  consignment: Lodge;
  lpco: Lodge;
  bodyLimit: number;
  /** Whether X-Sandbox-Scenario is honoured. */
  sandbox: boolean;
}

/** The sandbox scenario a request asks for, one of `known`; outside the sandbox the header is refused rather than ignored. */
export function scenarioOf(request: FastifyRequest, sandbox: boolean, known: readonly string[] = SANDBOX_SCENARIOS): string | undefined {
  const scenario = request.headers['x-sandbox-scenario'];
  if (scenario === undefined) return undefined;
  if (!sandbox)
    throw new RejectionError(400, 'Malformed request', [finding('sandbox.not-sandbox', 'X-Sandbox-Scenario is only honoured by the sandbox gateway.')]);
  if (typeof scenario !== 'string' || !known.includes(scenario)) {
    throw new RejectionError(400, 'Malformed request', [finding('sandbox.unknown-scenario', `X-Sandbox-Scenario must be one of ${known.join(', ')}.`)]);
  }
  return scenario;
}

const lodgementHeaders = {
  type: 'object',
  properties: {
    'idempotency-key': { type: 'string', maxLength: 200 },
    'x-sandbox-scenario': { type: 'string', enum: [...SANDBOX_SCENARIOS], description: 'Sandbox only: what the simulated destinations answer' },
  },
} as const;

/** The 202 every document route answers with. */
export function acceptedBody(result: IngestResult) {
  const self = `/v1/exchanges/${result.exchangeId}`;
  return {
    exchangeId: result.exchangeId,
    status: result.status,
    receivedAt: result.receivedAt,
    contentSha256: result.contentSha256,
    links: { self, provenance: `${self}/provenance` },
    ...(result.provenance ? { provenance: result.provenance } : {}),
    ...result.extra,
  };
}

export function documentRoutes(app: FastifyInstance, deps: DocumentRouteDeps): void {
  const route = (
    path: string,
    operationId: string,
    lodge: Lodge,
    summary: string,
    body: ReturnType<typeof documentBody>,
    types: readonly string[] = DOCUMENT_TYPES,
  ) =>
    app.register(async (scope) => {
      acceptRawDocuments(scope, deps.bodyLimit, types);
      scope.post(
        path,
        {
          schema: {
            tags: ['documents'],
            operationId,
            summary,
            description: 'Answers 202 once the document is read, validated, routed by the agreements and its deliveries are queued. Follow it at links.self.',
            security: bearerSecurity,
            ...body,
            headers: lodgementHeaders,
            response: { 202: acceptedSchema, ...problems(400, 401, 403, 409, 413, 415, 422, 503) },
          },
        },
        async (request, reply) => {
          const idempotencyKey = request.headers['idempotency-key'];
          const scenario = scenarioOf(request, deps.sandbox);
          const result = await lodge({
            sender: request.participant,
            format: formatOf(request),
            body: bodyOf(request),
            ...(typeof idempotencyKey === 'string' ? { idempotencyKey } : {}),
            ...(scenario ? { scenario } : {}),
          });
          request.log.info({ exchangeId: result.exchangeId, replayed: result.replayed }, 'document accepted');
          const accepted = acceptedBody(result);
          return reply.code(202).header('location', accepted.links.self).send(accepted);
        },
      );
    });

  route(
    '/v1/declarations',
    'lodgeDeclaration',
    deps.declaration,
    'Lodge a declaration (WCO DM XML or WCO JSON)',
    documentBody('A WCO DM declaration: XML in the DMS profile, or its WCO JSON form', {
      'application/xml': XML_BODY,
      'application/json': component('WcoDeclaration'),
    }),
  );
  route(
    '/v1/consignments',
    'lodgeConsignment',
    deps.consignment,
    'Lodge e-commerce advance data (order, payment, shipping): routed as the low-value declaration made of it',
    documentBody('A consignment as JSON (WCO E-Commerce Framework of Standards data; schema: mappings/consignment-to-declaration/input.schema.json)', {
      'application/json': component('Consignment'),
    }),
    JSON_TYPES,
  );
  route(
    '/v1/lpcos',
    'lodgeLpco',
    deps.lpco,
    'Lodge an e-LPCO (licence, permit, certificate): registered with the sender as issuer, then routed',
    documentBody('UN/CEFACT SPS certificate XML (ePhyto), or swgate LPCO JSON or XML (src/lpco/lpco.ts, src/lpco/lpco-xml.ts)'),
  );
}
