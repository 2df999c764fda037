import type { Worker } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import type { GatewayConfig } from '../config/types.js';
import { ConfigError } from '../config/load.js';
import { buildApp } from '../http/app.js';
import { agreementMappingProblems, MappingSpecError, loadMappings, type MappingCatalogue } from '../mapping/catalogue.js';
import { acknowledge } from '../pipeline/acknowledge.js';
import { deliver } from '../pipeline/deliver.js';
import { type IngestRequest, ingestDocument } from '../pipeline/ingest.js';
import { receiveInbound } from '../pipeline/inbound.js';
import { lodgeConsignment, lodgeDeclaration, lodgeLpco, lodgeLpcoStatus } from '../pipeline/lodge.js';
import { lpcoMigrations, type LpcoTables } from '../lpco/tables.js';
import { actsForIds } from '../pipeline/acting-for.js';
import { followCustomsDecision } from '../pipeline/lpco-decisions.js';
import { reconcile, type ReconcileDeps, type ReconcileOptions, type ReconcileSummary } from '../pipeline/reconcile.js';
import { retryDelivery } from '../pipeline/retry.js';
import { recordingIn, type Settled } from '../pipeline/settle.js';
import { loadOrCreateLogKey } from '../provenance/checkpoint.js';
import { createProvenanceLog } from '../provenance/log.js';
import { type ProvenanceTables, provenanceMigrations } from '../provenance/store.js';
import { ratePerSecondFor } from '../routing/agreements.js';
import { DeliveryQueues, startDeliveryWorkers, stopWorkers } from '../routing/queues.js';
import { post } from '../routing/transport.js';
import { startWebhookWorker, WebhookQueue } from '../routing/webhooks.js';
import { SandboxDestinations } from '../sandbox/destinations.js';
import { databaseTarget, openDatabase, tablesOf } from '../store/db.js';
import { exchangeMigrations, type ExchangeTables } from '../store/exchange-tables.js';
import { countExchangesByStatus, reconcilerActionCounts, type Store } from '../store/exchanges.js';
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
  /** One reconciler pass (pipeline/reconcile.ts); workers run one every `config.reconcile.everyMs`. */
  reconcile(options?: ReconcileOptions): Promise<ReconcileSummary>;
  /** Stops taking work, lets in-flight requests and deliveries finish, then releases everything. */
  close(): Promise<void>;
}

/** How long shutdown waits for in-flight deliveries, then for in-flight requests. */
const SHUTDOWN_GRACE_MS = 10_000;

/** Wires configuration, store, queues, pipeline, HTTP and workers together: the one place that knows them all. */
/**
 * The mapping catalogue as configured: the specs in mappingsDir, given the configured
 * mappingParameters. A parameter value a spec refuses, or an agreement naming a mapping that is
 * not there, is the configuration's mistake, said as a ConfigError.
 */
export async function configuredMappings(config: Pick<GatewayConfig, 'mappingsDir' | 'mappingParameters' | 'agreements'>): Promise<MappingCatalogue> {
  const mappings = await loadMappings(config.mappingsDir, config.mappingParameters).catch((error: unknown) => {
    if (error instanceof MappingSpecError && error.findings.every((f) => f.code === 'mapping.parameter')) throw new ConfigError(error.findings.map((f) => `mappingParameters: ${f.message}`));
    throw error;
  });
  const mismatches = agreementMappingProblems(config.agreements, mappings, config.mappingsDir);
  if (mismatches.length > 0) throw new ConfigError(mismatches);
  return mappings;
}

