import { describe, expect, it } from 'vitest';
import { XsdCompiler } from '../../../src/documents/wco/xsd/compile.js';
import { contentIndex, type ComplexType, type GroupParticle } from '../../../src/documents/wco/model.js';

const header = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="urn:a" xmlns:b="urn:b" targetNamespace="urn:a" elementFormDefault="qualified">`;

/** Compiles in-memory XSDs: `files` maps an absolute path to its text. */
function compile(files: Record<string, string>) {
  const compiler = new XsdCompiler((path) => {
    const text = files[path];
    if (text === undefined) throw new Error(`no file ${path}`);
    return Buffer.from(text);
  });
  compiler.load('/x/a.xsd');
  return compiler.compile('test');
}

describe('XsdCompiler', () => {
  it('compiles sequences, multiplicity, simple content with attributes and facets by derivation step', () => {
    const model = compile({
      '/x/a.xsd': `${header}
        <xs:element name="Root"><xs:complexType><xs:sequence>
          <xs:element name="Code" type="Code" maxOccurs="unbounded"/>
          <xs:element name="Amount" type="Amount" minOccurs="0"/>
        </xs:sequence></xs:complexType></xs:element>
        <xs:simpleType name="Base"><xs:restriction base="xs:token"><xs:pattern value="[A-Z]*"/></xs:restriction></xs:simpleType>
        <xs:simpleType name="Code"><xs:restriction base="Base"><xs:maxLength value="3"/><xs:pattern value="A.*"/><xs:pattern value="B.*"/></xs:restriction></xs:simpleType>
        <xs:complexType name="Amount"><xs:simpleContent><xs:extension base="xs:decimal">
          <xs:attribute name="currencyID" type="xs:token" use="required"/>
        </xs:extension></xs:simpleContent></xs:complexType>
      </xs:schema>`,
    });
    expect(model.roots.map((r) => r.key)).toEqual(['Root']);
    const root = model.types.Root as ComplexType;
    expect(contentIndex(root.content!).ordered.map((u) => [u.particle.key, u.min, u.max])).toEqual([
      ['Code', 1, null],
      ['Amount', 0, 1],
    ]);
    expect(model.types.Code).toMatchObject({ builtin: 'token', whiteSpace: 'collapse', patterns: [['[A-Z]*'], ['A.*', 'B.*']], maxLength: 3 });
    expect(model.types.Amount).toMatchObject({ text: 'xs.decimal', attributes: [{ name: 'currencyID', type: 'xs.token', required: true }] });
  });

  it('keys a second element of the same local name by the prefix its XSD uses', () => {
    const model = compile({
      '/x/a.xsd': `${header}<xs:import namespace="urn:b" schemaLocation="b.xsd"/>
        <xs:element name="Root"><xs:complexType><xs:sequence>
          <xs:element name="Item" type="xs:string"/><xs:element ref="b:Item"/>
        </xs:sequence></xs:complexType></xs:element></xs:schema>`,
      '/x/b.xsd': `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:b"><xs:element name="Item" type="xs:string"/></xs:schema>`,
    });
    const content = (model.types.Root as ComplexType).content as GroupParticle;
    expect(contentIndex(content).ordered.map((u) => [u.particle.key, u.particle.ns])).toEqual([
      ['Item', 'urn:a'],
      ['Item@b', 'urn:b'],
    ]);
  });

  it('fails loudly on XSD features it does not implement', () => {
    const withFeature = (feature: string) => () =>
      compile({ '/x/a.xsd': `${header}<xs:element name="Root"><xs:complexType>${feature}</xs:complexType></xs:element></xs:schema>` });
    expect(withFeature('<xs:all><xs:element name="A" type="xs:string"/></xs:all>')).toThrow(/xs:all is not supported/);
    expect(withFeature('<xs:complexContent><xs:extension base="xs:anyType"/></xs:complexContent>')).toThrow(/complexContent is not supported/);
    expect(withFeature('<xs:sequence><xs:element name="A" type="xs:dateTime"/></xs:sequence>')).toThrow(/unsupported built-in type xs:dateTime/);
  });
});
