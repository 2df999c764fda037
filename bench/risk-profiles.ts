/**
 * 1,000 risk profiles of several owners on one declaration: median and p99 per declaration of
 * the compiled, indexed set (risk/profiles/compile.ts), against the same profiles each checked
 * in turn (one compiled set per profile: what the set would cost without its indexes), in the
 * same run.  npx tsx bench/risk-profiles.ts
 *
 * Declarations of 3 goods items with facts drawn from the sandbox's vocabulary; a few profiles
 * match each. Timings are per declaration, taken one by one (hrtime), so p99 shows the slow tail.
 */
import type { ItemFacts } from '../src/risk/fact-names.js';
import { compileProfiles } from '../src/risk/profiles/compile.js';
import type { Condition, StoredProfile } from '../src/risk/profiles/profile.js';
import type { Lane } from '../src/risk/vocabulary.js';

const PROFILES = 1000;
const DECLARATIONS = 20_000;
const ITEMS = 3;

let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const COUNTRIES = Array.from({ length: 60 }, (_, i) => `${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`);
const HEADINGS = Array.from({ length: 400 }, (_, i) => String(101 + i * 24).padStart(4, '0'));
const IMPORTERS = Array.from({ length: 5000 }, (_, i) => `XA${String(i).padStart(12, '0')}`);
const OWNERS = ['customs', 'pga-plant', 'pga-food', 'pga-health', 'pga-wildlife'];
const LANES: Lane[] = ['yellow', 'red'];

/** The kinds of profiles a risk unit writes, in proportions a real set might have. */
function profileCondition(i: number): Condition {
  switch (i % 10) {
    case 0:
    case 1:
    case 2:
      return {
        all: [
          { fact: 'origin', in: [pick(COUNTRIES), pick(COUNTRIES)] },
          { fact: 'commodity', startsWith: pick(HEADINGS) },
          { fact: 'unitValuePerKg', below: 5 + random() * 50 },
        ],
      };
    case 3:
    case 4:
      return {
        all: [
          { fact: 'commodity', startsWith: pick(HEADINGS).slice(0, 2 + (i % 3)) },
          { fact: 'exporterDiscrepancies', above: 0 },
        ],
      };
    case 5:
      return { all: [{ fact: 'importer', in: Array.from({ length: 50 }, () => pick(IMPORTERS)) }, { not: { fact: 'aeo', equals: true } }] };
    case 6:
    case 7:
      return {
        all: [
          { fact: 'origin', equals: pick(COUNTRIES) },
          {
            any: [
              { fact: 'customsValue', above: 100_000 },
              { fact: 'grossMass', below: 1 },
            ],
          },
        ],
      };
    case 8:
      return {
        all: [
          { fact: 'transportMode', in: ['4', '5'] },
          { fact: 'commodity', startsWith: pick(HEADINGS) },
        ],
      };
    default:
      // Without a discriminating equality or prefix: checked on every item.
      return i % 20 === 9
        ? {
            all: [
              { fact: 'customsValue', between: [5000, 5100] },
              { fact: 'importerDeclarations', below: 2 },
            ],
          }
        : { fact: 'origin', in: [pick(COUNTRIES)] };
  }
}

const profiles: StoredProfile[] = Array.from({ length: PROFILES }, (_, i) => ({
  owner: OWNERS[i % OWNERS.length] as string,
  version: 1,
  profile: { id: `p-${i}`, when: profileCondition(i), lane: pick(LANES), instruction: 'inspect', ...(i % 25 === 0 ? { sampleRate: 0.1 } : {}) },
}));

const item = (): ItemFacts => ({
  direction: 'import',
  origin: pick(COUNTRIES),
  exportCountry: pick(COUNTRIES),
  commodity: `${pick(HEADINGS)}${String(Math.floor(random() * 100)).padStart(2, '0')}`,
  importer: pick(IMPORTERS),
  transportMode: pick(['1', '3', '4', '5']),
  customsValue: Math.round(random() * 200_000),
  grossMass: random() * 5000,
  unitValuePerKg: random() * 200,
  aeo: random() < 0.2,
  importerDeclarations: Math.floor(random() * 50),
  exporterDiscrepancies: random() < 0.1 ? 1 : 0,
});
const declarations = Array.from({ length: DECLARATIONS }, (_, i) => ({ id: `01J${String(i).padStart(23, '0')}`, items: Array.from({ length: ITEMS }, item) }));
const at = new Date();

const indexed = compileProfiles(profiles);
const oneByOne = profiles.map((p) => compileProfiles([p]));
const candidates: Array<[string, (d: (typeof declarations)[number]) => number]> = [
  ['each profile in turn (baseline)', (d) => oneByOne.reduce((n, set) => n + set.evaluate(d.items, d.id, at).length, 0)],
  ['compiled set, indexed', (d) => indexed.evaluate(d.items, d.id, at).length],
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
