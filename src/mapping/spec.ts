/**
 * A mapping spec (`mappings/<id>/mapping.yaml`) read and checked: every problem is a finding
 * whose message starts `<file>:<line>:`, all of them reported at once.
 */
import jsonata from 'jsonata';
import type { Finding } from '../findings.js';
import { CONVERSIONS, isKnownUnit } from './conversions.js';
import { parsePath, prefixesOf, type InputPath } from './path.js';
import { readYaml, type YamlSource } from './yaml-source.js';

export const INPUT_FORMATS = ['wco-json', 'sps-xml', 'lpco-json', 'json'] as const;
export const OUTPUT_FORMATS = ['wco-json', 'sps-xml', 'lpco-json', 'json', 'xml'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Where a rule writes: keys from the current output; none for `$`; `append` (`name[]`) pushes onto an array. */
export interface OutputPath {
  keys: string[];
  append: boolean;
}

export type ValueSource =
  | { kind: 'from'; paths: InputPath[] }
  | { kind: 'join'; paths: InputPath[]; separator: string }
  | { kind: 'const'; value: string }
  | { kind: 'position' }
  | { kind: 'jsonata'; expression: jsonata.Expression };

export interface Condition {
  path: InputPath;
  in?: string[];
  prefixIn?: string[];
  /** Holds when no match of the path has one of these texts (also when the path matches nothing). */
  notIn?: string[];
  exists?: boolean;
}

interface RuleBase {
  line: number;
  to: OutputPath;
  /** Missing input is a finding (value rules), or no item selected is (each). */
  required: boolean;
}

export interface ValueRule extends RuleBase {
  kind: 'value';
  source: ValueSource;
  convert: string[];
  unit?: { to: string; from?: string };
  lookup?: string;
  default?: string;
}

export interface EachRule extends RuleBase {
  kind: 'each';
  path: InputPath;
  where: Condition[];
  rules: Rule[];
}

export interface ObjectRule extends RuleBase {
  kind: 'object';
  path: InputPath;
  rules: Rule[];
}

export type Rule = ValueRule | EachRule | ObjectRule;

export interface MappingSpec {
  id: string;
  version: string;
  description: string;
  from: InputFormat;
  to: OutputFormat;
  /** Prefix → namespace URI, for XML input and output. */
  namespaces: Record<string, string>;
  /** Code list name → file in the mapping folder, with the line that names it. */
  codeLists: Record<string, { file: string; line: number }>;
  /** Parameters the gateway configures (`$param.<name>` in a value rule), each with the pattern its value must match. */
  parameters: Record<string, MappingParameter>;
  rules: Rule[];
}

export interface MappingParameter {
  description: string;
  /** The pattern as the spec writes it, and compiled to match a whole value. */
  patternText: string;
  pattern: RegExp;
}

export class MappingSpecError extends Error {
  constructor(
    readonly file: string,
    readonly findings: Finding[],
  ) {
    super(`${file} is not a valid mapping spec:\n${findings.map((f) => `  ${f.message}`).join('\n')}`);
    this.name = 'MappingSpecError';
  }
}

const SPEC_KEYS = ['id', 'version', 'description', 'from', 'to', 'namespaces', 'codeLists', 'parameters', 'rules'];
const SOURCE_KEYS = ['from', 'join', 'const', 'position', 'jsonata'] as const;
const VALUE_KEYS = [...SOURCE_KEYS, 'to', 'required', 'convert', 'unit', 'lookup', 'default', 'separator'];
const EACH_KEYS = ['each', 'to', 'required', 'where', 'rules'];
const OBJECT_KEYS = ['object', 'to', 'required', 'rules'];
const OUTPUT_KEY = /^(?:[A-Za-z_][A-Za-z0-9_-]*:)?[A-Za-z_][A-Za-z0-9_-]*$/;

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [v];
}

/** The checked spec, or a MappingSpecError listing every problem with its line. */
export function readSpec(text: string, file: string): MappingSpec {
  const yaml = readYaml(text);
  const findings: Finding[] = yaml.errors.map((e) => specFinding(file, e.line, `YAML: ${e.message}`, ''));
  if (findings.length > 0) throw new MappingSpecError(file, findings);
  const spec = new SpecReader(yaml, file, findings).spec();
  if (findings.length > 0 || !spec) throw new MappingSpecError(file, findings);
  return spec;
}

function specFinding(file: string, line: number, message: string, pointer: string): Finding {
  return { severity: 'error', code: 'mapping.spec', message: `${file}:${line}: ${message}`, path: pointer };
}

class SpecReader {
  private namespaces: Record<string, string> = {};
  private codeListNames = new Set<string>();
  private parameters: Record<string, MappingParameter> = {};

