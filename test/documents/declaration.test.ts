import { describe, expect, it } from 'vitest';
import { declarationFactsOf, readDeclaration, WCO_NAMESPACES, wcoJsonAsTree } from '../../src/documents/declaration.js';
import { wcoXmlToJson } from '../../src/documents/wco/codec.js';
import type { WcoJsonObject } from '../../src/documents/wco/json.js';
import { fixture, rejectionOf } from './support.js';

const IM036A = 'samples/customs-declarations/import/TT_IM036a__TT_IM036a.xml';

describe('readDeclaration from WCO XML (corpus samples)', () => {
  it('reads an import citing a CITES certificate (C400)', () => {
    expect(readDeclaration(fixture(IM036A), 'wco-xml')).toEqual({
      typeCode: 'IMA',
      direction: 'import',
      functionCode: '9',
      lrn: '78494316TTBI',
      hsCodes: ['90031900'],
      procedureCodes: ['4000', '000'],
      exportCountry: null,
      destinationCountry: 'GB',
      originCountries: ['US'],
      citedDocumentCodes: ['1DAN', 'C505', 'C506', 'C400', 'C405', 'N935'],
    });
  });

  it('reads an export with a dual-use licence (X002) over two goods items', () => {
    const facts = readDeclaration(fixture('samples/customs-declarations/export/TT_EX004a__TT_EX004a.xml'), 'wco-xml');
    expect(facts).toMatchObject({ typeCode: 'EXY', direction: 'export', functionCode: '9', exportCountry: 'GB' });
    expect(facts.hsCodes).toEqual(['93019000', '93059100']);
    expect(facts.citedDocumentCodes).toContain('X002');
    expect(facts.procedureCodes[0]).toBe('1040');
  });

  it('keeps the leading zero of an HS code (01019000) and deduplicates across items', () => {
    const facts = readDeclaration(fixture('samples/customs-declarations/import/TT_IM184a__Step1_TT_IM184a.xml'), 'wco-xml');
    expect(facts.hsCodes).toEqual(['18040000', '85101000', '85109000', '01019000']);
    expect(new Set(facts.citedDocumentCodes).size).toBe(facts.citedDocumentCodes.length);
  });

  it('reads a file with BOM, leading tab and the default-namespace/md: prefix mix', () => {
    const facts = readDeclaration(fixture('samples/customs-declare-exports/export-rejected/TT1_EX_v2.02_Rejected_RefData.xml'), 'wco-xml');
    expect(facts).toMatchObject({ typeCode: 'EXZ', direction: 'export', lrn: 'Export_RefData_REJ', destinationCountry: 'US' });
  });

  it('reads a CRLF file with three goods items', () => {
    const facts = readDeclaration(fixture('samples/customs-declarations/import/TT_IM001d__TT_IM001d.xml'), 'wco-xml');
    expect(facts).toMatchObject({ typeCode: 'IMA', lrn: 'TT_IM01d_v1.6_230322_1', exportCountry: 'US', originCountries: ['US'] });
    expect(facts.hsCodes).toEqual(['85109000', '85101000', '85102000']);
  });

  it.each([
    ['amendment', 'samples/customs-declarations/amendment/TT_EX009a__Step5_TT_EX009a_Amendment.xml', 'COR', '13'],
    ['cancellation', 'samples/customs-declarations/cancellation/TT_IM011a__TT_IM011a_Cancellation.xml', 'INV', '13'],
    ['goods presentation', 'samples/customs-declarations/goods-presentation/TT_IM026a__Step1_GPN.xml', 'GPR', '13'],
  ])('reads an additional message (%s) as direction other', (_kind, path, typeCode, functionCode) => {
    expect(readDeclaration(fixture(path), 'wco-xml')).toMatchObject({ typeCode, functionCode, direction: 'other', hsCodes: [] });
  });

  it('matches by namespace, not by prefix: the same declaration re-prefixed reads the same', () => {
    const original = fixture(IM036A).toString('utf8');
    const reprefixed = original
      .replace('xmlns="urn:wco:datamodel:WCO:DEC-DMS:2"', 'xmlns:dec="urn:wco:datamodel:WCO:DEC-DMS:2"')
      .replace(/<(\/?)(?![a-zA-Z0-9]+:)([A-Z][A-Za-z]*)/g, '<$1dec:$2');
    expect(reprefixed).toContain('<dec:Declaration');
    expect(readDeclaration(Buffer.from(reprefixed), 'wco-xml')).toEqual(readDeclaration(fixture(IM036A), 'wco-xml'));
  });

  it('reads from the WCO JSON made of a declaration, read as a tree, exactly what it reads from the XML as parsed (the two forms ingest reads)', () => {
    for (const path of [
      IM036A,
      'samples/customs-declarations/export/TT_EX004a__TT_EX004a.xml',
      'samples/customs-declarations/import/TT_IM184a__Step1_TT_IM184a.xml',
    ]) {
      const { json, root } = wcoXmlToJson(fixture(path));
      expect(declarationFactsOf(wcoJsonAsTree(json as WcoJsonObject))).toEqual(declarationFactsOf(root));
      expect(declarationFactsOf(root)).toEqual(readDeclaration(fixture(path), 'wco-xml'));
    }
  });

  it('reads a bare Declaration root', () => {
    const xml = `<Declaration xmlns="${WCO_NAMESPACES.declaration}"><FunctionCode>9</FunctionCode><TypeCode>EXD</TypeCode></Declaration>`;
    expect(readDeclaration(Buffer.from(xml), 'wco-xml')).toMatchObject({ typeCode: 'EXD', direction: 'export', lrn: null });
  });

  it('uses the namespaces of a partner profile', () => {
    const profile = { metadata: 'urn:partner:meta', declaration: 'urn:partner:dec' };
    const xml = `<m:MetaData xmlns:m="urn:partner:meta"><Declaration xmlns="urn:partner:dec"><FunctionCode>9</FunctionCode><TypeCode>IMA</TypeCode></Declaration></m:MetaData>`;
    expect(readDeclaration(Buffer.from(xml), 'wco-xml', profile).typeCode).toBe('IMA');
    expect(rejectionOf(() => readDeclaration(Buffer.from(xml), 'wco-xml')).findings[0]?.code).toBe('declaration.root');
  });
});

