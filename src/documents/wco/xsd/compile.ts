/**
 * XSD → WcoModel, for the subset of XML Schema the WCO DM (DMS) schemas use: global and local
 * elements, named and anonymous complex types (sequence, choice, group refs, xs:any by
 * namespace), simple content by extension or restriction, attributes, and simple types
 * restricted by pattern, enumeration, (min/max)length and total/fraction digits. Anything else
 * fails generation loudly rather than being silently misread.
 */
import { dirname, resolve } from 'node:path';
import { parseXml } from '../../xml/parse.js';
import { attributeValue, childElements, type XmlElement } from '../../xml/tree.js';
import type { AttributeDecl, Builtin, ComplexType, ElementParticle, GroupParticle, Particle, SimpleType, TypeDecl, WcoModel } from '../model.js';

const XS = 'http://www.w3.org/2001/XMLSchema';

interface Schema {
  path: string;
  targetNamespace: string;
  qualified: boolean;
  /** Prefix → URI, as declared on the xs:schema element. */
  prefixes: Map<string, string>;
  root: XmlElement;
}

/** A global component and the schema document it was declared in. */
interface Global {
  el: XmlElement;
  schema: Schema;
}

const BUILTINS: Record<Builtin, Omit<SimpleType, 'kind' | 'builtin'>> = {
  string: { whiteSpace: 'preserve', patterns: [] },
  normalizedString: { whiteSpace: 'replace', patterns: [] },
  token: { whiteSpace: 'collapse', patterns: [] },
  anyURI: { whiteSpace: 'collapse', patterns: [] },
  language: { whiteSpace: 'collapse', patterns: [['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*']] },
  decimal: { whiteSpace: 'collapse', patterns: [['[+\\-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)']] },
  boolean: { whiteSpace: 'collapse', patterns: [['true|false|1|0']] },
};

function attr(el: XmlElement, name: string): string | undefined {
  return attributeValue(el, '', name);
}

function xsChildren(el: XmlElement, ...names: string[]): XmlElement[] {
  return childElements(el).filter((c) => c.ns === XS && names.includes(c.name));
}

function xsChild(el: XmlElement, ...names: string[]): XmlElement | undefined {
  return xsChildren(el, ...names)[0];
}

function occurs(el: XmlElement): { min: number; max: number | null } {
  const max = attr(el, 'maxOccurs') ?? '1';
  return { min: Number(attr(el, 'minOccurs') ?? '1'), max: max === 'unbounded' ? null : Number(max) };
}

// These schemas declare every prefix on their xs:schema element, and the parsed tree keeps no
// namespace declarations, so QName values are resolved with the declarations read from the
// schema's start tag.
function schemaPrefixes(text: string): Map<string, string> {
  const start = /<(?:[\w.-]+:)?schema\b[^>]*>/.exec(text)?.[0] ?? '';
  const prefixes = new Map<string, string>();
  for (const m of start.matchAll(/xmlns(?::([\w.-]+))?\s*=\s*"([^"]*)"/g)) prefixes.set(m[1] ?? '', m[2] ?? '');
  return prefixes;
}

export class XsdCompiler {
  private readonly schemas = new Map<string, Schema>();
  private readonly elements = new Map<string, Global>();
  private readonly complexTypes = new Map<string, Global>();
  private readonly simpleTypes = new Map<string, Global>();
  private readonly groups = new Map<string, Global>();
  private readonly types: Record<string, TypeDecl> = {};
  /** Type identity ({ns}name, or the path of an anonymous type) → its id, and the ids taken. */
  private readonly ids = new Map<string, string>();
  private readonly takenIds = new Set<string>();
  /** The prefix the declaring XSD uses for an element's namespace, for WCO JSON keys on a clash. */
  private readonly prefixHints = new WeakMap<ElementParticle, string>();

  constructor(private readonly readFile: (path: string) => Buffer) {}