  constructor(
    private readonly yaml: YamlSource,
    private readonly file: string,
    private readonly findings: Finding[],
  ) {}

  private problem(container: object, key: string | undefined, message: string, pointer: string): void {
    this.findings.push(specFinding(this.file, this.yaml.lineOf(container, key), message, pointer));
  }

  spec(): MappingSpec | undefined {
    const top = this.yaml.value;
    if (!isObj(top)) {
      this.findings.push(specFinding(this.file, 1, 'a mapping spec is a YAML mapping (id, version, from, to, rules)', ''));
      return undefined;
    }
    this.unknownKeys(top, SPEC_KEYS, '', 'a mapping spec');
    const id = this.string(top, 'id', '', true);
    if (id !== undefined && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) this.problem(top, 'id', `id "${id}" must be lower-case words joined by hyphens`, '/id');
    const version = this.string(top, 'version', '', true);
    if (version !== undefined && !/^\d+\.\d+\.\d+$/.test(version)) this.problem(top, 'version', `version "${version}" must be MAJOR.MINOR.PATCH`, '/version');
    const from = this.oneOf(top, 'from', INPUT_FORMATS);
    const to = this.oneOf(top, 'to', OUTPUT_FORMATS);
    this.namespaces = this.stringMap(top, 'namespaces');
    const codeLists: MappingSpec['codeLists'] = {};
    const listsNode = top.codeLists;
    for (const [name, file] of Object.entries(this.stringMap(top, 'codeLists'))) {
      codeLists[name] = { file, line: this.yaml.lineOf(listsNode as object, name) };
      this.codeListNames.add(name);
    }
    this.parameters = this.parameterList(top);
    const rules = this.rules(top, '');
    if (id === undefined || version === undefined || !from || !to) return undefined;
    return {
      id,
      version,
      description: this.string(top, 'description', '', false) ?? '',
      from,
      to,
      namespaces: this.namespaces,
      codeLists,
      parameters: this.parameters,
      rules,
    };
  }

