import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import type http from 'node:http';
import type https from 'node:https';
import type { GatewayConfig } from '../config/types.js';
import type { DeliveryRouteDeps } from './routes/deliveries.js';
import type { SandboxDestinations } from '../sandbox/destinations.js';
import type { Store } from '../store/exchanges.js';
import { installAuthentication } from './auth.js';
import { capConnectionsPerClient } from './connections.js';
import { completeContract } from './contract.js';
import { consoleRoutes } from './console.js';
import { DOCUMENT_BODY_KEY } from './documents-in.js';
import { installMetrics, type MetricsSources } from './metrics.js';
import { answerClientError, installProblemHandlers } from './problem.js';
import './request-context.js';
import { type AnalyticsRouteDeps, analyticsRoutes } from './routes/analytics.js';
import { type DocumentRouteDeps, documentRoutes } from './routes/documents.js';
import { deliveryListRoutes, deliveryRoutes } from './routes/deliveries.js';
import { ecommerceRoutes } from './routes/ecommerce.js';
import { misclassificationRoutes } from './routes/misclassifications.js';
import { networkRoutes } from './routes/network.js';
import { exchangeRoutes } from './routes/exchanges.js';
import { riskRoutes } from './routes/risk.js';
import { inboundRoutes, type InboundRouteDeps } from './routes/inbound.js';
import { as4Routes, type As4RouteDeps } from './routes/as4.js';
import { logRoutes } from './routes/log.js';
import { lpcoRoutes, type LpcoRouteDeps } from './routes/lpcos.js';
import { aeoRoutes, type AeoRouteDeps } from './routes/aeo.js';
import { controlResultRoutes, type ControlRouteDeps } from './routes/control-results.js';
import { partnerMessageRoutes, type PartnerMessageRouteDeps } from './routes/partner-messages.js';
import type { ProvenanceLog } from '../provenance/log.js';
import { indexRoutes } from './routes/index.js';
import { healthRoutes, type ReadinessCheck } from './routes/health.js';
import { type CertificateSource, participantRoutes } from './routes/participants.js';
import { referenceRoutes } from './routes/reference.js';
import { routingRoutes, type TryRouting } from './routes/routing.js';
import { timeReleaseRoutes } from './routes/time-release.js';
import { type RiskProfileRouteDeps, riskProfileRoutes } from './routes/risk-profiles.js';
import { sandboxRoutes, type SandboxRouteDeps } from './routes/sandbox.js';
import { movementRoutes, type MovementRouteDeps } from './routes/movements.js';
import { type DocumentValidator, validateRoutes } from './routes/validate.js';

export interface GatewayServices {
  config: GatewayConfig;
  store: Store;
  lodge: Pick<DocumentRouteDeps, 'declaration' | 'consignment' | 'lpco'>;
  lpcos: LpcoRouteDeps;
  riskProfiles: RiskProfileRouteDeps;
  deliveries: DeliveryRouteDeps;
  inbound: InboundRouteDeps['receive'];
  /** The AS4 access point; absent when the gateway has no RSA key. */
  as4?: As4RouteDeps['receive'];
  /** Control results, customs' AEO register, partner customs' messages (docs/RISK.md). */
  recognition: { controls: ControlRouteDeps; aeo: AeoRouteDeps; partnerMessages: PartnerMessageRouteDeps['receive'] };
  provenance: { log: ProvenanceLog; publicKeyPem: string };
  /** Per document kind, the validation POST /v1/validate applies. */
  validators: Record<string, DocumentValidator>;
  /** Transit movements (docs/TRANSIT.md). */
  transit: Pick<MovementRouteDeps, 'lodge' | 'db' | 'now'>;
  readiness: Record<string, ReadinessCheck>;
  metrics: MetricsSources;
  analytics: AnalyticsRouteDeps;
  /** What the operator console reads besides the exchanges: certificates, and routing tried without sending. */
  console: { certificates: CertificateSource; tryRouting: TryRouting };
  sandbox?: SandboxDestinations;
  /** The sandbox's simulated partners reached over AS4. */
  sandboxAs4?: SandboxRouteDeps['as4'];
}

export const API_VERSION = '0.1.0';
/** Where `npm start` serves the sandbox (README), the document's server. */
const SANDBOX_URL = 'http://127.0.0.1:8080';

/**
 * HTTPS when configured; with a client CA, client certificates are asked for but not
 * required, so API keys keep working: auth takes a certificate only when it verified.
 * Node's own limits go to whichever server is made: the headers timeout (which also bounds a
 * TLS handshake), and how often expired requests are looked for (Node's 30 s default would
 * let a short timeout run far over).
 */
function serverOptions(config: GatewayConfig): { https: https.ServerOptions } | { http: http.ServerOptions } {
  const limits = {
    headersTimeout: config.headersTimeoutMs,
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(config.headersTimeoutMs / 4))),
  };
  if (!config.tls) return { http: limits };
  const { cert, key, ca } = config.tls;
  return {
    https: {
      ...limits,
      handshakeTimeout: config.headersTimeoutMs,
      cert: readFileSync(cert),
      key: readFileSync(key),
      ...(ca ? { ca: readFileSync(ca), requestCert: true, rejectUnauthorized: false } : {}),
    },
  };
}

