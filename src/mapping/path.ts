/**
 * Paths into a mapping's input: local names joined by dots, as in WCO JSON
 * (`Declaration.GoodsShipment.GovernmentAgencyGoodsItem`). Arrays are walked through, so a path
 * selects every match. A step may carry predicates on a child's text
 * (`Classification[IdentificationTypeCode=TSP].ID`). `$root.` starts from the document root
 * instead of the current item; `$` alone is the current item. Names may carry a namespace
 * prefix declared by the spec (`ram:ID`) when the input is XML read by namespace.
 */
export interface PathStep {
  key: string;
  predicates: Array<{ key: string; value: string }>;
}

export interface InputPath {
  source: string;
  absolute: boolean;
  steps: PathStep[];
}

const NAME = '(?:[A-Za-z_][A-Za-z0-9_-]*:)?[A-Za-z_][A-Za-z0-9_-]*';
const STEP = new RegExp(`^(${NAME})((?:\\[${NAME}=[^\\]]*\\])*)$`);
const PREDICATE = new RegExp(`\\[(${NAME})=([^\\]]*)\\]`, 'g');

/** The parsed path, or a sentence saying what is wrong with it. */
export function parsePath(source: string): InputPath | string {
  if (source === '$') return { source, absolute: false, steps: [] };
  const absolute = source.startsWith('$root.');
  const body = absolute ? source.slice('$root.'.length) : source;
  // Dots inside predicate values must not split steps.
  const parts = body.match(/(?:[^.[]|\[[^\]]*\])+/g) ?? [];
  if (parts.join('.') !== body || parts.length === 0) return `"${source}" is not a path (names joined by dots)`;
  const steps: PathStep[] = [];
  for (const part of parts) {
    const match = STEP.exec(part);
    if (!match) return `"${part}" in "${source}" is not a name with optional [Child=value] predicates`;
    const predicates = [...(match[2] ?? '').matchAll(PREDICATE)].map((m) => ({ key: m[1]!, value: m[2]! }));
    steps.push({ key: match[1]!, predicates });
  }
  return { source, absolute, steps };
}

/** Namespace prefixes a path uses. */
export function prefixesOf(path: InputPath): string[] {
  const names = path.steps.flatMap((s) => [s.key, ...s.predicates.map((p) => p.key)]);
  return names.filter((n) => n.includes(':')).map((n) => n.slice(0, n.indexOf(':')));
}

/** The text of a leaf: the string itself, or the `value` of a leaf with attributes. */
export function textOf(node: unknown): string | undefined {
  if (typeof node === 'string') return node;
  if (typeof node === 'object' && node !== null && typeof (node as { value?: unknown }).value === 'string') {
    return (node as { value: string }).value;
  }
  return undefined;
}

function childrenOf(node: unknown, key: string, out: unknown[]): void {
  // A bare string leaf is its own `value`, so `X.value` reads the text whether or not X has attributes.
  if (typeof node === 'string') {
    if (key === 'value') out.push(node);
    return;
  }
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
  const child = Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
  if (child === undefined) return;
  if (Array.isArray(child)) for (const c of child) out.push(c);
  else out.push(child);
}

function matches(node: unknown, predicates: PathStep['predicates']): boolean {
  for (const p of predicates) {
    const values: unknown[] = [];
    childrenOf(node, p.key, values);
    if (!values.some((v) => textOf(v)?.trim() === p.value)) return false;
  }
  return true;
}

/** Every node the path selects from `scope` (or from `root` for a `$root.` path), in document order. */
export function select(path: InputPath, scope: unknown, root: unknown): unknown[] {
  let current: unknown[] = [path.absolute ? root : scope];
  for (const step of path.steps) {
    const next: unknown[] = [];
    for (const node of current) childrenOf(node, step.key, next);
    current = step.predicates.length === 0 ? next : next.filter((n) => matches(n, step.predicates));
  }
  return current;
}
