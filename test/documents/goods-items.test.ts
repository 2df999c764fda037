import { describe, expect, it } from 'vitest';
import { WCO_NAMESPACES, wcoJsonAsTree } from '../../src/documents/declaration.js';
import { goodsItemsOf } from '../../src/documents/goods-items.js';
import { wcoXmlToJson } from '../../src/documents/wco/codec.js';
import type { WcoJsonObject } from '../../src/documents/wco/json.js';
import { parseXml } from '../../src/documents/xml/parse.js';
import { fixture } from './support.js';

const IM001A = 'samples/customs-declarations/import/TT_IM001a__Step1_TT_IM001a.xml';
const IM050A = 'samples/customs-declarations/import/TT_IM050a__TT_IM050a.xml';
const EX010A = 'samples/customs-declarations/export/TT_EX010a__TT_EX010a.xml';

describe('goods items of a declaration (corpus samples)', () => {
  it('reads an import item with its value, masses, origin and the header parties repeated on it', () => {
    expect(goodsItemsOf(parseXml(fixture(IM001A)))).toEqual([
      {
        sequence: 1,
        commodity: '85109000',
        description: 'Parts for electric shavers, hair clippers and hair-removing appliances',
        origin: 'US',
        exportCountry: 'US',
        destinationCountry: 'GB',
        procedure: '4000',
        customsValue: 1000,
        currency: 'GBP',
        grossMass: 150,
        netMass: 100,
        quantity: 50,
        taxes: null,
        importer: 'GB553202734852',
        exporter: 'US Clipper Inc.',
        declarant: 'GB603202734852',
        buyer: null,
        seller: null,
        carrier: null,
        office: 'WLALONBTW',
        transportMode: '1',
      },
    ]);
  });

  it('sums an item’s assessed duties and taxes', () => {
    const [item] = goodsItemsOf(parseXml(fixture(IM050A)));
    expect(item).toMatchObject({ commodity: '87087010', taxes: 4480, grossMass: 2500 });
  });

  it('reads every item of an export, with its carrier and exit office', () => {
    const items = goodsItemsOf(parseXml(fixture(EX010A)));
    expect(items.length).toBeGreaterThan(0);
    expect(items.map((i) => i.sequence)).toEqual(items.map((_, n) => n + 1));
    expect(items[0]).toMatchObject({ carrier: expect.any(String), office: expect.any(String) });
  });

  it('reads the same items from WCO JSON as from the XML it was made from', () => {
    const { json, root } = wcoXmlToJson(fixture(IM050A));
    expect(goodsItemsOf(wcoJsonAsTree(json as WcoJsonObject, WCO_NAMESPACES))).toEqual(goodsItemsOf(root));
  });

  it('gives null, never 0, for an amount that is absent or not a number', () => {
    const xml = fixture(IM001A).toString('utf8').replace('<GrossMassMeasure>150</GrossMassMeasure>', '<GrossMassMeasure>lots</GrossMassMeasure>');
    const [item] = goodsItemsOf(parseXml(Buffer.from(xml)));
    expect(item?.grossMass).toBeNull();
  });
});
