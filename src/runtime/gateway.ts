import type { Worker } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import type { GatewayConfig } from '../config/types.js';
import { ConfigError } from '../config/load.js';
import { buildApp } from '../http/app.js';
import { agreementMappingProblems, loadMappings } from '../mapping/catalogue.js';
import { acknowledge } from '../pipeline/acknowledge.js';
import { deliver } from '../pipeline/deliver.js';
import { type IngestRequest, ingestDocument } from '../pipeline/ingest.js';
import { receiveInbound } from '../pipeline/inbound.js';
import { lodgeConsignment, lodgeDeclaration, lodgeLpco, lodgeLpcoStatus } from '../pipeline/lodge.js';
import type { LpcoRegistryAccess } from '../pipeline/readers.js';
import { applyRegistration } from '../lpco/registry.js';
import { lpcoMigrations, type LpcoTables } from '../lpco/tables.js';
import { releaseForDeclaration } from '../lpco/write-off.js';
import { actsForIds } from '../pipeline/acting-for.js';
import { followCustomsDecision } from '../pipeline/lpco-decisions.js';
import { createReservationQueue } from '../lpco/write-off-queue.js';
import { retryDelivery } from '../pipeline/retry.js';
import type { RecordProvenance, Settled } from '../pipeline/settle.js';
import { loadOrCreateLogKey } from '../provenance/checkpoint.js';
import { createProvenanceLog } from '../provenance/log.js';
import { buildRecord } from '../provenance/record.js';
import { type ProvenanceTables, provenanceMigrations } from '../provenance/store.js';
import { ratePerSecondFor } from '../routing/agreements.js';
import { DeliveryQueues, startDeliveryWorkers, stopWorkers } from '../routing/queues.js';
import { post } from '../routing/transport.js';
import { startWebhookWorker, WebhookQueue } from '../routing/webhooks.js';
import { SandboxDestinations } from '../sandbox/destinations.js';
import { databaseTarget, openDatabase, tablesOf } from '../store/db.js';
import { exchangeMigrations, type ExchangeTables } from '../store/exchange-tables.js';
import { countExchangesByStatus, type Store, unfinishedDeliveries } from '../store/exchanges.js';
import { migrateToLatest } from '../store/migrate.js';
import { countriesFor } from '../validation/code-lists.js';
import { prepareValidation, validateDocument } from '../validation/validate-document.js';
import { within } from '../deadline.js';
import { resolveRedis } from './redis.js';
import { signReceipt } from '../trust/receipt.js';
import { makePrivateDir } from '../private-files.js';
import { loadGatewayTrust } from './trust.js';

export interface GatewayRoles {
  api: boolean;
  workers: boolean;
}

export interface Gateway {
  config: GatewayConfig;
  store: Store;
  /** The listening base URL, when the API runs in this process. */
  url?: string;
  app?: FastifyInstance;
  sandbox?: SandboxDestinations;
  logger: Logger;
  /** Queues every unfinished delivery that has not moved for `idleMs` again; returns how many. */
  sweep(idleMs: number): Promise<number>;
  /** Stops taking work, lets in-flight requests and deliveries finish, then releases everything. */
  close(): Promise<void>;
}

/** How long shutdown waits for in-flight deliveries, then for in-flight requests. */
const SHUTDOWN_GRACE_MS = 10_000;

/** How often workers look for deliveries whose job was lost, and how long a delivery must be idle to count. */
const SWEEP_EVERY_MS = 30_000;
const SWEEP_IDLE_MS = 60_000;

