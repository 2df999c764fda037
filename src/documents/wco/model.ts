/**
 * The codec metadata generated from the XSDs (scripts/generate-wco-schema.ts): what the codec
 * and the validator need to know about each element, without reading any XSD at run time.
 * Type ids double as the `$defs` names of the generated JSON Schema.
 */
export type Builtin = 'string' | 'normalizedString' | 'token' | 'language' | 'anyURI' | 'decimal' | 'boolean';

export interface SimpleType {
  kind: 'simple';
  builtin: Builtin;
  /** XSD whiteSpace: how the lexical value is normalised before the facets apply. */
  whiteSpace: 'preserve' | 'replace' | 'collapse';
  /** One entry per derivation step; a value must match one pattern of every step. */
  patterns: string[][];
  enumeration?: string[];
  length?: number;
  minLength?: number;
  maxLength?: number;
  totalDigits?: number;
  fractionDigits?: number;
}

export interface AttributeDecl {
  name: string;
  /** Id of a SimpleType. */
  type: string;
  required: boolean;
}

export interface ElementParticle {
  kind: 'element';
  name: string;
  /**
   * The element's key in WCO JSON: its local name, unless another element of the same content
   * model has that local name in another namespace (RES-DMS Response holds its own Declaration
   * and a DEC-DMS Declaration); then `<name>@<prefix>`, with the prefix the XSD uses for it.
   * `@` cannot occur in an XML name, so such a key never collides with one.
   */
  key: string;
  ns: string;
  /** Id of the element's type (SimpleType or ComplexType). */
  type: string;
  min: number;
  /** null: unbounded. */
  max: number | null;
}

export interface GroupParticle {
  kind: 'sequence' | 'choice';
  min: number;
  max: number | null;
  particles: Particle[];
}

export type Particle = ElementParticle | GroupParticle;

export interface ComplexType {
  kind: 'complex';
  attributes: AttributeDecl[];
  /** Element content; null for simple content or an empty type. */
  content: GroupParticle | null;
  /** Id of the SimpleType of the text, for simple content. */
  text: string | null;
}

export type TypeDecl = SimpleType | ComplexType;

export interface WcoModel {
  /** Where the model came from (entry XSDs, schema versions). */
  source: string;
  /** The global elements a document may start with. */
  roots: ElementParticle[];
  types: Record<string, TypeDecl>;
}

export function typeOf(model: WcoModel, id: string): TypeDecl {
  const type = model.types[id];
  if (!type) throw new Error(`WCO model has no type ${id}`);
  return type;
}

/** A leaf is an element whose content is text: a simple type or a complex type with simple content. */
export function isLeafType(type: TypeDecl): boolean {
  return type.kind === 'simple' || type.content === null;
}

/** An element as it occurs in one content model, with multiplicity multiplied along the path. */
export interface ElementUse {
  particle: ElementParticle;
  min: number;
  max: number | null;
  /** Position in document order; the alternatives of one choice share a position. */
  position: number;
}

function times(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a * b;
}

/** Every element a content model allows, by its WCO JSON key. */
export function elementUses(content: GroupParticle): Map<string, ElementUse> {
  const uses = new Map<string, ElementUse>();
  let position = 0;
  const visit = (p: Particle, min: number, max: number | null, inChoice: boolean): void => {
    if (p.kind === 'element') {
      if (uses.has(p.key)) throw new Error(`element ${p.key} occurs twice in one content model`);
      uses.set(p.key, { particle: p, min: inChoice ? 0 : min * p.min, max: times(max, p.max), position });
      if (!inChoice) position++;
      return;
    }
    const choice = p.kind === 'choice';
    for (const child of p.particles) visit(child, min * p.min, times(max, p.max), inChoice || choice);
    if (choice && !inChoice) position++;
  };
  for (const child of content.particles) visit(child, content.min, content.max, content.kind === 'choice');
  return uses;
}

export interface ContentIndex {
  /** By WCO JSON key. */
  byKey: Map<string, ElementUse>;
  /** By namespace, then local name, as XML names them. */
  byNamespace: Map<string, Map<string, ElementUse>>;
  /** By local name alone, to tell a namespace mistake from an unknown element. */
  byLocalName: Map<string, ElementUse>;
  /** In document order. */
  ordered: ElementUse[];
}

const contentCache = new WeakMap<GroupParticle, ContentIndex>();

/** The elements of a content model by name and in order, computed once per model. */
export function contentIndex(content: GroupParticle): ContentIndex {
  let index = contentCache.get(content);
  if (!index) {
    const byKey = elementUses(content);
    const uses = [...byKey.values()];
    const byNamespace = new Map<string, Map<string, ElementUse>>();
    for (const u of uses) {
      let names = byNamespace.get(u.particle.ns);
      if (!names) {
        names = new Map();
        byNamespace.set(u.particle.ns, names);
      }
      names.set(u.particle.name, u);
    }
    index = {
      byKey,
      byNamespace,
      byLocalName: new Map(uses.map((u) => [u.particle.name, u])),
      ordered: uses.sort((a, b) => a.position - b.position),
    };
    contentCache.set(content, index);
  }
  return index;
}
