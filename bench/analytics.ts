/**
 * Analytics figures (issue 26): `npm run bench:analytics [items]`.
 * An on-disk analytics store filled with `items` (default 1,000,000) seeded synthetic goods
 * items (three years, 25 origins × 40 subheadings), then the median and p99 of: trends over a
 * year (by origin and heading, weekly value), the alerts of a year, a country profile; the
 * history import rate (rows/s, 100,000 rows of CSV); and the lag from a declaration's 202 to its
 * row, through a whole gateway (SQLite) syncing every second.
 * Baseline in the same run: a full scan of the items (`SELECT count(*), sum(value)`), so every
 * query time is also given as a multiple of reading the whole store once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import type { DuckDBInstance } from '@duckdb/node-api';
import { alerts } from '../src/analytics/alerts.js';
import { countryProfile } from '../src/analytics/countries.js';
import { importHistory } from '../src/analytics/history-import.js';
import { readRows } from '../src/analytics/read.js';
import { openAnalyticsStore } from '../src/analytics/schema.js';
import { trends } from '../src/analytics/trends.js';
import type { AnalyticsService } from '../src/runtime/analytics.js';
import { sample, startTestGateway } from '../test/support/gateway.js';
import { historyCsv } from '../test/support/history-csv.js';
import { appendSyntheticTrade } from '../test/support/trade.js';

const ITEMS = Number(process.argv[2] ?? 1_000_000);
const RUNS = 15;
const LAG_DECLARATIONS = 10;
const customs = { kind: 'customs' } as const;
const YEAR = { from: '2025-06-30', to: '2026-06-28' };
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

async function timed(runs: number, task: () => Promise<unknown>): Promise<{ median: number; p99: number }> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await task();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  return { median: quantile(ms, 0.5), p99: quantile(ms, 0.99) };
}

async function queries(instance: DuckDBInstance): Promise<void> {
  const baseline = await timed(RUNS, () => readRows(instance, 'SELECT count(*) AS n, sum(value) AS v FROM items'));
  const line = (name: string, t: { median: number; p99: number }) =>
    console.log(
      `${name.padEnd(34)} median ${fmt(t.median, 1).padStart(8)} ms   p99 ${fmt(t.p99, 1).padStart(8)} ms   ×${fmt(t.median / baseline.median, 1)} of a full scan`,
    );
  console.log(`${'baseline: full scan'.padEnd(34)} median ${fmt(baseline.median, 1).padStart(8)} ms   p99 ${fmt(baseline.p99, 1).padStart(8)} ms`);
  line(
    'trends, a year (origin × heading)',
    await timed(RUNS, () => trends(instance, customs, { by: ['origin', 'commodity'], digits: 4, period: 'week', metric: 'value', range: YEAR })),
  );
  line('alerts, a year', await timed(5, () => alerts(instance, customs, YEAR, new Date('2026-07-01T00:00:00Z'))));
  line('country profile (6 digits)', await timed(RUNS, () => countryProfile(instance, customs, { country: 'O07', digits: 6 })));
}

async function importRate(instance: DuckDBInstance): Promise<void> {
  const csv = historyCsv(100_000, 4);
  const connection = await instance.connect();
  const started = performance.now();
  const loaded = await importHistory(connection, Readable.from([csv]));
  const seconds = (performance.now() - started) / 1000;
  connection.closeSync();
  console.log(`history import: ${fmt(loaded.rows)} rows in ${fmt(seconds, 2)} s = ${fmt(loaded.rows / seconds)} rows/s`);
}

/** Lodges declarations one after the other and waits for each to appear as a row. */
async function lag(): Promise<void> {
  const t = await startTestGateway('sqlite', { SWGATE_ANALYTICS_SYNC_EVERY_MS: '1000' });
  const analytics = t.gateway.analytics as AnalyticsService;
  const lags: number[] = [];
  try {
    for (let i = 0; i < LAG_DECLARATIONS; i++) {
      const res = await fetch(`${t.url}/v1/declarations`, {
        method: 'POST',
        headers: { authorization: 'Bearer sandbox-trader-demo', 'content-type': 'application/xml' },
        body: sample('import/TT_IM001a__Step1_TT_IM001a.xml'),
      });
      const accepted = performance.now();
      const { exchangeId } = (await res.json()) as { exchangeId: string };
      for (;;) {
        const [row] = await readRows<{ n: number }>(analytics.instance, 'SELECT count(*)::INTEGER AS n FROM items WHERE declaration = $id', { id: exchangeId });
        if ((row?.n ?? 0) > 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      lags.push(performance.now() - accepted);
    }
  } finally {
    await t.stop();
  }
  lags.sort((a, b) => a - b);
  console.log(
    `202 → row lag (${LAG_DECLARATIONS} declarations, sync every 1 s, 5 s settling): median ${fmt(quantile(lags, 0.5) / 1000, 2)} s   max ${fmt(quantile(lags, 1) / 1000, 2)} s`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'swgate-bench-analytics-'));
try {
  const { instance, connection } = await openAnalyticsStore(join(dir, 'analytics.duckdb'));
  const origins = Array.from({ length: 25 }, (_, i) => `O${String(i).padStart(2, '0')}`);
  const commodities = Array.from({ length: 40 }, (_, i) => `${String(1 + (i % 97)).padStart(2, '0')}${String(10 + i).padStart(2, '0')}10`);
  const started = performance.now();
  const rows = await appendSyntheticTrade(connection, {
    seed: 26,
    start: '2023-07-03',
    weeks: 156,
    origins,
    commodities,
    perCellWeek: ITEMS / (origins.length * commodities.length * 156),
    breaks: [{ origin: 'O03', commodity: commodities[5] as string, week: 140, weeks: 1, count: 4 }],
  });
  connection.closeSync();
  console.log(`store: ${fmt(rows)} goods items appended in ${fmt((performance.now() - started) / 1000, 1)} s (under load from other work on this machine)`);
  await queries(instance);
  await importRate(instance);
  instance.closeSync();
  await lag();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
