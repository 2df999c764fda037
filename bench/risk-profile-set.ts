/**
 * A set of risk profiles such as a risk unit keeps, and goods items to judge with it, drawn from
 * one seeded generator: what bench/risk-profiles.ts evaluates in memory and bench/ingest-risk.ts
 * loads into a running gateway.
 */
import type { ItemFacts } from '../src/risk/fact-names.js';
import type { Condition, StoredProfile } from '../src/risk/profiles/profile.js';
import type { Lane } from '../src/risk/vocabulary.js';

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

/** `count` profiles of the sandbox's agencies, of the kinds a risk unit writes. */
export const benchProfiles = (count: number): StoredProfile[] =>
  Array.from({ length: count }, (_, i) => ({
    owner: OWNERS[i % OWNERS.length] as string,
    version: 1,
    profile: { id: `p-${i}`, when: profileCondition(i), lane: pick(LANES), instruction: 'inspect', ...(i % 25 === 0 ? { sampleRate: 0.1 } : {}) },
  }));

/** One goods item's facts, drawn from the same vocabulary as the profiles. */
export const benchItem = (): ItemFacts => ({
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
