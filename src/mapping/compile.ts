/**
 * A checked spec compiled once into a plain function. Rules become closures over parsed paths,
 * conversions and code lists; nothing is interpreted per document. Rules are synchronous
 * except JSONata (async in jsonata 2): a run stays synchronous until it meets a JSONata rule,
 * so mappings without one never pay for a promise.
 */
import type { Finding } from '../findings.js';
import { CONVERSIONS, convertUnit } from './conversions.js';
import { NONE, first, firstWhere, select, selectsAny, textOf, type Accept, type InputPath } from './path.js';
import type { Condition, EachRule, ObjectRule, OutputPath, Rule, ValueRule } from './spec.js';

export type CodeLists = Readonly<Record<string, Readonly<Record<string, string>>>>;
/** The configured values of the spec's parameters (`$param.<name>`), already checked against their patterns. */
export type Parameters = Readonly<Record<string, string>>;

/** What every compiled rule may consult besides the document. */
interface Context {
  codeLists: CodeLists;
  parameters: Parameters;
}
export type Output = Record<string, unknown>;

export interface MappingRun {
  output: Output;
  findings: Finding[];
}

/** Synchronous when the spec has no JSONata rule on the path taken. */
export type CompiledRules = (input: unknown) => MappingRun | Promise<MappingRun>;

/**
 * Where a rule reads. The JSON pointer of the node is only built when a finding needs it, from
 * the chain of enclosing scopes: no string or closure is made per item on the normal path.
 */
interface Scope {
  node: unknown;
  /** 1-based position among the items of the enclosing `each`. */
  position: number;
  parent: Scope | undefined;
  /** The path that selected the node from the parent's node, and which match it was (each). */
  via: InputPath | undefined;
  index: number | undefined;
}

interface Run {
  root: unknown;
  findings: Finding[];
}

type Step = (scope: Scope, out: Output, run: Run) => void | Promise<void>;

/** Runs the steps in order, waiting only for the steps that return a promise (JSONata). */
function runSteps(steps: readonly Step[], scope: Scope, out: Output, run: Run, start = 0): void | Promise<void> {
  for (let i = start; i < steps.length; i++) {
    const pending = steps[i]!(scope, out, run);
    if (pending) return pending.then(() => runSteps(steps, scope, out, run, i + 1));
  }
}

function hasFields(o: Output): boolean {
  for (const _ in o) return true;
  return false;
}

function scopePointer(scope: Scope): string {
  if (!scope.parent || !scope.via) return '';
  return pointerOf(scope.parent, scope.via) + (scope.index === undefined ? '' : `/${scope.index}`);
}

function write(out: Output, to: OutputPath, value: unknown): void {
  let target = out;
  const last = to.keys.length - 1;
  for (let i = 0; i < last; i++) {
    const key = to.keys[i]!;
    if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
    target = target[key] as Output;
  }
  const key = to.keys[last]!;
  if (!to.append) target[key] = value;
  else if (Array.isArray(target[key])) (target[key] as unknown[]).push(value);
  else target[key] = [value];
}

function pointerOf(scope: Scope, path: InputPath): string {
  const relative = path.steps.map((s) => `/${s.key}`).join('');
  return path.absolute ? relative : scopePointer(scope) + relative;
}

function problem(run: Run, code: string, message: string, path: string): void {
  run.findings.push({ severity: 'error', code, message: `${message} (${path || '/'})`, path });
}

export function compileRules(rules: readonly Rule[], codeLists: CodeLists, parameters: Parameters = {}): CompiledRules {
  const context: Context = { codeLists, parameters };
  const steps = rules.map((r) => compileRule(r, context));
  return (input) => {
    const run: Run = { root: input, findings: [] };
    const output: Output = {};
    const pending = runSteps(steps, { node: input, position: 1, parent: undefined, via: undefined, index: undefined }, output, run);
    return pending ? pending.then(() => ({ output, findings: run.findings })) : { output, findings: run.findings };
  };
}

function compileRule(rule: Rule, context: Context): Step {
  if (rule.kind === 'each') return compileEach(rule, context);
  if (rule.kind === 'object') return compileObject(rule, context);
  return compileValue(rule, context);
}

