import { describe, expect, it } from 'vitest';
import { wcoXmlToJson } from '../../src/documents/wco/codec.js';
import { COUNTRIES, CURRENCIES, UNITS } from '../../src/validation/code-lists.js';
import { businessRuleFindings } from '../../src/validation/rules.js';
import { fixture } from '../documents/support.js';

function sample(path = 'samples/customs-declarations/import/TT_IM036a__TT_IM036a.xml'): any {
  return structuredClone(wcoXmlToJson(fixture(path)).json);
}

const codes = (json: unknown): string[] => businessRuleFindings(json as never).map((f) => `${f.severity} ${f.code} ${f.path}`);

describe('code lists', () => {
  it('name their source and version and hold the expected codes', () => {
    expect(COUNTRIES.source).toMatch(/ISO 3166-1.*iso-codes/);
    expect(COUNTRIES.codes.size).toBe(249);
    expect(COUNTRIES.codes.has('GB') && COUNTRIES.codes.has('JE') && !COUNTRIES.codes.has('UK')).toBe(true);
    expect(CURRENCIES.source).toMatch(/ISO 4217/);
    expect(CURRENCIES.codes.has('EUR') && !CURRENCIES.codes.has('EURO')).toBe(true);
    expect(UNITS.version).toMatch(/subset/);
    expect(UNITS.codes.has('KGM')).toBe(true);
  });
});

describe('business rules', () => {
  it('find nothing wrong with a corpus import', () => {
    expect(codes(sample())).toEqual([]);
  });

  it('check countries against ISO 3166-1', () => {
    const json = sample();
    json.MetaData.Declaration.GoodsShipment.Destination.CountryCode = 'UK';
    json.MetaData.Declaration.GoodsShipment.GovernmentAgencyGoodsItem[0].Origin[0].CountryCode = 'ZZ';
    expect(codes(json)).toEqual([
      'error rules.country /MetaData/Declaration/GoodsShipment/Destination/CountryCode',
      'error rules.country /MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem/0/Origin/0/CountryCode',
    ]);
  });

  it('check currencies against ISO 4217 and units against Rec 20 (a warning; #qualifiers allowed)', () => {
    const json = sample();
    const item = json.MetaData.Declaration.GoodsShipment.GovernmentAgencyGoodsItem[0];
    item.StatisticalValueAmount = { value: '1', currencyID: 'XYZ' };
    item.Commodity.GoodsMeasure = { NetNetWeightMeasure: { value: '1', unitCode: 'KGM#G' }, GrossMassMeasure: { value: '2', unitCode: 'QQQ' } };
    expect(codes(json)).toEqual([
      'warning rules.unit /MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem/0/Commodity/GoodsMeasure/GrossMassMeasure/unitCode',
      'error rules.currency /MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem/0/StatisticalValueAmount/currencyID',
    ]);
  });

  it('check the shape of tariff (TSP) commodity codes only', () => {
    const json = sample();
    const classification = json.MetaData.Declaration.GoodsShipment.GovernmentAgencyGoodsItem[0].Commodity.Classification;
    classification[0].ID = '9003190';
    classification[1].ID = 'AB';
    expect(codes(json)).toEqual(['error rules.hs-code /MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem/0/Commodity/Classification/0/ID']);
  });

  it.each([
    ['102', '20230229', false],
    ['102', '20240229', true],
    ['102', '20241301', false],
    ['304', '20230324090000+01', true],
    ['304', '20230324250000Z', false],
    ['304', '20230324', false],
    ['102', '20230324090000Z', false],
  ])('check a formatCode %s date %s', (formatCode, value, valid) => {
    const json = sample();
    json.MetaData.Declaration.IssueDateTime = { DateTimeString: { value, formatCode } };
    expect(codes(json)).toEqual(valid ? [] : ['error rules.date /MetaData/Declaration/IssueDateTime/DateTimeString']);
  });

  it('check GoodsItemQuantity against the goods items of an original declaration', () => {
    const json = sample();
    json.MetaData.Declaration.GoodsItemQuantity = '2';
    expect(codes(json)).toEqual(['error rules.goods-item-quantity /MetaData/Declaration/GoodsItemQuantity']);
    json.MetaData.Declaration.FunctionCode = '13';
    expect(codes(json)).toEqual([]);
  });

  it('check that goods item sequence numbers are unique (leading zeros ignored)', () => {
    const json = sample();
    const items = json.MetaData.Declaration.GoodsShipment.GovernmentAgencyGoodsItem;
    items.push({ ...items[0], SequenceNumeric: '01' });
    json.MetaData.Declaration.GoodsItemQuantity = '2';
    json.MetaData.Declaration.TotalPackageQuantity = '2000';
    expect(codes(json)).toEqual(['error rules.sequence-duplicate /MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem/1/SequenceNumeric']);
  });

  it('warn when TotalPackageQuantity differs from the packages of the goods items', () => {
    const json = sample();
    const item = json.MetaData.Declaration.GoodsShipment.GovernmentAgencyGoodsItem[0];
    expect(item.Packaging.map((p: any) => p.QuantityQuantity)).toEqual(['1000']);
    json.MetaData.Declaration.TotalPackageQuantity = '999';
    expect(codes(json)).toEqual(['warning rules.total-packages /MetaData/Declaration/TotalPackageQuantity']);
    delete item.Packaging[0].QuantityQuantity;
    expect(codes(json)).toEqual([]);
  });
});
