/**
 * Strict, namespace-aware XML parsing into a plain tree, with every rule of SECURITY.md
 * "Parsing XML safely" enforced before or while the scanner runs.
 *
 * The scanner (scanner.ts) is swgate's own: a single non-recursive pass that checks XML 1.0 and
 * Namespaces in XML 1.0 well-formedness, resolves namespaces, never expands any entity but the
 * five predefined ones and character references, and does not coerce values. It replaced saxes
 * for speed; test/documents/xml/parse-differential.test.ts keeps it to saxes's verdicts.
 */
import { RejectionError, finding } from '../../findings.js';
import { decodeUtf8 } from '../utf8.js';
import { XmlSyntaxError, lineAt, scanXml } from './scanner.js';
import type { XmlElement } from './tree.js';

export type { XmlElement } from './tree.js';
export { childElements, childrenNamed, firstChild, textOf } from './tree.js';
export { FORBIDDEN_NAMES } from './scanner.js';

export interface XmlLimits {
  /** Largest accepted body, in bytes (characters for string input). */
  maxBytes: number;
  /** Deepest accepted element nesting; the root is depth 1. */
  maxDepth: number;
  /** Most attributes on one element, namespace declarations included. */
  maxAttributes: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxBytes: 10 * 1024 * 1024, maxDepth: 64, maxAttributes: 256 };

// Checked on the raw text, before the scanner: no DTD has any business in this domain, and a
// parser that never sees one cannot be talked into expanding it. Matching inside comments or
// CDATA too is deliberate: the rejection is cheap and errs on the safe side.
// The same as /<!\s*(DOCTYPE|ENTITY)/i, but the regex only runs where indexOf finds "<!":
// scanning the whole text with it took a sixth of the parse.
const DTD_KEYWORD = /\s*(DOCTYPE|ENTITY)/iy;

function dtdMarkup(text: string): { index: number; keyword: string } | undefined {
  for (let i = text.indexOf('<!'); i !== -1; i = text.indexOf('<!', i + 2)) {
    DTD_KEYWORD.lastIndex = i + 2;
    const m = DTD_KEYWORD.exec(text);
    if (m) return { index: i, keyword: m[1]! };
  }
  return undefined;
}

function malformed(code: string, message: string): RejectionError {
  return new RejectionError(400, 'Malformed document', [finding(code, message)]);
}

export function parseXml(input: Buffer | string, limits: Partial<XmlLimits> = {}): XmlElement {
  const maxBytes = limits.maxBytes ?? DEFAULT_XML_LIMITS.maxBytes;
  const maxDepth = limits.maxDepth ?? DEFAULT_XML_LIMITS.maxDepth;
  const maxAttributes = limits.maxAttributes ?? DEFAULT_XML_LIMITS.maxAttributes;
  const text = decodeUtf8(input, maxBytes, 'xml');
  const dtd = dtdMarkup(text);
  if (dtd) {
    throw malformed('xml.doctype', `DTD markup (<!${dtd.keyword}) is not accepted, at line ${lineAt(text, dtd.index)}`);
  }
  try {
    return scanXml(text, maxDepth, maxAttributes);
  } catch (err) {
    if (err instanceof XmlSyntaxError) throw malformed(err.code, messageOf(err));
    throw err;
  }
}

function messageOf({ code, what, line, column }: XmlSyntaxError): string {
  const where = `line ${line}, column ${column}`;
  switch (code) {
    case 'xml.not-well-formed':
      return `Not well-formed: ${what} (at ${where})`;
    case 'xml.encoding':
      return what;
    default:
      return `${what}, at ${where}`;
  }
}
