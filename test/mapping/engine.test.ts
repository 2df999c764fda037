/** The compiled rules, paths and conversions on small inputs written for each behaviour. */
import { describe, expect, it } from 'vitest';
import { compileRules, type MappingRun } from '../../src/mapping/compile.js';
import { CONVERSIONS, convertUnit } from '../../src/mapping/conversions.js';
import { parsePath, select, type InputPath } from '../../src/mapping/path.js';
import { readSpec } from '../../src/mapping/spec.js';

function compile(rules: string, codeLists = {}, parameters = {}) {
  const spec = readSpec(
    `id: t\nversion: 1.0.0\nfrom: json\nto: json\ncodeLists:\n  modes: modes.json\nparameters:\n  home: { description: home country, pattern: "[A-Z]{2}" }\nrules:\n${rules}`,
    'mapping.yaml',
  );
  return compileRules(spec.rules, codeLists, parameters);
}

const declaration = {
  Declaration: {
    FunctionalReferenceID: 'LRN1',
    GoodsShipment: {
      GovernmentAgencyGoodsItem: [
        {
          SequenceNumeric: '1',
          Commodity: {
            Classification: [
              { ID: '07099310', IdentificationTypeCode: 'TSP' },
              { ID: '06', IdentificationTypeCode: 'TRC' },
            ],
            GoodsMeasure: { GrossMassMeasure: { value: '1500', unitCode: 'GRM' } },
          },
        },
        {
          SequenceNumeric: '2',
          Commodity: { Classification: [{ ID: '85101000', IdentificationTypeCode: 'TSP' }] },
          AdditionalDocument: [{ CategoryCode: 'C', TypeCode: '400', ID: 'P1' }],
        },
      ],
    },
  },
};

describe('paths', () => {
  const path = (source: string): InputPath => parsePath(source) as InputPath;

  it('walk through arrays and filter by a child’s text', () => {
    const items = declaration.Declaration.GoodsShipment.GovernmentAgencyGoodsItem;
    expect(
      select(path('Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Commodity.Classification[IdentificationTypeCode=TSP].ID'), declaration, declaration),
    ).toEqual(['07099310', '85101000']);
    expect(select(path('$root.Declaration.FunctionalReferenceID'), items[0], declaration)).toEqual(['LRN1']);
    expect(select(path('AdditionalDocument[CategoryCode=C][TypeCode=400].ID'), items[1], declaration)).toEqual(['P1']);
  });

  it('read a bare string leaf as its own value, and never reach the prototype', () => {
    expect(select(path('FunctionalReferenceID.value'), declaration.Declaration, declaration)).toEqual(['LRN1']);
    expect(select(path('constructor'), {}, {})).toEqual([]);
  });

  it('keep only the last item a step selects with [last], after its predicates', () => {
    const route = { Itinerary: [{ RoutingCountryCode: 'GB' }, { RoutingCountryCode: 'CA', Sea: 'y' }, { RoutingCountryCode: 'US' }] };
    expect(select(path('Itinerary[last].RoutingCountryCode'), route, route)).toEqual(['US']);
    expect(select(path('Itinerary[Sea=y][last].RoutingCountryCode'), route, route)).toEqual(['CA']);
    expect(select(path('Itinerary[Sea=n][last].RoutingCountryCode'), route, route)).toEqual([]);
    const single = { Itinerary: { RoutingCountryCode: 'JP' } };
    expect(select(path('Itinerary[last].RoutingCountryCode'), single, single)).toEqual(['JP']);
    expect(select(path('Itinerary[last].RoutingCountryCode'), { Itinerary: [] }, {})).toEqual([]);
  });

  it('read $param.<name> as a parameter, not a node of the document', () => {
    expect(parsePath('$param.homeCountry')).toEqual({ source: '$param.homeCountry', absolute: false, steps: [], parameter: 'homeCountry' });
    expect(parsePath('$param.home.Country')).toMatch(/parameter name/);
    expect(parsePath('$param.')).toMatch(/parameter name/);
  });

  it('reject what is not a path', () => {
    expect(parsePath('a..b')).toMatch(/not a path/);
    expect(parsePath('a[b]')).toMatch(/not a name/);
    expect(parsePath('a.b[c=d.e].f')).toMatchObject({ steps: [{ key: 'a' }, { key: 'b', predicates: [{ key: 'c', value: 'd.e' }] }, { key: 'f' }] });
  });
});