  /** `parameters: { name: { description, pattern } }`: the pattern is anchored, so a configured value is all pattern. */
  private parameterList(top: Obj): Record<string, MappingParameter> {
    const node = top.parameters;
    const parameters: Record<string, MappingParameter> = {};
    if (node === undefined) return parameters;
    if (!isObj(node)) {
      this.problem(top, 'parameters', '"parameters" must map names to { description, pattern }', '/parameters');
      return parameters;
    }
    for (const [name, value] of Object.entries(node)) {
      const pointer = `/parameters/${name}`;
      if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) this.problem(node, name, `parameter name "${name}" must be letters and digits`, pointer);
      if (!isObj(value)) {
        this.problem(node, name, `parameter "${name}" must be { description, pattern }`, pointer);
        continue;
      }
      this.unknownKeys(value, ['description', 'pattern'], pointer, 'a parameter');
      const description = this.string(value, 'description', pointer, true) ?? '';
      const source = this.string(value, 'pattern', pointer, true);
      if (source === undefined) continue;
      try {
        parameters[name] = { description, patternText: source, pattern: new RegExp(`^(?:${source})$`, 'u') };
      } catch (err) {
        this.problem(value, 'pattern', `pattern of parameter "${name}" is not a regular expression: ${(err as Error).message}`, `${pointer}/pattern`);
      }
    }
    return parameters;
  }

  private unknownKeys(obj: Obj, allowed: readonly string[], pointer: string, what: string): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) this.problem(obj, key, `unknown key "${key}" in ${what} (allowed: ${allowed.join(', ')})`, `${pointer}/${key}`);
    }
  }

  private string(obj: Obj, key: string, pointer: string, required: boolean): string | undefined {
    const value = obj[key];
    if (value === undefined || value === null) {
      if (required) this.problem(obj, undefined, `missing "${key}"`, `${pointer}/${key}`);
      return undefined;
    }
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    this.problem(obj, key, `"${key}" must be a string`, `${pointer}/${key}`);
    return undefined;
  }

  private oneOf<T extends string>(obj: Obj, key: string, allowed: readonly T[]): T | undefined {
    const value = this.string(obj, key, '', true);
    if (value === undefined) return undefined;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problem(obj, key, `"${key}: ${value}" is not one of ${allowed.join(', ')}`, `/${key}`);
    return undefined;
  }

  private stringMap(obj: Obj, key: string): Record<string, string> {
    const value = obj[key];
    if (value === undefined) return {};
    if (!isObj(value) || !Object.values(value).every((v) => typeof v === 'string')) {
      this.problem(obj, key, `"${key}" must map names to strings`, `/${key}`);
      return {};
    }
    return { ...(value as Record<string, string>) };
  }

  private rules(obj: Obj, pointer: string): Rule[] {
    const value = obj.rules;
    if (!Array.isArray(value) || value.length === 0) {
      this.problem(obj, Array.isArray(value) ? 'rules' : undefined, '"rules" must be a non-empty list', `${pointer}/rules`);
      return [];
    }
    return value.flatMap((rule, i) => {
      const rulePointer = `${pointer}/rules/${i}`;
      if (!isObj(rule)) {
        this.problem(value, undefined, `rule ${i + 1} must be a mapping`, rulePointer);
        return [];
      }
      const r = this.rule(rule, rulePointer);
      return r ? [r] : [];
    });
  }

  private rule(rule: Obj, pointer: string): Rule | undefined {
    const kinds = [...SOURCE_KEYS, 'each', 'object'].filter((k) => k in rule);
    if (kinds.length !== 1) {
      const found = kinds.length === 0 ? `none of them (keys: ${Object.keys(rule).join(', ')})` : kinds.join(' and ');
      this.problem(rule, undefined, `unknown rule kind: a rule has exactly one of from, join, const, position, jsonata, each, object; found ${found}`, pointer);
      return undefined;
    }
    const kind = kinds[0]!;
    const base = { line: this.yaml.lineOf(rule), to: this.outputPath(rule, pointer), required: this.flag(rule, 'required', pointer) };
    if (kind === 'each') {
      this.unknownKeys(rule, EACH_KEYS, pointer, 'an each rule');
      return { kind: 'each', ...base, path: this.path(rule, 'each', pointer), where: this.conditions(rule, pointer), rules: this.rules(rule, pointer) };
    }
    if (kind === 'object') {
      this.unknownKeys(rule, OBJECT_KEYS, pointer, 'an object rule');
      return { kind: 'object', ...base, path: this.path(rule, 'object', pointer), rules: this.rules(rule, pointer) };
    }
    this.unknownKeys(rule, VALUE_KEYS, pointer, 'a value rule');
    const source = this.source(rule, kind, pointer);
    const convert = list(rule.convert ?? []).map(String);
    for (const name of convert) {
      if (!Object.hasOwn(CONVERSIONS, name))
        this.problem(rule, 'convert', `unknown conversion "${name}" (known: ${Object.keys(CONVERSIONS).join(', ')})`, `${pointer}/convert`);
    }
    const lookup = this.string(rule, 'lookup', pointer, false);
    if (lookup !== undefined && !this.codeListNames.has(lookup))
      this.problem(rule, 'lookup', `code list "${lookup}" is not declared under codeLists`, `${pointer}/lookup`);
    const valueRule: ValueRule = { kind: 'value', ...base, source, convert };
    const unit = this.unit(rule, pointer);
    if (unit !== undefined) valueRule.unit = unit;
    if (lookup !== undefined) valueRule.lookup = lookup;
    const fallback = this.string(rule, 'default', pointer, false);
    if (fallback !== undefined) valueRule.default = fallback;
    return valueRule;
  }

  private flag(rule: Obj, key: string, pointer: string): boolean {
    const value = rule[key];
    if (value === undefined) return false;
    if (typeof value !== 'boolean') this.problem(rule, key, `"${key}" must be true or false`, `${pointer}/${key}`);
    return value === true;
  }

  private outputPath(rule: Obj, pointer: string): OutputPath {
    const to = this.string(rule, 'to', pointer, true) ?? '';
    // `to: $` lets an object rule narrow where it reads while writing into the current output.
    if (to === '$') {
      if (!('object' in rule)) this.problem(rule, 'to', 'only an object rule may write to $ (the current output)', `${pointer}/to`);
      return { keys: [], append: false };
    }
    const append = to.endsWith('[]');
    const keys = (append ? to.slice(0, -2) : to).split('.');
    if (to !== '' && !keys.every((k) => OUTPUT_KEY.test(k)))
      this.problem(rule, 'to', `bad output path "${to}": names joined by dots, optionally ending in []`, `${pointer}/to`);
    for (const key of keys) this.checkPrefix(rule, 'to', key, pointer);
    return { keys, append };
  }

  private checkPrefix(rule: Obj, key: string, name: string, pointer: string): void {
    const prefix = name.includes(':') ? name.slice(0, name.indexOf(':')) : undefined;
    if (prefix !== undefined && !Object.hasOwn(this.namespaces, prefix)) {
      this.problem(rule, key, `namespace prefix "${prefix}" is not declared under namespaces`, `${pointer}/${key}`);
    }
  }

  private path(obj: Obj, key: string, pointer: string): InputPath {
    const source = obj[key];
    const parsed = typeof source === 'string' ? parsePath(source) : `"${key}" must be a path string`;
    if (typeof parsed === 'string') {
      this.problem(obj, key, `bad path: ${parsed}`, `${pointer}/${key}`);
      return { source: String(source), absolute: false, steps: [] };
    }
    if (parsed.parameter !== undefined)
      this.problem(obj, key, `"${parsed.source}": a parameter is a value, so only a value rule's from or join may read it`, `${pointer}/${key}`);
    for (const prefix of prefixesOf(parsed)) this.checkPrefix(obj, key, `${prefix}:`, pointer);
    return parsed;
  }

  private source(rule: Obj, kind: string, pointer: string): ValueSource {
    switch (kind) {
      case 'const':
        return { kind: 'const', value: this.string(rule, 'const', pointer, true) ?? '' };
      case 'position':
        return { kind: 'position' };
      case 'join':
        return { kind: 'join', paths: this.pathsAt(rule, 'join', pointer), separator: this.string(rule, 'separator', pointer, false) ?? '' };
      case 'jsonata':
        return { kind: 'jsonata', expression: this.jsonata(rule, pointer) };
      default:
        return { kind: 'from', paths: this.pathsAt(rule, 'from', pointer) };
    }
  }

  private pathsAt(rule: Obj, key: string, pointer: string): InputPath[] {
    return list(rule[key]).map((source, i) => {
      const parsed = typeof source === 'string' ? parsePath(source) : `"${key}" must be a path or a list of paths`;
      if (typeof parsed === 'string') {
        this.problem(rule, key, `bad path: ${parsed}`, `${pointer}/${key}/${i}`);
        return { source: String(source), absolute: false, steps: [] };
      }
      if (parsed.parameter !== undefined && !Object.hasOwn(this.parameters, parsed.parameter)) {
        this.problem(rule, key, `parameter "${parsed.parameter}" is not declared under parameters`, `${pointer}/${key}/${i}`);
      }
      for (const prefix of prefixesOf(parsed)) this.checkPrefix(rule, key, `${prefix}:`, pointer);
      return parsed;
    });
  }

  private jsonata(rule: Obj, pointer: string): jsonata.Expression {
    const text = this.string(rule, 'jsonata', pointer, true) ?? '';
    try {
      return jsonata(text);
    } catch (err) {
      const e = err as { message?: string; position?: number };
      this.problem(
        rule,
        'jsonata',
        `JSONata syntax error${e.position !== undefined ? ` at character ${e.position}` : ''}: ${e.message ?? String(err)}`,
        `${pointer}/jsonata`,
      );
      return jsonata('undefined');
    }
  }

  private unit(rule: Obj, pointer: string): ValueRule['unit'] {
    const unit = rule.unit;
    if (unit === undefined) return undefined;
    if (!isObj(unit) || typeof unit.to !== 'string' || (unit.from !== undefined && typeof unit.from !== 'string')) {
      this.problem(rule, 'unit', '"unit" must be { to: <unit code>, from: <unit code when the input carries none> }', `${pointer}/unit`);
      return undefined;
    }
    for (const code of [unit.to, unit.from].filter((c): c is string => typeof c === 'string')) {
      if (!isKnownUnit(code)) this.problem(rule, 'unit', `unit "${code}" is not one swgate converts`, `${pointer}/unit`);
    }
    return typeof unit.from === 'string' ? { to: unit.to, from: unit.from } : { to: unit.to };
  }

  private conditions(rule: Obj, pointer: string): Condition[] {
    if (rule.where === undefined) return [];
    return list(rule.where).flatMap((c, i) => {
      const at = `${pointer}/where/${i}`;
      if (!isObj(c)) {
        this.problem(rule, 'where', '"where" holds conditions { path, in | prefixIn | notIn | exists }', at);
        return [];
      }
      this.unknownKeys(c, ['path', 'in', 'prefixIn', 'notIn', 'exists'], at, 'a condition');
      const tests = ['in', 'prefixIn', 'notIn', 'exists'].filter((k) => k in c);
      if (tests.length !== 1) this.problem(c, undefined, 'a condition has exactly one of in, prefixIn, notIn, exists', at);
      const condition: Condition = { path: this.path(c, 'path', at) };
      for (const key of ['in', 'prefixIn', 'notIn'] as const) {
        if (c[key] === undefined) continue;
        if (!Array.isArray(c[key])) this.problem(c, key, `"${key}" must be a list`, `${at}/${key}`);
        else condition[key] = (c[key] as unknown[]).map(String);
      }
      if (c.exists !== undefined) condition.exists = this.flag(c, 'exists', at);
      return [condition];
    });
  }
}
