import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finding, RejectionError } from '../../src/findings.js';
import { openDatabase } from '../../src/store/db.js';
import { exchangeMigrations, type ExchangeTables } from '../../src/store/exchange-tables.js';
import type { Store } from '../../src/store/exchanges.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { writeInBatch } from '../../src/store/write-batches.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/databases.js';

const exchange = (id: string) => ({
  id,
  sender: 'trader-demo',
  kind: 'declaration',
  format: 'wco-xml',
  status: 'routed' as const,
  content_sha256: 'ab',
  message_id: null,
  idempotency_key: null,
  scenario: null,
  facts: '{}',
  findings: '[]',
  received_at: '2026-11-29T00:00:00Z',
  updated_at: '2026-11-29T00:00:00Z',
  end_handled_at: null,
});

describe.each(await databaseKinds())('writes in batches (%s)', (kind) => {
  let database: TestDatabase;
  let db: Kysely<ExchangeTables>;
  let store: Store;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = openDatabase<ExchangeTables>(database.target);
    store = { db, kind };
    await migrateToLatest(db, exchangeMigrations);
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  const ids = async () => (await db.selectFrom('exchanges').select('id').orderBy('id').execute()).map((r) => r.id);

  it('writes that arrive together share transactions, and each sees those before it', async () => {
    const transactions = new Set<unknown>();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        writeInBatch(store, async ({ db: trx }) => {
          transactions.add(trx);
          await trx
            .insertInto('exchanges')
            .values(exchange(`a${String(i).padStart(2, '0')}`))
            .execute();
          return (await trx.selectFrom('exchanges').select('id').where('id', 'like', 'a%').execute()).length;
        }),
      ),
    );
    expect(transactions.size).toBeLessThan(20);
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((await ids()).filter((id) => id.startsWith('a'))).toHaveLength(20);
  });

  it("a failing write fails its own caller only; its neighbours' writes are committed, its own is not", async () => {
    const outcomes = await Promise.allSettled([
      writeInBatch(store, ({ db: trx }) => trx.insertInto('exchanges').values(exchange('b1')).execute()),
      writeInBatch(store, async ({ db: trx }) => {
        await trx.insertInto('exchanges').values(exchange('b2')).execute();
        await trx.insertInto('exchanges').values(exchange('b1')).execute(); // duplicate key
      }),
      writeInBatch(store, ({ db: trx }) => trx.insertInto('exchanges').values(exchange('b3')).execute()),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await ids()).filter((id) => id.startsWith('b'))).toEqual(['b1', 'b3']);
  });

  it('a write that refuses (a RejectionError after its own statements, as a refused e-LPCO reservation) fails its own caller only, with that refusal', async () => {
    const outcomes = await Promise.allSettled([
      writeInBatch(store, ({ db: trx }) => trx.insertInto('exchanges').values(exchange('c1')).execute()),
      writeInBatch(store, async ({ db: trx }) => {
        await trx.insertInto('exchanges').values(exchange('c2')).execute();
        throw new RejectionError(422, 'LPCO citations refused', [finding('lpco.quantity-insufficient', 'more than is left')]);
      }),
      writeInBatch(store, ({ db: trx }) => trx.insertInto('exchanges').values(exchange('c3')).execute()),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const refusal = (outcomes[1] as PromiseRejectedResult).reason as RejectionError;
    expect([refusal instanceof RejectionError, refusal.status, refusal.findings[0]?.code]).toEqual([true, 422, 'lpco.quantity-insufficient']);
    expect((await ids()).filter((id) => id.startsWith('c'))).toEqual(['c1', 'c3']);
  });
});
