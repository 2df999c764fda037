import type { AnalyticsFacts } from '../../src/analytics/risk-facts.js';
import { describe, expect, it } from 'vitest';
import { WCO_NAMESPACES, wcoJsonAsTree } from '../../src/documents/declaration.js';
import { wcoXmlToJson } from '../../src/documents/wco/codec.js';
import type { WcoJsonObject } from '../../src/documents/wco/json.js';
import { parseXml } from '../../src/documents/xml/parse.js';
import { declarationRiskOf, itemFactsOf, NO_CONTEXT, partiesOf, partyKey, scoringRowsOf, unitValuePerKg } from '../../src/risk/facts.js';
import { fixture } from '../documents/support.js';

const IM001A = 'samples/customs-declarations/import/TT_IM001a__Step1_TT_IM001a.xml';
const EX010A = 'samples/customs-declarations/export/TT_EX010a__TT_EX010a.xml';

describe('risk facts of a declaration (UK samples)', () => {
  it('derives each goods item’s facts from an XML import, with its export references', () => {
    const risk = declarationRiskOf(parseXml(fixture(IM001A)), 'import');
    expect(risk.exportReferences).toEqual(['4GB553202734852-12345', '24GB34F7Y1O2CX8PT4']);
    expect(itemFactsOf(risk, NO_CONTEXT)).toEqual([
      {
        direction: 'import',
        origin: 'US',
        exportCountry: 'US',
        commodity: '85109000',
        importer: 'GB553202734852',
        exporter: 'US Clipper Inc.',
        declarant: 'GB603202734852',
        office: 'WLALONBTW',
        procedure: '4000',
        transportMode: '1',
        partnerControl: null,
        platform: null,
        seller: null,
        buyer: null,
        carrier: null,
        customsValue: 1000,
        grossMass: 150,
        quantity: 50,
        unitValuePerKg: 10,
        importerDeclarations: 0,
        importerDiscrepancies: 0,
        exporterDeclarations: 0,
        exporterDiscrepancies: 0,
        declarantDeclarations: 0,
        declarantDiscrepancies: 0,
        aeo: false,
        // No analytics snapshot and no parcel: the analytics facts are not known.
        originTypicality: null,
        discrepancyDistance: null,
        descriptionMismatch: null,
        linkFindings: null,
      },
    ]);
  });

  it('derives the same facts from the WCO JSON of that declaration', () => {
    const { json, root } = wcoXmlToJson(fixture(IM001A));
    const fromJson = declarationRiskOf(wcoJsonAsTree(json as WcoJsonObject, WCO_NAMESPACES), 'import');
    expect(itemFactsOf(fromJson, NO_CONTEXT)).toEqual(itemFactsOf(declarationRiskOf(root, 'import'), NO_CONTEXT));
  });

  it('looks for no partner control on an export: it cites no export of its own', () => {
    const risk = declarationRiskOf(parseXml(fixture(EX010A)), 'export');
    expect(risk.exportReferences).toEqual([]);
    expect(itemFactsOf(risk, NO_CONTEXT).every((f) => f.direction === 'export')).toBe(true);
  });

  it('adds history, AEO status and the partner’s control from the context', () => {
    const risk = declarationRiskOf(parseXml(fixture(IM001A)), 'import');
    const [facts] = itemFactsOf(risk, {
      history: new Map([
        [partyKey('importer', 'GB553202734852'), { declarations: 7, discrepancies: 2 }],
        [partyKey('declarant', 'GB603202734852'), { declarations: 3, discrepancies: 0 }],
        // The same id in another role is another history.
        [partyKey('exporter', 'GB553202734852'), { declarations: 99, discrepancies: 99 }],
      ]),
      aeoHolders: new Set(['GB553202734852']),
      partnerControls: new Map([
        ['4GB553202734852-12345', 'compliant'],
        ['24GB34F7Y1O2CX8PT4', 'discrepancy'],
      ]),
    });
    expect(facts).toMatchObject({
      importerDeclarations: 7,
      importerDiscrepancies: 2,
      declarantDeclarations: 3,
      exporterDeclarations: 0,
      aeo: true,
      partnerControl: 'discrepancy',
    });
    expect(partiesOf(risk)).toEqual([
      { role: 'importer', party: 'GB553202734852' },
      { role: 'exporter', party: 'US Clipper Inc.' },
      { role: 'declarant', party: 'GB603202734852' },
    ]);
  });

  it('reads the analytics facts from the snapshot: the nearest of all the parties, the share of the heading, the link findings', () => {
    const risk = declarationRiskOf(parseXml(fixture(IM001A)), 'import');
    const analytics: AnalyticsFacts = {
      builtAt: '2026-12-01T00:00:00.000Z',
      originShares: new Map([['US\u00008510', 0.02]]),
      headings: new Set(['8510']),
      distances: new Map([
        ['GB603202734852', 2],
        ['US Clipper Inc.', 1],
        ['SOMEONE-ELSE', 0],
      ]),
      descriptions: undefined,
    };
    const [facts] = itemFactsOf(risk, { ...NO_CONTEXT, analytics, linkFindings: ['value-gap', 'weight-gap'] });
    expect(facts).toMatchObject({ discrepancyDistance: 1, originTypicality: 0.02, descriptionMismatch: null, linkFindings: 'value-gap,weight-gap' });
    const [none] = itemFactsOf(risk, { ...NO_CONTEXT, analytics: { ...analytics, distances: new Map() }, linkFindings: [] });
    expect(none).toMatchObject({ discrepancyDistance: null, linkFindings: '' });
  });

  it('gives no unit value when the value or the mass is missing or 0, and prefers the net mass', () => {
    expect(unitValuePerKg({ customsValue: 100, netMass: 4, grossMass: 5 })).toBe(25);
    expect(unitValuePerKg({ customsValue: 100, netMass: null, grossMass: 5 })).toBe(20);
    expect(unitValuePerKg({ customsValue: 100, netMass: 0, grossMass: 5 })).toBeNull();
    expect(unitValuePerKg({ customsValue: 0, netMass: 4, grossMass: 5 })).toBeNull();
    expect(unitValuePerKg({ customsValue: null, netMass: 4, grossMass: 5 })).toBeNull();
    expect(unitValuePerKg({ customsValue: 100, netMass: null, grossMass: null })).toBeNull();
  });

  it('makes one scoring row per goods item in the DATE columns', () => {
    const risk = declarationRiskOf(parseXml(fixture(IM001A)), 'import');
    expect(scoringRowsOf('01JEXCHANGE', '2026-12-06T10:00:00.000Z', risk.items)).toEqual([
      {
        sgdId: '01JEXCHANGE/1',
        date: '2026-12-06',
        importerId: 'GB553202734852',
        declarantId: 'GB603202734852',
        country: 'US',
        officeId: 'WLALONBTW',
        tariffCode: '85109000',
        quantity: 50,
        grossWeight: 150,
        fobValue: 1000,
        cifValue: 1000,
        totalTaxes: 0,
      },
    ]);
  });
});
