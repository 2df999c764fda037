import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { matchesXsdPattern, xsdPattern } from '../../src/validation/xsd-regex.js';
import { schemaPatterns, worstInputs } from './schema-patterns.js';

const SIZES = [1_000, 10_000, 100_000];

/**
 * How many times the engine reads the input to decide `value`: the input goes in as UTF-8
 * bytes behind a proxy that counts reads, through the same compiled program as a string.
 * A backtracking engine rereads the run once per position it backs off to (quadratic).
 */
function inputReads(pattern: string, value: string): { matches: boolean; reads: number } {
  let reads = 0;
  const bytes = new Proxy([...Buffer.from(value)], {
    get(target, key, receiver) {
      if (typeof key === 'string' && key !== 'length' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { matches: xsdPattern(pattern).testExact(bytes), reads };
}

describe('XSD patterns of the generated schemas', () => {
  const patterns = schemaPatterns();

  it('are found (the schema has patterns, including the one that was quadratic)', () => {
    expect(patterns).toContain('.*[^\\s].*');
    expect(patterns.length).toBeGreaterThanOrEqual(5);
  });

  it.each(patterns)('%s runs on the linear-time engine', (pattern) => {
    expect(xsdPattern(pattern)).toBeInstanceOf(RE2JS);
  });

  it.each(patterns)('%s reads the worst inputs a bounded number of times per byte, at 1k, 10k and 100k', (pattern) => {
    const overLinear: string[] = [];
    for (const size of SIZES) {
      for (const value of worstInputs(size)) {
        const { matches, reads } = inputReads(pattern, value);
        // One pass, plus the DFA's look at the end of the input.
        if (reads > Buffer.byteLength(value) + 2 || matches !== matchesXsdPattern(pattern, value))
          overLinear.push(`${size} …${JSON.stringify(value.slice(-4))}: ${reads} reads`);
      }
    }
    expect(overLinear).toEqual([]);
  });
});

describe('XSD pattern translation', () => {
  it('is anchored', () => {
    expect(matchesXsdPattern('[A-Z]{3}', 'GBP')).toBe(true);
    expect(matchesXsdPattern('[A-Z]{3}', 'xGBPx')).toBe(false);
  });

  it('reads \\s as XML whitespace only (a no-break space is not)', () => {
    expect(matchesXsdPattern('.*[^\\s].*', '\u00a0')).toBe(true);
    expect(matchesXsdPattern('.*[^\\s].*', ' \t')).toBe(false);
  });

  it('reads . as anything but CR and LF, and \\d as any Unicode digit', () => {
    expect(matchesXsdPattern('.{1,3}', 'a\u2028b')).toBe(true);
    expect(matchesXsdPattern('.{1,3}', 'a\nb')).toBe(false);
    expect(matchesXsdPattern('\\d\\d', '٣4')).toBe(true);
  });

  it('reads ^ and $ as ordinary characters, as XSD does', () => {
    expect(matchesXsdPattern('a$b', 'a$b')).toBe(true);
    expect(matchesXsdPattern('[$^]+', '^$')).toBe(true);
    expect(matchesXsdPattern('^a', 'a')).toBe(false);
  });

  it('reads \\w and \\W as XSD does (everything but punctuation, separators and other)', () => {
    expect(matchesXsdPattern('\\w+', 'aé٣')).toBe(true);
    expect(matchesXsdPattern('\\w', '-')).toBe(false);
    expect(matchesXsdPattern('\\W', ' ')).toBe(true);
  });

  it('refuses what it cannot run, naming the pattern', () => {
    expect(() => xsdPattern('[a-z-[aeiou]]')).toThrow(/not supported: \[a-z-\[aeiou\]\]/);
    expect(() => xsdPattern('\\i\\c*')).toThrow(/not supported/);
    expect(() => xsdPattern('\\p{IsBasicLatin}')).toThrow(/not supported/);
  });

  it('counts a character outside the BMP as one', () => {
    expect(matchesXsdPattern('.{2}', '😀a')).toBe(true);
  });
});
