import { describe, expect, it } from 'vitest';
import { normaliseAddress, normaliseEmail, normaliseReference, normaliseText } from '../../src/ecommerce/normalise.js';

describe('normalising personal identifiers for linking', () => {
  it('reads one mailbox in its usual spellings: case, whitespace, dots and plus tags of the local part', () => {
    for (const spelling of ['ada@example.org', ' Ada@Example.ORG ', 'a.d.a@example.org', 'ada+shop@example.org', 'A.Da+Returns@EXAMPLE.org']) {
      expect(normaliseEmail(spelling)).toBe('ada@example.org');
    }
    expect(normaliseEmail('ada@example.com')).not.toBe('ada@example.org');
    expect(normaliseEmail('not an e-mail')).toBe('not an e mail');
  });

  it('reads one address whatever its case, punctuation, accents and spacing', () => {
    const a = normaliseAddress({ line: "12 St James's Square", city: 'London', postcode: 'SW1Y 4JH', country: 'GB' });
    const b = normaliseAddress({ line: '12, ST. JAMES S   square', city: ' london', postcode: 'sw1y-4jh', country: 'gb' });
    expect(a).toBe('12 st james s square sw1y 4jh london gb');
    expect(b).toBe('12 st james s square sw1y 4jh london gb');
    expect(normaliseAddress({ line: 'Straße 1', city: 'Zürich', country: 'CH' })).toBe('straße 1 zurich ch');
  });

  it('keeps only the letters and digits of a reference, upper case', () => {
    expect(normaliseReference(' lx-1234 5678 5cn ')).toBe('LX123456785CN');
    expect(normaliseText('Porcelain TEAPOT, blue/white')).toBe('porcelain teapot blue white');
  });
});
