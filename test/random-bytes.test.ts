import { describe, expect, it } from 'vitest';
import { randomFraction, randomHex } from '../src/random-bytes.js';

describe('random bytes from the pool', () => {
  it('hands out each byte once, across refills of the pool', () => {
    // 32-byte salts: 300 of them take the 4 KB pool through two refills.
    const salts = Array.from({ length: 300 }, () => randomHex(32));
    expect(salts.every((s) => /^[0-9a-f]{64}$/.test(s))).toBe(true);
    expect(new Set(salts).size).toBe(salts.length);
  });

  it('serves a request larger than the pool', () => {
    expect(randomHex(5000)).toMatch(/^[0-9a-f]{10000}$/);
  });

  it('gives fractions in [0, 1) in steps of 1/256, spread over the range', () => {
    const fractions = Array.from({ length: 5000 }, randomFraction);
    expect(fractions.every((f) => f >= 0 && f < 1 && Number.isInteger(f * 256))).toBe(true);
    expect(new Set(fractions).size).toBeGreaterThan(200);
  });
});
