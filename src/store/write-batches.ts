/**
 * Group commit for the exchange store's small writes. Every delivery writes twice (its outgoing
 * document with the attempt starting, then its settlement) and a commit costs more than the writes in it;
 * writes that arrive while a transaction commits wait and then share the next one. They run one
 * after the other inside it, so each sees the ones before, exactly as if each had its own.
 *
 * Every batch holds the write lock (write-lock.ts) from its first statement: a write may append
 * the provenance records of its state change in the same transaction.
 *
 * A failed write would take its whole batch with it (PostgreSQL aborts the transaction on any
 * error), so a failed batch is run again one write per transaction: each caller gets its own
 * write's outcome, never a neighbour's. So is one whose writes deferred to its commit fail
 * (write-lock.ts beforeCommit): each write, alone, then writes its own.
 */
import type { Kysely } from 'kysely';
import { groupCommit } from '../group-commit.js';
import { inWriteTransaction } from './write-lock.js';
import type { ExchangeTables } from './exchange-tables.js';
import type { Target } from './prepared.js';

type Store = Target<ExchangeTables>;

/** A write, given the store as seen inside the batch's transaction. */
export type Write<T> = (transaction: Store) => Promise<T>;

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

const batchersByDatabase = new WeakMap<Kysely<ExchangeTables>, (writes: Write<unknown>[]) => Promise<Outcome[]>>();

function batcherFor({ db, kind }: Store) {
  let batcher = batchersByDatabase.get(db);
  if (!batcher) {
    const alone = (write: Write<unknown>): Promise<Outcome> =>
      inWriteTransaction(db, kind, (trx) => write({ db: trx, kind })).then(
        (value): Outcome => ({ ok: true, value }),
        (error: unknown): Outcome => ({ ok: false, error }),
      );
    batcher = groupCommit<Write<unknown>, Outcome>(async (writes) => {
      if (writes.length === 1) return [await alone(writes[0]!)];
      try {
        return await inWriteTransaction(db, kind, async (trx) => {
          const outcomes: Outcome[] = [];
          const transaction = { db: trx, kind };
          for (const write of writes) outcomes.push({ ok: true, value: await write(transaction) });
          return outcomes;
        });
      } catch {
        const outcomes: Outcome[] = [];
        for (const write of writes) outcomes.push(await alone(write));
        return outcomes;
      }
    });
    batchersByDatabase.set(db, batcher);
  }
  return batcher;
}

/** Runs `write` in a transaction, shared with the writes that queue up beside it. */
export async function writeInBatch<T>(store: Store, write: Write<T>): Promise<T> {
  const [outcome] = await batcherFor(store)([write as Write<unknown>]);
  if (!outcome!.ok) throw outcome!.error;
  return outcome!.value as T;
}
