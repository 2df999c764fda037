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
}

/** A fresh, migrated database of `kind` for the suite that calls it; dropped after the suite. */
export function useLpcoDatabase(kind: DatabaseKind): LpcoTestDb {
  const handle = { kind } as LpcoTestDb;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const test = await createTestDatabase(kind);
    drop = test.drop;
    handle.db = openDatabase(test.target);
    await migrateToLatest(handle.db, lpcoMigrations);
  });
  afterAll(async () => {
    await handle.db?.destroy();
    await drop?.();
  });
  return handle;
}

export interface RegistryAndStore extends LpcoTestDb {
  store: Store;
}

/** The registry and the exchange store in one fresh database of `kind`, as the gateway has them. */
export function useRegistryAndStore(kind: DatabaseKind): RegistryAndStore {
  const handle = { kind } as RegistryAndStore;
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