export async function startGateway(config: GatewayConfig, roles: GatewayRoles, logger: Logger = pino({ level: config.logLevel })): Promise<Gateway> {
  // Before anything is opened: a configuration mistake found here leaves nothing to close.
  const mappings = await configuredMappings(config);
  makePrivateDir(config.dataDir);
  const redisEndpoint = await resolveRedis(config.redisUrl, config.dataDir);
  const redis = new Redis(redisEndpoint.url, { maxRetriesPerRequest: null });
  const target = databaseTarget(config.databaseUrl, join(config.dataDir, 'swgate.sqlite'));
  const db = openDatabase<ExchangeTables & ProvenanceTables & LpcoTables>(target, {
    onConnectionError: (error) => logger.warn({ err: error.message }, 'database connection lost; the next query opens a new one'),
  });
  const store: Store = { db: tablesOf<ExchangeTables>(db), kind: target.kind };
  await migrateToLatest(db, { ...exchangeMigrations, ...provenanceMigrations, ...lpcoMigrations });
  const lpcoDb = tablesOf<LpcoTables>(db);
  const logSigner = loadOrCreateLogKey(config.logKeyDir);
  const log = createProvenanceLog({ db: tablesOf<ProvenanceTables>(db), kind: target.kind, signer: logSigner, origin: `${new URL(config.publicUrl).host}/swgate`, checkpointEvery: { entries: 1000, seconds: 60 } });
  const recordProvenance = recordingIn(log);

  const now = () => new Date();
  const queueSettings = { connection: redis, prefix: config.redisPrefix };
  const queues = new DeliveryQueues(queueSettings);
  const webhooks = new WebhookQueue(queueSettings);
  const participants = new Map(config.participants.map((p) => [p.id, p]));
  const agreements = new Map(config.agreements.map((a) => [a.id, a]));
  const destinations = [...new Set(config.agreements.map((a) => a.destination))];
  let baseUrl = config.publicUrl;

  const onExchangeEnded = async (exchangeId: string, settled: Settled) => {
    await followCustomsDecision({ store, kind: target.kind, participants, recordProvenance, now }, exchangeId);
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

  // Partner administrations may carry ISO 3166 user-assigned codes (the sandbox's XA and XB).
  const validation = { countries: countriesFor(config.participants.map((p) => p.country)) };
  const ingest = (req: IngestRequest) =>
    ingestDocument(
      {
        store,
        agreements: config.agreements,
        enqueue: (job, policy) => queues.enqueue(job, policy),
        onEnqueueFailed: (job, error) => logger.warn({ ...job, err: (error as Error).message }, 'delivery not queued; the reconciler queues it once the queue answers'),
        recordProvenance,
        unknownLpco: config.unknownLpco,
        now,
      },
      req,
    );
  const lodgeDeps = { ingest, mappings, validation };

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
          changeStatus: (id, change, issuer) => lodgeLpcoStatus({ ingest, lpcoDb, now }, issuer, id, change),
        },
        inbound: (partner, body, contentType) => receiveInbound({ trustStoreOf: trust.storeOf, ingest, validation, mappings, gatewayKey: trust.keys?.ecdsa, now }, partner, body, contentType),
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
        metrics: { exchangesByStatus: () => countExchangesByStatus(store), queueDepths: () => queues.depths(destinations), reconcilerActions: () => reconcilerActionCounts(store) },
        ...(sandbox ? { sandbox } : {}),
      },
      logger,
    );
    const address = await app.listen({ port: config.port, host: config.host });
    // An ephemeral port (PORT=0) is only known now; the simulated agencies live on this listener.
    if (config.port === 0) baseUrl = `${config.tls ? 'https' : 'http'}://127.0.0.1:${new URL(address).port}`;
  }

  const reconcileDeps: ReconcileDeps = {
    store,
    now,
    recordProvenance,
    agreements,
    onExchangeEnded,
    requeue: (job, policy) => queues.requeue(job, policy),
    onAction: (action, subject) => logger.info({ action, ...subject }, 'reconciler acted'),
    onError: (subject, error) => logger.warn({ ...subject, err: (error as Error).message }, 'reconciler could not finish this; the next pass tries again'),
  };
  const reconcileNow = (options: ReconcileOptions = { idleMs: config.reconcile.idleMs }) => reconcile(reconcileDeps, options);

  let workers: Worker[] = [];
  let reconciler: NodeJS.Timeout | undefined;
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
    // leaves deliveries without a job: queue them all now; the reconciler runs from then on.
    await reconcileNow({ idleMs: config.reconcile.idleMs, requeueIdleMs: 0 });
    let passing = false;
    reconciler = setInterval(() => {
      if (passing) return;
      passing = true;
      void reconcileNow()
        .catch((error: unknown) => logger.warn({ err: (error as Error).message }, 'reconciler pass failed'))
        .finally(() => (passing = false));
    }, config.reconcile.everyMs);
  }

  return {
    config,
    store,
    logger,
    reconcile: reconcileNow,
    ...(app ? { app, url: baseUrl } : {}),
    ...(sandbox ? { sandbox } : {}),
    async close() {
      clearInterval(reconciler);
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
