import { describe, expect, it } from 'vitest';
import { allocateMrn, grnCountry, isValidMrn, isWellFormedGrn, iso6346CheckDigit, officeCountry, procedureLetter } from '../../src/transit/references.js';
import { validateCtcMessage } from '../../src/transit/validate.js';
import { PACK_MESSAGES, fillTemplate } from './test-pack.js';

describe('ISO 6346 check digits', () => {
  it("matches the standard's own example and the samples", () => {
    expect(iso6346CheckDigit('CSQU305438')).toBe(3); // ISO 6346 annex: CSQU 305438 3
    // The MRNs of the test pack and the example answers end in the digit ISO 6346 gives their first 17 characters.
    for (const mrn of [
      '24XI000081BPQF9GJ3',
      '24GB0002463CTPQVJ0',
      '24GB000246KFCJFPJ8',
      '24GB000246YI97EQJ3',
      '24XI000081GCQIIHJ9',
      '24XI000081LAQJBTJ2',
      '23GB000246YHVFYMJ0',
      '23XI000081JYRJUVJ9',
    ]) {
      expect(iso6346CheckDigit(mrn.slice(0, 17)), mrn).toBe(Number(mrn.charAt(17)));
    }
  });

  it('refuses characters it has no value for', () => {
    expect(() => iso6346CheckDigit('24gb')).toThrow(/capital letters/);
  });
});

describe('MRN', () => {
  it('accepts the phase-5 MRNs of the test pack and refuses a wrong check digit, an old year or no procedure letter', () => {
    expect(isValidMrn('24XI000081BPQF9GJ3')).toBe(true);
    expect(isValidMrn('24XI000081BPQF9GJ4')).toBe(false);
    expect(isValidMrn('23GB000246YHVFYMJ0')).toBe(false); // phase 5 MRNs start at 24
    expect(isValidMrn('24XI000081BPQF9GA3')).toBe(false); // A is an export letter
    expect(isValidMrn('24XI000081BPQF9GJ')).toBe(false);
    expect(isValidMrn('24XI000081BPQF9GJ3 ')).toBe(false);
  });

  it('allocates valid, distinct MRNs with the year, the country and the letter of the security indicator', () => {
    const at = new Date('2026-12-06T12:00:00Z');
    const mrns = new Set(Array.from({ length: 2000 }, () => allocateMrn({ country: 'GB', security: '0', at })));
    expect(mrns.size).toBe(2000);
    for (const mrn of mrns) {
      expect(isValidMrn(mrn), mrn).toBe(true);
      expect(mrn.slice(0, 4)).toBe('26GB');
      expect(mrn.charAt(16)).toBe('J');
    }
    expect(['0', '1', '2', '3'].map((s) => procedureLetter(s as '0'))).toEqual(['J', 'L', 'K', 'M']);
    expect(allocateMrn({ country: 'xi', security: '3', at }).slice(0, 4)).toBe('26XI');
    expect(() => allocateMrn({ country: 'G1', security: '0' })).toThrow(/country/);
  });
});

describe('GRN', () => {
  it('accepts the GRNs of the test pack and the sandbox, with their issuing country', () => {
    for (const grn of ['24GB0000010000031', '24XI0000010000031', '26GB0000010000053', '23XI00000100000D0', '23GB0000010000058']) {
      expect(isWellFormedGrn(grn), grn).toBe(true);
    }
    expect(grnCountry('26GB0000010000053')).toBe('GB');
    expect(officeCountry('XI000142')).toBe('XI');
  });

  it('refuses a wrong check digit, lower case, a bad suffix or extra characters', () => {
    for (const grn of [
      '24GB0000010000032',
      '24gb0000010000031',
      '24GB0000010000031A12345',
      '24GB0000010000031A1234567',
      ' 24GB0000010000031',
      '24GB000001000003',
    ]) {
      expect(isWellFormedGrn(grn), grn).toBe(false);
    }
    expect(isWellFormedGrn('24GB0000010000031A123456')).toBe(true);
  });

  it('every GRN of the test pack is well formed', () => {
    const grns = PACK_MESSAGES.filter((m) => m.ie === 'ie015').flatMap((m) => [...fillTemplate(m.template).matchAll(/<GRN>([^<]*)<\/GRN>/g)].map((g) => g[1]!));
    expect(grns.length).toBeGreaterThan(10);
    for (const grn of grns) expect(isWellFormedGrn(grn), grn).toBe(true);
    // and the validator reads the same declarations as valid
    for (const m of PACK_MESSAGES.filter((p) => p.ie === 'ie015')) expect(validateCtcMessage(fillTemplate(m.template)).findings).toEqual([]);
  });
});
