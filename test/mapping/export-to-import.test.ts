/**
 * "My export as your import" on every export declaration HMRC publishes (the corpus copied under
 * test/fixtures/wco-dm): each maps to the partner's import pre-declaration, the DMS XSD accepts
 * it, and a customs analyst comparing both sides finds the same goods, quantities, values,
 * parties and transport. Mutated copies show what happens when parts are missing or repeated.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { wcoJsonToXmlString, wcoXmlToJson } from '../../src/documents/wco/codec.js';
import type { WcoJsonObject } from '../../src/documents/wco/json.js';
import { RejectionError } from '../../src/findings.js';
import { MappingSpecError, loadMappings } from '../../src/mapping/catalogue.js';
import { toolsPresent, XMLLINT } from '../support/tools.js';

const MAPPINGS = fileURLToPath(new URL('../../mappings', import.meta.url));
const SAMPLES = fileURLToPath(new URL('../fixtures/wco-dm/samples', import.meta.url));
const DMS_XSD = fileURLToPath(new URL('../fixtures/wco-dm/xsd/customs-declarations/customs/wrapper_submit.xsd', import.meta.url));

/** Every export declaration of the corpus: its type, and the import type, destination and export country it must give. */
const EXPECTED: Record<string, { typeIn: string; typeOut: string; destination: string; exportCountry: string }> = {
  CUS_Code__New_Export_CUS_Code_Sample: { typeIn: 'EXA', typeOut: 'IMD', destination: 'PK', exportCountry: 'GB' },
  Export_Sample_With_Consignor_Declared__New_Export_C21e_Consignor_Sample: { typeIn: 'EXJ', typeOut: 'IMF', destination: 'JP', exportCountry: 'GB' },
  TT_EX001a__TT_EX001a: { typeIn: 'EXD', typeOut: 'IMD', destination: 'US', exportCountry: 'GB' },
  TT_EX002b__TT_EX002b: { typeIn: 'EXC', typeOut: 'IMF', destination: 'US', exportCountry: 'GB' },
  TT_EX004a__TT_EX004a: { typeIn: 'EXY', typeOut: 'IMD', destination: 'SD', exportCountry: 'GB' },
  TT_EX007a__TT_EX007a: { typeIn: 'EXK', typeOut: 'IMF', destination: 'JP', exportCountry: 'GB' },
  TT_EX009a__TT_EX009a: { typeIn: 'EXD', typeOut: 'IMD', destination: 'PK', exportCountry: 'GB' },
  TT_EX010a__TT_EX010a: { typeIn: 'EXA', typeOut: 'IMD', destination: 'PK', exportCountry: 'GB' },
  TT_EX016a__TT_EX016a: { typeIn: 'EXK', typeOut: 'IMF', destination: 'IN', exportCountry: 'GB' },
  TT_EX023a__Step1_TT_EX023a: { typeIn: 'EXA', typeOut: 'IMD', destination: 'JP', exportCountry: 'GB' },
  TT_EX024a__Step1_TT_EX024a: { typeIn: 'COD', typeOut: 'COD', destination: 'GG', exportCountry: 'GB' },
  TT_EX025a__Step1_TT_EX025a: { typeIn: 'EXZ', typeOut: 'IMD', destination: 'US', exportCountry: 'GB' },
  TT_EX039a__TT_EX039a: { typeIn: 'EXD', typeOut: 'IMD', destination: 'JP', exportCountry: 'GB' },
  TT_EX055a__Step1_TT_EX055a: { typeIn: 'EXD', typeOut: 'IMD', destination: 'JP', exportCountry: 'GB' },
  'TT1_EX_v2.02_Accepted': { typeIn: 'EXZ', typeOut: 'IMD', destination: 'US', exportCountry: 'GB' },
};

const exports = readdirSync(SAMPLES).flatMap((repo) => {
  const dir = join(SAMPLES, repo, 'export');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.xml'))
    .map((f) => ({ name: basename(f, '.xml'), file: join(dir, f) }));
});

type Json = Record<string, any>;

function exportJson(file: string): Json {
  const { json, findings } = wcoXmlToJson(readFileSync(file));
  expect(findings).toEqual([]);
  return json as Json;
}

/** An array as WCO JSON may hold it: one object alone, several in an array, or none. */
const all = (value: unknown): Json[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]) as Json[];

/** The fields of a party both sides must agree on. */
const party = (p: Json | undefined) =>
  p && {
    Name: p.Name,
    ID: p.ID,
    Address: p.Address && { CityName: p.Address.CityName, CountryCode: p.Address.CountryCode, Line: p.Address.Line, PostcodeID: p.Address.PostcodeID },
  };
