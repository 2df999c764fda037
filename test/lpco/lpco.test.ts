import { describe, expect, it } from 'vitest';
import type { RejectionError } from '../../src/findings.js';
import { readLpco, readLpcoJson } from '../../src/lpco/lpco.js';
import { readLpcoXml } from '../../src/lpco/lpco-xml.js';
import { fromMilli, toMilli } from '../../src/lpco/quantity.js';
import { rejectionOf } from '../support/rejections.js';
import { sampleLpco } from './support.js';

const codesAndPaths = (err: RejectionError) => err.findings.map((f) => [f.code, f.path]);

describe('quantities are exact milli-units', () => {
  it('reads decimals without floating point', () => {
    expect(toMilli('102.00')).toBe(102_000n);
    expect(toMilli('0.1')).toBe(100n);
    expect(toMilli('999999999999.999')).toBe(999_999_999_999_999n);
    expect(toMilli('1.5000')).toBe(1_500n);
    expect(fromMilli(100n + 200n)).toBe('0.300');
  });
  it('refuses what it cannot hold exactly', () => {
    for (const bad of ['1.0001', '-1', '1e3', '', '1.', '1234567890123']) expect(toMilli(bad)).toBeUndefined();
  });
});

describe('readLpco', () => {
  it('accepts the LPCO JSON shape as it is', () => {
    const lpco = sampleLpco({ replaces: 'NO-2025-999999' });
    expect(readLpco(JSON.parse(JSON.stringify(lpco)))).toEqual(lpco);
  });

  it('points at every schema problem with a JSON pointer', () => {
    const doc: Record<string, unknown> = {
      ...sampleLpco(),
      issuer: { agency: 'Mattilsynet', country: 'Norway' },
      lines: [{ ...sampleLpco().lines[0], quantity: 100 }],
      extra: 'x',
    };
    delete doc.holder;
    const err = rejectionOf(() => readLpco(doc));
    expect(err.status).toBe(422);
    expect(codesAndPaths(err)).toEqual(
      expect.arrayContaining([
        ['lpco.schema.required', '/holder'],
        ['lpco.schema.additionalProperties', ''],
        ['lpco.schema.pattern', '/issuer/country'],
        ['lpco.schema.type', '/lines/0/quantity'],
      ]),
    );
  });

  it('checks what the schema cannot: calendar dates, their order, decimals, unique lines', () => {
    const line = sampleLpco().lines[0]!;
    const doc = sampleLpco({
      validFrom: '2026-02-30',
      validUntil: '2026-01-01',
      lines: [line, { ...line, quantity: '1.0005' }, { ...line, sequence: '3', quantity: '0.000' }],
    });
    expect(codesAndPaths(rejectionOf(() => readLpco(doc)))).toEqual([
      ['lpco.date', '/validFrom'],
      ['lpco.validity', '/validUntil'],
      ['lpco.line-sequence', '/lines/1/sequence'],
      ['lpco.quantity', '/lines/1/quantity'],
      ['lpco.quantity', '/lines/2/quantity'],
    ]);
  });

  it('reads a JSON body safely: strings only, no prototype keys', () => {
    const lpco = sampleLpco();
    expect(readLpcoJson(Buffer.from(JSON.stringify(lpco)))).toEqual(lpco);
    const numeric = rejectionOf(() => readLpcoJson(JSON.stringify({ ...lpco, lines: [{ ...lpco.lines[0], quantity: 100 }] })));
    expect(codesAndPaths(numeric)).toEqual([['json.not-a-string', '/lines/0/quantity']]);
    expect(rejectionOf(() => readLpcoJson('{"__proto__": {"x": "1"}}')).findings[0]?.code).toBe('json.forbidden-name');
  });

  it('takes only issued or amended documents: later statuses belong to the registry', () => {
    expect(codesAndPaths(rejectionOf(() => readLpco({ ...sampleLpco(), status: 'revoked' })))).toEqual([['lpco.schema.enum', '/status']]);
  });
});

const xmlForm = (inner = '') => `<?xml version="1.0" encoding="UTF-8"?>
<lp:LPCO xmlns:lp="urn:swgate:lpco:1">
  <lp:CategoryCode>N</lp:CategoryCode><lp:TypeCode>851</lp:TypeCode>
  <lp:ID>NO-2026-000123</lp:ID>
  <lp:IssueDateTime>2026-01-10T00:00:00Z</lp:IssueDateTime>
  <lp:StatusCode>issued</lp:StatusCode>
  <lp:Issuer><lp:Name>Mattilsynet</lp:Name><lp:CountryCode>NO</lp:CountryCode></lp:Issuer>
  <lp:Holder><lp:ID>GB123456789000</lp:ID><lp:Name>Green Imports Ltd</lp:Name></lp:Holder>
  <lp:ValidityPeriod><lp:StartDate>2026-01-10</lp:StartDate><lp:EndDate>2026-03-10</lp:EndDate></lp:ValidityPeriod>
  <lp:ExportCountry><lp:ID>NO</lp:ID></lp:ExportCountry>
  <lp:ImportCountry><lp:ID>GB</lp:ID></lp:ImportCountry>
  <lp:GoodsItem>
    <lp:SequenceNumeric>1</lp:SequenceNumeric>
    <lp:Description>Live plants, rooted cuttings</lp:Description>
    <lp:Classification><lp:ID>060290</lp:ID></lp:Classification>
    <lp:QuantityQuantity unitCode="KGM">100.000</lp:QuantityQuantity>
    <lp:Origin><lp:CountryCode>NO</lp:CountryCode></lp:Origin>
  </lp:GoodsItem>${inner}
</lp:LPCO>`;

describe('readLpcoXml', () => {
  it('reads the WCO-DM-style XML form into the same object as the JSON form', () => {
    expect(readLpcoXml(xmlForm())).toEqual(sampleLpco({ number: 'NO-2026-000123' }));
  });

  it('names missing elements by their JSON pointer and refuses unknown ones', () => {
    const missingOrigin = xmlForm().replace(/<lp:Origin>.*?<\/lp:Origin>/s, '');
    expect(codesAndPaths(rejectionOf(() => readLpcoXml(missingOrigin)))).toEqual([['lpco.schema.required', '/lines/0/origin']]);
    // A quantity without its unit: the line is neither quantity-controlled nor not.
    const missingUnit = xmlForm().replace(/ unitCode="[A-Z]+"/, '');
    expect(codesAndPaths(rejectionOf(() => readLpcoXml(missingUnit)))).toEqual([['lpco.schema.dependentRequired', '/lines/0']]);
    const extra = rejectionOf(() => readLpcoXml(xmlForm('<lp:Remarks>x</lp:Remarks><Other xmlns="urn:x"/>')));
    expect(extra.findings.map((f) => [f.code, f.xpath])).toEqual([
      ['lpco.xml.unexpected-element', '/LPCO/Remarks'],
      ['lpco.xml.unexpected-element', '/LPCO/Other'],
    ]);
  });

  it('refuses another root, and DTDs before any parsing', () => {
    expect(rejectionOf(() => readLpcoXml('<LPCO xmlns="urn:other"/>')).findings[0]?.code).toBe('lpco.xml.root');
    const dtd = rejectionOf(() => readLpcoXml('<!DOCTYPE x [<!ENTITY a "a">]><LPCO xmlns="urn:swgate:lpco:1">&a;</LPCO>'));
    expect([dtd.status, dtd.findings[0]?.code]).toEqual([400, 'xml.doctype']);
  });
});
