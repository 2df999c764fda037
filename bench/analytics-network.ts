/**
 * Party network benchmark (issue 26): `npx tsx bench/analytics-network.ts [items]`.
 * An analytics store in memory with 1 M goods items (250,000 declarations of four items; 20,000
 * importers, 5,000 exporters, 50 carriers, 500 declarants of very unequal size: the busiest lodges
 * about one declaration in six), 2 % of items with a discrepancy. Times the depth-2 network
 * (capped at 500 parties) around the busiest declarant and around an ordinary importer, and the
 * discrepancy distance of an importer without discrepancies of its own: median and p99 of
 * repeated runs (RUNS, default 30).
 * Baseline in the same run: one full scan of the items (the parties of every declarant counted).
 */
import { performance } from 'node:perf_hooks';
import { discrepancyDistance, partyNetwork } from '../src/analytics/network.js';
import { refreshPartyDeclarations } from '../src/analytics/party-identifiers.js';
import { openAnalyticsStore } from '../src/analytics/schema.js';

const ITEMS = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 30);

const { instance, connection } = await openAnalyticsStore(':memory:');
const started = performance.now();
await connection.run(`
INSERT INTO items
SELECT 'exchange', 'D' || (i // 4), i % 4, DATE '2025-01-01' + CAST((i // 4) % 365 AS INTEGER), 'GB000001', 'CN', 'CN', '8517620000', 'goods',
       'IMP-' || (hash(i // 4) % 20000), 'EXP-' || (hash(i // 4 + 7) % 5000),
       'DEC-' || CAST(floor(pow((hash(i // 4 + 13) % 1000000) / 1e6, 3) * 500) AS INTEGER), 'CAR-' || (hash(i // 4 + 17) % 50),
       100, 10, 1, 5, 'green', CASE WHEN hash(i + 23) % 50 = 0 THEN 'discrepancy' ELSE 'compliant' END, 0
FROM range(${ITEMS}) t(i)`);
console.log(`loaded ${ITEMS.toLocaleString('en-US')} items in ${((performance.now() - started) / 1000).toFixed(1)} s`);
const refreshed = performance.now();
await refreshPartyDeclarations(connection);
console.log(`party_declarations rebuilt in ${((performance.now() - refreshed) / 1000).toFixed(1)} s`);

const busiest = String(
  (await connection.runAndReadAll('SELECT declarant, count(DISTINCT declaration) AS n FROM items GROUP BY 1 ORDER BY n DESC LIMIT 1')).getRowObjectsJS()[0]
    ?.declarant,
);

async function timings(task: () => Promise<unknown>): Promise<{ median: number; p99: number }> {
  await task();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await task();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)] ?? 0, p99: times[Math.min(times.length - 1, Math.ceil(times.length * 0.99) - 1)] ?? 0 };
}

const baseline = await timings(() => connection.runAndReadAll('SELECT declarant, count(DISTINCT importer) FROM items GROUP BY 1'));
const line = (name: string, t: { median: number; p99: number }, extra = '') =>
  console.log(
    `${name.padEnd(44)} median ${t.median.toFixed(1).padStart(7)} ms  p99 ${t.p99.toFixed(1).padStart(7)} ms  ×${(t.median / baseline.median).toFixed(2)} of a full scan${extra}`,
  );
line('baseline: full scan, parties per declarant', baseline);
const busy = await partyNetwork(connection, busiest, 2);
line(
  `network depth 2 around ${busiest} (busiest)`,
  await timings(() => partyNetwork(connection, busiest, 2)),
  `  (${busy?.nodes.length} nodes, ${busy?.edges.length} edges)`,
);
const ordinary = await partyNetwork(connection, 'IMP-4242', 2);
line(
  'network depth 2 around IMP-4242',
  await timings(() => partyNetwork(connection, 'IMP-4242', 2)),
  `  (${ordinary?.nodes.length} nodes, ${ordinary?.edges.length} edges)`,
);
const clean = String(
  (await connection.runAndReadAll("SELECT importer FROM items GROUP BY 1 HAVING bool_and(outcome <> 'discrepancy') ORDER BY 1 LIMIT 1")).getRowObjectsJS()[0]
    ?.importer,
);
line(
  `discrepancy distance of ${clean} (clean)`,
  await timings(() => discrepancyDistance(connection, clean)),
  `  (= ${await discrepancyDistance(connection, clean)})`,
);
instance.closeSync();
