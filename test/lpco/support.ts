import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type DatabaseKind } from '../../src/store/db.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import type { LpcoDb } from '../../src/lpco/registry.js';
import { lpcoMigrations, type LpcoTables } from '../../src/lpco/tables.js';
import { exchangeMigrations, type ExchangeTables } from '../../src/store/exchange-tables.js';
import type { Store } from '../../src/store/exchanges.js';
import { tablesOf } from '../../src/store/db.js';
import { createTestDatabase } from '../support/databases.js';

export interface LpcoTestDb {
  db: LpcoDb;
  kind: DatabaseKind;
  /** The exchange store in the same database, as the gateway has it. */
  store: Store;
}

/** A fresh database of `kind` with the registry and the exchange store, for the suite that calls it; dropped after the suite. */
export function useLpcoDatabase(kind: DatabaseKind): LpcoTestDb {
  const handle = { kind } as LpcoTestDb;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const test = await createTestDatabase(kind);
    drop = test.drop;
    const db = openDatabase<ExchangeTables & LpcoTables>(test.target);
    await migrateToLatest(db, { ...exchangeMigrations, ...lpcoMigrations });
    handle.db = tablesOf<LpcoTables>(db);
    handle.store = { db: tablesOf<ExchangeTables>(db), kind };
  });
  afterAll(async () => {
    await handle.store?.db.destroy();
    await drop?.();
  });
  return handle;
}

export { duringValidity, HOLDER, PLANT_AUTHORITY, sampleLpco } from './sample.js';
