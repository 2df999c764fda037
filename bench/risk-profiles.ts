/**
 * 1,000 risk profiles of several owners on one declaration, alone and with the sandbox's model
 * scoring its items: median and p99 per declaration of the compiled, indexed set
 * (risk/profiles/compile.ts), against the same profiles each checked
 * in turn (one compiled set per profile: what the set would cost without its indexes), in the
 * same run.  npx tsx bench/risk-profiles.ts
 *
 * Declarations of 3 goods items with facts drawn from the sandbox's vocabulary; a few profiles
 * match each. Timings are per declaration, taken one by one (hrtime), so p99 shows the slow tail.
 */
import type { ScoringRow } from '../src/risk/history.js';
import { loadRiskModel } from '../src/risk/model/model-directory.js';
import { compileProfiles } from '../src/risk/profiles/compile.js';
import { benchItem, benchProfiles } from './risk-profile-set.js';

const PROFILES = 1000;
const DECLARATIONS = 20_000;
const ITEMS = 3;

const declarations = Array.from({ length: DECLARATIONS }, (_, i) => ({
  id: `01J${String(i).padStart(23, '0')}`,
  items: Array.from({ length: ITEMS }, benchItem),
}));
const at = new Date();

const profiles = benchProfiles(PROFILES);
const indexed = compileProfiles(profiles);
const oneByOne = profiles.map((p) => compileProfiles([p]));
// The sandbox's model scores each item as ingest does (risk/decide.ts): profiles and model together are what one declaration costs.
const model = loadRiskModel('config/risk-model');
const rowsOf = (d: (typeof declarations)[number]): ScoringRow[] =>
  d.items.map((item, n) => ({
    sgdId: `${d.id}/${n + 1}`,
    date: at.toISOString().slice(0, 10),
    importerId: String(item.importer),
    declarantId: String(item.importer),
    country: String(item.origin),
    officeId: 'XA000001',
    tariffCode: String(item.commodity),
    quantity: 10,
    grossWeight: Number(item.grossMass),
    fobValue: Number(item.customsValue),
    cifValue: Number(item.customsValue),
    totalTaxes: 0,
  }));
/** The scores summed, printed at the end: work whose result is used is not optimised away. */
let scored = 0;
const candidates: Array<[string, (d: (typeof declarations)[number]) => number]> = [
  ['each profile in turn (baseline)', (d) => oneByOne.reduce((n, set) => n + set.evaluate(d.items, d.id, at).length, 0)],
  ['compiled set, indexed', (d) => indexed.evaluate(d.items, d.id, at).length],
  [
    // Separately from the set: run right after it on the same declaration, the two together measured less than the set alone (warm caches).
    'the sandbox model alone, 3 items',
    (d) => {
      scored += Math.max(...rowsOf(d).map((row) => model.score(row)));
      return 0;
    },
  ],
];

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] as number;
const results = candidates.map(() => ({ times: [] as number[], hits: 0 }));
for (const [, run] of candidates) for (const d of declarations.slice(0, 2000)) run(d); // warm-up
// Interleaved, so load elsewhere on the machine hits both alike.
for (const d of declarations) {
  candidates.forEach(([, run], c) => {
    const start = process.hrtime.bigint();
    const hits = run(d);
    const elapsed = Number(process.hrtime.bigint() - start) / 1000;
    const result = results[c] as { times: number[]; hits: number };
    result.times.push(elapsed);
    result.hits += hits;
  });
}
const baseline = quantile(
  [...(results[0]?.times ?? [])].sort((a, b) => a - b),
  0.5,
);
console.log(`${PROFILES} profiles, ${DECLARATIONS} declarations of ${ITEMS} items, Node ${process.version}`);
candidates.forEach(([name], c) => {
  const { times, hits } = results[c] as { times: number[]; hits: number };
  const sorted = [...times].sort((a, b) => a - b);
  const med = quantile(sorted, 0.5);
  console.log(
    `${name.padEnd(34)} median ${med.toFixed(1).padStart(7)} µs  p99 ${quantile(sorted, 0.99).toFixed(1).padStart(7)} µs  ${(baseline / med).toFixed(1).padStart(5)}× baseline  hits/declaration ${(hits / DECLARATIONS).toFixed(2)}`,
  );
});
console.log(`mean riskiest-item score ${(scored / (DECLARATIONS + 2000)).toFixed(3)}`);
