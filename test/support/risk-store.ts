import type { Kysely } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { createProvenanceLog, type ProvenanceLog } from '../../src/provenance/log.js';
import { provenanceMigrations, type ProvenanceTables } from '../../src/provenance/store.js';
import { recognitionMigrations, type RecognitionTables } from '../../src/risk/recognition-tables.js';
import { riskMigrations, type RiskTables } from '../../src/risk/tables.js';
import { openDatabase, tablesOf } from '../../src/store/db.js';
import { exchangeMigrations, type ExchangeTables } from '../../src/store/exchange-tables.js';
import type { Store } from '../../src/store/exchanges.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { newSigner } from '../provenance/fixtures.js';
import { createTestDatabase, type TestDatabase } from './databases.js';

type RiskStoreTables = ExchangeTables & ProvenanceTables & RiskTables & RecognitionTables;

export interface RiskStore {
  store: Store;
  /** The same database with every table the risk unit writes, and the provenance log's. */
  db: Kysely<RiskStoreTables>;
  log: ProvenanceLog;
  /** The events of every record logged so far, in log order. */
  loggedEvents(): Promise<Array<{ exchangeId: string; event: string; agent: { participant: string } }>>;
}

/** A migrated store with the exchange, provenance, risk and mutual recognition tables and a log, for the calling suite. */
export function useRiskStore(kind: 'sqlite' | 'postgres'): RiskStore {
  const holder = {} as RiskStore;
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const db = openDatabase<RiskStoreTables>(database.target);
    await migrateToLatest(db, { ...exchangeMigrations, ...provenanceMigrations, ...riskMigrations, ...recognitionMigrations });
    holder.db = db;
    holder.store = { db: tablesOf<ExchangeTables>(db), kind };
    holder.log = createProvenanceLog({
      db: tablesOf<ProvenanceTables>(db),
      kind,
      signer: newSigner(),
      origin: 'swgate.test',
      checkpointEvery: { entries: 1000, seconds: 3600 },
    });
    holder.loggedEvents = async () => {
      const rows = await tablesOf<ProvenanceTables>(db).selectFrom('provenance_leaves').select('record').orderBy('leaf_index').execute();
      return rows.map((r) => JSON.parse(r.record!));
    };
  });
  afterAll(async () => {
    await holder.log?.close();
    await holder.db?.destroy();
    await database?.drop();
  });
  return holder;
}
