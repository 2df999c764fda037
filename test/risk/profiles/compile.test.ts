import { describe, expect, it } from 'vitest';
import type { ItemFacts } from '../../../src/risk/fact-names.js';
import { compileProfiles, sampleDraw } from '../../../src/risk/profiles/compile.js';
import type { Condition, RiskProfile, StoredProfile } from '../../../src/risk/profiles/profile.js';

const AT = new Date('2026-06-01T12:00:00Z');
const stored = (profile: Partial<RiskProfile> & { when: Condition }, owner = 'customs', version = 1): StoredProfile => ({
  owner,
  version,
  profile: { id: 'p', lane: 'red', ...profile },
});
const matches = (when: Condition, item: ItemFacts) => compileProfiles([stored({ when })]).evaluate([item], 'ex-1', AT).length === 1;

describe('the condition language', () => {
  const phone: ItemFacts = { origin: 'XA', commodity: '851712', unitValuePerKg: 12.5, aeo: false, customsValue: 900 };

  it.each<[string, Condition, boolean]>([
    ['in', { fact: 'origin', in: ['XA', 'XB'] }, true],
    ['in, not listed', { fact: 'origin', in: ['XC'] }, false],
    ['notIn', { fact: 'origin', notIn: ['XC'] }, true],
    ['notIn, listed', { fact: 'origin', notIn: ['XA'] }, false],
    ['equals a string', { fact: 'origin', equals: 'XA' }, true],
    ['equals a boolean', { fact: 'aeo', equals: false }, true],
    ['equals a number', { fact: 'customsValue', equals: 900 }, true],
    ['startsWith', { fact: 'commodity', startsWith: '8517' }, true],
    ['startsWith, other heading', { fact: 'commodity', startsWith: '8518' }, false],
    ['below', { fact: 'unitValuePerKg', below: 40 }, true],
    ['below is strict', { fact: 'unitValuePerKg', below: 12.5 }, false],
    ['above', { fact: 'customsValue', above: 899 }, true],
    ['above is strict', { fact: 'customsValue', above: 900 }, false],
    ['between, inclusive', { fact: 'customsValue', between: [900, 1000] }, true],
    ['between, outside', { fact: 'customsValue', between: [901, 1000] }, false],
    [
      'all',
      {
        all: [
          { fact: 'origin', in: ['XA'] },
          { fact: 'unitValuePerKg', below: 40 },
        ],
      },
      true,
    ],
    [
      'all, one false',
      {
        all: [
          { fact: 'origin', in: ['XA'] },
          { fact: 'unitValuePerKg', above: 40 },
        ],
      },
      false,
    ],
    [
      'any',
      {
        any: [
          { fact: 'origin', in: ['XC'] },
          { fact: 'unitValuePerKg', below: 40 },
        ],
      },
      true,
    ],
    [
      'any, none true',
      {
        any: [
          { fact: 'origin', in: ['XC'] },
          { fact: 'unitValuePerKg', above: 40 },
        ],
      },
      false,
    ],
    ['not', { not: { fact: 'origin', equals: 'XC' } }, true],
    ['not, of true', { not: { fact: 'origin', equals: 'XA' } }, false],
  ])('%s', (_name, when, expected) => {
    expect(matches(when, phone)).toBe(expected);
  });

  it('makes every comparison on a missing or null fact false, notIn included; not negates that', () => {
    for (const item of [{}, { origin: null, customsValue: null }] as ItemFacts[]) {
      expect(matches({ fact: 'origin', in: ['XA'] }, item)).toBe(false);
      expect(matches({ fact: 'origin', notIn: ['XA'] }, item)).toBe(false);
      expect(matches({ fact: 'origin', equals: 'XA' }, item)).toBe(false);
      expect(matches({ fact: 'origin', startsWith: 'X' }, item)).toBe(false);
      expect(matches({ fact: 'customsValue', below: 1e12 }, item)).toBe(false);
      expect(matches({ fact: 'customsValue', above: -1 }, item)).toBe(false);
      expect(matches({ fact: 'customsValue', between: [-1, 1e12] }, item)).toBe(false);
      expect(matches({ not: { fact: 'origin', in: ['XA'] } }, item)).toBe(true);
    }
  });

  it('hits once per selecting item, naming the item, owner, version, lane and instruction', () => {
    const set = compileProfiles([stored({ id: 'phones', when: { fact: 'commodity', startsWith: '8517' }, instruction: 'count' }, 'customs', 3)]);
    const hits = set.evaluate([{ commodity: '090411' }, { commodity: '851712' }, { commodity: '851770' }], 'ex-1', AT);
    expect(hits).toEqual([
      { profile: 'phones', version: 3, owner: 'customs', lane: 'red', instruction: 'count', item: 1 },
      { profile: 'phones', version: 3, owner: 'customs', lane: 'red', instruction: 'count', item: 2 },
    ]);
  });

  it('keeps owners apart: two owners may use one id, each hit names its owner', () => {
    const set = compileProfiles([
      stored({ id: 'x', when: { fact: 'origin', equals: 'XA' }, lane: 'yellow' }, 'pga-plant'),
      stored({ id: 'x', when: { fact: 'origin', equals: 'XA' } }, 'customs'),
    ]);
    expect(set.evaluate([{ origin: 'XA' }], 'ex', AT).map((h) => `${h.owner}:${h.lane}`)).toEqual(['pga-plant:yellow', 'customs:red']);
  });

  it('respects the validity window against the receipt time: validFrom inclusive, validTo exclusive', () => {
    const set = compileProfiles([stored({ when: { fact: 'origin', equals: 'XA' }, validFrom: '2026-01-01T00:00:00Z', validTo: '2026-07-01T00:00:00Z' })]);
    const at = (iso: string) => set.evaluate([{ origin: 'XA' }], 'ex', new Date(iso)).length;
    expect(at('2025-12-31T23:59:59.999Z')).toBe(0);
    expect(at('2026-01-01T00:00:00Z')).toBe(1);
    expect(at('2026-06-30T23:59:59.999Z')).toBe(1);
    expect(at('2026-07-01T00:00:00Z')).toBe(0);
  });

  it('selects the sample share of matching declarations, the same ones every time, independently per profile', () => {
    const set = compileProfiles([
      stored({ id: 'a', when: { fact: 'origin', equals: 'XA' }, sampleRate: 0.1 }),
      stored({ id: 'b', when: { fact: 'origin', equals: 'XA' }, sampleRate: 0.1 }),
    ]);
    const ids = Array.from({ length: 10_000 }, (_, i) => `01J${String(i).padStart(23, '0')}`);
    const selected = (profile: string) => ids.filter((id) => set.evaluate([{ origin: 'XA' }, { origin: 'XA' }], id, AT).some((h) => h.profile === profile));
    const a = selected('a');
    expect(a.length).toBeGreaterThan(900);
    expect(a.length).toBeLessThan(1100);
    expect(selected('a')).toEqual(a); // reproducible
    const both = selected('b').filter((id) => a.includes(id)).length;
    expect(both).toBeLessThan(200); // independent: about 1 % selected by both, not 10 %
    // Both items of a selected declaration are hit: sampling is per declaration.
    expect(set.evaluate([{ origin: 'XA' }, { origin: 'XA' }], a[0] as string, AT).filter((h) => h.profile === 'a')).toHaveLength(2);
    expect(sampleDraw('customs/a', 'x')).toBe(sampleDraw('customs/a', 'x'));
  });

  it('finds, through its indexes, exactly what checking every profile finds', () => {
    const origins = ['XA', 'XB', 'XC', 'XD'];
    const profiles: StoredProfile[] = [];
    for (let i = 0; i < 200; i++) {
      const conditions: Condition[] = [
        {
          all: [
            { fact: 'origin', in: [origins[i % 4] as string, 'XE'] },
            { fact: 'customsValue', above: i * 10 },
          ],
        },
        {
          all: [
            { fact: 'commodity', startsWith: String(8500 + (i % 30)) },
            { fact: 'origin', notIn: ['XA'] },
          ],
        },
        { fact: 'commodity', startsWith: String(i % 10) },
        {
          any: [
            { fact: 'origin', equals: 'XD' },
            { fact: 'aeo', equals: true },
          ],
        },
      ];
      profiles.push(stored({ id: `p${i}`, when: conditions[i % 4] as Condition }));
    }
    const set = compileProfiles(profiles);
    const one = profiles.map((p) => compileProfiles([p]));
    for (let k = 0; k < 300; k++) {
      const item: ItemFacts = { origin: origins[k % 5] ?? null, commodity: `${8500 + (k % 40)}10`, customsValue: (k * 37) % 2500, aeo: k % 7 === 0 };
      const expected = one.flatMap((s) => s.evaluate([item], 'e', AT)).map((h) => h.profile);
      expect(set.evaluate([item], 'e', AT).map((h) => h.profile)).toEqual(expected);
    }
  });

  it('gets a new version whenever any profile changes', () => {
    const a = compileProfiles([stored({ when: { fact: 'origin', equals: 'XA' } })]);
    const b = compileProfiles([stored({ when: { fact: 'origin', equals: 'XA' } }, 'customs', 2)]);
    expect(a.version).not.toBe(b.version);
    expect(compileProfiles([stored({ when: { fact: 'origin', equals: 'XA' } })]).version).toBe(a.version);
  });

  it('compares hostile strings as data only: quotes, backticks, ${, U+2028 and </script> match themselves and nothing else', () => {
    const hostile = ['"', "'", '`', ['$', '{process.exit(1)}'].join(''), '\u2028', '</script>', "'); process.exit(1); ('", '\\'];
    const set = compileProfiles([stored({ when: { fact: 'importer', in: hostile } })]);
    for (const value of hostile) expect(set.evaluate([{ importer: value }], 'e', AT)).toHaveLength(1);
    expect(set.evaluate([{ importer: 'GB123' }], 'e', AT)).toHaveLength(0);
  });
});
