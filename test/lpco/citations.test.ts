import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { wcoXmlToJson } from '../../src/documents/wco/codec.js';
import type { WcoJsonObject } from '../../src/documents/wco/json.js';
import { wcoJsonAsTree } from '../../src/documents/declaration.js';
import { citationsOfTree, readCitations } from '../../src/lpco/citations.js';
import { getLpco, registerLpco } from '../../src/lpco/registry.js';
import { reserveForDeclaration } from '../../src/lpco/write-off.js';
import { databaseKinds } from '../support/databases.js';
import { duringValidity, sampleLpco, useLpcoDatabase } from './support.js';

const sample = (path: string) => readFileSync(`test/fixtures/wco-dm/samples/customs-declarations/${path}`);
const EX004A = sample('export/TT_EX004a__TT_EX004a.xml');
const item = (i: number, doc: number) => `/MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem/${i}/AdditionalDocument/${doc}`;

describe('readCitations', () => {
  it('reads the write-offs of an export declaration per goods item, held by the exporter', () => {
    expect(readCitations(EX004A, 'wco-xml')).toEqual({
      holderId: 'GB896458895015',
      citations: [
        {
          documentCode: '9104',
          number: 'GBSIEXYK3ZZZ-0001',
          goodsItem: '1',
          hsCode: '93019000',
          description: "Sniper Rifle with 27' barrel",
          quantity: '5',
          unit: 'KGM#G',
          path: item(0, 3),
        },
        {
          documentCode: 'X002',
          number: 'GBSIEXYK3ZZZPADR-0002',
          goodsItem: '2',
          hsCode: '93059100',
          description: '50 Suppressor and thermal cover',
          quantity: '102.00',
          unit: 'KGM#G',
          path: item(1, 4),
        },
        {
          documentCode: '9104',
          number: 'GBSIEXYK3ZZZ-0001',
          goodsItem: '2',
          hsCode: '93059100',
          description: '50 Suppressor and thermal cover',
          quantity: '5',
          unit: 'KGM#G',
          path: item(1, 5),
        },
      ],
      // The declarant, lodging as the exporter's indirect representative (Agent FunctionCode 3), and the exporter.
      parties: [
        { role: 'Declarant', id: 'GB150454489082', path: '/MetaData/Declaration/Declarant/ID' },
        { role: 'Agent', id: 'GB150454489082', functionCode: '3', path: '/MetaData/Declaration/Agent/ID' },
        { role: 'Exporter', id: 'GB896458895015', path: '/MetaData/Declaration/Exporter/ID' },
      ],
    });
  });

  it("reads a cancellation's Submitter as its party", () => {
    expect(readCitations(sample('cancellation/TT_EX010a__TT_EX010a_Cancellation.xml'), 'wco-xml').parties).toEqual([
      { role: 'Submitter', id: 'GB150454489082', path: '/MetaData/Declaration/Submitter/ID' },
    ]);
  });

  it('reads citations without quantities, held by the importer, and leaves other document codes out', () => {
    const { holderId, citations } = readCitations(sample('import/TT_IM074a__TT_IM074a.xml'), 'wco-xml');
    expect(holderId).toBe('XI575456994000');
    expect(citations.map((c) => `${c.documentCode} ${c.number} item ${c.goodsItem} ${c.quantity ?? '-'}`)).toEqual([
      'C400 FRICP12568 item 1 -',
      '9120 GBAHC12345 item 1 -',
      'C640 GBCHD2024. item 1 -',
    ]);
    expect(readCitations(sample('import/TT_IM074a__TT_IM074a.xml'), 'wco-xml', { lpcoDocumentCodes: new Set(['C400']) }).citations).toHaveLength(1);
  });

  it('reads WCO JSON the same way, header and item level', () => {
    const json = {
      Declaration: {
        TypeCode: 'IMZ',
        FunctionCode: '9',
        AdditionalDocument: [{ CategoryCode: 'N', TypeCode: '851', ID: 'NO-2026-000123' }],
        GoodsShipment: {
          Importer: { ID: 'GB123456789000' },
          GovernmentAgencyGoodsItem: [
            {
              SequenceNumeric: '1',
              Commodity: { Classification: [{ ID: '06029010', IdentificationTypeCode: 'TSP' }] },
              AdditionalDocument: [
                { CategoryCode: 'N', TypeCode: '851', ID: 'NO-2026-000123', WriteOff: { QuantityQuantity: { value: '12.5', unitCode: 'KGM' } } },
              ],
            },
          ],
        },
      },
    };
    expect(readCitations(JSON.stringify(json), 'wco-json')).toEqual({
      holderId: 'GB123456789000',
      citations: [
        { documentCode: 'N851', number: 'NO-2026-000123', path: '/Declaration/AdditionalDocument/0' },
        {
          documentCode: 'N851',
          number: 'NO-2026-000123',
          goodsItem: '1',
          hsCode: '06029010',
          quantity: '12.5',
          unit: 'KGM',
          path: '/Declaration/GoodsShipment/GovernmentAgencyGoodsItem/0/AdditionalDocument/0',
        },
      ],
      parties: [{ role: 'Importer', id: 'GB123456789000', path: '/Declaration/GoodsShipment/Importer/ID' }],
    });
  });
});

