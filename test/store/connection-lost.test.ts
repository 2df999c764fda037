import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isConnectionLost, retryWhileConnectionLost } from '../../src/store/connection-lost.js';
import { openDatabase } from '../../src/store/db.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { type ExchangeTables, exchangeMigrations } from '../../src/store/exchange-tables.js';
import { createTestDatabase, postgresReachable, TEST_PG_URL, type TestDatabase } from '../support/databases.js';

const onPostgres = await postgresReachable();

/** Ends every other session on the database, as an administrator or a restart does. */
async function terminateSessions(database: string): Promise<void> {
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  try {
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
  } finally {
    await admin.end();
  }
}

describe.runIf(onPostgres)('start-up work when the database connection is lost (postgres)', () => {
  let database: TestDatabase;
  let db: Kysely<ExchangeTables>;
  const name = () => new URL(database.target.location).pathname.slice(1);

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    db = openDatabase(database.target);
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  it('runs the work again when the server ends the session under it, and answers as the second attempt did', async () => {
    const lost: unknown[] = [];
    let attempts = 0;
    const answer = await retryWhileConnectionLost(
      async () => {
        attempts += 1;
        if (attempts === 1) {
          setTimeout(() => void terminateSessions(name()), 300);
          await sql`SELECT pg_sleep(5)`.execute(db);
        }
        return (await sql<{ one: number }>`SELECT 1 AS one`.execute(db)).rows[0]?.one;
      },
      { delayMs: 50, onRetry: (error) => lost.push(error) },
    );
    expect({ answer, attempts }).toEqual({ answer: 1, attempts: 2 });
    expect(lost.map((e) => (e as { code?: string }).code)).toEqual(['57P01']);
  });

  it('brings the database to the latest migration though the first attempt lost its connection', async () => {
    let attempts = 0;
    await retryWhileConnectionLost(
      async () => {
        attempts += 1;
        if (attempts === 1) {
          setTimeout(() => void terminateSessions(name()), 200);
          await sql`SELECT pg_sleep(5)`.execute(db);
        }
        await migrateToLatest(db, exchangeMigrations);
      },
      { delayMs: 50 },
    );
    const tables = await sql<{ n: string }>`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'exchanges'`.execute(db);
    expect({ attempts, exchanges: tables.rows[0]?.n }).toEqual({ attempts: 2, exchanges: '1' });
  });
});

describe('what counts as a lost connection', () => {
  it('fails at once on any other error, without a second attempt', async () => {
    let attempts = 0;
    const refused = retryWhileConnectionLost(async () => {
      attempts += 1;
      throw Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });
    });
    await expect(refused).rejects.toThrow(/duplicate key/);
    expect(attempts).toBe(1);
  });

  it('gives up after the attempts it is allowed, with the last error', async () => {
    let attempts = 0;
    const refused = retryWhileConnectionLost(
      async () => {
        attempts += 1;
        throw Object.assign(new Error(`connect ECONNREFUSED 127.0.0.1:1 (${attempts})`), { code: 'ECONNREFUSED' });
      },
      { attempts: 3, delayMs: 1 },
    );
    await expect(refused).rejects.toThrow('(3)');
    expect(attempts).toBe(3);
  });

  it.each([
    [{ code: '57P01' }, true],
    [{ code: '08006' }, true],
    [new Error('Connection terminated unexpectedly'), true],
    [{ code: '42P01' }, false],
    [new Error('syntax error'), false],
    ['57P01', false],
    [null, false],
  ])('%o: %s', (error, lost) => {
    expect(isConnectionLost(error)).toBe(lost);
  });
});
