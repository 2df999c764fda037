import { describe, expect, it } from 'vitest';
import { toHundredths } from '../../src/transit/guarantees.js';

describe('guarantee amounts as the CTC schemas write them', () => {
  it('takes trailing zeros past two places (the test pack writes 1000.000000; XSD fractionDigits counts the value)', () => {
    expect(toHundredths('1000.000000')).toBe(100000n);
    expect(toHundredths('1000.120')).toBe(100012n);
    expect(toHundredths('1000.5')).toBe(100050n);
  });

  it('refuses a third significant decimal, a bare point, a sign or an exponent', () => {
    for (const amount of ['1000.123', '1000.', '-1', '1e3', '1000.0001', '']) expect(toHundredths(amount), amount).toBeUndefined();
  });
});