const kinds = await databaseKinds();

describe.each(kinds)('a corpus declaration against the registry on %s', (kind) => {
  const t = useLpcoDatabase(kind);

  it('writes off TT_EX004a’s licence quantities, per goods item, in kilograms gross', async () => {
    const licence = {
      holder: { id: 'GB896458895015', name: 'Exporter Ltd' },
      exportCountry: 'GB',
      importCountry: 'US',
      issuer: { agency: 'Export Control Joint Unit', country: 'GB' },
    };
    const line = { sequence: '1', description: 'Rifles and parts', hsCode: '9301', unit: 'KGM', origin: 'GB' };
    // The SIEL covers both goods items: rifles (9301) and their parts (9305), a line each.
    const siel = await registerLpco(
      t.db,
      t.kind,
      sampleLpco({
        ...licence,
        documentCode: '9104',
        number: 'GBSIEXYK3ZZZ-0001',
        lines: [
          { ...line, quantity: '20' },
          { ...line, sequence: '2', hsCode: '9305', quantity: '20' },
        ],
      }),
      'ecju',
      { now: duringValidity },
    );
    const dualUse = await registerLpco(
      t.db,
      t.kind,
      sampleLpco({ ...licence, documentCode: 'X002', number: 'GBSIEXYK3ZZZPADR-0002', lines: [{ ...line, hsCode: '9305', quantity: '500' }] }),
      'ecju',
      { now: duringValidity },
    );

    const outcome = await reserveForDeclaration(
      t.db,
      t.kind,
      { declarationExchangeId: '01JEX004A00000000000000000', ...readCitations(EX004A, 'wco-xml'), actsFor: ['GB896458895015'] },
      { unknownLpco: 'error', now: duringValidity },
    );
    expect(outcome.reservations.map((r) => `${r.documentCode} item ${r.goodsItem}: ${r.quantity} ${r.unit}`)).toEqual([
      '9104 item 1: 5.000 KGM',
      'X002 item 2: 102.000 KGM',
      '9104 item 2: 5.000 KGM',
    ]);
    expect((await getLpco(t.db, siel, { now: duringValidity }))?.lines.map((l) => l.remaining)).toEqual(['15.000', '15.000']);
    expect((await getLpco(t.db, dualUse, { now: duringValidity }))?.lines[0]?.remaining).toBe('398.000');
  });
});

describe('citationsOfTree', () => {
  it('reads from a declaration converted to WCO JSON, then read as a tree, exactly what it reads from its XML as parsed', () => {
    for (const file of ['export/TT_EX004a__TT_EX004a.xml', 'import/TT_IM074a__TT_IM074a.xml', 'import/TT_IM036a__TT_IM036a.xml']) {
      const xml = readFileSync(`test/fixtures/wco-dm/samples/customs-declarations/${file}`);
      const { json, root } = wcoXmlToJson(xml);
      const fromJson = citationsOfTree(wcoJsonAsTree(json as WcoJsonObject));
      expect(fromJson).toEqual(citationsOfTree(root));
      expect(fromJson).toEqual(readCitations(xml, 'wco-xml'));
      expect(fromJson.citations.length).toBeGreaterThan(0);
    }
  });
});