  load(path: string): void {
    const absolute = resolve(path);
    if (this.schemas.has(absolute)) return;
    const bytes = this.readFile(absolute);
    const root = parseXml(bytes);
    const schema: Schema = {
      path: absolute,
      targetNamespace: attr(root, 'targetNamespace') ?? '',
      qualified: attr(root, 'elementFormDefault') === 'qualified',
      prefixes: schemaPrefixes(bytes.toString('utf8')),
      root,
    };
    this.schemas.set(absolute, schema);
    for (const child of childElements(root)) {
      const name = attr(child, 'name');
      const key = `{${schema.targetNamespace}}${name}`;
      if (child.name === 'element') this.elements.set(key, { el: child, schema });
      else if (child.name === 'complexType') this.complexTypes.set(key, { el: child, schema });
      else if (child.name === 'simpleType') this.simpleTypes.set(key, { el: child, schema });
      else if (child.name === 'group') this.groups.set(key, { el: child, schema });
      else if (child.name === 'include' || child.name === 'import') {
        const location = attr(child, 'schemaLocation');
        // Like libxml2, the first schema loaded for a namespace wins: the declaration and
        // notification sets carry two slightly different copies of the UN/CEFACT modules.
        const namespace = attr(child, 'namespace');
        const imported = child.name === 'import' && [...this.schemas.values()].some((s) => s.targetNamespace === namespace);
        if (location && !imported) this.load(resolve(dirname(absolute), location));
      }
    }
  }

  compile(source: string): WcoModel {
    const roots = [...this.elements.values()].map(({ el, schema }) => this.elementParticle(el, schema, '', true, { min: 1, max: 1 }));
    for (const type of Object.values(this.types)) if (type.kind === 'complex' && type.content) this.assignKeys(type.content);
    return { source, roots, types: this.types };
  }

  /** Local names are the keys, except for a later element reusing an earlier one's local name. */
  private assignKeys(content: GroupParticle): void {
    const flat = (p: Particle): ElementParticle[] => (p.kind === 'element' ? [p] : p.particles.flatMap(flat));
    const firstByName = new Map<string, ElementParticle>();
    for (const particle of flat(content)) {
      const first = firstByName.get(particle.name);
      if (!first) {
        firstByName.set(particle.name, particle);
        continue;
      }
      const prefix = this.prefixHints.get(particle);
      if (first.ns === particle.ns || !prefix) throw new Error(`element ${particle.name} occurs twice in one content model`);
      particle.key = `${particle.name}@${prefix}`;
    }
  }

  private qname(value: string, schema: Schema): { ns: string; name: string } {
    const colon = value.indexOf(':');
    const prefix = colon === -1 ? '' : value.slice(0, colon);
    const ns = schema.prefixes.get(prefix);
    if (ns === undefined) throw new Error(`${schema.path}: unbound prefix in ${value}`);
    return { ns, name: value.slice(colon + 1) };
  }

  /**
   * A readable, stable id: the type's name, with a numeric suffix when another namespace took
   * that name first (the notification schemas reuse the declaration schemas' type names).
   */
  private idFor(identity: string, preferred: string): string {
    let id = this.ids.get(identity);
    if (id === undefined) {
      id = preferred;
      for (let n = 2; this.takenIds.has(id); n++) id = `${preferred}.${n}`;
      this.ids.set(identity, id);
      this.takenIds.add(id);
    }
    return id;
  }

  private namedTypeId(ns: string, name: string): string {
    return ns === XS ? `xs.${name}` : this.idFor(`{${ns}}${name}`, name);
  }

  /** The id of the type named by a QName, compiling it on first use. */
  private typeRef(value: string, schema: Schema): string {
    const { ns, name } = this.qname(value, schema);
    const id = this.namedTypeId(ns, name);
    if (this.types[id]) return id;
    if (ns === XS) {
      if (!(name in BUILTINS)) throw new Error(`unsupported built-in type xs:${name}`);
      const builtin = name as Builtin;
      this.types[id] = { kind: 'simple', builtin, ...structuredClone(BUILTINS[builtin]) };
      return id;
    }
    const simple = this.simpleTypes.get(`{${ns}}${name}`);
    const complex = this.complexTypes.get(`{${ns}}${name}`);
    if (simple) this.simpleType(simple.el, simple.schema, id);
    else if (complex) this.complexType(complex.el, complex.schema, id);
    else throw new Error(`${schema.path}: unknown type ${value}`);
    return id;
  }

