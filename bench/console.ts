/**
 * Operator console benchmark (issue 19): `npm run bench:console [-- exchanges] [--postgres]`.
 * Seeds 1 M exchanges (two deliveries each, a timeline of one event per exchange and one per
 * delivery; statuses as a busy border has them) with bulk SQL, not the pipeline, then times the
 * queries the console runs, each the median of RUNS runs against a primary-key lookup of one
 * exchange measured in the same run:
 * - the exchange search by LRN (an operator, and the trader that sent it);
 * - by status and destination, page 1 and page 100 (cursor);
 * - the deliveries list (failed, retrying, queued) and its summary;
 * - time-release figures for 30 and 366 days.
 * The summary and the time-release figures read running tallies (store/delivery-tallies.ts),
 * filled from the seeded rows by their migrations (063, 064), timed; each is printed beside the
 * scan of every delivery it replaces ("before"), on the same store (SKIP_BEFORE=1 leaves the
 * time-release scans out: at 1 M exchanges, the 366 days' took minutes).
 * SQLite by default (a file in the temp directory); `--postgres` uses a fresh database on
 * SWGATE_TEST_PG (postgres://postgres@127.0.0.1:5432/postgres).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/store/db.js';
import { listDeliveries, deliveryCounts } from '../src/store/delivery-lists.js';
import { exchangeMigrations, type ExchangeTables } from '../src/store/exchange-tables.js';
import { findExchange, type Store } from '../src/store/exchanges.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { timeRelease } from '../src/store/time-release.js';
import { listSeenExchanges } from '../src/store/visibility.js';

const args = process.argv.slice(2);
const postgres = args.includes('--postgres');
const EXCHANGES = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 7);
const DAYS = 400;
/** The last day seeded: the figures are asked for the days before it. */
const END = Date.parse('2026-12-01T00:00:00.000Z');
const START = END - DAYS * 86_400_000;

const PG_URL = process.env.SWGATE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function openTarget(): Promise<{ store: Store; close: () => Promise<void> }> {
  if (!postgres) {
    const dir = mkdtempSync(join(tmpdir(), 'swgate-bench-console-'));
    const db = openDatabase<ExchangeTables>({ kind: 'sqlite', location: join(dir, 'swgate.sqlite') });
    const close = async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    };
    return { store: { db, kind: 'sqlite' }, close };
  }
  const name = `swgate_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const db = openDatabase<ExchangeTables>({ kind: 'postgres', location: url.toString() });
  return {
    store: { db, kind: 'postgres' },
    close: async () => {
      await db.destroy();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** The SQL that differs: a row number series, a padded id, an ISO time some seconds after START. */
function dialect(kind: Store['kind']) {
  const series = (n: number) =>
    kind === 'sqlite'
      ? sql.raw(`with recursive s(i) as (select 0 union all select i + 1 from s where i < ${n - 1})`)
      : sql.raw(`with s(i) as (select generate_series(0::bigint, ${n - 1}))`);
  const id = (expr: string) => (kind === 'sqlite' ? `printf('01J%023d', ${expr})` : `'01J' || lpad((${expr})::text, 23, '0')`);
  const time = (seconds: string) =>
    kind === 'sqlite'
      ? `strftime('%Y-%m-%dT%H:%M:%fZ', ${START / 1000} + (${seconds}), 'unixepoch')`
      : `to_char(to_timestamp(${START / 1000} + (${seconds})) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  return { series, id, time };
}

const PGAS = ['pga-plant', 'pga-food', 'pga-health', 'pga-wildlife'];
const SENDERS = 200;