describe('readDeclaration refuses what is not a declaration', () => {
  it('refuses the unqualified (namespace-less) corpus notifications with what was expected', () => {
    const err = rejectionOf(() =>
      readDeclaration(fixture('samples/customs-declarations/notification-unqualified/Example_DMS_notifications__03_DMSREJ.xml'), 'wco-xml'),
    );
    expect(err.status).toBe(422);
    expect(err.findings[0]?.code).toBe('declaration.root');
    expect(err.findings[0]?.message).toContain(`MetaData in namespace ${WCO_NAMESPACES.metadata}`);
    expect(err.findings[0]?.message).toContain('found MetaData in no namespace');
  });

  it('refuses the malformed corpus notification as not well-formed', () => {
    const path = 'samples/customs-declare-exports/notification-malformed/TT1_IM_v2.01_Rejected_Obligation_Netmass_Notification.xml';
    const err = rejectionOf(() => readDeclaration(fixture(path), 'wco-xml'));
    expect(err.status).toBe(400);
    expect(err.findings[0]?.code).toBe('xml.not-well-formed');
  });

  it('refuses a MetaData holding a Response instead of a Declaration', () => {
    const err = rejectionOf(() => readDeclaration(fixture('samples/customs-declarations/notification/TT_EX039a__3._DMSACC_Function_Code_01.xml'), 'wco-xml'));
    expect(err.status).toBe(422);
    expect(err.findings[0]?.code).toBe('declaration.missing');
  });

  it('refuses a declaration without TypeCode', () => {
    const xml = `<Declaration xmlns="${WCO_NAMESPACES.declaration}"><FunctionCode>9</FunctionCode></Declaration>`;
    const err = rejectionOf(() => readDeclaration(Buffer.from(xml), 'wco-xml'));
    expect(err.findings[0]).toMatchObject({ code: 'declaration.missing-element', path: '/Declaration/TypeCode' });
  });
});

