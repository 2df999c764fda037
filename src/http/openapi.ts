import type { FastifyInstance } from 'fastify';
import type { GatewayConfig } from '../config/types.js';
import { SandboxDestinations } from '../sandbox/destinations.js';
import type { ProvenanceLog } from '../provenance/log.js';
import type { Store } from '../store/exchanges.js';
import { buildApp } from './app.js';
import type { AeoRouteDeps } from './routes/aeo.js';
import type { LpcoRouteDeps } from './routes/lpcos.js';
import type { MovementRouteDeps } from './routes/movements.js';

const notForDocuments = () => {
  throw new Error('the OpenAPI document is generated without running services');
};

/** The gateway's app with every route, built on services that refuse to run: for describing it, never serving. */
export async function describedApp(config: GatewayConfig): Promise<FastifyInstance> {
  const app = await buildApp({
    config,
    store: {} as Store,
    lodge: { declaration: notForDocuments, consignment: notForDocuments, lpco: notForDocuments },
    lpcos: { db: {} as LpcoRouteDeps['db'], kind: 'sqlite' },
    riskProfiles: { store: {} as Store, recordProvenance: notForDocuments },
    inbound: notForDocuments,
    as4: notForDocuments,
    recognition: {
      controls: { record: notForDocuments, read: notForDocuments },
      aeo: { db: {} as AeoRouteDeps['db'], change: notForDocuments },
      partnerMessages: notForDocuments,
    },
    deliveries: { acknowledge: notForDocuments, retry: notForDocuments },
    validators: { declaration: notForDocuments },
    transit: { lodge: notForDocuments, db: {} as MovementRouteDeps['db'], now: () => new Date() },
    provenance: { log: {} as ProvenanceLog, publicKeyPem: '' },
    readiness: {},
    metrics: { exchangesByStatus: notForDocuments, queueDepths: notForDocuments, reconcilerActions: notForDocuments, timeRelease: notForDocuments },
    analytics: { minCellCount: config.analytics.minCellCount },
    console: { certificates: { of: notForDocuments, gateway: notForDocuments }, tryRouting: notForDocuments },
    sandbox: new SandboxDestinations(new Map(), { secret: 'openapi' }),
    sandboxAs4: notForDocuments,
  });
  await app.ready();
  return app;
}

/** The OpenAPI document, generated from the route schemas of an app that is built but never serves. */
export async function openApiDocument(config: GatewayConfig): Promise<unknown> {
  const app = await describedApp(config);
  const document = app.swagger();
  await app.close();
  return document;
}

export const OPENAPI_FILE = 'openapi/openapi.json';

export const renderOpenApi = (document: unknown) => `${JSON.stringify(document, null, 2)}\n`;