async function seed(db: Kysely<ExchangeTables>, kind: Store['kind']): Promise<void> {
  const { series, id, time } = dialect(kind);
  const spacing = (DAYS * 86_400) / EXCHANGES;
  // i spreads the exchanges evenly over DAYS; the statuses follow i's residues (no randomness: the same store every run).
  const received = time(`s.i * ${spacing}`);
  const exchangeStatus = `case when s.i % 100 < 3 then 'failed' when s.i % 100 < 5 then 'rejected' when s.i % 100 < 10 then 'routed' else 'delivered' end`;
  await sql`${series(EXCHANGES)}
    insert into exchanges (id, sender, kind, format, status, content_sha256, message_id, idempotency_key, scenario, facts, findings, received_at, updated_at, end_handled_at, reference, mrn)
    select ${sql.raw(id('s.i'))}, 'trader-' || (s.i % ${sql.raw(String(SENDERS))}), 'declaration', 'wco-xml', ${sql.raw(exchangeStatus)}, 'ab',
      'LRN-' || s.i, null, null, '{}', '[]', ${sql.raw(received)}, ${sql.raw(received)}, null, 'LRN-' || s.i,
      case when s.i % 2 = 0 then 'MRN' || s.i else null end
    from s`.execute(db);
  // Customs and one PGA per exchange; the PGA's delivery carries the exchange's outcome, customs' is acknowledged unless still under way.
  const pga = `case s.i % 4 ${PGAS.map((p, n) => `when ${n} then '${p}'`).join(' ')} end`;
  const pgaStatus = `case when s.i % 100 < 3 then 'failed' when s.i % 100 < 5 then 'rejected' when s.i % 100 < 7 then 'queued' when s.i % 100 < 9 then 'retrying' when s.i % 100 < 10 then 'delivered' else 'acknowledged' end`;
  const customsStatus = `case when s.i % 100 between 5 and 9 then 'delivered' else 'acknowledged' end`;
  // Seconds after lodging: taken within minutes, final within hours, spread by the exchange's residues.
  const took = `(60 + (s.i * 7919) % 1800)`;
  const ended = `(600 + (s.i * 104729) % 14400)`;
  for (const [destination, status] of [
    [`'customs'`, customsStatus],
    [pga, pgaStatus],
  ] as const) {
    const delivered = `case when ${status} in ('delivered', 'acknowledged') or s.i % 100 < 5 then ${time(`s.i * ${spacing} + ${took}`)} else null end`;
    const final = `case when ${status} in ('acknowledged', 'rejected', 'failed') then ${time(`s.i * ${spacing} + ${ended}`)} else null end`;
    await sql`${series(EXCHANGES)}
      insert into deliveries (exchange_id, destination, agreement_id, format, mapping, status, attempts, last_error, sent_sha256, receipt, updated_at, received_at, delivered_at, final_at)
      select ${sql.raw(id('s.i'))}, ${sql.raw(destination)}, 'agreement', 'wco-xml', null, ${sql.raw(status)}, 1,
        case when ${sql.raw(status)} = 'failed' then 'destination answered 503' else null end, null, null, ${sql.raw(received)}, ${sql.raw(received)},
        ${sql.raw(delivered)}, ${sql.raw(final)}
      from s`.execute(db);
  }
  await sql`${series(EXCHANGES)}
    insert into exchange_events (id, exchange_id, at, event, destination, detail)
    select ${sql.raw(id('s.i'))} || 'r', ${sql.raw(id('s.i'))}, ${sql.raw(received)}, 'received', null, null from s`.execute(db);
  await sql`${series(EXCHANGES)}
    insert into exchange_events (id, exchange_id, at, event, destination, detail)
    select ${sql.raw(id('s.i'))} || 'x', d.exchange_id, coalesce(d.final_at, d.received_at), d.status, d.destination, null
    from s join deliveries d on d.exchange_id = ${sql.raw(id('s.i'))} and d.destination = ${sql.raw(pga)}`.execute(db);
  await sql`analyze`.execute(db);
}

/** What the summary did before the tallies: count every delivery. */
async function countEveryDelivery(store: Store) {
  return store.db
    .selectFrom('deliveries')
    .select(['destination', 'status', (eb) => eb.fn.countAll<string | number>().as('count')])
    .groupBy(['destination', 'status'])
    .execute();
}

/** What time release did before the tallies: read every delivery of the range, exact percentiles by nearest rank. */
async function scanTimeRelease(store: Store, range: { from: string; to: string }) {
  const rows = await store.db
    .selectFrom('deliveries')
    .select(['destination', 'status', 'received_at', 'delivered_at', 'final_at'])
    .where('received_at', '>=', range.from)
    .where('received_at', '<', range.to)
    .execute();
  const groups = new Map<string, { count: number; rejected: number; failed: number; delivered: number[]; final: number[] }>();
  for (const d of rows) {
    if (d.received_at === null) continue;
    const key = `${d.destination} ${d.received_at.slice(0, 10)}`;
    let g = groups.get(key);
    if (!g) {
      g = { count: 0, rejected: 0, failed: 0, delivered: [], final: [] };
      groups.set(key, g);
    }
    g.count++;
    if (d.status === 'rejected') g.rejected++;
    else if (d.status === 'failed') g.failed++;
    const lodged = Date.parse(d.received_at);
    if (d.delivered_at !== null) g.delivered.push((Date.parse(d.delivered_at) - lodged) / 1000);
    if (d.final_at !== null && ['acknowledged', 'rejected', 'failed'].includes(d.status)) g.final.push((Date.parse(d.final_at) - lodged) / 1000);
  }
  const rank = (values: number[], p: number) => {
    const sorted = Float64Array.from(values).sort();
    return sorted.length === 0 ? null : sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
  };
  return [...groups.entries()].map(([key, g]) => ({
    key,
    delivered: [rank(g.delivered, 0.5), rank(g.delivered, 0.9)],
    final: [rank(g.final, 0.5), rank(g.final, 0.9)],
    shares: [g.rejected / g.count, g.failed / g.count],
  }));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
async function timed(task: () => Promise<unknown>): Promise<number> {
  await task();
  const ms: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    await task();
    ms.push(performance.now() - started);
  }
  return median(ms);
}

