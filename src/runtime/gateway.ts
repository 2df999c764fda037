import type { Worker } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import type { GatewayConfig } from '../config/types.js';
import { buildApp } from '../http/app.js';
import { deliver } from '../pipeline/deliver.js';
import { ingestDocument } from '../pipeline/ingest.js';
import { DeliveryQueues, startDeliveryWorkers, stopWorkers } from '../routing/queues.js';
import { post } from '../routing/transport.js';
import { SandboxDestinations } from '../sandbox/destinations.js';
import { databaseTarget, openDatabase } from '../store/db.js';
import { exchangeMigrations, type ExchangeTables } from '../store/exchange-tables.js';
import { countExchangesByStatus, type Store, unfinishedDeliveries } from '../store/exchanges.js';
import { migrateToLatest } from '../store/migrate.js';
import { resolveRedis } from './redis.js';

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
  /** Stops taking work, lets in-flight requests and deliveries finish, then releases everything. */
  close(): Promise<void>;
}

/** Wires configuration, store, queues, pipeline, HTTP and workers together: the one place that knows them all. */
export async function startGateway(config: GatewayConfig, roles: GatewayRoles, logger: Logger = pino({ level: config.logLevel })): Promise<Gateway> {
  const redisEndpoint = await resolveRedis(config.redisUrl, config.dataDir);
  const redis = new Redis(redisEndpoint.url, { maxRetriesPerRequest: null });
  const target = databaseTarget(config.databaseUrl, join(config.dataDir, 'swgate.sqlite'));
  const store: Store = { db: openDatabase<ExchangeTables>(target), kind: target.kind };
  await migrateToLatest(store.db, exchangeMigrations);

  const queueSettings = { connection: redis, prefix: config.redisPrefix };
  const queues = new DeliveryQueues(queueSettings);
  const participants = new Map(config.participants.map((p) => [p.id, p]));
  const destinations = [...new Set(config.agreements.map((a) => a.destination))];
  const sandbox = config.sandbox ? new SandboxDestinations(participants) : undefined;
  let baseUrl = config.publicUrl;

  let app: FastifyInstance | undefined;
  if (roles.api) {
    app = await buildApp(
      {
        config,
        store,
        ingest: (req) => ingestDocument({ store, agreements: config.agreements, enqueue: (job, policy) => queues.enqueue(job, policy), now: () => new Date() }, req),
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
    if (config.port === 0) baseUrl = `http://127.0.0.1:${new URL(address).port}`;
  }

  let workers: Worker[] = [];
  if (roles.workers) {
    const agreements = new Map(config.agreements.map((a) => [a.id, a]));
    const deliverDeps = {
      store,
      participants,
      agreements,
      sandboxUrl: (id: string) => `${baseUrl}/sandbox/destinations/${id}/deliveries`,
      send: post,
      now: () => new Date(),
    };
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
      { ...queueSettings, concurrency: 16 },
    );
    // A crash between storing an exchange and queueing its deliveries leaves them without a
    // job; enqueue is idempotent, so queueing every unfinished delivery again is safe.
    for (const d of await unfinishedDeliveries(store)) {
      const agreement = agreements.get(d.agreement_id);
      if (agreement) await queues.enqueue({ exchangeId: d.exchange_id, destination: d.destination }, agreement.delivery);
    }
  }

  return {
    config,
    store,
    logger,
    ...(app ? { app, url: baseUrl } : {}),
    ...(sandbox ? { sandbox } : {}),
    async close() {
      await app?.close();
      await stopWorkers(workers);
      await queues.close();
      redis.disconnect();
      await store.db.destroy();
      await redisEndpoint.stop?.();
    },
  };
}
