/**
 * Every owner's profiles compiled once into closures (no source text is generated: a value in a
 * profile is only ever data a closure compares with), then indexed by the comparison that
 * discriminates most, so a declaration is checked against the few profiles that can select it
 * rather than all of them (bench/risk-profiles.ts).
 *
 * On a missing or null fact every comparison is false, `notIn` included ("not declared" is not
 * "declared outside the list"); `not` negates its child's result, so `not` of a comparison on a
 * missing fact is true (docs/RISK.md).
 */
import { hash } from 'node:crypto';
import type { ItemFacts, RiskFact } from '../fact-names.js';
import type { ProfileHit, ProfileSet } from '../vocabulary.js';
import type { Condition, RiskProfile, Scalar, StoredProfile } from './profile.js';

type Test = (item: ItemFacts) => boolean;

interface Compiled {
  stored: StoredProfile;
  /** Its place in the set: hits come in this order. */
  order: number;
  test: Test;
  validFrom: number;
  validTo: number;
  sampleRate: number;
  sampleKey: string;
}

function compileCondition(condition: Condition): Test {
  if ('all' in condition) {
    const parts = condition.all.map(compileCondition);
    return (item) => parts.every((part) => part(item));
  }
  if ('any' in condition) {
    const parts = condition.any.map(compileCondition);
    return (item) => parts.some((part) => part(item));
  }
  if ('not' in condition) {
    const inner = compileCondition(condition.not);
    return (item) => !inner(item);
  }
  const { fact } = condition;
  const read = (item: ItemFacts): Scalar | null | undefined => item[fact];
  if ('in' in condition) {
    const values = new Set<Scalar>(condition.in);
    return (item) => {
      const v = read(item);
      return v !== null && v !== undefined && values.has(v);
    };
  }
  if ('notIn' in condition) {
    const values = new Set<Scalar>(condition.notIn);
    return (item) => {
      const v = read(item);
      return v !== null && v !== undefined && !values.has(v);
    };
  }
  if ('equals' in condition) {
    const wanted = condition.equals;
    return (item) => read(item) === wanted;
  }
  if ('startsWith' in condition) {
    const prefix = condition.startsWith;
    return (item) => {
      const v = read(item);
      return typeof v === 'string' && v.startsWith(prefix);
    };
  }
  if ('below' in condition) {
    const limit = condition.below;
    return (item) => {
      const v = read(item);
      return typeof v === 'number' && v < limit;
    };
  }
  if ('above' in condition) {
    const limit = condition.above;
    return (item) => {
      const v = read(item);
      return typeof v === 'number' && v > limit;
    };
  }
  const [low, high] = condition.between;
  return (item) => {
    const v = read(item);
    return typeof v === 'number' && v >= low && v <= high;
  };
}

/** A comparison every match of the profile must satisfy, usable as an index key: equality (in, equals) or a prefix. */
type Key = { fact: RiskFact; kind: 'values'; values: Scalar[] } | { fact: RiskFact; kind: 'prefix'; prefix: string };

function indexKeyOf(when: Condition): Key | undefined {
  const required = 'all' in when ? when.all : [when];
  const keys: Key[] = [];
  for (const c of required) {
    if (!('fact' in c)) continue;
    if ('in' in c) keys.push({ fact: c.fact, kind: 'values', values: c.in });
    else if ('equals' in c) keys.push({ fact: c.fact, kind: 'values', values: [c.equals] });
    else if ('startsWith' in c) keys.push({ fact: c.fact, kind: 'prefix', prefix: c.startsWith });
  }
  // An equality narrows more than a prefix, and a short list more than a long one.
  const rank = (k: Key) => (k.kind === 'values' ? k.values.length : 1_000_000 - k.prefix.length);
  return keys.sort((a, b) => rank(a) - rank(b))[0];
}

/** A fact's index: profiles by the value the fact must equal, and by the prefix it must start with. */
interface FactIndex {
  byValue: Map<Scalar, Compiled[]>;
  byPrefix: Map<string, Compiled[]>;
  prefixLengths: number[];
}

