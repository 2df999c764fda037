import type { DuckDBInstance } from '@duckdb/node-api';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { GatewayConfig, Participant } from '../config/types.js';
import { buildApp, type GatewayServices } from '../http/app.js';
import { post } from '../routing/transport.js';
import { receiveSimulatedAs4 } from '../sandbox/as4-partner.js';
import { SandboxDestinations } from '../sandbox/destinations.js';
import { countExchangesByStatus, reconcilerActionCounts } from '../store/exchanges.js';
import { timeReleaseHistograms } from '../store/time-release.js';
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

type SandboxAs4 = NonNullable<GatewayServices['sandboxAs4']>;

/** The sandbox's simulated partners over AS4: each decrypts and signs with its own sandbox RSA key, and takes only the gateway's signature. */
export function simulatedAs4Partners(sandbox: SandboxDestinations, trust: GatewayTrust): SandboxAs4 | undefined {
  const gateway = trust.keys?.rsa;
  if (!gateway) return undefined;
  return (participant, body, contentType, headers) =>
    receiveSimulatedAs4(
      { destinations: sandbox, keyOf: (id) => trust.participantRsaOf(id)?.key, gatewayCertificate: gateway.certificate },
      participant,
      body,
      contentType,
      headers,
    );
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
  sandboxAs4?: SandboxAs4,
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
      ...(pipeline.as4 ? { as4: pipeline.as4 } : {}),
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
        timeRelease: () => timeReleaseHistograms(store),
        movements: () => movementCounts(pipeline.transit.db, new Date()),
      },
      analytics: { instance: analytics, minCellCount: config.analytics.minCellCount },
      console: pipeline.console,
      ...(sandbox ? { sandbox } : {}),
      ...(sandboxAs4 ? { sandboxAs4 } : {}),
    },
    logger,
  );
  const address = await app.listen({ port: config.port, host: config.host });
  return { app, address };
}
