/**
 * The one rule that keeps writers from deadlocking (docs/ARCHITECTURE.md, "State and its
 * provenance in one transaction"): a transaction that changes state takes the write lock FIRST,
 * before any row lock, or not at all. The provenance log's sequencer needs one writer at a time
 * anyway (read the tree size, insert after it); making every state change take that same lock
 * first lets a status and the log records it causes commit together without two transactions
 * ever holding locks the other waits for.
 */
import { type Kysely, sql } from 'kysely';
import type { DatabaseKind } from './db.js';

/** Any constant works: it only has to be the same in every gateway instance sharing the database. */
const WRITE_LOCK_KEY = 0x73776774;

/**
 * Runs `work` in a transaction that holds the write lock. PostgreSQL: a transaction-scoped
 * advisory lock, taken by the transaction's first statement, so API and worker processes take
 * turns. SQLite: BEGIN IMMEDIATE takes the database's write lock up front, so a writer in
 * another process waits (busy_timeout) instead of failing on a stale read snapshot.
 */
export async function inWriteTransaction<DB, T>(db: Kysely<DB>, kind: DatabaseKind, work: (transaction: Kysely<DB>) => Promise<T>): Promise<T> {
  if (kind === 'postgres') {
    return db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${WRITE_LOCK_KEY})`.execute(trx);
      return work(trx);
    });
  }
  return db.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);
    try {
      const result = await work(connection);
      await sql`commit`.execute(connection);
      return result;
    } catch (error) {
      await sql`rollback`.execute(connection);
      throw error;
    }
  });
}
