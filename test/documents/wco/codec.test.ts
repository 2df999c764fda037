import { describe, expect, it } from 'vitest';
import { wcoJsonToXmlString, wcoXmlToJson } from '../../../src/documents/wco/codec.js';
import type { WcoJsonObject } from '../../../src/documents/wco/json.js';
import { parseXml, type XmlElement } from '../../../src/documents/xml/parse.js';
import { fixture } from '../support.js';
import { DECLARATION_SAMPLES, NOTIFICATION_SAMPLES } from './corpus.js';

/** What must survive a round trip: names, namespaces, attributes, text; not prefixes, comments or layout. */
function data(el: XmlElement): unknown {
  const hasElements = el.children.some((c) => typeof c !== 'string');
  return {
    name: `{${el.ns}}${el.name}`,
    attrs: el.attrs.map((a) => `{${a.ns}}${a.name}=${a.value}`).sort(),
    children: el.children.filter((c) => !(hasElements && typeof c === 'string' && c.trim() === '')).map((c) => (typeof c === 'string' ? c : data(c))),
  };
}

function toJson(xml: Buffer | string): WcoJsonObject {
  const { json, findings } = wcoXmlToJson(xml);
  expect(findings).toEqual([]);
  return json!;
}

describe('WCO XML → WCO JSON → WCO XML', () => {
  it('covers the corpus: all well-formed, namespaced samples', () => {
    expect(DECLARATION_SAMPLES.length).toBe(53);
    expect(NOTIFICATION_SAMPLES.length).toBe(4);
  });

  it.each([...DECLARATION_SAMPLES, ...NOTIFICATION_SAMPLES])('is lossless for %s', (path) => {
    const original = fixture(path);
    const json = toJson(original);
    const xml = wcoJsonToXmlString(json);
    expect(data(parseXml(xml))).toEqual(data(parseXml(original)));
    expect(toJson(xml)).toEqual(json);
  });
});

describe('WCO JSON shape', () => {
  const json = toJson(fixture('samples/customs-declarations/import/TT_IM036a__TT_IM036a.xml')) as any;
  const declaration = json.MetaData.Declaration;

  it('uses local names as keys and strings for every leaf', () => {
    expect(json.MetaData.WCODataModelVersionCode).toBe('3.6');
    expect(declaration.FunctionCode).toBe('9');
    expect(declaration.TypeCode).toBe('IMA');
  });

  it('makes a repeating element an array even when it occurs once', () => {
    expect(Array.isArray(declaration.GoodsShipment.GovernmentAgencyGoodsItem)).toBe(true);
    expect(declaration.GoodsShipment.GovernmentAgencyGoodsItem).toHaveLength(1);
    expect(Array.isArray(declaration.GoodsShipment)).toBe(false);
  });

  it('writes a leaf with attributes as { value, attribute }', () => {
    expect(JSON.stringify(declaration)).toContain('"ItemChargeAmount":{"value":"10000","currencyID":"GBP"}');
  });

  it('keeps codes with leading zeros as they are', () => {
    const procedures = declaration.GoodsShipment.GovernmentAgencyGoodsItem[0].GovernmentProcedure;
    expect(procedures).toEqual([{ CurrentCode: '40', PreviousCode: '00' }, { CurrentCode: '000' }]);
  });

  it('keeps xsi:schemaLocation and the namespaced DateTimeString', () => {
    expect(json.MetaData['xsi:schemaLocation']).toContain('DocumentMetaData_2_DMS.xsd');
    const withDate = JSON.stringify(toJson(fixture('samples/customs-declarations/export/TT_EX002b__TT_EX002b.xml')));
    expect(withDate).toMatch(/"DateTimeString":\{"value":"\d{14}\+01","formatCode":"304"\}/);
  });
});

