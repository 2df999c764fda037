import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { beforeCommit, flushBeforeCommit, inWriteTransaction } from '../../src/store/write-lock.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/databases.js';

/** A table of the test's own: what is deferred here is any write, not an exchange's. */
interface Tables {
  notes: { id: string };
}

describe.each(await databaseKinds())('writes deferred to the commit of a write transaction (%s)', (kind) => {
  let database: TestDatabase;
  let db: Kysely<Tables>;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = openDatabase<Tables>(database.target);
    await db.schema
      .createTable('notes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .execute();
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  const ids = async (prefix: string) => (await db.selectFrom('notes').select('id').where('id', 'like', `${prefix}%`).orderBy('id').execute()).map((r) => r.id);

  it('runs a deferred write after the work, inside its transaction: it sees what the work wrote and commits with it', async () => {
    let seen = 0;
    await inWriteTransaction(db, kind, async (trx) => {
      beforeCommit(trx, async () => {
        await trx.insertInto('notes').values({ id: 'a2' }).execute();
        seen = (await trx.selectFrom('notes').select('id').where('id', 'like', 'a%').execute()).length;
      });
      await trx.insertInto('notes').values({ id: 'a1' }).execute();
    });
    expect(seen).toBe(2);
    expect(await ids('a')).toEqual(['a1', 'a2']);
  });

  it('fails the transaction, rolling back what the work wrote, when a deferred write fails', async () => {
    const failed = inWriteTransaction(db, kind, async (trx) => {
      beforeCommit(trx, async () => {
        await trx.insertInto('notes').values({ id: 'b1' }).execute(); // duplicate key
      });
      await trx.insertInto('notes').values({ id: 'b1' }).execute();
      await trx.insertInto('notes').values({ id: 'b2' }).execute();
    });
    await expect(failed).rejects.toThrow();
    expect(await ids('b')).toEqual([]);
  });

  it('runs the deferred writes early, once each, for a write that must see them done', async () => {
    let runs = 0;
    const early = await inWriteTransaction(db, kind, async (trx) => {
      beforeCommit(trx, async () => {
        runs++;
        await trx.insertInto('notes').values({ id: 'c1' }).execute();
      });
      await flushBeforeCommit(trx);
      return (await trx.selectFrom('notes').select('id').where('id', '=', 'c1').execute()).length;
    });
    expect([early, runs]).toEqual([1, 1]);
    expect(await ids('c')).toEqual(['c1']);
  });

  it('refuses to defer a write outside a write transaction, where it would never run', async () => {
    await db.transaction().execute(async (trx) => {
      expect(() => beforeCommit<Tables>(trx, async () => {})).toThrow('beforeCommit needs a transaction from inWriteTransaction');
      await flushBeforeCommit<Tables>(trx); // nothing deferred: nothing to do
    });
  });
});
