import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import type { Agreement, Participant } from '../../src/config/types.js';
import type { DeclarationFacts } from '../../src/documents/declaration.js';
import { agreementsFor, ratePerSecondFor, routeDocument } from '../../src/routing/agreements.js';

const { agreements, participants } = loadConfig({});
const trader = participants.find((p) => p.id === 'trader-demo') as Participant;

function facts(overrides: Partial<DeclarationFacts>): DeclarationFacts {
  return {
    typeCode: 'IMA',
    direction: 'import',
    functionCode: '9',
    lrn: 'LRN1',
    hsCodes: [],
    procedureCodes: ['4000'],
    exportCountry: null,
    destinationCountry: 'GB',
    originCountries: [],
    citedDocumentCodes: [],
    ...overrides,
  };
}

const destinationsFor = (f: Partial<DeclarationFacts>, sender = trader) =>
  routeDocument(agreements, { documentKind: 'declaration', sender, facts: facts(f) })
    .map((a) => a.destination)
    .sort();

describe('routing declarations by the sandbox agreements', () => {
  it('sends every declaration to customs', () => {
    expect(destinationsFor({ hsCodes: ['8471300000'] })).toEqual(['customs']);
  });

  it('adds the PGA whose HS chapters the goods fall in, once however many items match', () => {
    expect(destinationsFor({ hsCodes: ['0602909100', '0709999000'] })).toEqual(['customs', 'pga-plant']);
    expect(destinationsFor({ hsCodes: ['0201100000', '2204210000'] })).toEqual(['customs', 'pga-food']);
    expect(destinationsFor({ hsCodes: ['3004900000', '1905900000'] })).toEqual(['customs', 'pga-food', 'pga-health']);
  });

  it('keeps the zeros of HS codes: chapter 06 is not chapter 6x', () => {
    expect(destinationsFor({ hsCodes: ['6109100000'] })).toEqual(['customs']);
  });

  it('adds the wildlife authority when a CITES document (C400) is cited', () => {
    expect(destinationsFor({ citedDocumentCodes: ['N935', 'C400'] })).toEqual(['customs', 'pga-wildlife']);
  });

  it("sends an export bound for XB to XB's customs too, but not an import from XB", () => {
    expect(destinationsFor({ typeCode: 'EXD', direction: 'export', destinationCountry: 'XB' })).toEqual(['customs', 'partner-xb']);
    expect(destinationsFor({ typeCode: 'EXD', direction: 'export', destinationCountry: 'US' })).toEqual(['customs']);
    expect(destinationsFor({ direction: 'import', exportCountry: 'XB', destinationCountry: 'XB' })).toEqual(['customs']);
  });

  it('never routes a document back to its sender', () => {
    const customs = participants.find((p) => p.id === 'customs') as Participant;
    expect(destinationsFor({ hsCodes: ['0602909100'] }, customs)).toEqual(['pga-plant']);
  });

  it('routes nothing for a kind no agreement names', () => {
    expect(routeDocument(agreements, { documentKind: 'invoice', sender: trader, facts: facts({}) })).toEqual([]);
  });

  it('shows a sender the agreements it may send under', () => {
    expect(agreementsFor(agreements, trader).map((a) => a.id)).toContain('declarations-to-customs');
  });
});

describe('ratePerSecondFor', () => {
  const limited = (id: string, destination: string, ratePerSecond?: number): Agreement => ({
    id,
    description: id,
    when: {},
    destination,
    format: 'wco-xml',
    transport: 'swgate',
    delivery: { attempts: 1, backoffMs: 0, timeoutMs: 1000, retry: 'automatic', receiptTimeoutMs: 60_000, ...(ratePerSecond ? { ratePerSecond } : {}) },
  });

  it('takes the strictest rate any agreement sets for the destination', () => {
    const all = [limited('a', 'customs', 50), limited('b', 'customs'), limited('c', 'customs', 20), limited('d', 'pga-food', 5)];
    expect(ratePerSecondFor(all, 'customs')).toBe(20);
    expect(ratePerSecondFor(all, 'pga-food')).toBe(5);
  });

  it('sets none when no agreement to the destination does', () => {
    expect(ratePerSecondFor([limited('a', 'customs'), limited('b', 'pga-food', 5)], 'customs')).toBeUndefined();
  });
});