  private simpleType(el: XmlElement, schema: Schema, id: string): string {
    const restriction = xsChild(el, 'restriction');
    const base = restriction && attr(restriction, 'base');
    if (!restriction || !base) throw new Error(`${schema.path}:${el.line}: only simple types by restriction are supported`);
    const baseType = this.types[this.typeRef(base, schema)];
    if (baseType?.kind !== 'simple') throw new Error(`${schema.path}:${el.line}: ${base} is not a simple type`);
    this.types[id] = restrict(baseType, restriction);
    return id;
  }

  private complexType(el: XmlElement, schema: Schema, id: string): string {
    // Registered before its content is compiled, so recursive types terminate.
    const type: ComplexType = { kind: 'complex', attributes: [], content: null, text: null };
    this.types[id] = type;
    const simpleContent = xsChild(el, 'simpleContent');
    if (simpleContent) {
      const derivation = xsChild(simpleContent, 'extension', 'restriction');
      const base = derivation && attr(derivation, 'base');
      if (!derivation || !base) throw new Error(`${schema.path}:${el.line}: simpleContent without a base`);
      const baseType = this.types[this.typeRef(base, schema)];
      if (!baseType) throw new Error(`${schema.path}:${el.line}: unknown base ${base}`);
      const baseText = baseType.kind === 'simple' ? this.typeRef(base, schema) : baseType.text;
      if (baseText === null) throw new Error(`${schema.path}:${el.line}: ${base} has no simple content`);
      type.attributes = baseType.kind === 'complex' ? [...baseType.attributes] : [];
      if (derivation.name === 'extension') {
        type.text = baseText;
      } else {
        const baseSimple = this.types[baseText] as SimpleType;
        type.text = `${id}.value`;
        this.types[type.text] = restrict(baseSimple, derivation);
      }
      for (const a of xsChildren(derivation, 'attribute')) this.addAttribute(type, a, schema, id);
      return id;
    }
    const group = xsChild(el, 'sequence', 'choice');
    if (group) type.content = this.group(group, schema, id, occurs(group));
    for (const a of xsChildren(el, 'attribute')) this.addAttribute(type, a, schema, id);
    const unsupported = xsChildren(el, 'complexContent', 'all', 'attributeGroup', 'anyAttribute')[0];
    if (unsupported) throw new Error(`${schema.path}:${unsupported.line}: xs:${unsupported.name} is not supported`);
    return id;
  }

  private addAttribute(type: ComplexType, el: XmlElement, schema: Schema, ownerId: string): void {
    const name = attr(el, 'name');
    if (!name) throw new Error(`${schema.path}:${el.line}: attribute refs are not supported`);
    const typeName = attr(el, 'type');
    const inline = xsChild(el, 'simpleType');
    const typeId = typeName
      ? this.typeRef(typeName, schema)
      : inline
        ? this.simpleType(inline, schema, `${ownerId}@${name}`)
        : this.typeRef('xs:string', { ...schema, prefixes: new Map([['xs', XS]]) });
    const decl: AttributeDecl = { name, type: typeId, required: attr(el, 'use') === 'required' };
    type.attributes = [...type.attributes.filter((a) => a.name !== name), decl];
  }

  private group(el: XmlElement, schema: Schema, ownerId: string, range: { min: number; max: number | null }): GroupParticle {
    const particles: Particle[] = [];
    for (const child of childElements(el).filter((c) => c.ns === XS)) {
      if (child.name === 'annotation') continue;
      if (child.name === 'element') particles.push(this.elementParticle(child, schema, ownerId, false, occurs(child)));
      else if (child.name === 'sequence' || child.name === 'choice') particles.push(this.group(child, schema, ownerId, occurs(child)));
      else if (child.name === 'group') particles.push(this.groupRef(child, schema, ownerId));
      else if (child.name === 'any') particles.push(this.any(child, schema));
      else throw new Error(`${schema.path}:${child.line}: xs:${child.name} is not supported in a model group`);
    }
    return { kind: el.name as 'sequence' | 'choice', ...range, particles };
  }

