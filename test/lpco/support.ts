import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type DatabaseKind } from '../../src/store/db.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import type { Lpco } from '../../src/lpco/lpco.js';
import type { LpcoDb } from '../../src/lpco/registry.js';
import { lpcoMigrations } from '../../src/lpco/tables.js';
import { createTestDatabase } from '../support/databases.js';
import { backendsGone } from './pg-backends.js';

export interface LpcoTestDb {
  db: LpcoDb;
  kind: DatabaseKind;
  /** SQLite file or PostgreSQL URL. */
  location: string;
}

/** A fresh, migrated database of `kind` for the suite that calls it; dropped after the suite. */
export function useLpcoDatabase(kind: DatabaseKind): LpcoTestDb {
  const handle = { kind } as LpcoTestDb;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const test = await createTestDatabase(kind);
    drop = test.drop;
    handle.location = test.target.location;
    handle.db = openDatabase(test.target);
    await migrateToLatest(handle.db, lpcoMigrations);
  });
  afterAll(async () => {
    await handle.db?.destroy();
    if (kind === 'postgres') await backendsGone(handle.location);
    await drop?.();
  });
  return handle;
}

/** Within the sample's validity (2026-01-10 to 2026-03-10). */
export const duringValidity = (): Date => new Date('2026-02-01T12:00:00Z');

export const PLANT_AUTHORITY = 'pga-plant';
export const HOLDER = 'GB123456789000';

let serial = 0;
/** A phytosanitary certificate (N851) of 100 kg live plants, with a number of its own unless given one. */
export function sampleLpco(overrides: Partial<Lpco> = {}): Lpco {
  serial += 1;
  return {
    documentCode: 'N851',
    number: `NO-2026-${String(serial).padStart(6, '0')}`,
    issuer: { agency: 'Mattilsynet', country: 'NO' },
    holder: { id: HOLDER, name: 'Green Imports Ltd' },
    issuedAt: '2026-01-10T00:00:00Z',
    validFrom: '2026-01-10',
    validUntil: '2026-03-10',
    status: 'issued',
    exportCountry: 'NO',
    importCountry: 'GB',
    lines: [{ sequence: '1', description: 'Live plants, rooted cuttings', hsCode: '060290', quantity: '100.000', unit: 'KGM', origin: 'NO' }],
    ...overrides,
  };
}
