import { describe, expect, it } from 'vitest';
import type { SimpleType } from '../../src/documents/wco/model.js';
import { simpleValueProblem } from '../../src/validation/simple-value.js';

const token = (facets: Partial<SimpleType> = {}): Omit<SimpleType, 'kind'> => ({ builtin: 'token', whiteSpace: 'collapse', patterns: [], ...facets });
const decimal = (facets: Partial<SimpleType> = {}): Omit<SimpleType, 'kind'> => ({
  builtin: 'decimal',
  whiteSpace: 'collapse',
  patterns: [['[+\\-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)']],
  ...facets,
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

  it('count the digits of a decimal with a long run of zeros in one pass', () => {
    // /0+$/ retried every zero: 200,000 of them held the event loop for a minute and a half.
    const zeros = '0'.repeat(200_000);
    expect(simpleValueProblem(`1.${zeros}`, decimal({ fractionDigits: 2 }))).toBeNull();
    expect(simpleValueProblem(`1.${zeros}1`, decimal({ fractionDigits: 2 }))).toMatch(/200001 decimal places/);
  });

  it('check the length of a value before its patterns', () => {
    const type: Omit<SimpleType, 'kind'> = { builtin: 'string', whiteSpace: 'preserve', patterns: [['.*[^\\s].*']], maxLength: 70 };
    expect(simpleValueProblem(`${'a'.repeat(100_000)}\n`, type)).toMatch(/has 100001 characters; at most 70/);
    expect(simpleValueProblem('a\n', type)).toMatch(/does not match/);
  });

  it('refuse what is not a decimal', () => {
    for (const value of ['1e3', 'NaN', '0x1F', '', '1.2.3', '+']) expect(simpleValueProblem(value, decimal()), value).toMatch(/not a decimal/);
  });
});
