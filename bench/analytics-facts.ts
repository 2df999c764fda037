/**
 * Analytics facts benchmark (issues 25 and 26): `npx tsx bench/analytics-facts.ts [items]`.
 * An analytics store in memory with 1 M goods items (250,000 declarations of four items; 60
 * origins, 400 headings in 97 chapters, each heading with its own description; 20,000 importers,
 * 5,000 exporters, 50 carriers, 500 declarants of very unequal size, as bench/analytics-network.ts),
 * 2 % of items with a discrepancy, and a description model trained on it.
 * - The snapshot's rebuild (analytics/risk-facts.ts), against one full scan of the items in the
 *   same run (value per origin and heading).
 * - The facts of one declaration (IM001a) with the snapshot, against the same without it
 *   (history and AEO facts only): the cost the lookups add per declaration, in µs.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { trainDescriptions } from '../src/analytics/misclassifications.js';
import { refreshPartyDeclarations } from '../src/analytics/party-identifiers.js';
import { buildAnalyticsFacts } from '../src/analytics/risk-facts.js';
import { openAnalyticsStore } from '../src/analytics/schema.js';
import { parseXml } from '../src/documents/xml/parse.js';
import { declarationRiskOf, itemFactsOf, NO_CONTEXT } from '../src/risk/facts.js';

const ITEMS = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 5);
const DECLARATIONS = 200_000;

const { instance, connection } = await openAnalyticsStore(':memory:');
await connection.run(`
INSERT INTO items
SELECT 'exchange', 'D' || (i // 4), i % 4, DATE '2025-01-01' + CAST((i // 4) % 365 AS INTEGER), 'GB000001',
       'O' || (hash(i + 3) % 60), 'CN', printf('%02d%02d100000', 1 + h % 97, h // 97), 'goods kind' || h,
       'IMP-' || (hash(i // 4) % 20000), 'EXP-' || (hash(i // 4 + 7) % 5000),
       'DEC-' || CAST(floor(pow((hash(i // 4 + 13) % 1000000) / 1e6, 3) * 500) AS INTEGER), 'CAR-' || (hash(i // 4 + 17) % 50),
       100 + hash(i) % 900, 10, 1, 5, 'green', CASE WHEN hash(i + 23) % 50 = 0 THEN 'discrepancy' ELSE 'compliant' END, 0
FROM (SELECT i, hash(i + 29) % 400 AS h FROM range(${ITEMS}) t(i))`);
await refreshPartyDeclarations(connection);
await trainDescriptions(connection, new Date());
console.log(`${ITEMS.toLocaleString('en-US')} items loaded, party network and description model built`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
async function timed(task: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    await task();
    ms.push(performance.now() - started);
  }
  return median(ms);
}

const scan = await timed(() => connection.run('SELECT origin, left(commodity, 4), sum(value) FROM items GROUP BY ALL'));
let facts = await buildAnalyticsFacts(instance);
const rebuild = await timed(async () => (facts = await buildAnalyticsFacts(instance)));
console.log(
  `snapshot rebuild: median ${rebuild.toFixed(0)} ms (${facts.originShares.size} origin-heading cells, ${facts.distances.size} parties within 3 links); ` +
    `one full scan ${scan.toFixed(0)} ms; ratio ${(rebuild / scan).toFixed(1)}`,
);

const risk = declarationRiskOf(
  parseXml(readFileSync('test/fixtures/wco-dm/samples/customs-declarations/import/TT_IM001a__Step1_TT_IM001a.xml', 'utf8')),
  'import',
);
const perDeclaration = (context: typeof NO_CONTEXT) => {
  const started = performance.now();
  for (let n = 0; n < DECLARATIONS; n++) itemFactsOf(risk, context);
  return ((performance.now() - started) * 1000) / DECLARATIONS;
};
const withSnapshot = { ...NO_CONTEXT, analytics: facts };
perDeclaration(NO_CONTEXT);
perDeclaration(withSnapshot);
const without = perDeclaration(NO_CONTEXT);
const withFacts = perDeclaration(withSnapshot);
console.log(
  `facts of one declaration (${risk.items.length} item): ${withFacts.toFixed(2)} µs with the snapshot, ${without.toFixed(2)} µs without; ` +
    `the lookups add ${(withFacts - without).toFixed(2)} µs (ratio ${(withFacts / without).toFixed(2)})`,
);
instance.closeSync();
