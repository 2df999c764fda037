/** A bad spec is refused at load with every problem named by file and line. */
import { describe, expect, it } from 'vitest';
import { MappingSpecError, readSpec } from '../../src/mapping/spec.js';

const FILE = 'mappings/example/mapping.yaml';

function problems(yaml: string): string[] {
  try {
    readSpec(yaml, FILE);
  } catch (err) {
    expect(err).toBeInstanceOf(MappingSpecError);
    return (err as MappingSpecError).findings.map((f) => f.message);
  }
  throw new Error('the spec was accepted');
}

const HEADER = `id: example
version: 1.0.0
from: wco-json
to: json
`;

describe('readSpec', () => {
  it('accepts a spec using every rule kind', () => {
    const spec = readSpec(
      `${HEADER}codeLists:
  modes: code-lists/modes.json
rules:
  - { to: kind, const: test }
  - { to: lrn, from: [Declaration.FunctionalReferenceID, Declaration.ID], required: true }
  - { to: mode, from: Declaration.BorderTransportMeans.ModeCode, lookup: modes }
  - { to: code, join: [Declaration.TypeCode, Declaration.FunctionCode], separator: "-" }
  - { to: count, jsonata: "$count(Declaration.GoodsShipment.GovernmentAgencyGoodsItem)" }
  - to: items
    each: Declaration.GoodsShipment.GovernmentAgencyGoodsItem
    where: { path: "Commodity.Classification[IdentificationTypeCode=TSP].ID", prefixIn: ["06"] }
    rules:
      - { to: sequence, position: true }
      - { to: massKg, from: Commodity.GoodsMeasure.GrossMassMeasure, unit: { to: KGM, from: KGM } }
  - to: $
    object: Declaration.GoodsShipment
    rules:
      - { to: destination, from: Destination.CountryCode }
`,
      FILE,
    );
    expect(spec.rules.map((r) => r.kind)).toEqual(['value', 'value', 'value', 'value', 'value', 'each', 'object']);
    expect(spec.codeLists).toEqual({ modes: { file: 'code-lists/modes.json', line: 6 } });
  });

  it('names a missing version and a version that is not MAJOR.MINOR.PATCH', () => {
    expect(problems(`id: example\nfrom: wco-json\nto: json\nrules:\n  - { to: a, const: b }\n`)).toEqual([`${FILE}:1: missing "version"`]);
    expect(problems(`id: example\nversion: v1\nfrom: wco-json\nto: json\nrules:\n  - { to: a, const: b }\n`)).toEqual([
      `${FILE}:2: version "v1" must be MAJOR.MINOR.PATCH`,
    ]);
  });

  it('names an unknown rule kind at the rule’s line', () => {
    expect(problems(`${HEADER}rules:\n  - { to: a, const: b }\n  - { to: c, copy: Declaration.ID }\n`)).toEqual([
      `${FILE}:7: unknown rule kind: a rule has exactly one of from, join, const, position, jsonata, each, object; found none of them (keys: to, copy)`,
    ]);
  });

  it('names a bad path, an undeclared namespace prefix and a bad output path', () => {
    expect(problems(`${HEADER}rules:\n  - { to: a, from: Declaration..ID }\n  - { to: b, from: "ram:ID" }\n  - { to: "c d", const: x }\n`)).toEqual([
      `${FILE}:6: bad path: "Declaration..ID" is not a path (names joined by dots)`,
      `${FILE}:7: namespace prefix "ram" is not declared under namespaces`,
      `${FILE}:8: bad output path "c d": names joined by dots, optionally ending in []`,
    ]);
  });

  it('names a JSONata syntax error at compile time, with its position', () => {
    const [message] = problems(`${HEADER}rules:\n  - to: a\n    jsonata: "$count(items"\n`);
    expect(message).toMatch(new RegExp(`^${FILE}:7: JSONata syntax error at character \\d+: `));
  });

  it('names an unknown conversion, an undeclared code list, an unknown unit and an unknown format', () => {
    expect(
      problems(`id: example
version: 1.0.0
from: edifact
to: json
rules:
  - { to: a, from: X, convert: date-999 }
  - { to: b, from: Y, lookup: modes }
  - { to: c, from: Z, unit: { to: FURLONG } }
`),
    ).toEqual([
      `${FILE}:3: "from: edifact" is not one of wco-json, sps-xml, lpco-json, json`,
      `${FILE}:6: unknown conversion "date-999" (known: date-102-to-iso, iso-to-date-102, datetime-to-date, datetime-to-utc, collapse-space, decimal-3)`,
      `${FILE}:7: code list "modes" is not declared under codeLists`,
      `${FILE}:8: unit "FURLONG" is not one swgate converts`,
    ]);
  });

  it('checks parameters: declared before use, with a pattern, and read only as values', () => {
    expect(
      problems(`${HEADER}parameters:
  home: { description: home country, pattern: "[A-Z" }
  bad-name: { description: x, pattern: x }
  nodesc: { pattern: x, extra: 1 }
rules:
  - { to: a, from: [Declaration.TypeCode, $param.undeclared] }
  - { to: b, object: $param.home, rules: [ { to: c, const: d } ] }
`).map((m) => m.replace(/: Invalid regular expression.*/, ': …')),
    ).toEqual([
      `${FILE}:6: pattern of parameter "home" is not a regular expression: …`,
      `${FILE}:7: parameter name "bad-name" must be letters and digits`,
      `${FILE}:8: unknown key "extra" in a parameter (allowed: description, pattern)`,
      `${FILE}:8: missing "description"`,
      `${FILE}:10: parameter "undeclared" is not declared under parameters`,
      `${FILE}:11: "$param.home": a parameter is a value, so only a value rule's from or join may read it`,
    ]);
  });

  it('names unknown keys, in the spec and in a rule, and YAML syntax errors', () => {
    expect(problems(`${HEADER}author: me\nrules:\n  - { to: a, const: b, reqired: true }\n`)).toEqual([
      `${FILE}:5: unknown key "author" in a mapping spec (allowed: id, version, description, from, to, namespaces, codeLists, parameters, rules)`,
      `${FILE}:7: unknown key "reqired" in a value rule (allowed: from, join, const, position, jsonata, to, required, convert, unit, lookup, default, separator)`,
    ]);
    expect(problems(`${HEADER}rules:\n  - { to: a, const: b\n`)[0]).toMatch(new RegExp(`^${FILE}:\\d+: YAML: `));
  });
});
