import { Redis } from 'ioredis';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config/types.js';
import type { SyncSource } from '../analytics/sync.js';
import type { LpcoDb } from '../lpco/registry.js';
import { lpcoMigrations, type LpcoTables } from '../lpco/tables.js';
import { recordingIn, type RecordProvenance } from '../pipeline/vocabulary.js';
import { loadOrCreateLogKey } from '../provenance/checkpoint.js';
import { createProvenanceLog, type ProvenanceLog } from '../provenance/log.js';
import { type ProvenanceTables, provenanceMigrations } from '../provenance/store.js';
import { makePrivateDir } from '../private-files.js';
import { databaseTarget, openDatabase, tablesOf } from '../store/db.js';
import { exchangeMigrations, type ExchangeTables } from '../store/exchange-tables.js';
import type { Store } from '../store/exchanges.js';
import { retryWhileConnectionLost, warningOfRetries } from '../store/connection-lost.js';
import { migrateToLatest } from '../store/migrate.js';
import { riskProfileMigrations, type RiskProfileTables } from '../risk/profiles/tables.js';
import { riskMigrations, type RiskTables } from '../risk/tables.js';
import { recognitionMigrations, type RecognitionTables } from '../risk/recognition-tables.js';
import { controlRequestMigrations, type ControlRequestTables } from '../risk/control-results.js';
import { ecommerceMigrations, type EcommerceTables } from '../ecommerce/tables.js';
import { loadConfiguredGuarantees } from '../transit/guarantees.js';
import { transitMigrations, type TransitTables } from '../transit/tables.js';
import { ephytoHubMigrations, type EphytoHubTables } from '../ephyto-hub/tables.js';
import { accessPointMigrations } from '../access-point/tables.js';
import { movementMigrations } from '../transit/movement-tables.js';
import type { QueueSettings } from './queues.js';
import { resolveRedis } from './redis.js';

/** Every module's migrations: what a database the gateway (or a command) opens is brought to. */
export const ALL_MIGRATIONS = {
  ...exchangeMigrations,
  ...provenanceMigrations,
  ...lpcoMigrations,
  ...riskMigrations,
  ...recognitionMigrations,
  ...controlRequestMigrations,
  ...riskProfileMigrations,
  ...ecommerceMigrations,
  ...movementMigrations,
  ...transitMigrations,
  ...ephytoHubMigrations,
  ...accessPointMigrations,
};

/** What the gateway keeps its state in: one database (exchanges, provenance log, e-LPCO registry) and Redis (queues). */
export interface Stores {
  store: Store;
  lpcoDb: LpcoDb;
  redis: Redis;
  /** Where the queues live: the Redis connection and the key prefix of this deployment. */
  queueSettings: QueueSettings;
  log: ProvenanceLog;
  /** The key that verifies the log's checkpoints (PEM). */
  logPublicKeyPem: string;
  recordProvenance: RecordProvenance;
  /** What the analytics store copies: the exchanges with their documents and deliveries, the risk decisions and control results. */
  analyticsSource: SyncSource;
  /** The log, then Redis, then the database, then a private Redis this process started. */
  close(): Promise<void>;
}

/**
 * Opens the database and brings it to the latest migration, connects to Redis (starting a
 * private one under dataDir when none answers and redis-server is there: redis.ts), and opens
 * the provenance log in the database with its signing key.
 */
export async function openStores(config: GatewayConfig, logger: Logger): Promise<Stores> {
  makePrivateDir(config.dataDir);
  const redisEndpoint = await resolveRedis(config.redisUrl, config.dataDir);
  const redis = new Redis(redisEndpoint.url, { maxRetriesPerRequest: null });
  const target = databaseTarget(config.databaseUrl, join(config.dataDir, 'swgate.sqlite'));
  const db = openDatabase<
    ExchangeTables &
      ProvenanceTables &
      LpcoTables &
      RiskTables &
      RecognitionTables &
      ControlRequestTables &
      RiskProfileTables &
      EcommerceTables &
      EphytoHubTables
  >(target, {
    onConnectionError: (error) => logger.warn({ err: error.message }, 'database connection lost; the next query opens a new one'),
  });
  const store: Store = { db: tablesOf<ExchangeTables>(db), kind: target.kind };
  await retryWhileConnectionLost(() => migrateToLatest(db, ALL_MIGRATIONS), warningOfRetries(logger));
  // Checked whole (check digits, amounts) before anything is written: a bad guarantee stops the start.
  await retryWhileConnectionLost(() => loadConfiguredGuarantees(tablesOf<TransitTables>(db), config.transit), warningOfRetries(logger));
  const logSigner = loadOrCreateLogKey(config.logKeyDir);
  const log = createProvenanceLog({
    db: tablesOf<ProvenanceTables>(db),
    kind: target.kind,
    signer: logSigner,
    origin: `${new URL(config.publicUrl).host}/swgate`,
    checkpointEvery: { entries: 1000, seconds: 60 },
  });
  return {
    store,
    lpcoDb: tablesOf<LpcoTables>(db),
    redis,
    queueSettings: { connection: redis, prefix: config.redisPrefix },
    log,
    logPublicKeyPem: logSigner.publicKeyPem,
    recordProvenance: recordingIn(log),
    analyticsSource: tablesOf<ExchangeTables & RiskTables>(db),
    async close() {
      await log.close();
      redis.disconnect();
      await store.db.destroy();
      await redisEndpoint.stop?.();
    },
  };
}
