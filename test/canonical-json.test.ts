import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/canonical-json.js';
import { seededRandom } from './support/random.js';

describe('RFC 8785 canonical JSON', () => {
  it('matches the canonicalize package on values covering every JSON form', () => {
    const values: unknown[] = [
      null,
      true,
      'plain',
      'quote " backslash \\ tab \t newline \n bell \u0007 del \u007f',
      'Ünïcödé € 𝄞 😀 \u2028',
      [1, -0, 0.1, 1e21, 1e-7, 123456789012345680000, -1.5e-300, 2 ** 53],
      { b: 1, a: 2, A: 3, '': 4, '\u20ac': 5, '\r': 6, '1': 7, '\ud83d\ude00': 8, '\ufb33': 9, é: 10 },
      { nested: { z: [{ y: null, x: [] }, {}], skipped: undefined }, list: [undefined, 'x'] },
      { at: new Date(0), list: [new Date(1_700_000_000_000)], custom: { toJSON: () => ({ b: 1, a: [2] }) } },
    ];
    for (const value of values) expect(canonicalJson(value)).toBe(canonicalize(value));
  });

  it('matches the canonicalize package on random values (keys past the insertion sort limit, escapes, surrogate pairs, integer-like keys)', () => {
    const random = seededRandom(8785);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const pieces = [
      'a',
      'b',
      'Z',
      '0',
      '1',
      '10',
      '9',
      '_',
      ' ',
      '"',
      '\\',
      '/',
      '\n',
      '\t',
      '\u0000',
      '\u001f',
      '\u007f',
      'é',
      '€',
      '\u2028',
      '\uffff',
      '\ud83d\ude00',
      '\ud800\udc00',
    ];
    const text = (): string => Array.from({ length: Math.floor(random() * 5) }, () => pick(pieces)).join('');
    const numbers = [0, -0, 1, -1, 0.5, 1e21, 1e-7, 2 ** 53 + 2, Number.MAX_VALUE, Number.MIN_VALUE, -1.5e-300, 123.456];
    const value = (depth: number): unknown => {
      const kind = depth > 3 ? Math.floor(random() * 4) : Math.floor(random() * 6);
      if (kind === 0) return text();
      if (kind === 1) return random() < 0.5 ? pick(numbers) : (random() - 0.5) * 10 ** Math.floor(random() * 40 - 20);
      if (kind === 2) return pick([true, false, null]);
      if (kind === 3) return Math.round((random() - 0.5) * 2 ** Math.floor(random() * 60));
      if (kind === 4) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(random() * (depth < 2 ? 40 : 6)) }, () => [text(), value(depth + 1)]));
    };
    for (let i = 0; i < 500; i++) {
      const sample = value(0);
      expect(canonicalJson(sample)).toBe(canonicalize(sample));
    }
  });

  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    const value = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // Read the values in text order: JSON.parse would move the integer-like key "1" first.
    expect([...canonicalJson(value).matchAll(/:"([^"]*)"/g)].map((m) => m[1])).toEqual([
      'Carriage Return',
      'One',
      'Control',
      'Latin Small Letter O With Diaeresis',
      'Euro Sign',
      'Emoji: Grinning Face',
      'Hebrew Letter Dalet With Dagesh',
    ]);
  });

  it('refuses what has no canonical form', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ a: Infinity })).toThrow(TypeError);
    expect(() => canonicalJson('lone \ud800 surrogate')).toThrow(/lone surrogate/);
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
  });
});