const defined = (o: unknown): unknown => JSON.parse(JSON.stringify(o ?? null));

/** A customs analyst's comparison of the export with the import made from it, field by field. */
function expectSameGoodsPartiesAndTransport(ex: Json, im: Json): void {
  const e = ex.MetaData.Declaration;
  const i = im.MetaData.Declaration;
  for (const key of ['FunctionalReferenceID', 'GoodsItemQuantity', 'TotalPackageQuantity', 'InvoiceAmount']) expect(i[key], key).toEqual(e[key]);
  expect(defined(i.BorderTransportMeans)).toEqual(
    defined(
      e.BorderTransportMeans && {
        ID: e.BorderTransportMeans.ID,
        IdentificationTypeCode: e.BorderTransportMeans.IdentificationTypeCode,
        RegistrationNationalityCode: e.BorderTransportMeans.RegistrationNationalityCode,
        ModeCode: e.BorderTransportMeans.ModeCode,
      },
    ),
  );
  // Parties, seen from the importing side.
  expect(defined(party(i.Exporter))).toEqual(defined(party(e.Exporter)));
  expect(defined(party(i.GoodsShipment.Seller))).toEqual(defined(party(e.Exporter)));
  expect(defined(party(i.GoodsShipment.Importer))).toEqual(defined(party(e.GoodsShipment.Consignee)));
  expect(defined(party(i.GoodsShipment.Buyer))).toEqual(defined(party(e.GoodsShipment.Consignee)));
  expect(defined(party(i.Consignment?.Carrier))).toEqual(defined(party(e.Consignment?.Carrier)));
  expect(defined(party(i.Consignment?.Consignor))).toEqual(defined(party(e.Consignment?.Consignor)));
  // Transport: the export's departure is the import's arrival; containers, seals and route follow.
  expect(defined(i.Consignment?.Itinerary)).toEqual(defined(e.Consignment?.Itinerary));
  expect(i.Consignment?.Freight?.PaymentMethodCode).toEqual(e.Consignment?.Freight?.PaymentMethodCode);
  const eCons = e.GoodsShipment.Consignment ?? {};
  const iCons = i.GoodsShipment.Consignment ?? {};
  expect(iCons.ContainerCode).toEqual(eCons.ContainerCode);
  const dep = eCons.DepartureTransportMeans;
  expect(defined(iCons.ArrivalTransportMeans)).toEqual(
    defined(dep && { ID: dep.ID, IdentificationTypeCode: dep.IdentificationTypeCode, TypeCode: dep.TypeCode, ModeCode: dep.ModeCode }),
  );
  expect(all(iCons.TransportEquipment).map((t) => [t.SequenceNumeric, t.ID, all(t.Seal).map((s) => [s.SequenceNumeric, s.ID])])).toEqual(
    all(eCons.TransportEquipment).map((t) => [t.SequenceNumeric, t.ID, all(t.Seal).map((s) => [s.SequenceNumeric, s.ID])]),
  );
  expect(i.GoodsShipment.TransactionNatureCode).toEqual(e.GoodsShipment.TransactionNatureCode);
  // Goods: every item, in order, with its classification, quantities, values, origin and packages.
  const eItems = all(e.GoodsShipment.GovernmentAgencyGoodsItem);
  const iItems = all(i.GoodsShipment.GovernmentAgencyGoodsItem);
  expect(iItems).toHaveLength(eItems.length);
  eItems.forEach((eItem, n) => {
    const iItem = iItems[n]!;
    for (const key of ['SequenceNumeric', 'StatisticalValueAmount', 'TransactionNatureCode']) expect(iItem[key], `item ${n + 1} ${key}`).toEqual(eItem[key]);
    expect(iItem.Commodity.Description).toEqual(eItem.Commodity.Description);
    expect(all(iItem.Commodity.Classification)).toEqual(
      all(eItem.Commodity.Classification).map((c) => ({ ID: c.ID, IdentificationTypeCode: c.IdentificationTypeCode })),
    );
    const measure = eItem.Commodity.GoodsMeasure;
    expect(defined(iItem.Commodity.GoodsMeasure)).toEqual(
      defined(
        measure && { GrossMassMeasure: measure.GrossMassMeasure, NetNetWeightMeasure: measure.NetNetWeightMeasure, TariffQuantity: measure.TariffQuantity },
      ),
    );
    expect(iItem.Commodity.InvoiceLine?.ItemChargeAmount).toEqual(eItem.Commodity.InvoiceLine?.ItemChargeAmount);
    expect(defined(all(iItem.Origin))).toEqual(defined(all(eItem.Origin).map((o) => ({ CountryCode: o.CountryCode, TypeCode: o.TypeCode }))));
    expect(all(iItem.Packaging)).toEqual(
      all(eItem.Packaging).map((p) =>
        defined({ SequenceNumeric: p.SequenceNumeric, MarksNumbersID: p.MarksNumbersID, QuantityQuantity: p.QuantityQuantity, TypeCode: p.TypeCode }),
      ),
    );
    expect(all(iItem.GovernmentProcedure)).toEqual([{ CurrentCode: '40', PreviousCode: '00' }]);
  });
  // The import cites the export declaration it was made from.
  expect(all(i.GoodsShipment.PreviousDocument)[0]).toEqual({ CategoryCode: 'Z', ID: e.ID ?? e.FunctionalReferenceID, TypeCode: '830' });
}

