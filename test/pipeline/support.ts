import { ALL_MIGRATIONS } from '../../src/runtime/stores.js';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import type { Agreement, Participant } from '../../src/config/types.js';
import type { LpcoDb } from '../../src/lpco/registry.js';
import type { LpcoTables } from '../../src/lpco/tables.js';
import { type IngestDeps, type IngestRequest, type IngestResult, ingestDocument } from '../../src/pipeline/ingest.js';
import { recordingIn } from '../../src/pipeline/vocabulary.js';
import { createProvenanceLog, type ProvenanceLog } from '../../src/provenance/log.js';
import type { ProvenanceTables } from '../../src/provenance/store.js';
import type { DeliveryJob } from '../../src/pipeline/vocabulary.js';
import { type DatabaseKind, openDatabase, tablesOf } from '../../src/store/db.js';
import type { ExchangeTables } from '../../src/store/exchange-tables.js';
import type { Store } from '../../src/store/exchanges.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { duringValidity } from '../lpco/sample.js';
import { newSigner } from '../provenance/fixtures.js';
import { createTestDatabase } from '../support/databases.js';
import type { MemoryQueue } from '../support/queue.js';

/** One fresh database as the gateway has it: exchanges, the provenance log and the e-LPCO registry. */
export interface PipelineDatabase {
  kind: DatabaseKind;
  store: Store;
  lpcoDb: LpcoDb;
  log: ProvenanceLog;
  /** What is stored of everything, to show a refused document left nothing behind. */
  counts(): Promise<{ exchanges: number; leaves: number; reservations: number; lpcos: number }>;
  /** The events of an exchange's records in the log, in log order. */
  logged(exchangeId: string): Promise<string[]>;
}

export function usePipelineDatabase(kind: DatabaseKind): PipelineDatabase {
  const handle = { kind } as PipelineDatabase;
  let db: Kysely<ExchangeTables & ProvenanceTables & LpcoTables> | undefined;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const database = await createTestDatabase(kind);
    drop = database.drop;
    const opened = openDatabase<ExchangeTables & ProvenanceTables & LpcoTables>(database.target);
    db = opened;
    await migrateToLatest(opened, ALL_MIGRATIONS);
    handle.store = { db: tablesOf<ExchangeTables>(opened), kind };
    handle.lpcoDb = tablesOf<LpcoTables>(opened);
    handle.log = createProvenanceLog({
      db: tablesOf<ProvenanceTables>(opened),
      kind,
      signer: newSigner(),
      origin: 'swgate.test/pipeline',
      checkpointEvery: { entries: 1000, seconds: 3600 },
    });
    handle.counts = async () => {
      const count = async (table: 'exchanges' | 'provenance_leaves' | 'lpco_reservations' | 'lpcos') =>
        Number(
          (
            await opened
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<string | number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      return {
        exchanges: await count('exchanges'),
        leaves: await count('provenance_leaves'),
        reservations: await count('lpco_reservations'),
        lpcos: await count('lpcos'),
      };
    };
    handle.logged = async (exchangeId) =>
      (await opened.selectFrom('provenance_leaves').select('record').where('exchange_id', '=', exchangeId).orderBy('leaf_index').execute()).map(
        (r) => (JSON.parse(r.record ?? '{}') as { event: string }).event,
      );
  });
  afterAll(async () => {
    await handle.log?.close();
    await db?.destroy();
    await drop?.();
  });
  return handle;
}

/**
 * The real ingest over `t`'s store and log, its deliveries going to `queue`; a job the queue does
 * not take fails the test unless `overrides` say what to do with it (onEnqueueFailed).
 */
export function ingestInto(
  t: PipelineDatabase,
  queue: MemoryQueue,
  agreements: readonly Agreement[],
  overrides: Partial<IngestDeps> = {},
): (req: IngestRequest) => Promise<IngestResult> {
  const deps: IngestDeps = {
    store: t.store,
    agreements,
    enqueue: (job, policy) => queue.enqueue(job, policy),
    onEnqueueFailed: (job, error) => {
      throw new Error(`${job.exchangeId}.${job.destination} was not queued: ${(error as Error).message}`);
    },
    recordProvenance: recordingIn(t.log),
    unknownLpco: 'error',
    now: duringValidity,
    ...overrides,
  };
  return (req) => ingestDocument(deps, req);
}

/** Deps of a queue that is down (Redis refuses connections): each job it did not take is noted in `notQueued`. */
export function queueDown(notQueued: DeliveryJob[]): Pick<IngestDeps, 'enqueue' | 'onEnqueueFailed'> {
  return {
    enqueue: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')),
    onEnqueueFailed: (job) => void notQueued.push(job),
  };
}

export const participant = (id: string, overrides: Partial<Participant> = {}): Participant => ({
  id,
  kind: 'trader',
  name: id,
  apiKeySha256: [],
  certificateFingerprints: [],
  operator: false,
  actsFor: [],
  issues: [],
  ...overrides,
});

export const agreementFor = (documentKind: string, destination: string): Agreement => ({
  id: `${documentKind}-to-${destination}`,
  description: '',
  when: { documentKinds: [documentKind] },
  destination,
  format: 'json',
  transport: 'swgate',
  delivery: { attempts: 1, backoffMs: 0, timeoutMs: 1000, retry: 'never', receiptTimeoutMs: 60_000 },
});