const { store, close } = await openTarget();
try {
  // The tallies' migrations run after the seeding, as on a store upgraded with its deliveries in it.
  await migrateToLatest(store.db, Object.fromEntries(Object.entries(exchangeMigrations).filter(([name]) => name < '063')));
  const seeding = performance.now();
  await seed(store.db, store.kind);
  console.log(
    `${store.kind}: ${EXCHANGES.toLocaleString('en-US')} exchanges, ${(2 * EXCHANGES).toLocaleString('en-US')} deliveries, ${(2 * EXCHANGES).toLocaleString('en-US')} events seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
  );
  const backfill = performance.now();
  await migrateToLatest(store.db, exchangeMigrations);
  console.log(`migrations 063 and 064 (tallies backfilled) in ${((performance.now() - backfill) / 1000).toFixed(1)} s`);

  const operator = { id: 'customs', kind: 'customs' as const, operator: true };
  const middle = Math.floor(EXCHANGES / 2);
  const trader = { id: `trader-${middle % SENDERS}`, kind: 'trader' as const, operator: false };
  const someId = `01J${String(middle).padStart(23, '0')}`;
  const baseline = await timed(() => findExchange(store, someId));
  const report = (name: string, ms: number, rows: number) =>
    console.log(`${name.padEnd(46)} median ${ms.toFixed(2).padStart(8)} ms  ratio ${(ms / baseline).toFixed(1).padStart(7)}  (${rows} rows)`);
  console.log(`${'baseline: one exchange by primary key'.padEnd(46)} median ${baseline.toFixed(2).padStart(8)} ms`);

  let rows = 0;
  const count = <T>(list: T[]) => {
    rows = list.length;
    return list;
  };
  report('search by LRN (operator)', await timed(async () => count(await listSeenExchanges(store, operator, { q: `LRN-${middle}`, limit: 50 }))), rows);
  report('search by LRN (its sender)', await timed(async () => count(await listSeenExchanges(store, trader, { q: `LRN-${middle}`, limit: 50 }))), rows);
  report('search by MRN (operator)', await timed(async () => count(await listSeenExchanges(store, operator, { q: `MRN${middle}`, limit: 50 }))), rows);
  const byStatus = { status: 'failed', destination: 'pga-plant', limit: 50 };
  report('status=failed&destination=pga-plant, page 1', await timed(async () => count(await listSeenExchanges(store, operator, byStatus))), rows);
  let cursor: string | undefined;
  for (let page = 1; page < 100; page++)
    cursor = (await listSeenExchanges(store, operator, { ...byStatus, ...(cursor ? { cursor } : {}) })).at(-1)?.exchange.id;
  report(
    '  … page 100 (cursor)',
    await timed(async () => count(await listSeenExchanges(store, operator, { ...byStatus, ...(cursor ? { cursor } : {}) }))),
    rows,
  );
  report('exchanges of one sender, page 1', await timed(async () => count(await listSeenExchanges(store, trader, { limit: 50 }))), rows);
  report(
    'deliveries failed,retrying,queued, page 1',
    await timed(async () => count(await listDeliveries(store, { statuses: ['failed', 'retrying', 'queued'], limit: 50 }))),
    rows,
  );
  report('deliveries summary, before (count every row)', await timed(async () => count(await countEveryDelivery(store))), rows);
  report('deliveries summary (counts by status)', await timed(async () => count(await deliveryCounts(store))), rows);
  const day = (n: number) => new Date(END - n * 86_400_000).toISOString();
  for (const days of [30, 366]) {
    const range = { from: day(days), to: day(0) };
    if (!process.env.SKIP_BEFORE)
      report(`time release, ${days} days, before (every delivery)`, await timed(async () => count(await scanTimeRelease(store, range))), rows);
    report(`time release, ${days} days`, await timed(async () => count(await timeRelease(store, range))), rows);
  }
} finally {
  await close();
}