describe('conversions', () => {
  it('convert dates between format 102 and ISO 8601, refusing impossible dates', () => {
    expect(CONVERSIONS['date-102-to-iso']!.convert('20260110')).toBe('2026-01-10');
    expect(CONVERSIONS['date-102-to-iso']!.convert('20260230')).toBeUndefined();
    expect(CONVERSIONS['iso-to-date-102']!.convert('2026-01-10T12:00:00Z')).toBe('20260110');
    expect(CONVERSIONS['datetime-to-utc']!.convert('2016-04-22T13:53:08-03:00')).toBe('2016-04-22T16:53:08Z');
    expect(CONVERSIONS['datetime-to-date']!.convert('2016-04-22T23:53:08-03:00')).toBe('2016-04-22');
  });

  it('write decimals with three places without floating point', () => {
    expect(CONVERSIONS['decimal-3']!.convert('10')).toBe('10.000');
    expect(CONVERSIONS['decimal-3']!.convert('100.0000')).toBe('100.000');
    expect(CONVERSIONS['decimal-3']!.convert('0.0001')).toBeUndefined();
    expect(CONVERSIONS['decimal-3']!.convert('12345678901234567890.5')).toBe('12345678901234567890.500');
  });

  it('convert units exactly, rounding half up to six decimals', () => {
    expect(convertUnit('1250', 'GRM', 'KGM')).toBe('1.25');
    expect(convertUnit('1', 'LBR', 'KGM')).toBe('0.453592');
    expect(convertUnit('2.5', 'TNE', 'KGM')).toBe('2500');
    expect(convertUnit('0.0000005', 'KGM', 'KGM')).toBe('0.000001');
    expect(convertUnit('1', 'LTR', 'KGM')).toBeUndefined();
  });

  it('refuse a decimal of more than 64 characters before any arithmetic, and trim long runs of zeros in one pass', () => {
    // BigInt over 400,000 digits took over half a second; megabytes took minutes.
    expect(CONVERSIONS['decimal-3']!.convert('3'.repeat(400_000))).toBeUndefined();
    expect(convertUnit(`1.${'3'.repeat(400_000)}`, 'LBR', 'KGM')).toBeUndefined();
    expect(convertUnit(`1.${'0'.repeat(61)}`, 'KGM', 'KGM')).toBe('1');
    expect(CONVERSIONS['decimal-3']!.convert(`1.${'0'.repeat(61)}`)).toBe('1.000');
  });
});