/** The share of declarations below which a profile selects: the same for an exchange every time, and independent across profiles. */
export function sampleDraw(sampleKey: string, exchangeId: string): number {
  return hash('sha256', `${sampleKey}\n${exchangeId}`, 'buffer').readUInt32BE(0) / 2 ** 32;
}

/** The set's version: changes whenever any profile of any owner changes. */
const setVersion = (profiles: readonly StoredProfile[]) =>
  hash(
    'sha256',
    profiles
      .map((p) => `${p.owner}/${p.profile.id}@${p.version}`)
      .sort()
      .join('\n'),
    'hex',
  ).slice(0, 16);

const timeOf = (iso: string | undefined, otherwise: number) => (iso === undefined ? otherwise : Date.parse(iso));

export function compileProfiles(profiles: readonly StoredProfile[]): ProfileSet {
  const indexes = new Map<RiskFact, FactIndex>();
  const unindexed: Compiled[] = [];
  for (const [order, stored] of profiles.entries()) {
    const profile: RiskProfile = stored.profile;
    const compiled: Compiled = {
      stored,
      order,
      test: compileCondition(profile.when),
      validFrom: timeOf(profile.validFrom, Number.NEGATIVE_INFINITY),
      validTo: timeOf(profile.validTo, Number.POSITIVE_INFINITY),
      sampleRate: profile.sampleRate ?? 1,
      sampleKey: `${stored.owner}/${profile.id}`,
    };
    const key = indexKeyOf(profile.when);
    if (!key) {
      unindexed.push(compiled);
      continue;
    }
    const index: FactIndex = indexes.get(key.fact) ?? { byValue: new Map(), byPrefix: new Map(), prefixLengths: [] };
    indexes.set(key.fact, index);
    const add = (map: Map<Scalar, Compiled[]>, value: Scalar) => {
      const list = map.get(value);
      if (!list) map.set(value, [compiled]);
      else if (list.at(-1) !== compiled) list.push(compiled);
    };
    if (key.kind === 'values') for (const value of key.values) add(index.byValue, value);
    else {
      add(index.byPrefix as Map<Scalar, Compiled[]>, key.prefix);
      if (!index.prefixLengths.includes(key.prefix.length)) index.prefixLengths.push(key.prefix.length);
    }
  }
  const factIndexes = [...indexes.entries()];

  /** The profiles whose discriminating comparison the item satisfies, then `check`ed: those that select it, in set order. */
  const selecting = (item: ItemFacts, check: (c: Compiled) => boolean): Compiled[] => {
    const selected: Compiled[] = [];
    const consider = (list: readonly Compiled[]) => {
      for (const c of list) if (check(c)) selected.push(c);
    };
    consider(unindexed);
    for (const [fact, index] of factIndexes) {
      const value = item[fact];
      if (value === null || value === undefined) continue;
      const exact = index.byValue.get(value);
      if (exact) consider(exact);
      if (typeof value !== 'string') continue;
      for (const length of index.prefixLengths) {
        const prefixed = length <= value.length ? index.byPrefix.get(value.slice(0, length)) : undefined;
        if (prefixed) consider(prefixed);
      }
    }
    return selected.length > 1 ? selected.sort((a, b) => a.order - b.order) : selected;
  };

  return {
    version: setVersion(profiles),
    evaluate(items, exchangeId, at) {
      const time = at.getTime();
      const hits: ProfileHit[] = [];
      const drawn = new Map<Compiled, boolean>();
      const selects = (c: Compiled) => {
        if (c.sampleRate >= 1) return true;
        const known = drawn.get(c);
        if (known !== undefined) return known;
        const selected = sampleDraw(c.sampleKey, exchangeId) < c.sampleRate;
        drawn.set(c, selected);
        return selected;
      };
      items.forEach((item, itemIndex) => {
        const check = (c: Compiled) => time >= c.validFrom && time < c.validTo && c.test(item) && selects(c);
        for (const c of selecting(item, check)) {
          const { owner, version, profile } = c.stored;
          hits.push({
            profile: profile.id,
            version,
            owner,
            lane: profile.lane,
            ...(profile.instruction !== undefined ? { instruction: profile.instruction } : {}),
            item: itemIndex,
          });
        }
      });
      return hits;
    },
  };
}
