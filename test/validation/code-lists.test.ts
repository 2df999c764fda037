import { describe, expect, it } from 'vitest';
import { COUNTRIES, countriesFor } from '../../src/validation/code-lists.js';

describe('countriesFor', () => {
  it('adds the ISO 3166-1 user-assigned codes a configuration names, and nothing else', () => {
    const countries = countriesFor(['GB', 'XB', undefined, 'XA', 'XB', 'QZ']);
    expect(['XA', 'XB', 'QZ', 'GB', 'FR'].every((c) => countries.codes.has(c))).toBe(true);
    expect(countries.codes.size).toBe(COUNTRIES.codes.size + 3);
    expect(countries.version).toMatch(/user-assigned XB, XA, QZ/);
  });

  it('does not let a configuration invent a code outside the user-assigned ranges', () => {
    expect(countriesFor(['YY', 'XX1']).codes.has('YY')).toBe(false);
    expect(countriesFor([])).toBe(COUNTRIES);
  });
});