describe('compiled rules', () => {
  it('stay synchronous without JSONata, and filter, convert and number the items', () => {
    const run = compile(`  - { to: lrn, from: Declaration.FunctionalReferenceID }
  - to: plants
    each: Declaration.GoodsShipment.GovernmentAgencyGoodsItem
    where: { path: "Commodity.Classification[IdentificationTypeCode=TSP].ID", prefixIn: ["06", "07"] }
    rules:
      - { to: n, position: true }
      - { to: massKg, from: Commodity.GoodsMeasure.GrossMassMeasure, unit: { to: KGM } }
`)(declaration);
    expect(run).not.toBeInstanceOf(Promise);
    expect(run).toEqual({ output: { lrn: 'LRN1', plants: [{ n: '1', massKg: '1.5' }] }, findings: [] });
  });

  it('wait for JSONata rules, in rule order', async () => {
    const run = compile(`  - { to: first, const: a }
  - { to: count, jsonata: "$string($count(Declaration.GoodsShipment.GovernmentAgencyGoodsItem))" }
  - { to: last, const: z }
`)(declaration);
    expect(run).toBeInstanceOf(Promise);
    const { output } = await run;
    expect(Object.entries(output)).toEqual([
      ['first', 'a'],
      ['count', '2'],
      ['last', 'z'],
    ]);
  });

  it('append to arrays, write in place, look codes up and fall back to defaults', () => {
    const run = compile(
      `  - { to: "docs[]", object: Declaration, rules: [ { to: id, from: FunctionalReferenceID } ] }
  - { to: "docs[]", each: "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.AdditionalDocument", rules: [ { to: id, from: ID } ] }
  - { to: $, object: Declaration.GoodsShipment, rules: [ { to: items, from: GovernmentAgencyGoodsItem.SequenceNumeric } ] }
  - { to: mode, from: Declaration.FunctionalReferenceID, lookup: modes }
  - { to: absent, from: Declaration.Nothing, default: none }
`,
      { modes: { LRN1: 'mapped' } },
    )(declaration) as MappingRun;
    expect(run.output).toEqual({ docs: [{ id: 'LRN1' }, { id: 'P1' }], items: '1', mode: 'mapped', absent: 'none' });
  });

  it('read a configured parameter where the document has no value, and name it when neither is there', () => {
    const rules = `  - { to: country, from: [Declaration.ExportCountry.ID, $param.home], required: true }\n  - { to: joined, join: [Declaration.FunctionalReferenceID, $param.home], separator: "/" }\n`;
    expect((compile(rules, {}, { home: 'GB' })(declaration) as MappingRun).output).toEqual({ country: 'GB', joined: 'LRN1/GB' });
    const withCountry = { Declaration: { ...declaration.Declaration, ExportCountry: { ID: 'FR' } } };
    expect((compile(rules, {}, { home: 'GB' })(withCountry) as MappingRun).output.country).toBe('FR');
    const { findings } = compile(rules)(declaration) as MappingRun;
    expect(findings.map((f) => f.message)).toEqual([
      'Declaration.ExportCountry.ID or the configured home is required for country (/Declaration/ExportCountry/ID)',
    ]);
  });

  it('copy a leaf with its attributes without sharing it with the input', () => {
    const input = { Amount: { value: '10', currencyID: 'EUR' } };
    const { output } = compile(`  - { to: amount, from: Amount }\n`)(input) as MappingRun;
    expect(output.amount).toEqual(input.Amount);
    expect(output.amount).not.toBe(input.Amount);
  });

  it('report missing, unconvertible and unknown values as findings with the input path', () => {
    const run = compile(
      `  - { to: a, from: Declaration.Missing, required: true }
  - { to: b, from: Declaration.FunctionalReferenceID, convert: date-102-to-iso }
  - { to: c, from: Declaration.FunctionalReferenceID, lookup: modes }
  - { to: d, each: Declaration.GoodsShipment.GovernmentAgencyGoodsItem, where: { path: SequenceNumeric, in: ["9"] }, required: true, rules: [ { to: x, const: y } ] }
  - { to: e, each: Declaration.GoodsShipment.GovernmentAgencyGoodsItem, rules: [ { to: kg, from: Commodity.GoodsMeasure.GrossMassMeasure, unit: { to: LTR } } ] }
  - { to: f, each: Declaration.GoodsShipment.GovernmentAgencyGoodsItem, where: { path: SequenceNumeric, in: ["2"] }, rules: [ { to: n, position: true }, { to: x, from: Missing, required: true } ] }
`,
      { modes: {} },
    )(declaration) as MappingRun;
    expect(run.findings.map((f) => [f.code, f.path])).toEqual([
      ['mapping.missing', '/Declaration/Missing'],
      ['mapping.convert', '/Declaration/FunctionalReferenceID'],
      ['mapping.code-list', '/Declaration/FunctionalReferenceID'],
      ['mapping.no-items', '/Declaration/GoodsShipment/GovernmentAgencyGoodsItem'],
      ['mapping.unit', '/Declaration/GoodsShipment/GovernmentAgencyGoodsItem/0/Commodity/GoodsMeasure/GrossMassMeasure'],
      ['mapping.missing', '/Declaration/GoodsShipment/GovernmentAgencyGoodsItem/1/Missing'],
    ]);
    expect(run.output.f).toEqual([{ n: '1' }]);
    expect(run.findings[0]!.message).toBe('Declaration.Missing is required for a (/Declaration/Missing)');
  });
});
