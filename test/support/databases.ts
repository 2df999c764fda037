import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Migration } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { type DatabaseTarget, openDatabase } from '../../src/store/db.js';
import { exchangeMigrations, type ExchangeTables } from '../../src/store/exchange-tables.js';
import type { Store } from '../../src/store/exchanges.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { riskProfileMigrations } from '../../src/risk/profiles/tables.js';
import { riskMigrations } from '../../src/risk/tables.js';
import { unavailable } from './tools.js';

/** PostgreSQL of the development and CI machines; SWGATE_TEST_PG moves it. */
export const TEST_PG_URL = process.env.SWGATE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

let reachable: Promise<boolean> | undefined;
export function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch {
      return unavailable({
        name: `PostgreSQL at ${withoutPassword(TEST_PG_URL)}`,
        remedy: 'start PostgreSQL there with trust auth for user postgres, or point SWGATE_TEST_PG at one',
      });
    }
  })();
  return reachable;
}

export interface TestDatabase {
  target: DatabaseTarget;
  drop(): Promise<void>;
}

/** A fresh, private database of the given kind: parallel test runs never share one. */
export async function createTestDatabase(kind: 'sqlite' | 'postgres'): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'swgate-test-'));
    return { target: { kind, location: join(dir, 'swgate.sqlite') }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `swgate_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return {
    target: { kind, location: url.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      try {
        // pg's pool resolves end() before its sockets have closed: let them go before forcing the drop.
        for (let i = 0; i < 100; i++) {
          const { rows } = await c.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1', [name]);
          if (rows[0]?.n === '0') break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** The database kinds a suite runs on: SQLite always, PostgreSQL when it answers (and a failure when it does not and the run requires it). */
export async function databaseKinds(): Promise<Array<'sqlite' | 'postgres'>> {
  return (await postgresReachable()) ? ['sqlite', 'postgres'] : ['sqlite'];
}

/**
 * A migrated exchange store of the given kind for the calling suite (filled before its tests,
 * dropped after them), with the tables of `modules` too (their migrations).
 */
export function useExchangeStore(kind: 'sqlite' | 'postgres', modules: Record<string, Migration> = {}): { store: Store } {
  const holder = {} as { store: Store };
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const db = openDatabase<ExchangeTables>(database.target);
    holder.store = { db, kind };
    await migrateToLatest(db, { ...exchangeMigrations, ...riskMigrations, ...riskProfileMigrations, ...modules });
  });
  afterAll(async () => {
    await holder.store?.db.destroy();
    await database?.drop();
  });
  return holder;
}
