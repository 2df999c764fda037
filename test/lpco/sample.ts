/** The sample LPCO of the LPCO tests, free of vitest so that bench/lpco.ts can use it too. */
import type { Lpco } from '../../src/lpco/lpco.js';

/** Within the sample's validity (2026-01-10 to 2026-03-10). */
export const duringValidity = (): Date => new Date('2026-02-01T12:00:00Z');

export const PLANT_AUTHORITY = 'pga-plant';
export const HOLDER = 'GB123456789000';

let serial = 0;
/** A phytosanitary certificate (N851) of 100 kg live plants, with a number of its own unless given one. */
export function sampleLpco(overrides: Partial<Lpco> = {}): Lpco {
  serial += 1;
  return {
    documentCode: 'N851',
    number: `NO-2026-${String(serial).padStart(6, '0')}`,
    issuer: { agency: 'Mattilsynet', country: 'NO' },
    holder: { id: HOLDER, name: 'Green Imports Ltd' },
    issuedAt: '2026-01-10T00:00:00Z',
    validFrom: '2026-01-10',
    validUntil: '2026-03-10',
    status: 'issued',
    exportCountry: 'NO',
    importCountry: 'GB',
    lines: [{ sequence: '1', description: 'Live plants, rooted cuttings', hsCode: '060290', quantity: '100.000', unit: 'KGM', origin: 'NO' }],
    ...overrides,
  };
}
