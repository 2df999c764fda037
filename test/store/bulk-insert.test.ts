import { describe, expect, it } from 'vitest';
import { insertBeforeCommit, insertRows, pendingRows } from '../../src/store/bulk-insert.js';
import { newId } from '../../src/store/exchanges.js';
import { writeInBatch } from '../../src/store/write-batches.js';
import { flushBeforeCommit } from '../../src/store/write-lock.js';
import { databaseKinds, useExchangeStore } from '../support/databases.js';
import { exchangeRow } from '../support/exchanges.js';

describe.each(await databaseKinds())('bulk inserts (%s)', (kind) => {
  const t = useExchangeStore(kind);
  const count = async (prefix: string) => (await t.store.db.selectFrom('exchanges').select('id').where('id', 'like', `${prefix}%`).execute()).length;

  it('inserts more rows than one statement may carry, every value as given', async () => {
    // 14 columns: 30,000 parameters hold 2,142 rows, so 5,000 take three statements.
    const rows = Array.from({ length: 5000 }, (_, i) =>
      exchangeRow(`many-${String(i).padStart(4, '0')}`, { facts: `{"n":${i}}`, message_id: i % 2 ? `m${i}` : null }),
    );
    await insertRows(t.store, 'exchanges', rows);
    const stored = await t.store.db.selectFrom('exchanges').selectAll().where('id', 'like', 'many-%').orderBy('id').execute();
    expect(stored).toEqual(rows);
  });

  it('writes a column a later row gives and the first leaves out', async () => {
    const { message_id: _, ...first } = exchangeRow('shapes-1');
    await insertRows(t.store, 'exchanges', [first as ReturnType<typeof exchangeRow>, exchangeRow('shapes-2', { message_id: 'given' })]);
    const stored = await t.store.db.selectFrom('exchanges').select(['id', 'message_id']).where('id', 'like', 'shapes-%').orderBy('id').execute();
    expect(stored).toEqual([
      { id: 'shapes-1', message_id: null },
      { id: 'shapes-2', message_id: 'given' },
    ]);
  });

  it('defers rows to the commit: one insert for the writes of a batch, visible to them as pending rows until then', async () => {
    const seen = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        writeInBatch(t.store, async (transaction) => {
          insertBeforeCommit(transaction, 'exchanges', [exchangeRow(`deferred-${i}`)]);
          const stored = (await transaction.db.selectFrom('exchanges').select('id').where('id', 'like', 'deferred-%').execute()).length;
          return { pending: pendingRows(transaction, 'exchanges').length, stored };
        }),
      ),
    );
    expect(seen.every((s) => s.stored === 0)).toBe(true);
    expect(seen.map((s) => s.pending).at(-1)).toBeGreaterThan(1);
    expect(await count('deferred-')).toBe(10);
  });

  it('writes rows deferred after an early flush as well', async () => {
    await writeInBatch(t.store, async (transaction) => {
      insertBeforeCommit(transaction, 'exchanges', [exchangeRow('flushed-1')]);
      await flushBeforeCommit(transaction.db);
      expect(pendingRows(transaction, 'exchanges')).toEqual([]);
      insertBeforeCommit(transaction, 'exchanges', [exchangeRow('flushed-2')]);
    });
    expect(await count('flushed-')).toBe(2);
  });

  it('leaves nothing of a write whose deferred rows fail, and the writes beside it stand', async () => {
    const taken = newId();
    await insertRows(t.store, 'exchanges', [exchangeRow(taken)]);
    const outcomes = await Promise.allSettled([
      writeInBatch(t.store, async (transaction) => insertBeforeCommit(transaction, 'exchanges', [exchangeRow('beside-1')])),
      writeInBatch(t.store, async (transaction) => insertBeforeCommit(transaction, 'exchanges', [exchangeRow('clash-1'), exchangeRow(taken)])),
      writeInBatch(t.store, async (transaction) => insertBeforeCommit(transaction, 'exchanges', [exchangeRow('beside-2')])),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect([await count('beside-'), await count('clash-')]).toEqual([2, 0]);
  });

  it('refuses to defer rows outside a write transaction, where they would never be written', () => {
    expect(() => insertBeforeCommit(t.store, 'exchanges', [exchangeRow('outside')])).toThrow(/beforeCommit needs a transaction/);
    expect(pendingRows(t.store, 'exchanges')).toEqual([]);
  });
});