function xsdVerdict(json: Json): string {
  const file = join(mkdtempSync(join(tmpdir(), 'swgate-export-to-import-')), 'import.xml');
  writeFileSync(file, wcoJsonToXmlString(json as WcoJsonObject));
  try {
    execFileSync(XMLLINT.command, ['--noout', '--nonet', '--schema', DMS_XSD, file], { stdio: 'pipe' });
    return 'valid';
  } catch (err) {
    return String((err as { stderr?: Buffer }).stderr ?? err);
  }
}

/** The findings a refused document was refused with. */
async function refusal(run: Promise<unknown>): Promise<Array<{ code: string; message: string }>> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RejectionError);
  return (error as RejectionError).findings.map(({ code, message }) => ({ code, message }));
}

const catalogue = await loadMappings(MAPPINGS, { homeCountry: 'GB' });
const unconfigured = await loadMappings(MAPPINGS);
const mapped = (input: unknown, from = catalogue) => from.apply('export-to-import', input).then((r) => r.output as Json);

describe('the corpus of export declarations', () => {
  it('holds the 15 exports HMRC publishes', () => {
    expect(exports.map((e) => e.name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });
});

describe.each(exports)('export $name', ({ name, file }) => {
  const expected = EXPECTED[name]!;

  it(`maps ${expected.typeIn} to ${expected.typeOut}, going to ${expected.destination} from ${expected.exportCountry}, with the same goods, quantities, values, parties and transport`, async () => {
    const ex = exportJson(file);
    expect(ex.MetaData.Declaration.TypeCode).toBe(expected.typeIn);
    const im = await mapped(readFileSync(file));
    const declaration = im.MetaData.Declaration;
    expect(declaration.TypeCode).toBe(expected.typeOut);
    expect(declaration.FunctionCode).toBe('9');
    expect(im.MetaData.ResponsibleCountryCode).toBe(expected.destination);
    expect(declaration.GoodsShipment.Destination).toEqual({ CountryCode: expected.destination });
    expect(declaration.GoodsShipment.ExportCountry).toEqual({ ID: expected.exportCountry });
    expectSameGoodsPartiesAndTransport(ex, im);
  });

  it.runIf(toolsPresent(XMLLINT))('gives an import the DMS XSD accepts (xmllint --schema)', async () => {
    expect(xsdVerdict(await mapped(readFileSync(file)))).toBe('valid');
  });
});

const sample = (name: string) => exportJson(exports.find((e) => e.name === name)!.file);

describe('mutated copies', () => {
  it('without the optional parts (consignments, invoice amount, values, masses, border transport): maps, leaves them out, and the XSD still accepts it', async () => {
    const ex = sample('TT_EX039a__TT_EX039a');
    const d = ex.MetaData.Declaration;
    delete d.Consignment;
    delete d.GoodsShipment.Consignment;
    delete d.InvoiceAmount;
    delete d.BorderTransportMeans;
    delete d.GoodsShipment.TransactionNatureCode;
    for (const item of all(d.GoodsShipment.GovernmentAgencyGoodsItem)) {
      delete item.StatisticalValueAmount;
      delete item.Commodity.GoodsMeasure;
      delete item.TransactionNatureCode;
    }
    const im = await mapped(ex);
    expect(im.MetaData.Declaration.Consignment).toBeUndefined();
    expect(im.MetaData.Declaration.GoodsShipment.Consignment).toBeUndefined();
    expect(im.MetaData.Declaration.BorderTransportMeans).toBeUndefined();
    expectSameGoodsPartiesAndTransport(ex, im);
    if (toolsPresent(XMLLINT)) expect(xsdVerdict(im)).toBe('valid');
  });

  it('with repeated goods lines: every line kept, in order, with its own quantities', async () => {
    const ex = sample('TT_EX004a__TT_EX004a');
    const d = ex.MetaData.Declaration;
    const items = all(d.GoodsShipment.GovernmentAgencyGoodsItem);
    const repeated = [...items, ...items, ...items].map((item, n) => ({
      ...structuredClone(item),
      SequenceNumeric: String(n + 1),
      StatisticalValueAmount: { ...item.StatisticalValueAmount, value: String(1000 + n) },
    }));
    d.GoodsShipment.GovernmentAgencyGoodsItem = repeated;
    d.GoodsItemQuantity = String(repeated.length);
    const im = await mapped(ex);
    expect(all(im.MetaData.Declaration.GoodsShipment.GovernmentAgencyGoodsItem).map((i) => [i.SequenceNumeric, i.StatisticalValueAmount.value])).toEqual(
      repeated.map((i) => [i.SequenceNumeric, i.StatisticalValueAmount.value]),
    );
    expectSameGoodsPartiesAndTransport(ex, im);
    if (toolsPresent(XMLLINT)) expect(xsdVerdict(im)).toBe('valid');
  });

  it('with no destination on the goods shipment: the goods items’, else the itinerary’s last country', async () => {
    const ex = sample('TT_EX001a__TT_EX001a');
    delete ex.MetaData.Declaration.GoodsShipment.Destination;
    expect(all(ex.MetaData.Declaration.Consignment.Itinerary).map((i) => i.RoutingCountryCode)).toEqual(['GB', 'CA', 'US']);
    const im = await mapped(ex);
    expect(im.MetaData.ResponsibleCountryCode).toBe('US');
    expect(im.MetaData.Declaration.GoodsShipment.Destination).toEqual({ CountryCode: 'US' });
  });

  it('with neither destination source: refused with one finding naming every place a destination could come from', async () => {
    const ex = sample('TT_EX004a__TT_EX004a');
    const d = ex.MetaData.Declaration;
    for (const item of all(d.GoodsShipment.GovernmentAgencyGoodsItem)) delete item.Destination;
    expect(d.Consignment?.Itinerary).toBeUndefined();
    expect(await refusal(mapped(ex))).toEqual([
      {
        code: 'mapping.missing',
        message:
          '$root.Declaration.GoodsShipment.Destination.CountryCode or $root.Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Destination.CountryCode or $root.Declaration.Consignment.Itinerary[last].RoutingCountryCode is required for MetaData.ResponsibleCountryCode (/Declaration/GoodsShipment/Destination/CountryCode)',
      },
    ]);
  });

  it('with no export country: the gateway’s configured country first, then the country it was lodged in; neither → one finding', async () => {
    const ex = sample('TT_EX002b__TT_EX002b');
    expect(ex.MetaData.Declaration.GoodsShipment.ExportCountry).toBeUndefined();
    const xa = await loadMappings(MAPPINGS, { homeCountry: 'XA' });
    expect((await mapped(ex, xa)).MetaData.Declaration.GoodsShipment.ExportCountry).toEqual({ ID: 'XA' });
    expect((await mapped(ex, unconfigured)).MetaData.Declaration.GoodsShipment.ExportCountry).toEqual({ ID: 'GB' });
    const bare = { Declaration: ex.MetaData.Declaration };
    expect((await mapped(bare)).MetaData.Declaration.GoodsShipment.ExportCountry).toEqual({ ID: 'GB' });
    expect(await refusal(mapped(bare, unconfigured))).toEqual([
      {
        code: 'mapping.missing',
        message:
          'ExportCountry.ID or the configured homeCountry or $root.MetaData.ResponsibleCountryCode is required for ExportCountry.ID (/Declaration/GoodsShipment/ExportCountry/ID)',
      },
    ]);
  });

  it('that are not export declarations (an import, an additional type no tariff defines): refused, naming the code', async () => {
    for (const type of ['IMA', 'EXG', 'EX', 'exd']) {
      const ex = sample('TT_EX001a__TT_EX001a');
      ex.MetaData.Declaration.TypeCode = type;
      expect(await refusal(mapped(ex))).toEqual([
        { code: 'mapping.code-list', message: `code "${type}" is not in code list importTypeCodes (/Declaration/TypeCode)` },
      ]);
    }
  });
});

describe('the configured homeCountry', () => {
  it('is refused at load when it is not a country code, so no export is ever mapped with it', async () => {
    for (const bad of ['gb', 'GBR', 'G', 'GB\n', '<x/>']) {
      await expect(loadMappings(MAPPINGS, { homeCountry: bad })).rejects.toBeInstanceOf(MappingSpecError);
    }
  });
});