/** Wires configuration, store, queues, pipeline, HTTP and workers together: the one place that knows them all. */
export async function startGateway(config: GatewayConfig, roles: GatewayRoles, logger: Logger = pino({ level: config.logLevel })): Promise<Gateway> {
  makePrivateDir(config.dataDir);
  const redisEndpoint = await resolveRedis(config.redisUrl, config.dataDir);
  const redis = new Redis(redisEndpoint.url, { maxRetriesPerRequest: null });
  const target = databaseTarget(config.databaseUrl, join(config.dataDir, 'swgate.sqlite'));
  const db = openDatabase<ExchangeTables & ProvenanceTables & LpcoTables>(target);
  const store: Store = { db: tablesOf<ExchangeTables>(db), kind: target.kind };
  await migrateToLatest(db, { ...exchangeMigrations, ...provenanceMigrations, ...lpcoMigrations });
  const lpcoDb = tablesOf<LpcoTables>(db);
  const reservations = createReservationQueue(lpcoDb, target.kind, { unknownLpco: config.unknownLpco });
  const registry: LpcoRegistryAccess = {
    reserve: (request) => reservations.reserve(request),
    release: (declarationExchangeId) => releaseForDeclaration(lpcoDb, target.kind, declarationExchangeId),
    register: (lpco, issuer) => applyRegistration(lpcoDb, target.kind, lpco, issuer),
  };
  const logSigner = loadOrCreateLogKey(join(config.dataDir, 'provenance'));
  const log = createProvenanceLog({ db: tablesOf<ProvenanceTables>(db), kind: target.kind, signer: logSigner, origin: `${new URL(config.publicUrl).host}/swgate`, checkpointEvery: { entries: 1000, seconds: 60 } });
  const recordProvenance: RecordProvenance = (records) => log.append(records.map(buildRecord));

  const now = () => new Date();
  const queueSettings = { connection: redis, prefix: config.redisPrefix };
  const queues = new DeliveryQueues(queueSettings);
  const webhooks = new WebhookQueue(queueSettings);
  const participants = new Map(config.participants.map((p) => [p.id, p]));
  const agreements = new Map(config.agreements.map((a) => [a.id, a]));
  const destinations = [...new Set(config.agreements.map((a) => a.destination))];
  let baseUrl = config.publicUrl;

  const onExchangeEnded = async (exchangeId: string, settled: Settled) => {
    await followCustomsDecision({ store, lpcoDb, kind: target.kind, participants, recordProvenance, now }, exchangeId);
    if (!participants.get(settled.sender)?.webhook) return;
    await webhooks.notify(settled.sender, { event: 'exchange.ended', exchangeId, status: settled.exchangeStatus, at: now().toISOString() });
  };

  const trust = await loadGatewayTrust(config);
  // The simulated agencies acknowledge late deliveries the way a real agency would: over HTTP, with their own key.
  const sandbox = config.sandbox
    ? new SandboxDestinations(participants, {
        secret: trust.sandboxDeliverySecret!,
        acknowledgeLater: async (participant, messageId, receipt) => {
          await post({
            url: `${baseUrl}/v1/acknowledgements`,
            body: JSON.stringify({ messageId, receipt }),
            mediaType: 'application/json',
            headers: { authorization: `Bearer sandbox-${participant}` },
            timeoutMs: 5000,
          });
        },
        sign: (participant, receipt) => {
          // Each simulated agency signs its receipts with its own sandbox key, as a real one would.
          const key = trust.participantKeyOf(participant);
          return key ? signReceipt(receipt, key) : undefined;
        },
      })
    : undefined;

  const mappings = await loadMappings(config.mappingsDir);
  const mismatches = agreementMappingProblems(config.agreements, mappings, config.mappingsDir);
  if (mismatches.length > 0) throw new ConfigError(mismatches);
  // Partner administrations may carry ISO 3166 user-assigned codes (the sandbox's XA and XB).
  const validation = { countries: countriesFor(config.participants.map((p) => p.country)) };
  const ingest = (req: IngestRequest) => ingestDocument({ store, agreements: config.agreements, enqueue: (job, policy) => queues.enqueue(job, policy), recordProvenance, now }, req);
  const lodgeDeps = { ingest, mappings, validation, registry };

  let app: FastifyInstance | undefined;
  if (roles.api) {
    prepareValidation();
    app = await buildApp(
      {
        config,
        store,
        lodge: { declaration: (l) => lodgeDeclaration(lodgeDeps, l), consignment: (l) => lodgeConsignment(lodgeDeps, l), lpco: (l) => lodgeLpco(lodgeDeps, l) },
        lpcos: {
          db: lpcoDb,
          kind: target.kind,
          now,
          traderIdsOf: actsForIds,
          changeStatus: (id, change, issuer) => lodgeLpcoStatus({ ingest, lpcoDb, kind: target.kind, now }, issuer, id, change),
        },
        inbound: (partner, body, contentType) => receiveInbound({ trustStoreOf: trust.storeOf, ingest, validation, mappings, registry, gatewayKey: trust.keys?.ecdsa, now }, partner, body, contentType),
        deliveries: {
          acknowledge: (from, ack) => acknowledge({ store, onExchangeEnded, recordProvenance, trustStoreOf: trust.storeOf, now }, from, ack),
          retry: (operator, exchangeId, destination) => retryDelivery({ store, agreements, requeue: (job, policy) => queues.requeue(job, policy), now }, operator, exchangeId, destination),
        },
        validators: { declaration: (body, format) => validateDocument(body, format, validation) },
        provenance: { log, publicKeyPem: logSigner.publicKeyPem },
        readiness: {
          redis: async () => void (await redis.ping()),
          database: async () => void (await store.db.selectFrom('exchanges').select('id').limit(1).execute()),
        },
        metrics: { exchangesByStatus: () => countExchangesByStatus(store), queueDepths: () => queues.depths(destinations) },
        ...(sandbox ? { sandbox } : {}),
      },
      logger,
    );
    const address = await app.listen({ port: config.port, host: config.host });
    // An ephemeral port (PORT=0) is only known now; the simulated agencies live on this listener.
    if (config.port === 0) baseUrl = `${config.tls ? 'https' : 'http'}://127.0.0.1:${new URL(address).port}`;
  }

  const sweep = async (idleMs: number) => {
    const stale = await unfinishedDeliveries(store, new Date(now().getTime() - idleMs).toISOString());
    for (const d of stale) {
      const agreement = agreements.get(d.agreement_id);
      if (agreement) await queues.enqueue({ exchangeId: d.exchange_id, destination: d.destination }, agreement.delivery);
    }
    return stale.length;
  };

  let workers: Worker[] = [];
  let sweeper: NodeJS.Timeout | undefined;
  if (roles.workers) {
    const deliverDeps = { store, mappings, trustStoreOf: trust.storeOf, ...(trust.keys ? { keys: trust.keys } : {}), participants, agreements, sandboxUrl: (id: string) => `${baseUrl}/sandbox/destinations/${id}/deliveries`, ...(trust.sandboxDeliverySecret ? { sandboxSecret: trust.sandboxDeliverySecret } : {}), send: post, onExchangeEnded, recordProvenance, now };
    workers = startDeliveryWorkers(
      destinations,
      async (job, attempt) => {
        const log = logger.child({ exchangeId: job.exchangeId, destination: job.destination, attempt: attempt.number });
        try {
          await deliver(deliverDeps, job, attempt);
          log.debug('delivery settled');
        } catch (error) {
          log.warn({ err: (error as Error).message }, 'delivery attempt failed');
          throw error;
        }
      },
      {
        ...queueSettings,
        concurrency: 16,
        ratePerSecondOf: (destination) => ratePerSecondFor(config.agreements, destination),
      },
    );
    workers.push(startWebhookWorker((id) => participants.get(id)?.webhook, queueSettings, now));
    // A crash between storing an exchange and queueing it, or a Redis that lost its data,
    // leaves deliveries without a job: queue them all now, and the long-idle ones periodically.
    const requeued = await sweep(0);
    if (requeued > 0) logger.info({ requeued }, 'unfinished deliveries queued again');
    sweeper = setInterval(() => void sweep(SWEEP_IDLE_MS).catch((error) => logger.warn({ err: (error as Error).message }, 'sweep failed')), SWEEP_EVERY_MS);
  }

  return {
    config,
    store,
    logger,
    sweep,
    ...(app ? { app, url: baseUrl } : {}),
    ...(sandbox ? { sandbox } : {}),
    async close() {
      clearInterval(sweeper);
      // Workers first, while the API still answers them (in `start`, their sandbox destinations
      // live on it); then the API. Each gets a grace period, so shutdown always ends.
      if (!(await within(stopWorkers(workers), SHUTDOWN_GRACE_MS))) logger.warn({ graceMs: SHUTDOWN_GRACE_MS }, 'workers did not finish in time; closing anyway');
      if (app && !(await within(app.close(), SHUTDOWN_GRACE_MS))) {
        logger.warn({ graceMs: SHUTDOWN_GRACE_MS }, 'requests did not finish in time; closing their connections');
        app.server.closeAllConnections();
      }
      await queues.close();
      await webhooks.close();
      await log.close();
      redis.disconnect();
      await store.db.destroy();
      await redisEndpoint.stop?.();
    },
  };
}
