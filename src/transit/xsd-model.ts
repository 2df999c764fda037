/**
 * The CTC phase 5 XSDs read into a plain model the validator walks. The schemas use a small
 * part of XSD: named complex types holding one sequence of elements (and the MESSAGE group),
 * named simple types restricting a builtin or another simple type by pattern, length,
 * enumeration, digits and inclusive bounds, and one attribute (PhaseID). Anything else fails
 * loudly when the model is built, so a newer schema version using more cannot be half-checked.
 *
 * All files share one target namespace and their type names are unique across files, so they are
 * read once into one set of definitions; each message's root type is compiled on first use.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type XmlElement, parseXml } from '../documents/xml/parse.js';
import { attributeValue, childElements } from '../documents/xml/tree.js';
import type { SimpleType } from '../documents/wco/model.js';
import { normaliseWhiteSpace } from '../validation/simple-value.js';
import { xsdPattern } from '../validation/xsd-regex.js';

const XS = 'http://www.w3.org/2001/XMLSchema';

export type Builtin = 'token' | 'normalizedString' | 'string' | 'decimal' | 'integer' | 'date' | 'dateTime';

/**
 * A simple type: the WCO model's facets (what validation/simple-value.ts checks), plus what the
 * CTC schemas use beyond them: the builtin's lexical space, enumerations of numbers (compared by
 * value) and inclusive bounds.
 */
export interface SimpleModel extends Omit<SimpleType, 'kind' | 'builtin'> {
  kind: 'simple';
  name: string;
  builtin: Builtin;
  minInclusive?: string;
  maxInclusive?: string;
}

export interface ElementModel {
  name: string;
  min: number;
  max: number;
  type: ComplexModel | SimpleModel;
}

export interface AttributeModel {
  name: string;
  type: SimpleModel;
  required: boolean;
}

export interface ComplexModel {
  kind: 'complex';
  name: string;
  /** The sequence, in order (groups inlined). */
  elements: ElementModel[];
  attributes: AttributeModel[];
}

/** Where the XSDs are: config/ncts5/xsd from the project root (also from dist/ after a build). */
export const XSD_DIR = fileURLToPath(new URL('../../config/ncts5/xsd/', import.meta.url));

interface Definitions {
  complexTypes: Map<string, XmlElement>;
  simpleTypes: Map<string, XmlElement>;
  groups: Map<string, XmlElement>;
  /** Root element name → its type name. */
  roots: Map<string, string>;
}

function readDefinitions(dir: string): Definitions {
  const defs: Definitions = { complexTypes: new Map(), simpleTypes: new Map(), groups: new Map(), roots: new Map() };
  const files = [...readdirSync(dir).filter((f) => f.endsWith('.xsd')), ...readdirSync(join(dir, 'include-files')).map((f) => `include-files/${f}`)];
  for (const file of files) {
    // The schema files are ours (config/), not a request's: the default limits are ample.
    const schema = parseXml(readFileSync(join(dir, file)), { maxBytes: 4 * 1024 * 1024 });
    for (const def of childElements(schema)) {
      if (def.ns !== XS) continue;
      const name = attributeValue(def, '', 'name');
      if (!name) continue;
      if (def.name === 'complexType') defs.complexTypes.set(name, def);
      else if (def.name === 'simpleType') defs.simpleTypes.set(name, def);
      else if (def.name === 'group') defs.groups.set(name, def);
      // doc.xsd's elements only document the others (description, rule, codeList).
      else if (def.name === 'element' && file !== 'doc.xsd')
        defs.roots.set(name, attributeValue(def, '', 'type') ?? unsupported(file, `element ${name} without a type`));
    }
  }
  return defs;
}

function unsupported(where: string, what: string): never {
  throw new Error(`NCTS XSD construct not supported (${where}): ${what}`);
}

const xs = (el: XmlElement, name: string) => childElements(el).filter((c) => c.ns === XS && c.name === name);
const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1);

const BUILTINS: Record<string, { builtin: Builtin; whiteSpace: SimpleModel['whiteSpace'] }> = {
  'xs:token': { builtin: 'token', whiteSpace: 'collapse' },
  'xs:normalizedString': { builtin: 'normalizedString', whiteSpace: 'replace' },
  'xs:string': { builtin: 'string', whiteSpace: 'preserve' },
  'xs:decimal': { builtin: 'decimal', whiteSpace: 'collapse' },
  'xs:integer': { builtin: 'integer', whiteSpace: 'collapse' },
  'xs:date': { builtin: 'date', whiteSpace: 'collapse' },
  'xs:dateTime': { builtin: 'dateTime', whiteSpace: 'collapse' },
};

// XSD's block escape \p{IsBasicLatin} is not RE2's; the block is U+0000 to U+007F.
const xsdPatternText = (pattern: string) => pattern.replaceAll('\\p{IsBasicLatin}', '[\\x{0}-\\x{7F}]');

export class XsdModel {
  private readonly defs: Definitions;
  private readonly simple = new Map<string, SimpleModel>();
  private readonly complex = new Map<string, ComplexModel>();

  constructor(dir: string = XSD_DIR) {
    this.defs = readDefinitions(dir);
  }

  /** The root element names the schemas declare (CC004C … CC928C). */
  rootNames(): string[] {
    return [...this.defs.roots.keys()];
  }

