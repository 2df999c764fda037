/**
 * XSD regular expressions, run by RE2JS: a linear-time engine (a DFA, falling back to an NFA
 * simulation), so no pattern of a schema can take more than time proportional to the value.
 * JavaScript's own engine backtracks: `.*[^\s].*` on tens of thousands of letters ending in a
 * line break took seconds (quadratic), long enough to freeze the gateway with one request.
 *
 * XSD patterns are implicitly anchored (`testExact`) and differ from RE2 in a few escapes: `\s`
 * is only space, tab, CR, LF; `\d` is any Unicode digit; `.` excludes only CR and LF; `^` and `$`
 * are ordinary characters. `\i`, `\c` and class subtraction are not supported (the WCO schemas
 * do not use them) and fail loudly, as does anything else RE2 cannot compile.
 */
import { RE2JS } from 're2js';

export type XsdPattern = RE2JS;

// Keyed by the schema's own patterns, never by request data: bounded by the schema.
const cache = new Map<string, XsdPattern>();

export function xsdPattern(pattern: string): XsdPattern {
  let compiled = cache.get(pattern);
  if (!compiled) {
    const translated = translate(pattern);
    try {
      compiled = RE2JS.compile(translated);
    } catch (error) {
      throw new Error(`XSD pattern not supported: ${pattern} (${(error as Error).message})`);
    }
    cache.set(pattern, compiled);
  }
  return compiled;
}

/** Whether the whole of `value` matches the XSD `pattern`. */
export function matchesXsdPattern(pattern: string, value: string): boolean {
  return xsdPattern(pattern).testExact(value);
}

// XSD \w is every character but punctuation, separators and "other"; \W is those.
const NOT_WORD = '\\p{P}\\p{Z}\\p{C}';

function translate(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === '\\') {
      const next = pattern.charAt(++i);
      if (next === 's') out += inClass ? ' \\t\\n\\r' : '[ \\t\\n\\r]';
      else if (next === 'S') out += inClass ? unsupported(pattern) : '[^ \\t\\n\\r]';
      else if (next === 'd') out += '\\p{Nd}';
      else if (next === 'D') out += '\\P{Nd}';
      else if (next === 'w') out += inClass ? unsupported(pattern) : `[^${NOT_WORD}]`;
      else if (next === 'W') out += inClass ? NOT_WORD : `[${NOT_WORD}]`;
      else if (next === 'i' || next === 'I' || next === 'c' || next === 'C') out += unsupported(pattern);
      else out += `\\${next}`;
    } else if (c === '[') {
      if (inClass) unsupported(pattern);
      inClass = true;
      out += c;
    } else if (c === ']' && inClass) {
      inClass = false;
      out += c;
    } else if (c === '.' && !inClass) {
      out += '[^\\n\\r]';
    } else if ((c === '^' || c === '$') && !inClass) {
      out += `\\${c}`;
    } else {
      out += c;
    }
  }
  return out;
}

function unsupported(pattern: string): never {
  throw new Error(`XSD pattern not supported: ${pattern}`);
}
