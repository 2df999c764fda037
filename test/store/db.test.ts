import { sql } from 'kysely';
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
