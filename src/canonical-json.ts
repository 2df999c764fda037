/**
 * RFC 8785 (JCS) canonical JSON: the one implementation, for the provenance log's leaf input and
 * for the JWS payloads of trust. The `canonicalize` package computes the same bytes (the tests
 * hold the two equal), but it was the largest cost of an append; this leans on JSON.stringify,
 * whose number and string forms are the ones JCS prescribes, and is about 3.5 times as fast on
 * a mapped document (the JWS payloads of every delivery). Like
 * `canonicalize` (and JSON.stringify), an object with a toJSON method stands for what it returns.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return canonicalString(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${value} has no JSON form`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonicalJson((value as { toJSON(): unknown }).toJSON());
      return Array.isArray(value) ? canonicalArray(value) : canonicalObject(value as Record<string, unknown>);
    default:
      throw new TypeError(`a ${typeof value} has no JSON form`);
  }
}

function canonicalString(text: string): string {
  // Most keys and values need no escape at all; quoting them by hand spares a JSON.stringify
  // call each, which was half the cost of a mapped document. The class leaves out what JCS
  // escapes (controls, quote, backslash) and every surrogate, so the exact check below still
  // sees any string that might hold a lone one.
  if (NOTHING_TO_ESCAPE.test(text)) return `"${text}"`;
  if (ANY_SURROGATE.test(text) && LONE_SURROGATE.test(text)) throw new TypeError('a lone surrogate has no canonical JSON form');
  return JSON.stringify(text);
}

function canonicalArray(items: unknown[]): string {
  let text = '[';
  for (let i = 0; i < items.length; i++) text += (i ? ',' : '') + (items[i] === undefined ? 'null' : canonicalJson(items[i]));
  return `${text}]`;
}

function canonicalObject(object: Record<string, unknown>): string {
  let text = '{';
  for (const key of sortedKeys(object)) {
    const item = object[key];
    if (item === undefined) continue;
    text += `${text.length > 1 ? ',' : ''}${canonicalString(key)}:${canonicalJson(item)}`;
  }
  return `${text}}`;
}

/**
 * Keys in UTF-16 code unit order, the order RFC 8785 §3.2.3 asks for (what `<` on strings and
 * the default sort compare). Array.prototype.sort costs about 70 ns even for a handful of keys,
 * several times an insertion sort of the few keys a JSON object usually has; past a few dozen
 * the insertion sort's quadratic cost loses, and the built-in sort takes over.
 */
function sortedKeys(object: object): string[] {
  const keys = Object.keys(object);
  if (keys.length > INSERTION_SORT_LIMIT) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    for (; j >= 0 && keys[j]! > key; j--) keys[j + 1] = keys[j]!;
    keys[j + 1] = key;
  }
  return keys;
}

const INSERTION_SORT_LIMIT = 16;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what JSON must escape
const NOTHING_TO_ESCAPE = /^[^\x00-\x1f"\\\uD800-\uDFFF]*$/;
const ANY_SURROGATE = /[\uD800-\uDFFF]/;
// In a u-mode pattern a surrogate pair is one code point, so \p{Cs} matches lone surrogates only.
const LONE_SURROGATE = /\p{Cs}/u;