  /** The compiled type of a message's root element; undefined for a name no schema declares. */
  root(name: string): ComplexModel | undefined {
    const type = this.defs.roots.get(name);
    return type === undefined ? undefined : this.complexType(type);
  }

  private typeOf(qname: string, where: string): ComplexModel | SimpleModel {
    if (qname in BUILTINS) return this.simpleType(qname);
    const name = localName(qname);
    if (this.defs.complexTypes.has(name)) return this.complexType(name);
    if (this.defs.simpleTypes.has(name)) return this.simpleType(name);
    return unsupported(where, `unknown type ${qname}`);
  }

  simpleType(qname: string): SimpleModel {
    const cached = this.simple.get(qname);
    if (cached) return cached;
    const builtin = BUILTINS[qname];
    let model: SimpleModel;
    if (builtin) {
      model = { kind: 'simple', name: qname, ...builtin, patterns: [] };
    } else {
      const def = this.defs.simpleTypes.get(localName(qname)) ?? unsupported(qname, 'unknown simple type');
      const [restriction, ...others] = childElements(def).filter((c) => c.ns === XS && c.name !== 'annotation');
      if (restriction?.name !== 'restriction' || others.length > 0) unsupported(qname, 'a simple type other than one restriction');
      const base = this.simpleType(attributeValue(restriction, '', 'base') ?? unsupported(qname, 'restriction without a base'));
      model = { ...base, name: qname, patterns: [...base.patterns] };
      const patterns: string[] = [];
      const enumeration: string[] = [];
      for (const facet of childElements(restriction)) {
        if (facet.ns !== XS || facet.name === 'annotation') continue;
        const value = attributeValue(facet, '', 'value') ?? unsupported(qname, `facet ${facet.name} without a value`);
        switch (facet.name) {
          case 'pattern':
            patterns.push(xsdPatternText(value));
            xsdPattern(xsdPatternText(value)); // fails here, not on a request, if RE2 cannot run it
            break;
          case 'enumeration':
            enumeration.push(normaliseWhiteSpace(value, model.whiteSpace));
            break;
          case 'length':
          case 'minLength':
          case 'maxLength':
          case 'totalDigits':
          case 'fractionDigits':
            model[facet.name] = Number(value);
            break;
          case 'minInclusive':
          case 'maxInclusive':
            model[facet.name] = value;
            break;
          default:
            unsupported(qname, `facet ${facet.name}`);
        }
      }
      if (patterns.length > 0) model.patterns.push(patterns);
      // A value must be in every step's enumeration: the steps' intersection.
      if (enumeration.length > 0) model.enumeration = model.enumeration ? model.enumeration.filter((e) => enumeration.includes(e)) : enumeration;
    }
    this.simple.set(qname, model);
    return model;
  }

  private complexType(name: string): ComplexModel {
    const cached = this.complex.get(name);
    if (cached) return cached;
    const def = this.defs.complexTypes.get(name) ?? unsupported(name, 'unknown complex type');
    // Registered before its elements are compiled: a type that contains itself stays finite.
    const model: ComplexModel = { kind: 'complex', name, elements: [], attributes: [] };
    this.complex.set(name, model);
    for (const part of childElements(def)) {
      if (part.ns !== XS || part.name === 'annotation') continue;
      if (part.name === 'sequence') model.elements.push(...this.sequence(part, name));
      else if (part.name === 'attribute') {
        const attrName = attributeValue(part, '', 'name') ?? unsupported(name, 'attribute without a name');
        const type = this.simpleType(attributeValue(part, '', 'type') ?? unsupported(name, `attribute ${attrName} without a type`));
        model.attributes.push({ name: attrName, type, required: attributeValue(part, '', 'use') === 'required' });
      } else unsupported(name, part.name);
    }
    return model;
  }

  private sequence(sequence: XmlElement, where: string): ElementModel[] {
    if (sequence.attrs.length > 0) unsupported(where, 'a sequence with occurrence bounds');
    const elements: ElementModel[] = [];
    for (const particle of childElements(sequence)) {
      if (particle.ns !== XS || particle.name === 'annotation') continue;
      if (particle.name === 'group') {
        const ref = localName(attributeValue(particle, '', 'ref') ?? unsupported(where, 'group without a ref'));
        const group = this.defs.groups.get(ref) ?? unsupported(where, `unknown group ${ref}`);
        const [inner] = xs(group, 'sequence');
        if (!inner) unsupported(ref, 'a group without a sequence');
        elements.push(...this.sequence(inner, ref));
      } else if (particle.name === 'element') {
        const name = attributeValue(particle, '', 'name') ?? unsupported(where, 'element without a name');
        const type = attributeValue(particle, '', 'type') ?? unsupported(where, `element ${name} without a type`);
        const max = attributeValue(particle, '', 'maxOccurs') ?? '1';
        elements.push({
          name,
          min: Number(attributeValue(particle, '', 'minOccurs') ?? '1'),
          max: max === 'unbounded' ? Number.POSITIVE_INFINITY : Number(max),
          // Compiled lazily through a getter would save little: the whole model compiles in milliseconds.
          type: this.typeOf(type, `${where}/${name}`),
        });
      } else unsupported(where, particle.name);
    }
    for (let i = 1; i < elements.length; i++) {
      // The validator matches greedily by name; two particles of one name in a row would need backtracking.
      if (elements[i]!.name === elements[i - 1]!.name) unsupported(where, `element ${elements[i]!.name} twice in a row`);
    }
    return elements;
  }
}
