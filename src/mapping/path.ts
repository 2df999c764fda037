/**
 * Paths into a mapping's input: local names joined by dots, as in WCO JSON
 * (`Declaration.GoodsShipment.GovernmentAgencyGoodsItem`). Arrays are walked through, so a path
 * selects every match. A step may carry predicates on a child's text
 * (`Classification[IdentificationTypeCode=TSP].ID`). `$root.` starts from the document root
 * instead of the current item; `$` alone is the current item. `[last]` keeps only the last of
 * the items a step selects (an itinerary's last routing country is where the goods go).
 * `$param.<name>` is not a path into the document but a parameter the gateway configures (a
 * spec declares it under `parameters`). Names may carry a namespace prefix declared by the spec
 * (`ram:ID`) when the input is XML read by namespace.
 */
export interface PathStep {
  key: string;
  predicates: Array<{ key: string; value: string }>;
  /** `[last]`: only the last of the items selected (after the predicates). */
  last: boolean;
}

export interface InputPath {
  source: string;
  absolute: boolean;
  steps: PathStep[];
  /** `$param.<name>`: the configured parameter's value, not a node of the document. */
  parameter?: string;
}

const NAME = '(?:[A-Za-z_][A-Za-z0-9_-]*:)?[A-Za-z_][A-Za-z0-9_-]*';
const STEP = new RegExp(`^(${NAME})((?:\\[${NAME}=[^\\]]*\\])*)(\\[last\\])?$`);
const PREDICATE = new RegExp(`\\[(${NAME})=([^\\]]*)\\]`, 'g');

/** The parsed path, or a sentence saying what is wrong with it. */
export function parsePath(source: string): InputPath | string {
  if (source === '$') return { source, absolute: false, steps: [] };
  if (source.startsWith('$param.')) {
    const name = source.slice('$param.'.length);
    return /^[A-Za-z][A-Za-z0-9]*$/.test(name)
      ? { source, absolute: false, steps: [], parameter: name }
      : `"${source}" is not $param. followed by a parameter name`;
  }
  const absolute = source.startsWith('$root.');
  const body = absolute ? source.slice('$root.'.length) : source;
  // Dots inside predicate values must not split steps.
  const parts = body.match(/(?:[^.[]|\[[^\]]*\])+/g) ?? [];
  if (parts.join('.') !== body || parts.length === 0) return `"${source}" is not a path (names joined by dots)`;
  const steps: PathStep[] = [];
  for (const part of parts) {
    const match = STEP.exec(part);
    if (!match) return `"${part}" in "${source}" is not a name with optional [Child=value] predicates and an optional [last]`;
    const predicates = [...(match[2] ?? '').matchAll(PREDICATE)].map((m) => ({ key: m[1]!, value: m[2]! }));
    steps.push({ key: match[1]!, predicates, last: match[3] !== undefined });
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

/** The child at `key`: an array stands for each of its items. */
function childOf(node: unknown, key: string): unknown {
  // A bare string leaf is its own `value`, so `X.value` reads the text whether or not X has attributes.
  if (typeof node === 'string') return key === 'value' ? node : undefined;
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
  return Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
}

function hasChildWithText(node: unknown, key: string, text: string): boolean {
  const child = childOf(node, key);
  if (!Array.isArray(child)) return textOf(child)?.trim() === text;
  for (const c of child) if (textOf(c)?.trim() === text) return true;
  return false;
}

function matches(node: unknown, predicates: PathStep['predicates']): boolean {
  for (const p of predicates) if (!hasChildWithText(node, p.key, p.value)) return false;
  return true;
}

/** What `firstWhere` answers when no node is taken (`undefined` can be a node: an item of an array). */
export const NONE: unique symbol = Symbol('no node');

/** Whether a search takes a selected node, ending the walk. */
export type Accept = (node: unknown) => boolean;

const anyNode: Accept = () => true;

/**
 * Depth first, so the first node taken is found without collecting the others; depth first
 * visits the matches in document order, the order `select` lists them in. Single children are
 * followed in a loop; only arrays branch.
 */
function firstFrom(node: unknown, steps: readonly PathStep[], i: number, accept: Accept): unknown {
  for (; i < steps.length; i++) {
    const step = steps[i]!;
    const child = childOf(node, step.key);
    if (Array.isArray(child)) return firstOfItems(child, steps, i, accept);
    if (child === undefined || !matches(child, step.predicates)) return NONE;
    node = child;
  }
  return accept(node) ? node : NONE;
}

/** Continues `firstFrom` through each item of the array selected by step i. */
function firstOfItems(items: readonly unknown[], steps: readonly PathStep[], i: number, accept: Accept): unknown {
  const { predicates, last } = steps[i]!;
  if (last) {
    for (let j = items.length - 1; j >= 0; j--) if (matches(items[j], predicates)) return firstFrom(items[j], steps, i + 1, accept);
    return NONE;
  }
  for (const item of items) {
    if (!matches(item, predicates)) continue;
    const found = firstFrom(item, steps, i + 1, accept);
    if (found !== NONE) return found;
  }
  return NONE;
}

/** The first node, in document order, that the path selects and `accept` takes; NONE if there is none. */
export function firstWhere(path: InputPath, scope: unknown, root: unknown, accept: Accept): unknown {
  return firstFrom(path.absolute ? root : scope, path.steps, 0, accept);
}

/** The first node the path selects, or undefined. */
export function first(path: InputPath, scope: unknown, root: unknown): unknown {
  const found = firstWhere(path, scope, root, anyNode);
  return found === NONE ? undefined : found;
}

/** Whether the path selects any node. */
export function selectsAny(path: InputPath, scope: unknown, root: unknown): boolean {
  return firstWhere(path, scope, root, anyNode) !== NONE;
}

/** Every node the path selects from `scope` (or from `root` for a `$root.` path), in document order. */
export function select(path: InputPath, scope: unknown, root: unknown): unknown[] {
  const found: unknown[] = [];
  // Taking none of them, the walk visits every match.
  firstWhere(path, scope, root, (node) => {
    found.push(node);
    return false;
  });
  return found;
}
