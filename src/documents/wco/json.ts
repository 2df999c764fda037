/**
 * WCO JSON read safely: element local names as keys, a repeating element as an array, every
 * leaf a string, a leaf with attributes as `{ "value": "…", "<attribute>": "…" }`.
 * Anything else is refused with a JSON pointer to where it is.
 */
import { RejectionError, finding } from '../../findings.js';
import { decodeUtf8 } from '../utf8.js';
import { FORBIDDEN_NAMES } from '../xml/parse.js';

export type WcoJsonValue = string | WcoJsonObject;
export interface WcoJsonObject {
  [name: string]: WcoJsonValue | WcoJsonValue[];
}

export interface JsonLimits {
  maxBytes: number;
  /** Deepest accepted object nesting; the root object is depth 1. */
  maxDepth: number;
}

const DEFAULT_JSON_LIMITS: JsonLimits = { maxBytes: 10 * 1024 * 1024, maxDepth: 64 };

/** RFC 6901 escaping of one reference token. */
export function pointerToken(key: string): string {
  // XML names hold neither character; only JSON keys might.
  if (!key.includes('~') && !key.includes('/')) return key;
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

export function parseWcoJson(input: Buffer | string, limits: Partial<JsonLimits> = {}): WcoJsonObject {
  const { maxBytes, maxDepth } = { ...DEFAULT_JSON_LIMITS, ...limits };
  const text = decodeUtf8(input, maxBytes, 'json');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new RejectionError(400, 'Malformed document', [finding('json.not-well-formed', `Not well-formed JSON: ${(err as Error).message}`)]);
  }
  if (!isPlainObject(data)) {
    throw new RejectionError(422, 'Invalid document', [
      finding('json.root', 'The document must be a JSON object naming its root element, e.g. {"MetaData": {…}}'),
    ]);
  }
  checkObject(data, '', 1, maxDepth);
  return data as WcoJsonObject;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkObject(obj: Record<string, unknown>, path: string, depth: number, maxDepth: number): void {
  if (depth > maxDepth) {
    throw new RejectionError(400, 'Malformed document', [finding('json.depth', `Objects nest deeper than ${maxDepth} levels`, path)]);
  }
  for (const key of Object.keys(obj)) {
    const keyPath = `${path}/${pointerToken(key)}`;
    if (FORBIDDEN_NAMES.has(key)) {
      throw new RejectionError(400, 'Malformed document', [finding('json.forbidden-name', `Key "${key}" is not accepted`, keyPath)]);
    }
    const value = obj[key];
    if (!Array.isArray(value)) checkValue(value, keyPath, depth, maxDepth);
    else for (const [i, item] of value.entries()) checkValue(item, `${keyPath}/${i}`, depth, maxDepth);
  }
}

function checkValue(value: unknown, path: string, depth: number, maxDepth: number): void {
  if (typeof value === 'string') return;
  if (isPlainObject(value)) {
    checkObject(value, path, depth + 1, maxDepth);
    return;
  }
  const found = Array.isArray(value) ? 'an array inside an array' : value === null ? 'null' : `a ${typeof value}`;
  throw new RejectionError(422, 'Invalid document', [finding('json.not-a-string', `Every leaf value must be a string (found ${found})`, path)]);
}
