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

/** Writes a transaction defers to just before its COMMIT (beforeCommit), by transaction. */
const flushesByTransaction = new WeakMap<object, Array<() => Promise<void>>>();

/**
 * Runs `work` in a transaction that holds the write lock. PostgreSQL: a transaction-scoped
 * advisory lock, taken by the transaction's first statement, so API and worker processes take
 * turns. SQLite: BEGIN IMMEDIATE takes the database's write lock up front, so a writer in
 * another process waits (busy_timeout) instead of failing on a stale read snapshot. The flushes
 * registered with beforeCommit run after `work`, inside the transaction: one that throws fails
 * it as a failed statement of `work` would.
 */
export async function inWriteTransaction<DB, T>(db: Kysely<DB>, kind: DatabaseKind, work: (transaction: Kysely<DB>) => Promise<T>): Promise<T> {
  const flushed = async (transaction: Kysely<DB>) => {
    flushesByTransaction.set(transaction, []);
    try {
      const result = await work(transaction);
      await flushBeforeCommit(transaction);
      return result;
    } finally {
      flushesByTransaction.delete(transaction);
    }
  };
  if (kind === 'postgres') {
    return db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${WRITE_LOCK_KEY})`.execute(trx);
      return flushed(trx);
    });
  }
  return db.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);
    try {
      const result = await flushed(connection);
      await sql`commit`.execute(connection);
      return result;
    } catch (error) {
      await sql`rollback`.execute(connection);
      throw error;
    }
  });
}

/**
 * Defers `flush` to the end of `transaction` (from inWriteTransaction): writes that many callers
 * of one transaction (a write batch) each add to are then written together, in a few statements.
 */
export function beforeCommit<DB>(transaction: Kysely<DB>, flush: () => Promise<void>): void {
  const flushes = flushesByTransaction.get(transaction);
  // Outside a write transaction the flush would never run: what it writes would be lost silently.
  if (!flushes) throw new Error('beforeCommit needs a transaction from inWriteTransaction');
  flushes.push(flush);
}

/**
 * Runs now the flushes deferred so far in `transaction` (none outside a write transaction): a
 * write that reads or changes what they would write calls it first, so it sees them done.
 */
export async function flushBeforeCommit<DB>(transaction: Kysely<DB>): Promise<void> {
  const flushes = flushesByTransaction.get(transaction) ?? [];
  for (let flush = flushes.shift(); flush; flush = flushes.shift()) await flush();
}
