import pg from 'pg';
import { TEST_PG_URL } from '../support/databases.js';

/**
 * pg's pool resolves end() before its sockets have closed; a forced DROP DATABASE in that
 * window kills a closing client, whose error then surfaces as an unhandled one. Wait them out.
 */
export async function backendsGone(databaseUrl: string): Promise<void> {
  const database = new URL(databaseUrl).pathname.slice(1);
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  try {
    for (let i = 0; i < 100; i++) {
      const { rows } = await admin.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1', [database]);
      if (rows[0]?.n === '0') return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await admin.end();
  }
}