  private groupRef(el: XmlElement, schema: Schema, ownerId: string): GroupParticle {
    const { ns, name } = this.qname(attr(el, 'ref') ?? '', schema);
    const def = this.groups.get(`{${ns}}${name}`);
    const inner = def && xsChild(def.el, 'sequence', 'choice');
    if (!def || !inner) throw new Error(`${schema.path}:${el.line}: unknown group ${name}`);
    return this.group(inner, def.schema, ownerId, occurs(el));
  }

  /** xs:any with processContents strict: a choice of the global elements of that namespace. */
  private any(el: XmlElement, schema: Schema): GroupParticle {
    const ns = attr(el, 'namespace') ?? '';
    if (ns.startsWith('##') || ns.includes(' ') || (attr(el, 'processContents') ?? 'strict') !== 'strict') {
      throw new Error(`${schema.path}:${el.line}: only strict xs:any naming one namespace is supported`);
    }
    const particles = [...this.elements.values()]
      .filter((g) => g.schema.targetNamespace === ns)
      .map((g) => this.elementParticle(g.el, g.schema, '', true, { min: 1, max: 1 }));
    return { kind: 'choice', ...occurs(el), particles };
  }

  private elementParticle(el: XmlElement, schema: Schema, ownerId: string, global: boolean, range: { min: number; max: number | null }): ElementParticle {
    const ref = attr(el, 'ref');
    if (ref) {
      const { ns, name } = this.qname(ref, schema);
      const target = this.elements.get(`{${ns}}${name}`);
      if (!target) throw new Error(`${schema.path}:${el.line}: unknown element ${ref}`);
      return this.hinted({ ...this.elementParticle(target.el, target.schema, '', true, range), ...range }, schema);
    }
    const name = attr(el, 'name');
    if (!name) throw new Error(`${schema.path}:${el.line}: element without a name or ref`);
    const ns = global || schema.qualified ? schema.targetNamespace : '';
    const typeName = attr(el, 'type');
    let type: string;
    if (typeName) type = this.typeRef(typeName, schema);
    else {
      const anonymousId = this.idFor(`${ownerId}/{${ns}}${name}`, ownerId === '' ? name : `${ownerId}.${name}`);
      const complex = xsChild(el, 'complexType');
      const simple = xsChild(el, 'simpleType');
      if (this.types[anonymousId]) type = anonymousId;
      else if (complex) type = this.complexType(complex, schema, anonymousId);
      else if (simple) type = this.simpleType(simple, schema, anonymousId);
      else throw new Error(`${schema.path}:${el.line}: element ${name} has no type`);
    }
    return this.hinted({ kind: 'element', name, key: name, ns, type, ...range }, schema);
  }

  private hinted(particle: ElementParticle, schema: Schema): ElementParticle {
    const prefix = [...schema.prefixes].find(([, uri]) => uri === particle.ns)?.[0];
    if (prefix) this.prefixHints.set(particle, prefix);
    return particle;
  }
}

/** A simple type restricted by the facets of `restriction` (patterns add a step; the rest override). */
function restrict(base: SimpleType, restriction: XmlElement): SimpleType {
  const derived: SimpleType = structuredClone(base);
  const patterns: string[] = [];
  const enumeration: string[] = [];
  for (const facet of childElements(restriction).filter((c) => c.ns === XS)) {
    const value = attr(facet, 'value') ?? '';
    switch (facet.name) {
      case 'pattern':
        patterns.push(value);
        break;
      case 'enumeration':
        enumeration.push(value);
        break;
      case 'length':
        derived.length = Number(value);
        break;
      case 'minLength':
        derived.minLength = Number(value);
        break;
      case 'maxLength':
        derived.maxLength = Number(value);
        break;
      case 'totalDigits':
        derived.totalDigits = Number(value);
        break;
      case 'fractionDigits':
        derived.fractionDigits = Number(value);
        break;
      case 'whiteSpace':
        derived.whiteSpace = value as SimpleType['whiteSpace'];
        break;
      case 'annotation':
      case 'simpleType':
      case 'attribute':
        break;
      default:
        throw new Error(`facet xs:${facet.name} is not supported`);
    }
  }
  if (patterns.length > 0) derived.patterns = [...derived.patterns, patterns];
  if (enumeration.length > 0) derived.enumeration = enumeration;
  return derived;
}
