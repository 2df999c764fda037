/**
 * YAML read into plain values that remember where they were written, so that every problem
 * found in a mapping spec can be reported as `mapping.yaml:<line>: …`.
 */
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';

export interface YamlSource {
  value: unknown;
  /** Line (1-based) of an object or array, or of one key of an object. */
  lineOf(container: object, key?: string): number;
  /** Syntax errors, each `line: message`. */
  errors: Array<{ line: number; message: string }>;
}

export function readYaml(text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const lines = new WeakMap<object, number>();
  const keyLines = new WeakMap<object, Map<string, number>>();
  const lineAt = (node: Node | null | undefined): number => (node?.range ? lineCounter.linePos(node.range[0]).line : 1);

  const toValue = (node: unknown): unknown => {
    // An alias (*name) reads as the anchored node it names: specs share rule lists that way.
    if (isAlias(node)) return toValue(node.resolve(doc));
    if (isMap(node)) {
      const obj: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      const keys = new Map<string, number>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        keys.set(key, lineAt(pair.key as Node));
        obj[key] = toValue(pair.value);
      }
      lines.set(obj, lineAt(node));
      keyLines.set(obj, keys);
      return obj;
    }
    if (isSeq(node)) {
      const list = node.items.map(toValue);
      lines.set(list, lineAt(node));
      return list;
    }
    return isScalar(node) ? node.value : null;
  };

  return {
    value: toValue(doc.contents),
    lineOf: (container, key) => (key !== undefined ? keyLines.get(container)?.get(key) : undefined) ?? lines.get(container) ?? 1,
    errors: doc.errors.map((e) => ({ line: e.linePos?.[0].line ?? 1, message: e.message.split('\n')[0] ?? e.message })),
  };
}
