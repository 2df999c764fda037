import { describe, expect, it } from 'vitest';
import { wcoXmlToJson } from '../../src/documents/wco/codec.js';
import { validateDocument } from '../../src/validation/validate-document.js';
import { fixture } from '../documents/support.js';

const SAMPLE = 'samples/customs-declarations/import/TT_IM036a__TT_IM036a.xml';

/** The WCO JSON of a corpus sample, as a mutable object. */
function sampleJson(): any {
  return structuredClone(wcoXmlToJson(fixture(SAMPLE)).json);
}

function findingsOf(json: unknown) {
  return validateDocument(Buffer.from(JSON.stringify(json)), 'wco-json').findings;
}

describe('structural validation of WCO JSON', () => {
  it('accepts a corpus sample converted to JSON', () => {
    expect(findingsOf(sampleJson())).toEqual([]);
  });

  it('reports a missing required element with its pointer', () => {
    const json = sampleJson();
    delete json.MetaData.Declaration.FunctionCode;
    expect(findingsOf(json)).toEqual([
      { severity: 'error', code: 'xsd.required', message: 'Declaration requires the element FunctionCode', path: '/MetaData/Declaration/FunctionCode' },
    ]);
  });

  it('reports an unknown element and an unknown attribute', () => {
    const json = sampleJson();
    json.MetaData.Declaration.Colour = 'red';
    json.MetaData.Declaration.GoodsShipment.GovernmentAgencyGoodsItem[0].StatisticalValueAmount = { value: '1', currencyID: 'GBP', colour: 'red' };
    expect(findingsOf(json).map((f) => [f.code, f.path])).toEqual([
      ['xsd.unknown-element', '/MetaData/Declaration/Colour'],
      ['xsd.unknown-attribute', '/MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem/0/StatisticalValueAmount/colour'],
    ]);
  });

  it('requires arrays for repeating elements and objects for single ones', () => {
    const json = sampleJson();
    const item = json.MetaData.Declaration.GoodsShipment.GovernmentAgencyGoodsItem[0];
    json.MetaData.Declaration.GoodsShipment.GovernmentAgencyGoodsItem = item;
    json.MetaData.Declaration.GoodsShipment = [json.MetaData.Declaration.GoodsShipment];
    expect(findingsOf(json).map((f) => [f.code, f.path])).toEqual([['xsd.type', '/MetaData/Declaration/GoodsShipment']]);
  });

  it('reports values that break their simple type, with the facet in words', () => {
    const json = sampleJson();
    json.MetaData.Declaration.TypeCode = 'IMAX';
    json.MetaData.Declaration.GoodsShipment.Destination.CountryCode = 'G1';
    expect(findingsOf(json).map((f) => f.message)).toEqual([
      'TypeCode: "IMAX" has 4 characters; at most 3 are allowed',
      'CountryCode: "G1" does not match the pattern ([a-zA-Z])*',
    ]);
  });

  it('refuses an over-long value for its length, before any pattern reads it', () => {
    const json = sampleJson();
    // 100,000 letters and a line break: JavaScript's backtracking took minutes over this pattern.
    json.MetaData.Declaration.Exporter.Name = `${'a'.repeat(100_000)}\n`;
    expect(findingsOf(json).map((f) => f.message)).toEqual([`Name: "${'a'.repeat(40)}…" has 100001 characters; at most 70 are allowed`]);
  });

  it('reports too many occurrences', () => {
    const json = sampleJson();
    const shipment = json.MetaData.Declaration.GoodsShipment;
    shipment.GovernmentAgencyGoodsItem = Array.from({ length: 1000 }, () => shipment.GovernmentAgencyGoodsItem[0]);
    expect(findingsOf(json)).toEqual([expect.objectContaining({ code: 'xsd.too-many', message: 'GovernmentAgencyGoodsItem may occur at most 999 times' })]);
  });

  it('refuses a root it does not know', () => {
    expect(findingsOf({ Envelope: {} })).toEqual([
      expect.objectContaining({ code: 'xsd.root', message: 'The root must be one of MetaData or Declaration; found Envelope' }),
    ]);
  });
});

describe('structural validation of WCO XML', () => {
  it('gives the same findings as for its JSON, plus an XPath', () => {
    const xml = fixture(SAMPLE).toString('utf8').replace('<TypeCode>IMA</TypeCode>', '<TypeCode>IMAX</TypeCode>');
    expect(validateDocument(Buffer.from(xml), 'wco-xml').findings).toEqual([
      {
        severity: 'error',
        code: 'xsd.value',
        message: 'TypeCode: "IMAX" has 4 characters; at most 3 are allowed',
        path: '/MetaData/Declaration/TypeCode',
        xpath: '/MetaData/Declaration/TypeCode',
      },
    ]);
  });

  it('maps array indexes and attributes into the XPath', () => {
    const xml = fixture(SAMPLE).toString('utf8').replace('currencyID="GBP">10000', 'currencyID="gbp">10000');
    const [f] = validateDocument(Buffer.from(xml), 'wco-xml').findings;
    expect(f?.path).toMatch(/^\/MetaData\/Declaration\/GoodsShipment\/GovernmentAgencyGoodsItem\/0\/.*\/currencyID$/);
    expect(f?.xpath).toMatch(/^\/MetaData\/Declaration\/GoodsShipment\/GovernmentAgencyGoodsItem\[1\]\/.*\/@currencyID$/);
  });
});
