import { afterAll, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { pino } from 'pino';
import type { Kysely } from 'kysely';
import { loadConfig } from '../../src/config/load.js';
import type { ProvenanceTables } from '../../src/provenance/store.js';
import type { ExchangeTables } from '../../src/store/exchange-tables.js';
import { queueName } from '../../src/runtime/queues.js';
import { type Gateway, startGateway } from '../../src/runtime/gateway.js';
import type { RiskJudges } from '../../src/runtime/pipeline.js';
import { createTestDatabase, type TestDatabase } from './databases.js';
import { TEST_REDIS_URL, testRedisPrefix } from './redis.js';

export const SAMPLES = 'test/fixtures/wco-dm/samples/customs-declarations';

/** One sandbox PKI per test process: made once, reused by every gateway the process starts. */
export const TEST_PKI_DIR = join(tmpdir(), `swgate-test-pki-${process.pid}`);
export const sample = (path: string) => readFileSync(join(SAMPLES, path));

export interface TestGateway {
  gateway: Gateway;
  url: string;
  /** Total delivery jobs that exist in Redis for this gateway, in any state. */
  jobCount(): Promise<number>;
  exchangeCount(): Promise<number>;
  /** Rows of `table` in the gateway's database: to show that a refusal stored nothing. */
  rowCount(table: string): Promise<number>;
  /**
   * Provenance records logged under a subject that is no exchange (a control result, an AEO
   * change): unlike an exchange's, none is added in the background by its deliveries.
   */
  recordsOfNoExchange(): Promise<number>;
  stop(): Promise<void>;
}

/** A whole sandbox gateway (API + workers) on an ephemeral port, its own database and Redis prefix. */
export async function startTestGateway(kind: 'sqlite' | 'postgres', env: Record<string, string> = {}, risk: RiskJudges = {}): Promise<TestGateway> {
  const database: TestDatabase = await createTestDatabase(kind);
  const dataDir = mkdtempSync(join(tmpdir(), 'swgate-gw-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    SWGATE_DATA_DIR: dataDir,
    REDIS_URL: TEST_REDIS_URL,
    SWGATE_REDIS_PREFIX: testRedisPrefix(),
    DATABASE_URL: database.target.location,
    LOG_LEVEL: 'silent',
    SWGATE_CERTS_DIR: TEST_PKI_DIR,
    ...env,
  });
  const gateway = await startGateway(config, { api: true, workers: true }, pino({ level: 'silent' }), risk);
  const destinations = [...new Set(config.agreements.map((a) => a.destination))];
  const queues = destinations.map((d) => new Queue(queueName(d), { connection: { url: TEST_REDIS_URL }, prefix: config.redisPrefix }));
  return {
    gateway,
    url: gateway.url as string,
    async jobCount() {
      const counts = await Promise.all(queues.map((q) => q.getJobCounts()));
      return counts.flatMap((c) => Object.values(c)).reduce((a, b) => a + b, 0);
    },
    async exchangeCount() {
      const row = await gateway.store.db
        .selectFrom('exchanges')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    rowCount: async (table) => {
      const db = gateway.store.db as unknown as Kysely<Record<string, { id: string }>>;
      const row = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    recordsOfNoExchange: async () => {
      const db = gateway.store.db as unknown as Kysely<ProvenanceTables & ExchangeTables>;
      const row = await db
        .selectFrom('provenance_leaves')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where((eb) => eb.not(eb.exists(eb.selectFrom('exchanges').select('id').whereRef('exchanges.id', '=', 'provenance_leaves.exchange_id'))))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async stop() {
      await gateway.close();
      for (const q of queues) {
        await q.obliterate({ force: true });
        await q.close();
      }
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A SQLite test gateway for the enclosing describe: started before its tests, stopped after; `port` for raw sockets. */
export function useTestGateway(env: Record<string, string> = {}): { readonly t: TestGateway; readonly port: number } {
  let started: TestGateway | undefined;
  beforeAll(async () => {
    started = await startTestGateway('sqlite', env);
  }, 60_000);
  afterAll(async () => started?.stop());
  return {
    get t() {
      return started as TestGateway;
    },
    get port() {
      return Number(new URL((started as TestGateway).url).port);
    },
  };
}
