import { describe, expect, it } from 'vitest';
import type { SimpleType } from '../../src/documents/wco/model.js';
import { simpleValueProblem } from '../../src/validation/simple-value.js';
import { xsdRegExp } from '../../src/validation/xsd-regex.js';

const token = (facets: Partial<SimpleType> = {}): Omit<SimpleType, 'kind'> => ({ builtin: 'token', whiteSpace: 'collapse', patterns: [], ...facets });
const decimal = (facets: Partial<SimpleType> = {}): Omit<SimpleType, 'kind'> =>
  ({ builtin: 'decimal', whiteSpace: 'collapse', patterns: [['[+\\-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)']], ...facets });

describe('XSD patterns', () => {
  it('are anchored', () => {
    expect(xsdRegExp('[A-Z]{3}').test('GBP')).toBe(true);
    expect(xsdRegExp('[A-Z]{3}').test('xGBPx')).toBe(false);
  });

  it('read \\s as XML whitespace only (a no-break space is not)', () => {
    expect(xsdRegExp('.*[^\\s].*').test('\u00a0')).toBe(true);
    expect(xsdRegExp('.*[^\\s].*').test(' \t')).toBe(false);
  });

  it('read . as anything but CR and LF, and \\d as any Unicode digit', () => {
    expect(xsdRegExp('.{1,3}').test('a\u2028b')).toBe(true);
    expect(xsdRegExp('.{1,3}').test('a\nb')).toBe(false);
    expect(xsdRegExp('\\d\\d').test('٣4')).toBe(true);
  });
});

describe('simple values', () => {
  it('count characters as code points: a pair of surrogates is one, a lone one is one', () => {
    expect(simpleValueProblem('😀a', token({ length: 2 }))).toBeNull();
    expect(simpleValueProblem('\ud800a', token({ length: 2 }))).toBeNull();
    expect(simpleValueProblem('😀😀a', token({ maxLength: 2 }))).toBe('"😀😀a" has 3 characters; at most 2 are allowed');
  });

  it('collapse whitespace before checking a token', () => {
    expect(simpleValueProblem(' v2.1 ', token({ maxLength: 4 }))).toBeNull();
    expect(simpleValueProblem('  ', token({ patterns: [['.*[^\\s].*']] }))).toMatch(/does not match/);
  });

  it('preserve whitespace of a string', () => {
    expect(simpleValueProblem(' ab ', { builtin: 'string', whiteSpace: 'preserve', patterns: [], maxLength: 3 })).toMatch(/at most 3/);
  });

  it('check length, enumeration and every derivation step of patterns', () => {
    const type = token({ patterns: [['.*[^\\s].*'], ['[A-Z]*', '[0-9]*']], length: 2 });
    expect(simpleValueProblem('GB', type)).toBeNull();
    expect(simpleValueProblem('12', type)).toBeNull();
    expect(simpleValueProblem('G1', type)).toMatch(/pattern/);
    expect(simpleValueProblem('GBR', type)).toMatch(/exactly 2/);
    expect(simpleValueProblem('14', token({ enumeration: ['9', '13'] }))).toMatch(/not one of 9, 13/);
  });

  it('count decimal digits as XSD does', () => {
    const type = decimal({ totalDigits: 5, fractionDigits: 2 });
    expect(simpleValueProblem('00012.30', type)).toBeNull();
    expect(simpleValueProblem('123.45', type)).toBeNull();
    expect(simpleValueProblem('1234.56', type)).toMatch(/6 digits/);
    expect(simpleValueProblem('1.234', type)).toMatch(/3 decimal places/);
    expect(simpleValueProblem(' -.5 ', type)).toBeNull();
  });

  it('refuse what is not a decimal', () => {
    for (const value of ['1e3', 'NaN', '0x1F', '', '1.2.3', '+']) expect(simpleValueProblem(value, decimal()), value).toMatch(/not a decimal/);
  });
});
