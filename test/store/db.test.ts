import { sql } from 'kysely';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { createTestDatabase, postgresReachable, TEST_PG_URL, type TestDatabase } from '../support/databases.js';

describe.runIf(await postgresReachable())('openDatabase on PostgreSQL', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => database?.drop());

  /** What an administrator or a server restart does to this database's connections. */
  async function terminateBackends(): Promise<number> {
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    try {
      const { rows } = await admin.query('SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [
        new URL(database.target.location).pathname.slice(1),
      ]);
      return rows.length;
    } finally {
      await admin.end();
    }
  }

  it('survives the server closing its idle connections (a restart, a failover): the next query opens a new one', async () => {
    const lost: Error[] = [];
    const db = openDatabase<Record<string, never>>(database.target, { onConnectionError: (error) => lost.push(error) });
    const pid = async () => (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db)).rows[0]?.pid;
    // Several idle connections in the pool.
    await Promise.all(Array.from({ length: 4 }, () => sql`SELECT pg_sleep(0.05)`.execute(db)));
    const before = await pid();

    expect(await terminateBackends()).toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 200));

    const after = await pid();
    expect(after).toBeGreaterThan(0);
    expect(after).not.toBe(before);
    expect(lost.length).toBeGreaterThanOrEqual(1);
    await db.destroy();
  });

  it('survives losing a connection lent out to a transaction between two of its queries: the transaction fails, the process lives, the next query works', async () => {
    const lost: Error[] = [];
    const db = openDatabase<Record<string, never>>(database.target, { onConnectionError: (error) => lost.push(error) });
    const transaction = db.transaction().execute(async (trx) => {
      await sql`SELECT 1`.execute(trx);
      // The connection sits checked out, no query running, while the server drops it.
      expect(await terminateBackends()).toBeGreaterThanOrEqual(1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await sql`SELECT 2`.execute(trx);
    });
    await expect(transaction).rejects.toThrow();
    expect(lost.length).toBeGreaterThanOrEqual(1);
    const { rows } = await sql<{ n: number }>`SELECT 41 + 1 AS n`.execute(db);
    expect(rows[0]?.n).toBe(42);
    await db.destroy();
  });
});

describe('openDatabase on SQLite', () => {
  it('keeps the database, its WAL and its directory from other local users (0600 files, a 0700 directory)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'swgate-db-'));
    const file = join(root, 'data', 'swgate.sqlite');
    const db = openDatabase<{ t: { a: number } }>({ kind: 'sqlite', location: file });
    await sql`CREATE TABLE t (a INTEGER)`.execute(db);
    await db.insertInto('t').values({ a: 1 }).execute();
    const mode = (path: string) => statSync(path).mode & 0o777;
    expect(mode(join(root, 'data'))).toBe(0o700);
    for (const path of [file, `${file}-wal`, `${file}-shm`]) expect(mode(path), path).toBe(0o600);
    await db.destroy();
    rmSync(root, { recursive: true, force: true });
  });

  it('tightens a database file another version left readable', async () => {
    const root = mkdtempSync(join(tmpdir(), 'swgate-db-'));
    const file = join(root, 'swgate.sqlite');
    writeFileSync(file, '', { mode: 0o644 });
    const db = openDatabase<Record<string, never>>({ kind: 'sqlite', location: file });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await db.destroy();
    rmSync(root, { recursive: true, force: true });
  });
});
