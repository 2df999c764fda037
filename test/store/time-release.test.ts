import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { exchangeMigrations, type ExchangeTables } from '../../src/store/exchange-tables.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { figuresOf, type TimeReleaseRow } from '../../src/store/time-release.js';
import { bucketOf, quantileOf, TIME_RELEASE_BOUNDS } from '../../src/store/time-release-buckets.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/databases.js';

const at = (minutes: number) => new Date(Date.parse('2026-11-30T10:00:00.000Z') + minutes * 60_000).toISOString();

describe('time-release figures', () => {
  it('puts a duration in the first bucket whose bound it does not exceed, the same on a bound as SQL does', () => {
    expect(bucketOf(-3)).toBe(0);
    expect(bucketOf(1)).toBe(0);
    expect(bucketOf(1.001)).toBe(1);
    expect(bucketOf(64)).toBe(12);
    expect(bucketOf(64.001)).toBe(13);
    expect(bucketOf(10 ** 9)).toBe(TIME_RELEASE_BOUNDS.length);
  });

  it('interpolates the median and 90th percentile within their bucket, as Prometheus does', () => {
    const counts = new Float64Array(TIME_RELEASE_BOUNDS.length + 1);
    counts[12] = 10; // 45.255 s to 64 s
    expect(quantileOf(counts, 0.5)).toBeCloseTo(45.255 + (64 - 45.255) * 0.5, 6);
    expect(quantileOf(counts, 0.9)).toBeCloseTo(45.255 + (64 - 45.255) * 0.9, 6);
    counts[TIME_RELEASE_BOUNDS.length] = 90; // beyond the last bound: at least that long
    expect(quantileOf(counts, 0.9)).toBe(TIME_RELEASE_BOUNDS.at(-1));
    expect(quantileOf(new Float64Array(41), 0.5)).toBeNull();
  });

  it('gives each destination and day its count and shares exactly, and its percentiles within the resolution', () => {
    // Delivered after 1..9 minutes; final after 2..10 minutes and one failure at 60.
    const delivered = Array.from({ length: 9 }, (_, i) => 60 * (i + 1));
    const final = [...Array.from({ length: 9 }, (_, i) => 60 * (i + 2)), 3600];
    const histogram = (measure: string, times: number[]) => {
      const counts = new Float64Array(TIME_RELEASE_BOUNDS.length + 1);
      for (const s of times) counts[bucketOf(s)] = (counts[bucketOf(s)] ?? 0) + 1;
      return { destination: 'customs', day: '2026-11-30', measure, counts };
    };
    const buckets = [histogram('delivered', delivered), histogram('final', final)];
    const rows = figuresOf(
      [
        { destination: 'pga-plant', day: '2026-11-30', count: 1, rejected: 0, failed: 0 },
        { destination: 'customs', day: '2026-11-30', count: 10, rejected: 0, failed: 1 },
        { destination: 'customs', day: '2026-11-29', count: 0, rejected: 0, failed: 0 },
      ],
      buckets,
    );
    expect(rows.map((r) => [r.destination, r.day, r.count, r.rejectedShare, r.failedShare])).toEqual([
      ['customs', '2026-11-30', 10, 0, 0.1],
      ['pga-plant', '2026-11-30', 1, 0, 0],
    ]);
    const [customs, plant] = rows as [TimeReleaseRow, TimeReleaseRow];
    // Exact: median 300 s, p90 540 s (delivered); 360 s and 600 s (final). Within a factor √2.
    const near = (value: number | null, exact: number) => expect(Math.abs(Math.log2((value as number) / exact))).toBeLessThanOrEqual(0.5);
    near(customs.lodgedToDelivered.median, 300);
    near(customs.lodgedToDelivered.p90, 540);
    near(customs.lodgedToFinal.median, 360);
    near(customs.lodgedToFinal.p90, 600);
    expect(plant.lodgedToDelivered).toEqual({ median: null, p90: null });
    expect(plant.lodgedToFinal).toEqual({ median: null, p90: null });
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

  it('fills the daily tallies and the status counts from the delivery rows (063, 064)', async () => {
    expect(await db.selectFrom('time_release_days').selectAll().execute()).toEqual([
      { destination: 'customs', day: '2026-11-30', count: 2, rejected: 0, failed: 0 },
    ]);
    const buckets = await db.selectFrom('time_release_day_buckets').selectAll().orderBy('measure').execute();
    // Delivered after 120 s (≤ 128), final after 540 s (≤ 724.077); the retrying delivery has neither.
    expect(buckets).toEqual([
      { destination: 'customs', day: '2026-11-30', measure: 'delivered', bucket: 14, count: 1 },
      { destination: 'customs', day: '2026-11-30', measure: 'final', bucket: 19, count: 1 },
    ]);
    expect(await db.selectFrom('delivery_status_counts').selectAll().orderBy('status').execute()).toEqual([
      { destination: 'customs', status: 'acknowledged', count: 1 },
      { destination: 'customs', status: 'retrying', count: 1 },
    ]);
  });
});
