import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeTables } from '../../src/store/exchange-tables.js';
import { changedRows, firstRow, prepare } from '../../src/store/prepared.js';
import { databaseKinds, useExchangeStore } from '../support/databases.js';
import { exchangeRow } from '../support/exchanges.js';

const senderOf = prepare((db: Kysely<ExchangeTables>, v: { id: string }) =>
  db.selectFrom('exchanges').select(['id', 'sender']).where('id', '=', v.id).where('kind', '=', 'declaration'),
);
const setStatus = prepare((db: Kysely<ExchangeTables>, v: { id: string; status: 'delivered'; scenario?: string | null }) =>
  db.updateTable('exchanges').set({ status: v.status, scenario: v.scenario }).where('id', '=', v.id),
);
const kindSeen = prepare((db: Kysely<ExchangeTables>, v: { id: string }, kind) =>
  db
    .selectFrom('exchanges')
    .select(['id'])
    .where('id', '=', v.id)
    .where('format', '=', kind === 'postgres' ? 'pg' : 'wco-xml'),
);

describe.each(await databaseKinds())('prepared queries (%s)', (kind) => {
  const suite = useExchangeStore(kind);
  beforeAll(async () => {
    await suite.store.db
      .insertInto('exchanges')
      .values([exchangeRow('p1'), exchangeRow('p2')])
      .execute();
  });

  it('runs each time with the values it is given, keeping the constants the builder wrote', async () => {
    expect(await firstRow(senderOf(suite.store, { id: 'p1' }))).toEqual({ id: 'p1', sender: 'trader-demo' });
    expect(await firstRow(senderOf(suite.store, { id: 'p2' }))).toEqual({ id: 'p2', sender: 'trader-demo' });
    expect(await firstRow(senderOf(suite.store, { id: 'none' }))).toBeUndefined();
  });

  it('a value left undefined leaves its column alone; one given, even null, is written', async () => {
    await suite.store.db.updateTable('exchanges').set({ scenario: 'warn' }).where('id', '=', 'p1').execute();
    expect(await changedRows(setStatus(suite.store, { id: 'p1', status: 'delivered' }))).toBe(1);
    expect(await suite.store.db.selectFrom('exchanges').select(['status', 'scenario']).where('id', '=', 'p1').executeTakeFirst()).toEqual({
      status: 'delivered',
      scenario: 'warn',
    });
    expect(await changedRows(setStatus(suite.store, { id: 'p1', status: 'delivered', scenario: null }))).toBe(1);
    expect(await suite.store.db.selectFrom('exchanges').select('scenario').where('id', '=', 'p1').executeTakeFirst()).toEqual({ scenario: null });
    expect(await changedRows(setStatus(suite.store, { id: 'none', status: 'delivered', scenario: 'x' }))).toBe(0);
  });

  it('runs inside a transaction when given one, and is built for the dialect it runs on', async () => {
    await expect(
      suite.store.db.transaction().execute(async (trx) => {
        await setStatus({ db: trx, kind }, { id: 'p2', status: 'delivered', scenario: 'in-transaction' });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await suite.store.db.selectFrom('exchanges').select('scenario').where('id', '=', 'p2').executeTakeFirst()).toEqual({ scenario: null });
    expect(await firstRow(kindSeen(suite.store, { id: 'p2' }))).toEqual(kind === 'postgres' ? undefined : { id: 'p2' });
  });
});