function compileEach(rule: EachRule, context: Context): Step {
  const steps = rule.rules.map((r) => compileRule(r, context));
  const conditions = rule.where.map(compileCondition);
  const selected = (node: unknown, root: unknown): boolean => {
    for (const test of conditions) if (!test(node, root)) return false;
    return true;
  };
  const finish = (out: Output, results: Output[]): void => {
    if (rule.to.append) for (const r of results) write(out, rule.to, r);
    else write(out, rule.to, results);
  };
  /**
   * Maps items[start…] in order; switches to waiting only when an item's steps return a promise.
   * `position` counts the selected items; `indexes` keeps where each was among all matches, for
   * the JSON pointer of a finding.
   */
  const mapItems = (items: unknown[], indexes: number[] | undefined, start: number, scope: Scope, results: Output[], run: Run): void | Promise<void> => {
    for (let i = start; i < items.length; i++) {
      const itemOut: Output = {};
      results.push(itemOut);
      const itemScope: Scope = { node: items[i], position: i + 1, parent: scope, via: rule.path, index: indexes ? indexes[i] : i };
      const pending = runSteps(steps, itemScope, itemOut, run);
      if (pending) return pending.then(() => mapItems(items, indexes, i + 1, scope, results, run));
    }
  };
  return (scope, out, run) => {
    const all = select(rule.path, scope.node, run.root);
    let items = all;
    let indexes: number[] | undefined;
    if (conditions.length > 0) {
      items = [];
      indexes = [];
      for (let i = 0; i < all.length; i++) {
        if (!selected(all[i], run.root)) continue;
        items.push(all[i]);
        indexes.push(i);
      }
    }
    if (items.length === 0) {
      if (rule.required) problem(run, 'mapping.no-items', `No ${rule.path.source} selected for ${rule.to.keys.join('.')}`, pointerOf(scope, rule.path));
      return;
    }
    const results: Output[] = [];
    const pending = mapItems(items, indexes, 0, scope, results, run);
    return pending ? pending.then(() => finish(out, results)) : finish(out, results);
  };
}

function compileObject(rule: ObjectRule, context: Context): Step {
  const steps = rule.rules.map((r) => compileRule(r, context));
  // `to: $` writes into the current output; otherwise the object is written once it has fields.
  const inPlace = rule.to.keys.length === 0;
  const finish = (out: Output, objectOut: Output): void => {
    if (hasFields(objectOut)) write(out, rule.to, objectOut);
  };
  return (scope, out, run) => {
    const node = rule.path.steps.length === 0 ? scope.node : first(rule.path, scope.node, run.root);
    if (node === undefined) {
      if (rule.required) problem(run, 'mapping.missing', `${rule.path.source} is required`, pointerOf(scope, rule.path));
      return;
    }
    const objectScope: Scope = { node, position: scope.position, parent: scope, via: rule.path, index: undefined };
    if (inPlace) return runSteps(steps, objectScope, out, run);
    const objectOut: Output = {};
    const pending = runSteps(steps, objectScope, objectOut, run);
    return pending ? pending.then(() => finish(out, objectOut)) : finish(out, objectOut);
  };
}

function compileCondition(condition: Condition): (node: unknown, root: unknown) => boolean {
  const { path } = condition;
  if (condition.exists !== undefined) {
    const wanted = condition.exists;
    return (node, root) => selectsAny(path, node, root) === wanted;
  }
  if (condition.notIn !== undefined) {
    const excluded = new Set(condition.notIn);
    const isExcluded: Accept = (n) => {
      const t = textOf(n);
      return t !== undefined && excluded.has(t.trim());
    };
    return (node, root) => firstWhere(path, node, root, isExcluded) === NONE;
  }
  const allowed = new Set(condition.in ?? []);
  const prefixes = condition.prefixIn ?? [];
  const holds = condition.in ? (t: string) => allowed.has(t) : (t: string) => prefixes.some((p) => t.startsWith(p));
  const textHolds: Accept = (n) => {
    const t = textOf(n);
    return t !== undefined && holds(t.trim());
  };
  return (node, root) => firstWhere(path, node, root, textHolds) !== NONE;
}

/** Whether a node holds something a `from` rule takes: a leaf with text, or an object. */
const holdsSomething: Accept = (n) => typeof n === 'object' || textOf(n)?.trim() !== '';

/** What a value rule reads before conversion: a raw node (string or leaf object), or undefined. */
type Read = (scope: Scope, run: Run) => unknown;

