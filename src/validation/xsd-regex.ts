/**
 * XSD regular expressions → JavaScript RegExp. XSD patterns are implicitly anchored and differ
 * from JavaScript in a few escapes: `\s` is only space, tab, CR, LF; `\d` is any Unicode digit;
 * `.` excludes only CR and LF. `\i`, `\c` and class subtraction are not supported (the WCO
 * schemas do not use them) and fail loudly.
 */
const cache = new Map<string, RegExp>();

export function xsdRegExp(pattern: string): RegExp {
  let compiled = cache.get(pattern);
  if (!compiled) {
    compiled = new RegExp(`^(?:${translate(pattern)})$`, 'u');
    cache.set(pattern, compiled);
  }
  return compiled;
}

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
      else if (next === 'D') out += inClass ? unsupported(pattern) : '\\P{Nd}';
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
    } else {
      out += c;
    }
  }
  return out;
}

function unsupported(pattern: string): never {
  throw new Error(`XSD pattern not supported: ${pattern}`);
}