export async function buildApp(services: GatewayServices, logger: FastifyBaseLogger | boolean = false): Promise<FastifyInstance> {
  const { config } = services;
  const options = {
    bodyLimit: config.bodyLimitBytes,
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.idleTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    clientErrorHandler: answerClientError,
    ...serverOptions(config),
    ajv: { customOptions: { coerceTypes: 'array' as const, removeAdditional: false } },
  };
  const app: FastifyInstance = typeof logger === 'object' ? Fastify({ ...options, loggerInstance: logger }) : Fastify({ ...options, logger });
  installProblemHandlers(app);
  // Both before any route: the cap's hook runs first, and authentication covers every route registered after it.
  capConnectionsPerClient(app, config.maxConnectionsPerClient, Boolean(config.tls));
  installAuthentication(app, config.participants);

  await app.register(swagger, {
    transform: ({ schema, url, route }) => {
      const { [DOCUMENT_BODY_KEY]: body, ...rest } = (schema ?? {}) as Record<string, unknown>;
      // The route's own flag, which authentication obeys, is what the document says: the two cannot drift.
      const security = route.config?.public === true ? { security: [] } : {};
      return { schema: { ...rest, ...(body ? { body } : {}), ...security } as typeof schema, url };
    },
    transformObject: (documents) =>
      completeContract(('openapiObject' in documents ? documents.openapiObject : documents.swaggerObject) as Record<string, unknown>, {
        serverUrl: SANDBOX_URL,
      }),
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'swgate — Single Window interoperability gateway',
        version: API_VERSION,
        description:
          'Declarations and e-LPCOs in WCO DM XML and JSON: validated, signed, mapped, routed to customs, PGAs and partner administrations, with verifiable provenance. Sandbox keys: `sandbox-<participant>` (e.g. `sandbox-trader-demo`).',
      },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'A participant API key' } } },
      tags: [
        { name: 'documents', description: 'Documents in' },
        { name: 'exchanges', description: 'What happened to a document' },
        { name: 'reference', description: 'Who you are and what you may send' },
        { name: 'provenance', description: 'The transparency log: checkpoints, entries, proofs' },
        { name: 'lpcos', description: 'The e-LPCO registry: status, remaining quantities, history' },
        {
          name: 'risk',
          description: "Risk targeting: agencies' risk profiles, decisions, control results, the AEO register, partner customs under mutual recognition",
        },
        {
          name: 'analytics',
          description:
            'Border analytics: trends, alerts, country profiles (customs; PGAs over what was delivered to them); party networks, linked e-commerce data, misclassifications (customs)',
        },
        { name: 'transit', description: 'Transit movements the NCTS phase 5 way: departures, arrivals and their CTC messages, either way' },
        { name: 'sandbox', description: 'Simulated destinations' },
        { name: 'operations', description: 'Health and metrics' },
      ],
    },
  });
  await app.register(async (docs) => {
    // The API's description is public: every route swagger-ui adds is marked so.
    docs.addHook('onRoute', (route) => {
      route.config = { ...route.config, public: true };
    });
    await docs.register(swaggerUi, { routePrefix: '/docs' });
  });
  app.get('/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());

  installMetrics(app, services.metrics, { public: config.metricsPublic });

  indexRoutes(app, { version: API_VERSION, sandbox: config.sandbox });
  consoleRoutes(app);
  healthRoutes(app, { checks: services.readiness });
  documentRoutes(app, { ...services.lodge, bodyLimit: config.bodyLimitBytes, sandbox: config.sandbox });
  exchangeRoutes(app, { store: services.store, provenanceReceipt: (id, only) => services.provenance.log.receiptForExchange(id, only) });
  riskRoutes(app, { store: services.store });
  logRoutes(app, { ...services.provenance, store: services.store });
  lpcoRoutes(app, services.lpcos);
  riskProfileRoutes(app, services.riskProfiles);
  ecommerceRoutes(app, { store: services.store });
  deliveryRoutes(app, services.deliveries);
  deliveryListRoutes(app, { store: services.store, queueDepths: services.metrics.queueDepths, retry: services.deliveries.retry });
  inboundRoutes(app, { receive: services.inbound, bodyLimit: config.bodyLimitBytes });
  if (services.as4) as4Routes(app, { receive: services.as4, bodyLimit: config.bodyLimitBytes });
  controlResultRoutes(app, services.recognition.controls);
  aeoRoutes(app, services.recognition.aeo);
  partnerMessageRoutes(app, { receive: services.recognition.partnerMessages });
  validateRoutes(app, { validators: services.validators, bodyLimit: config.bodyLimitBytes });
  movementRoutes(app, { ...services.transit, store: services.store, bodyLimit: config.bodyLimitBytes, sandbox: config.sandbox });
  referenceRoutes(app, { agreements: config.agreements });
  participantRoutes(app, { participants: config.participants, agreements: config.agreements, certificates: services.console.certificates });
  routingRoutes(app, {
    tryRouting: services.console.tryRouting,
    participants: new Map(config.participants.map((p) => [p.id, p])),
    bodyLimit: config.bodyLimitBytes,
  });
  analyticsRoutes(app, services.analytics);
  timeReleaseRoutes(app, { store: services.store });
  networkRoutes(app, services.analytics);
  misclassificationRoutes(app, services.analytics);
  if (services.sandbox)
    sandboxRoutes(app, { destinations: services.sandbox, bodyLimit: config.bodyLimitBytes, ...(services.sandboxAs4 ? { as4: services.sandboxAs4 } : {}) });
  return app;
}
