import { describe, expect, it } from 'vitest';
import { checkProfile, PROFILE_LIMITS } from '../../../src/risk/profiles/profile.js';

const valid = {
  id: 'phones-undervalued',
  description: 'phones far below their usual price',
  when: {
    all: [
      { fact: 'origin', in: ['XA', 'XB'] },
      { fact: 'commodity', startsWith: '8517' },
      { fact: 'unitValuePerKg', below: 40 },
    ],
  },
  lane: 'red',
  instruction: 'weigh and count; compare with the invoice',
};
const refused = (profile: unknown) => {
  const checked = checkProfile(profile);
  expect('profile' in checked, 'expected the profile to be refused').toBe(false);
  return checked.findings;
};
/** As a body arrives: parsed from text, so depth costs the test no stack. */
const nested = (depth: number): unknown => JSON.parse(`${'{"not":'.repeat(depth)}{"fact":"origin","equals":"XA"}${'}'.repeat(depth)}`);

describe('checkProfile', () => {
  it("takes the issue's example and the optional fields", () => {
    expect(checkProfile(valid)).toEqual({ profile: valid, findings: [] });
    const full = { ...valid, validFrom: '2026-01-01T00:00:00Z', validTo: '2026-12-31T00:00:00Z', sampleRate: 0.05 };
    expect('profile' in checkProfile(full)).toBe(true);
  });

  it('names an unknown fact, operator or lane, with where it is', () => {
    expect(refused({ ...valid, when: { fact: 'colour', equals: 'red' } })).toEqual([
      expect.objectContaining({ code: 'risk-profile.fact', message: 'Unknown fact "colour".', path: '/when/fact' }),
    ]);
    expect(refused({ ...valid, when: { all: [{ fact: 'origin', matches: 'X.*' }] } })).toEqual([
      expect.objectContaining({ code: 'risk-profile.operator', path: '/when/all/0/matches', message: expect.stringContaining('"matches"') }),
    ]);
    expect(refused({ ...valid, lane: 'purple' })).toEqual([
      expect.objectContaining({ code: 'risk-profile.lane', message: expect.stringContaining('"purple"') }),
    ]);
  });

  it.each<[string, unknown, string]>([
    ['below on a string fact', { fact: 'origin', below: 3 }, 'risk-profile.type'],
    ['startsWith on a number fact', { fact: 'customsValue', startsWith: '1' }, 'risk-profile.type'],
    ['in on a boolean fact', { fact: 'aeo', in: [true] }, 'risk-profile.type'],
    ['a number in a string list', { fact: 'origin', in: ['XA', 3] }, 'risk-profile.type'],
    ['an empty list', { fact: 'origin', in: [] }, 'risk-profile.type'],
    ['equals of the wrong type', { fact: 'aeo', equals: 'yes' }, 'risk-profile.type'],
    ['between descending', { fact: 'customsValue', between: [10, 1] }, 'risk-profile.between'],
    ['between of three', { fact: 'customsValue', between: [1, 2, 3] }, 'risk-profile.type'],
    ['between of strings', { fact: 'customsValue', between: ['1', '2'] }, 'risk-profile.type'],
    ['two operators', { fact: 'origin', in: ['XA'], equals: 'XA' }, 'risk-profile.operator'],
    ['no operator', { fact: 'origin' }, 'risk-profile.operator'],
    ['all beside another key', { all: [{ fact: 'origin', equals: 'XA' }], fact: 'origin' }, 'risk-profile.condition'],
    ['an empty all', { all: [] }, 'risk-profile.condition'],
    ['any that is not a list', { any: { fact: 'origin', equals: 'XA' } }, 'risk-profile.condition'],
    ['a condition that is a list', { not: [] }, 'risk-profile.condition'],
    ['an empty condition', {}, 'risk-profile.condition'],
    ['a prototype key as fact', { fact: '__proto__', equals: 'x' }, 'risk-profile.fact'],
    ['toString as fact', { fact: 'toString', equals: 'x' }, 'risk-profile.fact'],
    ['an empty string value', { fact: 'origin', equals: '' }, 'risk-profile.type'],
  ])('refuses %s', (_name, when, code) => {
    expect(refused({ ...valid, when }).map((f) => f.code)).toContain(code);
  });

  it('refuses bad ids, lanes, sample rates and windows, and unknown properties by name', () => {
    for (const id of ['', 'Phones', '-x', 'a'.repeat(65), '../x', 'a b']) expect(refused({ ...valid, id })[0]?.code).toBe('risk-profile.shape');
    for (const sampleRate of [0, -0.1, 1.01, '0.5']) expect(refused({ ...valid, sampleRate })[0]?.path).toBe('/sampleRate');
    expect(refused({ ...valid, validFrom: '2026-02-01T00:00:00Z', validTo: '2026-01-01T00:00:00Z' })[0]?.code).toBe('risk-profile.validity');
    expect(refused({ ...valid, validFrom: 'tomorrow' })[0]?.path).toBe('/validFrom');
    expect(refused({ ...valid, owner: 'customs' })[0]?.message).toContain('"owner"');
    expect(
      refused({ ...valid, lane: undefined, when: undefined })
        .map((f) => f.message)
        .join(),
    ).toMatch(/lane.*when|when.*lane/);
    for (const notAProfile of [null, [], 'x', 42]) expect(refused(notAProfile)[0]?.code).toBe('risk-profile.shape');
  });

  describe('hostile profiles are bounded', () => {
    it('nesting deeper than the limit', () => {
      expect('profile' in checkProfile({ ...valid, when: nested(PROFILE_LIMITS.depth - 1) })).toBe(true);
      expect(refused({ ...valid, when: nested(PROFILE_LIMITS.depth) }).map((f) => f.code)).toEqual(['risk-profile.depth']);
      // Far deeper: refused at the limit, without walking (or overflowing the stack on) the rest.
      expect(refused({ ...valid, when: nested(100_000) }).map((f) => f.code)).toEqual(['risk-profile.depth']);
    });

    it('more nodes than the limit', () => {
      const wide = { any: Array.from({ length: PROFILE_LIMITS.nodes + 1 }, () => ({ fact: 'origin', equals: 'XA' })) };
      expect(refused({ ...valid, when: wide }).map((f) => f.code)).toEqual(['risk-profile.size']);
    });

    it('an in list longer than the limit, and values too long', () => {
      const list = (n: number) => Array.from({ length: n }, (_, i) => `GB${i}`);
      expect('profile' in checkProfile({ ...valid, when: { fact: 'importer', in: list(PROFILE_LIMITS.listLength) } })).toBe(true);
      expect(refused({ ...valid, when: { fact: 'importer', in: list(PROFILE_LIMITS.listLength + 1) } }).map((f) => f.code)).toEqual([
        'risk-profile.list-length',
      ]);
      expect(refused({ ...valid, when: { fact: 'importer', equals: 'x'.repeat(PROFILE_LIMITS.valueLength + 1) } }).map((f) => f.code)).toEqual([
        'risk-profile.type',
      ]);
      expect(refused({ ...valid, description: 'x'.repeat(PROFILE_LIMITS.textLength + 1) })[0]?.path).toBe('/description');
      expect(refused({ ...valid, instruction: 'x'.repeat(PROFILE_LIMITS.textLength + 1) })[0]?.path).toBe('/instruction');
    });

    it('many long lists count towards the size limit', () => {
      const lists = { any: Array.from({ length: 20 }, () => ({ fact: 'importer', in: Array.from({ length: 10_000 }, (_, i) => `GB${i}`) })) };
      expect(refused({ ...valid, when: lists }).map((f) => f.code)).toContain('risk-profile.size');
    });
  });
});