describe('WCO JSON → XML writing', () => {
  const minimal = (declaration: Record<string, unknown>): WcoJsonObject => ({ MetaData: { WCOTypeName: 'DEC', Declaration: declaration } }) as WcoJsonObject;

  it('orders elements by the schema, whatever the key order', () => {
    const xml = wcoJsonToXmlString(minimal({ TypeCode: 'IMA', FunctionalReferenceID: 'X', FunctionCode: '9' }));
    expect(xml.indexOf('<FunctionCode>')).toBeLessThan(xml.indexOf('<FunctionalReferenceID>'));
    expect(xml.indexOf('<FunctionalReferenceID>')).toBeLessThan(xml.indexOf('<TypeCode>'));
  });

  it('escapes markup, ampersands, quotes and carriage returns so they read back the same', () => {
    const tricky = 'A&B <c> "q" \r\n ]]> é';
    const json = minimal({
      FunctionCode: '9',
      FunctionalReferenceID: tricky,
      TypeCode: 'IMA',
      GoodsShipment: { GovernmentAgencyGoodsItem: [{ SequenceNumeric: '1', StatisticalValueAmount: { value: '1', currencyID: 'a"<&\t\n' } }] },
    });
    const back = toJson(wcoJsonToXmlString(json)) as any;
    expect(back.MetaData.Declaration.FunctionalReferenceID).toBe(tricky);
    expect(back.MetaData.Declaration.GoodsShipment.GovernmentAgencyGoodsItem[0].StatisticalValueAmount.currencyID).toBe('a"<&\t\n');
  });

  it('uses the namespaces of a partner profile in both directions', () => {
    const profile = { metadata: 'urn:partner:md', declaration: 'urn:partner:dec' };
    const xml = wcoJsonToXmlString(minimal({ FunctionCode: '9', TypeCode: 'EXD' }), profile);
    expect(xml).toContain('xmlns="urn:partner:dec"');
    const root = parseXml(xml);
    expect(root.ns).toBe('urn:partner:md');
    expect(wcoXmlToJson(xml, profile).json).toEqual(minimal({ FunctionCode: '9', TypeCode: 'EXD' }));
    expect(wcoXmlToJson(xml).findings[0]?.code).toBe('xsd.root');
  });
});

describe('what JSON cannot carry is reported while converting XML', () => {
  const sample = fixture('samples/customs-declarations/export/TT_EX001a__TT_EX001a.xml').toString('utf8');

  it('reports elements out of schema order (xsd.order)', () => {
    const swapped = sample.replace(/(<FunctionCode>9<\/FunctionCode>)([\s\S]*?)(<FunctionalReferenceID>[^<]*<\/FunctionalReferenceID>)/, '$3$2$1');
    const { findings } = wcoXmlToJson(swapped);
    expect(findings).toEqual([
      expect.objectContaining({ code: 'xsd.order', path: '/MetaData/Declaration/FunctionCode', xpath: '/MetaData/Declaration[1]/FunctionCode[1]' }),
    ]);
  });

  it('reports an element in the wrong namespace (xsd.namespace)', () => {
    const moved = sample.replace('<TypeCode>EXD</TypeCode>', '<x:TypeCode xmlns:x="urn:other">EXD</x:TypeCode>');
    expect(wcoXmlToJson(moved).findings.map((f) => f.code)).toEqual(['xsd.namespace']);
  });

  it('reports an unknown element and stray text', () => {
    const extra = sample.replace('<TypeCode>EXD</TypeCode>', '<TypeCode>EXD</TypeCode><Colour>red</Colour>stray');
    expect(
      wcoXmlToJson(extra)
        .findings.map((f) => f.code)
        .sort(),
    ).toEqual(['xsd.unexpected-text', 'xsd.unknown-element']);
  });
});

describe('a notification (RES-DMS Response)', () => {
  const json = toJson(fixture('samples/customs-declarations/notification/TT_EX039a__4._DMSRES_Function_Code_07.xml')) as any;

  it('keeps its own Declaration and the DEC-DMS Declaration apart (key Declaration@od, the prefix of the XSD)', () => {
    const response = json.MetaData.Response;
    expect(Array.isArray(response)).toBe(true);
    expect(response[0].Declaration).toMatchObject({ FunctionalReferenceID: expect.any(String) });
    expect(response[0]['Declaration@od']).toMatchObject({ GoodsShipment: expect.any(Object) });
    const written = parseXml(wcoJsonToXmlString(json));
    const namespaces = (written.children.find((c) => typeof c !== 'string' && c.name === 'Response') as XmlElement).children
      .filter((c): c is XmlElement => typeof c !== 'string' && c.name === 'Declaration')
      .map((c) => c.ns);
    expect(namespaces).toEqual(['urn:wco:datamodel:WCO:RES-DMS:2', 'urn:wco:datamodel:WCO:DEC-DMS:2']);
  });
});
