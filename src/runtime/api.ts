import type { DuckDBInstance } from '@duckdb/node-api';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { GatewayConfig, Participant } from '../config/types.js';
import { buildApp } from '../http/app.js';
import { post } from '../routing/transport.js';
import { SandboxDestinations } from '../sandbox/destinations.js';
import { countExchangesByStatus, reconcilerActionCounts } from '../store/exchanges.js';
import { signReceipt } from '../trust/receipt.js';
import { movementCounts } from '../transit/movements.js';
import { prepareValidation } from '../validation/validate-document.js';
import type { GatewayPipeline } from './pipeline.js';
import type { Stores } from './stores.js';
import type { GatewayTrust } from './trust.js';

/**
 * The simulated agencies of the sandbox. They acknowledge late deliveries the way a real agency
 * would: over HTTP to the gateway's /v1/acknowledgements, each signing its receipts with its own
 * sandbox key.
 */
export function simulatedAgencies(participants: ReadonlyMap<string, Participant>, trust: GatewayTrust, baseUrl: () => string): SandboxDestinations {
  return new SandboxDestinations(participants, {
    secret: trust.sandboxDeliverySecret!,
    acknowledgeLater: async (participant, messageId, receipt) => {
      await post({
        url: `${baseUrl()}/v1/acknowledgements`,
        body: JSON.stringify({ messageId, receipt }),
        mediaType: 'application/json',
        headers: { authorization: `Bearer sandbox-${participant}` },
        timeoutMs: 5000,
      });
    },
    sign: (participant, receipt) => {
      const key = trust.participantKeyOf(participant);
      return key ? signReceipt(receipt, key) : undefined;
    },
  });
}

export interface Api {
  app: FastifyInstance;
  /** The address it listens on (an ephemeral port, PORT=0, is known only now). */
  address: string;
}

/** The HTTP API over the pipeline (http/app.ts), listening on the configured host and port. */
export async function startApi(
  config: GatewayConfig,
  stores: Stores,
  pipeline: GatewayPipeline,
  sandbox: SandboxDestinations | undefined,
  analytics: DuckDBInstance | undefined,
  logger: Logger,
): Promise<Api> {
  const { store, redis } = stores;
  prepareValidation();
  const app = await buildApp(
    {
      config,
      store,
      lodge: pipeline.lodge,
      lpcos: pipeline.lpcos,
      riskProfiles: { store, recordProvenance: stores.recordProvenance },
      inbound: pipeline.inbound,
      recognition: pipeline.recognition,
      deliveries: pipeline.deliveries,
      validators: pipeline.validators,
      transit: pipeline.transit,
      provenance: { log: stores.log, publicKeyPem: stores.logPublicKeyPem },
      readiness: {
        redis: async () => void (await redis.ping()),
        database: async () => void (await store.db.selectFrom('exchanges').select('id').limit(1).execute()),
      },
      metrics: {
        exchangesByStatus: () => countExchangesByStatus(store),
        queueDepths: () => pipeline.queues.depths(pipeline.destinations),
        reconcilerActions: () => reconcilerActionCounts(store),
        movements: () => movementCounts(pipeline.transit.db, new Date()),
      },
      analytics: { instance: analytics, minCellCount: config.analytics.minCellCount },
      ...(sandbox ? { sandbox } : {}),
    },
    logger,
  );
  const address = await app.listen({ port: config.port, host: config.host });
  return { app, address };
}