describe('readDeclaration from WCO JSON', () => {
  it('gives the same facts as the XML it restates', () => {
    const fromJson = readDeclaration(fixture('json/TT_IM036a__facts-excerpt.json'), 'wco-json');
    expect(fromJson).toEqual(readDeclaration(fixture(IM036A), 'wco-xml'));
  });

  it('reads a bare Declaration root object', () => {
    const json = JSON.stringify({ Declaration: { FunctionCode: '9', TypeCode: 'EXD', FunctionalReferenceID: '0101' } });
    expect(readDeclaration(Buffer.from(json), 'wco-json')).toMatchObject({ typeCode: 'EXD', lrn: '0101' });
  });

  it.each([
    ['__proto__', '{"Declaration":{"TypeCode":"IMA","FunctionCode":"9","__proto__":{"polluted":"yes"}}}', '/Declaration/__proto__'],
    ['constructor', '{"Declaration":{"GoodsShipment":[{"constructor":"x"}]}}', '/Declaration/GoodsShipment/0/constructor'],
    ['prototype', '{"prototype":{}}', '/prototype'],
  ])('refuses a %s key anywhere, with its pointer', (_key, json, path) => {
    const err = rejectionOf(() => readDeclaration(Buffer.from(json), 'wco-json'));
    expect(err.findings[0]).toMatchObject({ code: 'json.forbidden-name', path });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['a number', '{"Declaration":{"TypeCode":"IMA","FunctionCode":9}}', '/Declaration/FunctionCode', 'a number'],
    ['a boolean in an array', '{"Declaration":{"TypeCode":"IMA","AdditionalDocument":[{"ID":"1"},true]}}', '/Declaration/AdditionalDocument/1', 'a boolean'],
    ['null', '{"Declaration":{"TypeCode":null}}', '/Declaration/TypeCode', 'null'],
    ['a nested array', '{"Declaration":{"TypeCode":[["IMA"]]}}', '/Declaration/TypeCode/0', 'an array inside an array'],
    ['a key with a slash', '{"Declaration":{"a/b~c":1}}', '/Declaration/a~1b~0c', 'a number'],
  ])('refuses %s as a leaf (422, JSON pointer)', (_what, json, path, found) => {
    const err = rejectionOf(() => readDeclaration(Buffer.from(json), 'wco-json'));
    expect(err.status).toBe(422);
    expect(err.findings[0]).toMatchObject({ code: 'json.not-a-string', path });
    expect(err.findings[0]?.message).toContain(found);
  });

  it.each([['[]'], ['"IMA"'], ['42'], ['null']])('refuses the non-object root %s (422)', (json) => {
    const err = rejectionOf(() => readDeclaration(Buffer.from(json), 'wco-json'));
    expect(err.status).toBe(422);
    expect(err.findings[0]?.code).toBe('json.root');
  });

  it('refuses two root keys, syntax errors, invalid UTF-8 and deep nesting', () => {
    const code = (body: Buffer | string): string | undefined => rejectionOf(() => readDeclaration(Buffer.from(body), 'wco-json')).findings[0]?.code;
    expect(code('{"MetaData":{},"Declaration":{}}')).toBe('json.root');
    expect(code('{"Declaration":')).toBe('json.not-well-formed');
    expect(code(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x22, 0x22, 0x7d]))).toBe('json.encoding');
    expect(code(`${'{"A":'.repeat(100_000)}""${'}'.repeat(100_000)}`)).toBe('json.depth');
  });

  it('refuses a MetaData without a Declaration, saying what was expected', () => {
    const err = rejectionOf(() => readDeclaration(Buffer.from('{"MetaData":{"WCOTypeName":"DEC"}}'), 'wco-json'));
    expect(err.findings[0]?.code).toBe('declaration.missing');
  });
});
