/**
 * WcoModel → JSON Schema 2020-12 for WCO JSON. Structure (which keys, arrays, required) uses
 * standard keywords; the value facets of XSD simple types go in the `xsd` keyword, checked by
 * validation/simple-value.ts, because XSD applies them after whitespace normalisation and
 * counts decimal digits in ways `pattern`/`maxLength` cannot express exactly.
 */
import { elementUses, type ComplexType, type GroupParticle, type Particle, type TypeDecl, type WcoModel } from '../model.js';

export const XSI_SCHEMA_LOCATION = 'xsi:schemaLocation';

type JsonSchema = Record<string, unknown>;

const ref = (id: string): JsonSchema => ({ $ref: `#/$defs/${id}` });

/** The element names of each satisfiable alternative of every choice (for oneOf / exclusion). */
function choices(content: GroupParticle): Array<{ required: boolean; alternatives: string[][] }> {
  const found: Array<{ required: boolean; alternatives: string[][] }> = [];
  const names = (p: Particle): string[] => (p.kind === 'element' ? [p.key] : p.particles.flatMap(names));
  const visit = (p: Particle, required: boolean): void => {
    if (p.kind === 'element') return;
    if (p.kind === 'choice') {
      const alternatives = p.particles.map(names).filter((a) => a.length > 0);
      if (alternatives.length > 1 || (required && p.min > 0)) found.push({ required: required && p.min > 0, alternatives });
    }
    for (const child of p.particles) visit(child, required && p.min > 0 && p.kind === 'sequence');
  };
  visit(content, true);
  return found;
}

function leafSchema(type: ComplexType): JsonSchema {
  const text = type.text === null ? { const: '' } : ref(type.text);
  if (type.attributes.length === 0) return text;
  const properties: Record<string, JsonSchema> = { value: text };
  for (const a of type.attributes) properties[a.name] = ref(a.type);
  const asObject: JsonSchema = {
    type: 'object',
    properties,
    required: ['value', ...type.attributes.filter((a) => a.required).map((a) => a.name)],
    additionalProperties: false,
  };
  if (type.attributes.some((a) => a.required)) return asObject;
  // if/then/else rather than anyOf: a bad string then reports one error, not one per branch.
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema's `then` keyword, in a schema object
  return { if: { type: 'string' }, then: text, else: asObject };
}

function contentSchema(type: ComplexType & { content: GroupParticle }): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [key, use] of elementUses(type.content)) {
    const many = use.max === null || use.max > 1;
    properties[key] = many
      ? { type: 'array', items: ref(use.particle.type), ...(use.min > 0 && { minItems: use.min }), ...(use.max !== null && { maxItems: use.max }) }
      : ref(use.particle.type);
    if (use.min > 0) required.push(key);
  }
  for (const a of type.attributes) properties[a.name] = ref(a.type);
  required.push(...type.attributes.filter((a) => a.required).map((a) => a.name));
  properties[XSI_SCHEMA_LOCATION] = { type: 'string' };
  const schema: JsonSchema = { type: 'object', properties, required, additionalProperties: false };
  const allOf: JsonSchema[] = [];
  for (const choice of choices(type.content)) {
    const present = (names: string[]): JsonSchema => ({ anyOf: names.map((n) => ({ required: [n] })) });
    if (choice.required) allOf.push({ oneOf: choice.alternatives.map(present) });
    else allOf.push({ not: { anyOf: pairs(choice.alternatives).map(([a, b]) => ({ allOf: [present(a), present(b)] })) } });
  }
  if (allOf.length > 0) schema.allOf = allOf;
  return schema;
}

function pairs<T>(items: T[]): Array<[T, T]> {
  return items.flatMap((a, i) => items.slice(i + 1).map((b): [T, T] => [a, b]));
}

function typeSchema(type: TypeDecl): JsonSchema {
  if (type.kind === 'simple') {
    const { kind: _kind, ...facets } = type;
    return { type: 'string', xsd: facets };
  }
  return type.content === null ? leafSchema(type) : contentSchema({ ...type, content: type.content });
}

export function toJsonSchema(model: WcoModel, id: string): JsonSchema {
  const $defs: Record<string, JsonSchema> = {};
  for (const [typeId, type] of Object.entries(model.types)) $defs[typeId] = typeSchema(type);
  const roots = model.roots.map((r) => ({
    type: 'object',
    properties: { [r.key]: ref(r.type) },
    required: [r.key],
    additionalProperties: false,
  }));
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: id,
    description: `WCO JSON, generated from ${model.source}. Do not edit: run npm run generate:wco.`,
    oneOf: roots,
    $defs,
  };
}