function compileRead(rule: ValueRule, parameters: Parameters): Read | undefined {
  const source = rule.source;
  // A parameter is read like a path that selects its configured value, or nothing when it is not configured.
  const parameter = (path: InputPath): string | undefined => {
    const value = Object.hasOwn(parameters, path.parameter!) ? parameters[path.parameter!] : undefined;
    return value === '' ? undefined : value;
  };
  switch (source.kind) {
    case 'const':
      return () => source.value;
    case 'position':
      return (scope) => String(scope.position);
    case 'from':
      return (scope, run) => {
        for (const path of source.paths) {
          if (path.parameter !== undefined) {
            const value = parameter(path);
            if (value !== undefined) return value;
            continue;
          }
          const found = firstWhere(path, scope.node, run.root, holdsSomething);
          if (found !== NONE) return found;
        }
        return undefined;
      };
    case 'join':
      return (scope, run) => {
        let joined = '';
        for (let i = 0; i < source.paths.length; i++) {
          const path = source.paths[i]!;
          const part = path.parameter !== undefined ? parameter(path) : textOf(first(path, scope.node, run.root));
          if (part === undefined || part === '') return undefined;
          joined = i === 0 ? part : joined + source.separator + part;
        }
        return joined;
      };
    case 'jsonata':
      return undefined;
  }
}

function compileValue(rule: ValueRule, context: Context): Step {
  const conversions = rule.convert.map((name) => CONVERSIONS[name]!);
  const table = rule.lookup !== undefined ? context.codeLists[rule.lookup] : undefined;
  const where = (scope: Scope): string => {
    const source = rule.source;
    return source.kind === 'from' || source.kind === 'join' ? pointerOf(scope, source.paths[0]!) : scopePointer(scope);
  };

  /** Writes the raw node as the rule says (converted, looked up, or copied), or records a finding saying why not. */
  const finish = (raw: unknown, scope: Scope, out: Output, run: Run): void => {
    if (raw === undefined || raw === null || raw === '') {
      if (rule.default !== undefined) write(out, rule.to, rule.default);
      else if (rule.required) problem(run, 'mapping.missing', `${describe(rule)} is required for ${rule.to.keys.join('.')}`, where(scope));
      return;
    }
    if (conversions.length === 0 && !rule.unit && !table) {
      // A copied leaf with attributes is cloned: the output must not share objects with the input.
      write(out, rule.to, typeof raw === 'object' ? structuredClone(raw) : typeof raw === 'string' ? raw : String(raw));
      return;
    }
    let text = typeof raw === 'number' ? String(raw) : textOf(raw);
    if (text === undefined) {
      problem(run, 'mapping.convert', `${describe(rule)} holds no text`, where(scope));
      return;
    }
    for (const c of conversions) {
      const converted = c.convert(text);
      if (converted === undefined) {
        problem(run, 'mapping.convert', `"${text}" is not ${c.describe}`, where(scope));
        return;
      }
      text = converted;
    }
    if (rule.unit) {
      const from = (typeof raw === 'object' ? textOf((raw as Record<string, unknown>).unitCode) : undefined) ?? rule.unit.from;
      const converted = from === undefined ? undefined : convertUnit(text, from, rule.unit.to);
      if (converted === undefined) {
        problem(run, 'mapping.unit', `"${text}"${from ? ` ${from}` : ' (no unit)'} cannot be expressed in ${rule.unit.to}`, where(scope));
        return;
      }
      text = converted;
    }
    if (table) {
      const mapped = Object.hasOwn(table, text) ? table[text] : rule.default;
      if (mapped === undefined) {
        problem(run, 'mapping.code-list', `code "${text}" is not in code list ${rule.lookup}`, where(scope));
        return;
      }
      text = mapped;
    }
    write(out, rule.to, text);
  };

  const read = compileRead(rule, context.parameters);
  if (read) return (scope, out, run) => finish(read(scope, run), scope, out, run);
  const expression = (rule.source as Extract<ValueRule['source'], { kind: 'jsonata' }>).expression;
  return (scope, out, run) =>
    expression.evaluate(scope.node, { root: run.root }).then(
      (value: unknown) => finish(value, scope, out, run),
      (err: { message?: string }) =>
        problem(run, 'mapping.jsonata', `JSONata rule at line ${rule.line} failed: ${err.message ?? String(err)}`, scopePointer(scope)),
    );
}

function describe(rule: ValueRule): string {
  const source = rule.source;
  if (source.kind === 'from' || source.kind === 'join') {
    return source.paths.map((p) => (p.parameter !== undefined ? `the configured ${p.parameter}` : p.source)).join(source.kind === 'from' ? ' or ' : ' + ');
  }
  return `the value of the rule at line ${rule.line}`;
}
