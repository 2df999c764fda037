import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { exchangeMigrations, type ExchangeTables } from '../../src/store/exchange-tables.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { figuresOf } from '../../src/store/time-release.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/databases.js';

const at = (minutes: number) => new Date(Date.parse('2026-11-30T10:00:00.000Z') + minutes * 60_000).toISOString();

describe('time-release figures', () => {
  it('gives the median and 90th percentile by nearest rank, and the shares, per destination and day', () => {
    const delivery = (status: string, deliveredAfter: number | null, finalAfter: number | null, destination = 'customs') => ({
      destination,
      status: status as 'acknowledged',
      received_at: at(0),
      delivered_at: deliveredAfter === null ? null : at(deliveredAfter),
      final_at: finalAfter === null ? null : at(finalAfter),
    });
    const rows = figuresOf([
      ...Array.from({ length: 9 }, (_, i) => delivery('acknowledged', i + 1, i + 2)),
      delivery('failed', null, 60),
      delivery('queued', null, null, 'pga-plant'),
    ]);
    expect(rows).toEqual([
      {
        destination: 'customs',
        day: '2026-11-30',
        count: 10,
        // Delivered: 1..9 minutes; final: 2..10 minutes and the failure at 60.
        lodgedToDelivered: { median: 300, p90: 540 },
        lodgedToFinal: { median: 360, p90: 600 },
        rejectedShare: 0,
        failedShare: 0.1,
      },
      {
        destination: 'pga-plant',
        day: '2026-11-30',
        count: 1,
        lodgedToDelivered: { median: null, p90: null },
        lodgedToFinal: { median: null, p90: null },
        rejectedShare: 0,
        failedShare: 0,
      },
    ]);
  });
});

/** Migrations 060 and 061 fill the new columns from what was stored before them. */
describe.each(await databaseKinds())('the console migrations backfill (%s)', (kind) => {
  let database: TestDatabase;
  let db: Kysely<ExchangeTables>;
  const before = Object.fromEntries(Object.entries(exchangeMigrations).filter(([name]) => name < '060'));

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = openDatabase<ExchangeTables>(database.target);
    await migrateToLatest(db, before);
    const row = {
      sender: 'trader-a',
      kind: 'declaration',
      format: 'wco-xml',
      content_sha256: 'ab',
      message_id: 'LRN-1',
      findings: '[]',
      received_at: at(0),
      updated_at: at(9),
    };
    await sql`insert into exchanges (id, sender, kind, format, status, content_sha256, message_id, facts, findings, received_at, updated_at)
      values ('E1', ${row.sender}, ${row.kind}, ${row.format}, 'delivered', ${row.content_sha256}, ${row.message_id}, ${'{"lrn":"LRN-1"}'}, ${row.findings}, ${row.received_at}, ${row.updated_at}),
             ('E2', ${row.sender}, ${row.kind}, ${row.format}, 'routed', ${row.content_sha256}, null, '{}', ${row.findings}, ${row.received_at}, ${row.updated_at})`.execute(
      db,
    );
    await sql`insert into deliveries (exchange_id, destination, agreement_id, format, status, attempts, updated_at)
      values ('E1', 'customs', 'a', 'wco-xml', 'acknowledged', 1, ${at(9)}), ('E2', 'customs', 'a', 'wco-xml', 'retrying', 2, ${at(9)})`.execute(db);
    const event = (id: string, exchange: string, minutes: number, name: string) =>
      sql`insert into exchange_events (id, exchange_id, at, event, destination) values (${id}, ${exchange}, ${at(minutes)}, ${name}, 'customs')`.execute(db);
    await event('V1', 'E1', 2, 'delivered');
    await event('V2', 'E1', 5, 'failed');
    await event('V3', 'E1', 7, 'delivered');
    await event('V4', 'E1', 9, 'acknowledged');
    await event('V5', 'E2', 3, 'failed');
    await migrateToLatest(db, exchangeMigrations);
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('takes the reference from the stored facts, and the delivery times from the timelines', async () => {
    const exchanges = await db.selectFrom('exchanges').select(['id', 'reference', 'mrn']).orderBy('id').execute();
    expect(exchanges).toEqual([
      { id: 'E1', reference: 'LRN-1', mrn: null },
      { id: 'E2', reference: null, mrn: null },
    ]);
    const deliveries = await db.selectFrom('deliveries').select(['exchange_id', 'received_at', 'delivered_at', 'final_at']).orderBy('exchange_id').execute();
    expect(deliveries).toEqual([
      // First taken at 2 minutes; final at its last final word, 9.
      { exchange_id: 'E1', received_at: at(0), delivered_at: at(2), final_at: at(9) },
      // Failed once, then re-queued: not final now, so no final time.
      { exchange_id: 'E2', received_at: at(0), delivered_at: null, final_at: null },
    ]);
  });
});
