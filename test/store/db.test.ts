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

  it('survives the server closing its idle connections (a restart, a failover): the next query opens a new one', async () => {
    const db = openDatabase<Record<string, never>>(database.target);
    const pid = async () => (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db)).rows[0]?.pid;
    const before = await pid();

    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [new URL(database.target.location).pathname.slice(1)]);
    await admin.end();
    await new Promise((resolve) => setTimeout(resolve, 200));

    const after = await pid();
    expect(after).toBeGreaterThan(0);
    expect(after).not.toBe(before);
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
