import type { FastifyInstance, FastifyRequest } from 'fastify';
import { finding, RejectionError } from '../../findings.js';
import { SANDBOX_DELIVERY_HEADER, SANDBOX_SCENARIOS, type SandboxDestinations, type SandboxScenario } from '../../sandbox/destinations.js';
import type { SimulatedAs4Answer } from '../../sandbox/as4-partner.js';
import { acceptRawDocuments, bodyOf, DOCUMENT_TYPES } from '../documents-in.js';
import { forbidden } from '../auth.js';
import { bearerSecurity, problems } from '../schemas.js';

const participantParams = { type: 'object', required: ['participant'], properties: { participant: { type: 'string' } } } as const;

const unknownDestination = (id: string) =>
  new RejectionError(404, 'Not found', [finding('sandbox.unknown-destination', `"${id}" is not a simulated destination of this sandbox.`)]);

const notTheGateway = () =>
  new RejectionError(401, 'Unauthorized', [
    finding(
      'sandbox.not-gateway',
      `Only the gateway's own deliveries reach the simulated agencies: they carry ${SANDBOX_DELIVERY_HEADER}. Lodge a document through /v1 instead.`,
    ),
  ]);

/**
 * The simulated agencies' own endpoint (what the delivery workers POST to, over real HTTP; only
 * their deliveries, which carry the sandbox secret), and the view integrators use to see what
 * each one received.
 */
/** A delivery of the gateway's own to a simulated destination (it carries the sandbox secret), and what it names. */
function gatewayDelivery(
  destinations: SandboxDestinations,
  request: FastifyRequest<{ Params: { participant: string } }>,
): { participant: string; messageId: string; exchangeId: string; scenario: string | undefined } {
  const presented = request.headers[SANDBOX_DELIVERY_HEADER];
  if (!destinations.admits(typeof presented === 'string' ? presented : undefined)) throw notTheGateway();
  const { participant } = request.params;
  if (!destinations.has(participant)) throw unknownDestination(participant);
  const messageId = request.headers['x-swgate-message-id'];
  const exchangeId = request.headers['x-swgate-exchange-id'];
  if (typeof messageId !== 'string' || typeof exchangeId !== 'string') {
    throw new RejectionError(400, 'Malformed delivery', [finding('sandbox.headers', 'A delivery carries X-Swgate-Message-Id and X-Swgate-Exchange-Id.')]);
  }
  const scenario = request.headers['x-sandbox-scenario'];
  return { participant, messageId, exchangeId, scenario: typeof scenario === 'string' ? scenario : undefined };
}

export interface SandboxRouteDeps {
  destinations: SandboxDestinations;
  bodyLimit: number;
  /** The simulated partners reached over AS4 (sandbox/as4-partner.ts). */
  as4?: (
    participant: string,
    body: Buffer,
    contentType: string,
    headers: { messageId: string; exchangeId: string; scenario?: string },
  ) => Promise<SimulatedAs4Answer>;
}

export function sandboxRoutes(app: FastifyInstance, deps: SandboxRouteDeps): void {
  const { destinations } = deps;
  const { as4 } = deps;
  if (as4) {
    app.register(async (scope) => {
      acceptRawDocuments(scope, deps.bodyLimit, ['multipart/related', 'application/soap+xml']);
      scope.post<{ Params: { participant: string } }>(
        '/sandbox/destinations/:participant/as4',
        {
          config: { public: true },
          schema: {
            tags: ['sandbox'],
            operationId: 'receiveSandboxAs4',
            summary: "A simulated partner's AS4 access point receiving one of the gateway's AS4 deliveries; answers with its signed Receipt",
            description: `Only for the gateway's delivery workers (${SANDBOX_DELIVERY_HEADER}). The same scenarios as the deliveries route: reject answers an ebMS Error (EBMS:0003), fail-once and fail-always 503.`,
            params: participantParams,
            response: {
              200: { description: 'The signed AS4 Receipt', content: { 'application/soap+xml': { schema: { type: 'string' } } } },
              500: { description: 'An ebMS Error signal', content: { 'application/soap+xml': { schema: { type: 'string' } } } },
              503: { description: 'A simulated outage', content: { 'application/soap+xml': { schema: { type: 'string' } } } },
              ...problems(400, 401, 404),
            },
          },
        },
        async (request, reply) => {
          const { participant, messageId, exchangeId, scenario } = gatewayDelivery(destinations, request);
          const answer = await as4(participant, bodyOf(request), String(request.headers['content-type']), {
            messageId,
            exchangeId,
            ...(scenario ? { scenario } : {}),
          });
          return reply.code(answer.status).header('content-type', answer.contentType).send(answer.body);
        },
      );
    });
  }
  app.register(async (scope) => {
    acceptRawDocuments(scope, deps.bodyLimit, [...DOCUMENT_TYPES, 'application/jose']);
    scope.post<{ Params: { participant: string } }>(
      '/sandbox/destinations/:participant/deliveries',
      {
        config: { public: true },
        schema: {
          tags: ['sandbox'],
          operationId: 'receiveSandboxDelivery',
          summary: "A simulated agency receiving one of the gateway's deliveries; answers with its receipt",
          description: `Only for the gateway's delivery workers: a request without the sandbox secret in ${SANDBOX_DELIVERY_HEADER} is refused (401) and nothing is signed.`,
          params: participantParams,
          response: {
            200: {
              description: 'Its receipt (signed, as application/jose, when the agency has a key)',
              content: { 'application/json': { schema: { type: 'object' } }, 'application/jose': { schema: { type: 'string' } } },
            },
            202: {
              description: 'Received; the receipt follows through POST /v1/acknowledgements (scenario slow)',
              content: { 'application/json': { schema: { type: 'object' } } },
            },
            ...problems(400, 401, 404),
            503: {
              description: 'A simulated outage (scenarios fail-once, fail-always), or the agency is busy',
              content: { 'application/json': { schema: { type: 'object' } } },
            },
          },
        },
      },
      async (request, reply) => {
        const { participant, messageId, exchangeId, scenario } = gatewayDelivery(destinations, request);
        const answer = await destinations.receive(participant, {
          messageId,
          exchangeId,
          mediaType: String(request.headers['content-type']),
          body: request.body as Buffer,
          ...(SANDBOX_SCENARIOS.includes(scenario as SandboxScenario) ? { scenario: scenario as SandboxScenario } : {}),
        });
        return reply
          .code(answer.status)
          .type(answer.mediaType)
          .send(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
      },
    );
  });

  app.get<{ Params: { participant: string } }>(
    '/v1/sandbox/destinations/:participant/received',
    {
      schema: {
        operationId: 'listSandboxReceived',
        tags: ['sandbox'],
        summary: 'What a simulated destination received (the participant itself or an operator)',
        security: bearerSecurity,
        params: participantParams,
        response: {
          200: {
            type: 'object',
            properties: {
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    messageId: { type: 'string' },
                    exchangeId: { type: 'string' },
                    mediaType: { type: 'string' },
                    sha256: { type: 'string' },
                    bytes: { type: 'integer' },
                    receivedAt: { type: 'string' },
                    copies: { type: 'integer' },
                  },
                },
              },
            },
          },
          ...problems(401, 403, 404),
        },
      },
    },
    async (request) => {
      const { participant } = request.params;
      if (!destinations.has(participant)) throw unknownDestination(participant);
      if (request.participant.id !== participant && !request.participant.operator)
        throw forbidden(`Only ${participant} or an operator may see what ${participant} received.`);
      return { items: destinations.list(participant) };
    },
  );
}
