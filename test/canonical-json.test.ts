import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/canonical-json.js';

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

  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    const value = { '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew Letter Dalet With Dagesh', '1': 'One', '\ud83d\ude00': 'Emoji: Grinning Face', '\u0080': 'Control', '\u00f6': 'Latin Small Letter O With Diaeresis' };
    // Read the values in text order: JSON.parse would move the integer-like key "1" first.
    expect([...canonicalJson(value).matchAll(/:"([^"]*)"/g)].map((m) => m[1])).toEqual(['Carriage Return', 'One', 'Control', 'Latin Small Letter O With Diaeresis', 'Euro Sign', 'Emoji: Grinning Face', 'Hebrew Letter Dalet With Dagesh']);
  });

  it('refuses what has no canonical form', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ a: Infinity })).toThrow(TypeError);
    expect(() => canonicalJson('lone \ud800 surrogate')).toThrow(/lone surrogate/);
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
  });
});
