import { describe, expect, it } from 'vitest';
import type { IssuingAuthority, Participant } from '../../src/config/types.js';
import { authorityFindings } from '../../src/lpco/authorities.js';
import { sampleLpco } from './support.js';

const agency = (issues: IssuingAuthority[], kind: Participant['kind'] = 'pga'): Participant => ({
  id: 'pga-plant',
  kind,
  name: 'Plant health',
  apiKeySha256: [],
  certificateFingerprints: [],
  operator: false,
  actsFor: [],
  issues,
});
const plant = agency([{ documentCodes: ['N851'], inNameOf: [{ country: 'XA', agency: 'Plant health agency' }, { country: 'AR' }] }]);

describe('competent authorities', () => {
  it('lets an agency issue its document codes in the names its configuration gives', () => {
    expect(authorityFindings(plant, sampleLpco({ issuer: { agency: 'Plant health agency', country: 'XA' } }))).toEqual([]);
    // A country given without an agency: any agency of that country (the ePhyto hub brings several).
    expect(authorityFindings(plant, sampleLpco({ issuer: { agency: 'SENASA', country: 'AR' } }))).toEqual([]);
  });

  it('refuses a document code the participant is not competent for', () => {
    expect(
      authorityFindings(plant, sampleLpco({ documentCode: 'C400', issuer: { agency: 'Plant health agency', country: 'XA' } })).map((f) => [
        f.code,
        f.message,
        f.path,
      ]),
    ).toEqual([['lpco.not-competent', 'pga-plant is not a competent authority for C400 documents', '/documentCode']]);
    expect(authorityFindings(agency([]), sampleLpco()).map((f) => f.code)).toEqual(['lpco.not-competent']);
  });

  it("refuses a document issued in another country's or agency's name", () => {
    const other = authorityFindings(plant, sampleLpco({ issuer: { agency: 'NPPO', country: 'XB' } }));
    expect(other.map((f) => [f.code, f.message, f.path])).toEqual([
      [
        'lpco.issuer-not-yours',
        'The document names NPPO (XB) as issuer; pga-plant issues N851 documents in the name of Plant health agency (XA), AR only',
        '/issuer',
      ],
    ]);
    expect(authorityFindings(plant, sampleLpco({ issuer: { agency: 'Someone in XA', country: 'XA' } })).map((f) => f.code)).toEqual(['lpco.issuer-not-yours']);
  });
});
