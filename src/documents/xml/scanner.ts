/**
 * The scanner behind parseXml: one forward pass over the decoded text that enforces the
 * well-formedness rules of XML 1.0 (fifth edition) and Namespaces in XML 1.0 and builds the
 * tree as it goes. It replaced saxes, which the parse bench showed to be most of the cost of
 * reading a declaration; test/documents/xml/parse-differential.test.ts holds it to saxes's
 * verdicts and trees, except where saxes departs from the specifications (noted below, "Spec").
 *
 * Speed comes from scanning with charCodeAt and cutting names and text out with slice, never
 * building strings a character at a time, and from keeping the loop that reads ordinary text
 * down to a few comparisons per character. Nesting lives in explicit stacks, so no input can
 * exhaust the call stack. It never expands anything but the five predefined entities and
 * character references, and it does not coerce values.
 *
 * Errors are thrown as XmlSyntaxError (code, what, line, column); parse.ts words them.
 */
import { createHash } from 'node:crypto';
import type { XmlAttribute, XmlElement } from './tree.js';

/** Names that would reach Object.prototype if a document name ever became an object key. */
export const FORBIDDEN_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

// Most names cannot be forbidden by length or first character alone; only those that could
// are cut out of the text and looked up.
let forbiddenLengths = 0;
const FORBIDDEN_FIRST = new Uint8Array(128);
for (const name of FORBIDDEN_NAMES) {
  forbiddenLengths |= 1 << name.length;
  FORBIDDEN_FIRST[name.charCodeAt(0)] = 1;
}

function isForbiddenAt(s: string, start: number, end: number): boolean {
  const length = end - start;
  return length < 31 && ((forbiddenLengths >>> length) & 1) === 1 && FORBIDDEN_FIRST[s.charCodeAt(start)] === 1 && FORBIDDEN_NAMES.has(s.slice(start, end));
}

export class XmlSyntaxError extends Error {
  constructor(
    /** Finding code: xml.not-well-formed, xml.depth, xml.attributes, xml.forbidden-name, … */
    readonly code: string,
    /** What is wrong, without the position. */
    readonly what: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(what);
    this.name = 'XmlSyntaxError';
  }
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

const TAB = 0x09;
const LF = 0x0a;
const SPACE = 0x20;
const BANG = 0x21;
const DQUOTE = 0x22;
const HASH = 0x23;
const AMP = 0x26;
const SQUOTE = 0x27;
const SLASH = 0x2f;
const COLON = 0x3a;
const SEMICOLON = 0x3b;
const LT = 0x3c;
const EQUALS = 0x3d;
const GT = 0x3e;
const QUESTION = 0x3f;
const CLOSE_BRACKET = 0x5d;
const LOWER_X = 0x78;

// The ASCII part of the Name production, by table; the rest goes through the range tests below.
const NAME_START = 1;
const NAME_CHAR = 2;
const ASCII_NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_:]/.test(ch)) ASCII_NAME[c] = NAME_START | NAME_CHAR;
  else if (/[0-9.-]/.test(ch)) ASCII_NAME[c] = NAME_CHAR;
}

/** NameStartChar above ASCII, for a code point (surrogate pairs already combined). */
function isNameStartCode(c: number): boolean {
  return (
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) ||
    c === 0x200c ||
    c === 0x200d ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xd7ff) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd) ||
    (c >= 0x10000 && c <= 0xeffff)
  );
}

function isNameCode(c: number): boolean {
  return isNameStartCode(c) || c === 0xb7 || (c >= 0x300 && c <= 0x36f) || c === 0x203f || c === 0x2040;
}

const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** Whether a NameStartChar begins at i. Astral name characters (#x10000-#xEFFFF) have a high surrogate up to DB7F. */
function isNameStartAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0x80) return (ASCII_NAME[c]! & NAME_START) !== 0;
  if (c >= 0xd800 && c <= 0xdb7f) return isLowSurrogate(s.charCodeAt(i + 1));
  return isNameStartCode(c);
}

/** The Char production, for the code point a character reference names. */
function isXmlChar(c: number): boolean {
  return (c >= SPACE && c <= 0xd7ff) || c === LF || c === TAB || c === 0x0d || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

/** The 1-based line of s[index], counting line feeds before it. */
export function lineAt(s: string, index: number): number {
  let line = 1;
  for (let i = s.indexOf('\n'); i !== -1 && i < index; i = s.indexOf('\n', i + 1)) line++;
  return line;
}

const isSpace = (c: number): boolean => c === SPACE || c === LF || c === TAB;

const UTF16 = new TextDecoder('utf-16le');

/**
 * `raw` with its `count` tabs and line feeds made spaces. A global replace allocates per match,
 * which made a value of a few million tabs take seconds; past a few, one pass over a copy of
 * the code units does it (lossless: lone surrogates are refused before this).
 */
function normalised(raw: string, count: number): string {
  if (count === 0) return raw;
  if (count <= 64) return raw.replace(/[\t\n]/g, ' ');
  const units = new Uint16Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    units[i] = c === TAB || c === LF ? SPACE : c;
  }
  return UTF16.decode(units);
}

/**
 * The XML declaration, read once at the start. VersionNum is pinned to 1.0, a policy choice:
 * saxes accepted any 1.x and then switched to XML 1.1's character rules, which nothing else in
 * swgate (xmllint, canonicalisation) would share; XML 1.0 fifth edition §2.8 would read such a
 * document as 1.0, and refusing it is the stricter of the two. CR is already LF here, so S is
 * [ \t\n].
 */
const XML_DECLARATION =
  /<\?xml[ \t\n]+version[ \t\n]*=[ \t\n]*(?:"(1\.[0-9]+)"|'(1\.[0-9]+)')(?:[ \t\n]+encoding[ \t\n]*=[ \t\n]*(?:"([A-Za-z][A-Za-z0-9._-]*)"|'([A-Za-z][A-Za-z0-9._-]*)'))?(?:[ \t\n]+standalone[ \t\n]*=[ \t\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\n]*\?>/y;

export function scanXml(text: string, maxDepth: number, maxAttributes: number): XmlElement {
  // Line ends are normalised before anything else, as XML 1.0 §2.11 does: no later rule
  // (attribute normalisation, CDATA, line numbers) then has to know about CR.
  const s = text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n');
  return new Scanner(s, maxDepth, maxAttributes).document();
}

class Scanner {
  private readonly len: number;
  /** Where a helper that reads ahead (reference, attributeValue) stopped. */
  private pos = 0;
  /** Where the name qnameEnd last read has its first colon, or -1. */
  private colon = -1;
  private root: XmlElement | undefined = undefined;
  /**
   * Open elements, innermost last, with where their qualified names stand in the text: an end
   * tag is compared there character by character, so neither name is cut out as a string.
   */
  private readonly open: XmlElement[] = [];
  private readonly openNameStarts: number[] = [];
  private readonly openNameEnds: number[] = [];
  /**
   * Each distinct namespace URI gets a number when it is bound, and expanded names compare by
   * that number: a URI can be megabytes long and referenced from every element, and comparing
   * it as a string costs its length every time. `uris[id]` is the URI (one string per URI,
   * which every element in that namespace shares). URIs over 256 characters are keyed by
   * digest, as V8 hashes strings over 16K characters by length alone and a Map of them would
   * compare contents.
   */
  private readonly uris: string[] = [XML_NS, XMLNS_NS];
  private readonly shortUriIds = new Map<string, number>();
  private readonly longUriIds = new Map<string, number>();
  /**
   * In-scope namespace bindings, prefix ('' for the default namespace) to URI id, so that
   * resolving costs the same however many declarations are in scope. Each declaration logs the
   * binding it shadowed; `marks` holds each open element's first log entry, to restore them.
   */
  private readonly bindings = new Map<string, number>();
  private readonly shadowedPrefixes: string[] = [];
  private readonly shadowedIds: Array<number | undefined> = [];
  private readonly marks: number[] = [];
  /** The default namespace in scope, kept apart from `bindings` because most names use it. */
  private defaultNs = '';
  /** The start tag being read: attributes other than namespace declarations. */
  private readonly attrPrefixes: string[] = [];
  private readonly attrLocals: string[] = [];
  private readonly attrValues: string[] = [];
  private readonly attrStarts: number[] = [];
  private readonly attrUriIds: number[] = [];
  /** Line numbers are counted lazily, up to the start tag that needs one. */
  private line = 1;
  private nextLineFeed: number;

  constructor(
    private readonly s: string,
    private readonly maxDepth: number,
    private readonly maxAttributes: number,
  ) {
    this.len = s.length;
    this.nextLineFeed = s.indexOf('\n');
    // Set one by one: Map's iterable constructor is the slow path, and this runs per document.
    this.shortUriIds.set(XML_NS, 0).set(XMLNS_NS, 1);
    this.bindings.set('xml', 0).set('xmlns', 1);
  }

  document(): XmlElement {
    const { s, len } = this;
    let pos = this.declaration();
    while (pos < len) {
      if (s.charCodeAt(pos) !== LT) {
        pos = this.open.length === 0 ? this.outsideText(pos) : this.text(pos);
        continue;
      }
      const next = s.charCodeAt(pos + 1);
      if (next === SLASH) pos = this.endTag(pos);
      else if (next === BANG) pos = this.markup(pos);
      else if (next === QUESTION) this.processingInstruction(pos);
      else if (isNameStartAt(s, pos + 1)) pos = this.startTag(pos);
      else this.fail(pos + 1 >= len ? 'unexpected end of the document after "<"' : 'disallowed character after "<"', pos + 1);
    }
    if (this.root === undefined) this.fail('the document must contain a root element', len);
    const depth = this.open.length;
    if (depth !== 0) this.fail(`unclosed tag: ${s.slice(this.openNameStarts[depth - 1], this.openNameEnds[depth - 1])}`, len);
    return this.root;
  }

  /** An XML declaration, only at the very start (decodeUtf8 has dropped a BOM); returns where content begins. */
  private declaration(): number {
    const s = this.s;
    if (!s.startsWith('<?xml')) return 0;
    const after = s.charCodeAt(5);
    if (!isSpace(after) && after !== QUESTION) return 0; // <?xml-stylesheet …: a processing instruction
    XML_DECLARATION.lastIndex = 0;
    const m = XML_DECLARATION.exec(s);
    if (m === null) this.fail('malformed XML declaration', 0);
    const version = m[1] ?? m[2];
    if (version !== '1.0') this.fail(`XML version "${version}" is not accepted; only 1.0 is`, 0);
    const encoding = m[3] ?? m[4];
    if (encoding !== undefined && encoding.toLowerCase() !== 'utf-8') {
      this.fail(`XML declaration names encoding "${encoding}"; only UTF-8 is accepted`, 0, 'xml.encoding');
    }
    return m[0].length;
  }

  /** Whitespace around the root; anything else there is an error. */
  private outsideText(pos: number): number {
    const s = this.s;
    while (isSpace(s.charCodeAt(pos))) pos++;
    if (pos < this.len && s.charCodeAt(pos) !== LT) this.fail('text data outside of root node', pos);
    return pos;
  }

  /** Character data up to the next "<": references decoded, characters checked, "]]>" refused. */
  private text(pos: number): number {
    const { s, len } = this;
    let start = pos;
    let text = '';
    while (pos < len) {
      const c = s.charCodeAt(pos);
      // Ordinary text is mostly above "]"; one comparison lets it through.
      if (c > CLOSE_BRACKET) {
        pos = c < 0xd800 ? pos + 1 : this.afterHighCharacter(pos, c);
        continue;
      }
      if (c === LT) break;
      if (c === AMP) {
        if (pos > start) text += s.slice(start, pos);
        text += this.reference(pos);
        pos = start = this.pos;
        continue;
      }
      if (c === CLOSE_BRACKET) {
        if (s.charCodeAt(pos + 1) === CLOSE_BRACKET && s.charCodeAt(pos + 2) === GT) {
          this.fail('the string "]]>" is not allowed in character data', pos);
        }
      } else if (c < SPACE && c !== LF && c !== TAB) {
        this.fail('disallowed character', pos);
      }
      pos++;
    }
    if (pos > start) text += s.slice(start, pos);
    if (text !== '') this.appendText(text);
    return pos;
  }

  /** Checks a character at or above D800 (a surrogate pair, or E000-FFFD); returns the position after it. */
  private afterHighCharacter(pos: number, c: number): number {
    if (c <= 0xdbff) {
      if (isLowSurrogate(this.s.charCodeAt(pos + 1))) return pos + 2;
      // Spec: a lone surrogate is not a Char. saxes read it with the next character as a pair
      // and so accepted it (swallowing that character); only strings can carry one here.
      this.fail('disallowed character (unpaired surrogate)', pos);
    }
    if (c <= 0xdfff) this.fail('disallowed character (unpaired surrogate)', pos);
    if (c >= 0xfffe) this.fail('disallowed character', pos);
    return pos + 1;
  }

  /** Checks that s[from, to) holds only Chars (line ends are already LF). */
  private checkCharacters(from: number, to: number): void {
    const s = this.s;
    for (let i = from; i < to; ) {
      const c = s.charCodeAt(i);
      if (c < SPACE) {
        if (c !== LF && c !== TAB) this.fail('disallowed character', i);
        i++;
      } else {
        i = c < 0xd800 ? i + 1 : this.afterHighCharacter(i, c);
      }
    }
  }

  private appendText(text: string): void {
    const children = this.open[this.open.length - 1]!.children;
    const last = children.length - 1;
    if (last >= 0 && typeof children[last] === 'string') children[last] += text;
    else children.push(text);
  }

  /** A reference at s[at] === "&": the five predefined entities and character references only. Sets this.pos after it. */
  private reference(at: number): string {
    const s = this.s;
    const c = s.charCodeAt(at + 1);
    if (c === HASH) {
      const hex = s.charCodeAt(at + 2) === LOWER_X;
      const digits = at + (hex ? 3 : 2);
      let i = digits;
      let code = 0;
      for (;;) {
        const d = s.charCodeAt(i);
        let v: number;
        if (d >= 0x30 && d <= 0x39) v = d - 0x30;
        else if (hex && d >= 0x61 && d <= 0x66) v = d - 0x57;
        else if (hex && d >= 0x41 && d <= 0x46) v = d - 0x37;
        else break;
        // Saturates: a long run of digits must not wrap round to a valid character.
        code = Math.min(code * (hex ? 16 : 10) + v, 0x110000);
        i++;
      }
      if (i === digits || s.charCodeAt(i) !== SEMICOLON) this.fail('malformed character reference', at);
      if (!isXmlChar(code)) this.fail('character reference to a character XML does not allow', at);
      this.pos = i + 1;
      return String.fromCodePoint(code);
    }
    switch (c) {
      case 0x6c: // l
        if (s.startsWith('lt;', at + 1)) return this.referenced(at + 4, '<');
        break;
      case 0x67: // g
        if (s.startsWith('gt;', at + 1)) return this.referenced(at + 4, '>');
        break;
      case 0x61: // a
        if (s.startsWith('amp;', at + 1)) return this.referenced(at + 5, '&');
        if (s.startsWith('apos;', at + 1)) return this.referenced(at + 6, "'");
        break;
      case 0x71: // q
        if (s.startsWith('quot;', at + 1)) return this.referenced(at + 6, '"');
        break;
      default:
    }
    // No DTD can declare another entity (parse.ts refuses DTDs), so any other name is undefined.
    const end = this.qnameEnd(at + 1);
    if (end > at + 1 && s.charCodeAt(end) === SEMICOLON) this.fail(`undefined entity &${s.slice(at + 1, end)};`, at);
    this.fail('"&" must start an entity or character reference', at);
  }

  private referenced(next: number, value: string): string {
    this.pos = next;
    return value;
  }

  /** "<!": a comment or a CDATA section (parse.ts has refused DTD markup already). */
  private markup(pos: number): number {
    const s = this.s;
    if (s.startsWith('--', pos + 2)) {
      const start = pos + 4;
      const end = s.indexOf('--', start);
      this.checkCharacters(start, end === -1 ? this.len : end);
      if (end === -1) this.fail('unexpected end of the document in a comment', this.len);
      // Also refuses a comment ending in "--->".
      if (s.charCodeAt(end + 2) !== GT) this.fail('"--" is not allowed in a comment', end);
      if (this.open.length !== 0) this.open[this.open.length - 1]!.hasComments = true;
      return end + 3;
    }
    if (s.startsWith('[CDATA[', pos + 2)) {
      if (this.open.length === 0) this.fail('text data outside of root node', pos);
      const start = pos + 9;
      const end = s.indexOf(']]>', start);
      this.checkCharacters(start, end === -1 ? this.len : end);
      if (end === -1) this.fail('unexpected end of the document in a CDATA section', this.len);
      // Even an empty section is appended, as saxes did: an element holding only <![CDATA[]]>
      // has the text "" rather than no children.
      this.appendText(s.slice(start, end));
      return end + 3;
    }
    // saxes read up to seven characters here, refusing any that is no Char first.
    this.checkCharacters(pos + 2, Math.min(pos + 9, this.len));
    this.fail('incorrect syntax after "<!"', pos);
  }

  /** "<?" anywhere but a declaration at the start: refused, worded as precisely as saxes did. */
  private processingInstruction(pos: number): never {
    const s = this.s;
    const start = pos + 2;
    const end = this.qnameEnd(start);
    const target = s.slice(start, end);
    const after = s.charCodeAt(end);
    if (target === '' || !isNameStartAt(s, start) || target.includes(':') || !(isSpace(after) || after === QUESTION)) {
      this.fail('malformed processing instruction target', start);
    }
    if (target.toLowerCase() === 'xml') this.fail('an XML declaration must be at the start of the document', pos);
    const close = s.indexOf('?>', end);
    this.checkCharacters(end, close === -1 ? this.len : close);
    if (close === -1) this.fail('unexpected end of the document in a processing instruction', this.len);
    this.fail(`Processing instruction <?${target}?> is not accepted`, pos, 'xml.processing-instruction');
  }

  /** A start tag at s[tagStart] === "<", a NameStartChar next. Returns the position after it. */
  private startTag(tagStart: number): number {
    const { s, open, maxAttributes } = this;
    const nameStart = tagStart + 1;
    let pos = this.qnameEnd(nameStart);
    const nameColon = this.colon;
    const nameStop = pos;
    if (pos >= this.len) this.fail('unexpected end of the document in a start tag', pos);
    // saxes read the character after the name, and so refused one that is no Char, before the
    // depth and name checks; keeping that order keeps the finding codes.
    const after = s.charCodeAt(pos);
    if (after < SPACE || after >= 0xd800) this.checkCharacters(pos, pos + 1);
    const depth = open.length;
    if (depth + 1 > this.maxDepth) this.fail(`Elements nest deeper than ${this.maxDepth} levels`, tagStart, 'xml.depth');
    this.checkForbidden('Element', nameStart, nameColon, pos);
    if (depth === 0 && this.root !== undefined) this.fail('documents may contain only one root', tagStart);

    const mark = this.shadowedPrefixes.length;
    let declaredPrefixes: string[] | undefined;
    let attributeCount = 0;
    let plainCount = 0;
    let selfClosing: boolean;
    for (;;) {
      let c = s.charCodeAt(pos);
      if (c === GT) {
        pos++;
        selfClosing = false;
        break;
      }
      if (c === SLASH) {
        if (s.charCodeAt(pos + 1) !== GT) this.fail('"/" in a start tag must be followed by ">"', pos);
        pos += 2;
        selfClosing = true;
        break;
      }
      if (!isSpace(c)) {
        if (pos >= this.len) this.fail('unexpected end of the document in a start tag', pos);
        if (attributeCount === 0) this.fail('disallowed character in tag name', pos);
        this.fail(isNameStartAt(s, pos) ? 'no whitespace between attributes' : 'disallowed character in attribute name', pos);
      }
      do c = s.charCodeAt(++pos);
      while (isSpace(c));
      if (c === GT || c === SLASH) continue;
      if (!isNameStartAt(s, pos)) {
        this.fail(pos >= this.len ? 'unexpected end of the document in a start tag' : 'disallowed character in attribute name', pos);
      }
      const attrStart = pos;
      pos = this.qnameEnd(pos);
      const colon = this.colon;
      const attrEnd = pos;
      while (isSpace(s.charCodeAt(pos))) pos++;
      if (s.charCodeAt(pos) !== EQUALS) this.fail(`attribute without value: ${s.slice(attrStart, attrEnd)}`, pos);
      do c = s.charCodeAt(++pos);
      while (isSpace(c));
      if (c !== DQUOTE && c !== SQUOTE) this.fail('unquoted attribute value', pos);
      const value = this.attributeValue(pos + 1, c);
      pos = this.pos;

      // In saxes's order: the qualified name, the count, forbidden names, then what a
      // namespace declaration must not do.
      if (colon !== -1) this.checkQName(attrStart, colon, attrEnd);
      if (++attributeCount > maxAttributes) {
        this.fail(`An element has more than ${maxAttributes} attributes`, attrStart, 'xml.attributes');
      }
      this.checkForbidden('Attribute', attrStart, colon, attrEnd);
      const prefix = colon === -1 ? '' : s.slice(attrStart, colon);
      const local = s.slice(colon === -1 ? attrStart : colon + 1, attrEnd);
      let declared: string | undefined;
      if (prefix === 'xmlns') {
        declared = local;
        // Spec: the namespace name is the attribute value as it stands. saxes trimmed it, so
        // xmlns=" urn:x " was taken for urn:x (and xmlns:p=" " for an undeclaration).
        if (value === '') this.fail(`the prefix "${declared}" may not be undeclared (xmlns:${declared}="")`, attrStart);
      } else if (colon === -1 && local === 'xmlns') {
        declared = '';
      }
      if (declared === undefined) {
        this.attrPrefixes[plainCount] = prefix;
        this.attrLocals[plainCount] = local;
        this.attrValues[plainCount] = value;
        this.attrStarts[plainCount] = attrStart;
        plainCount++;
        continue;
      }
      this.checkBinding(declared, value, attrStart);
      const id = this.uriId(value);
      declaredPrefixes ??= [];
      declaredPrefixes.push(declared);
      this.bind(declared, id);
    }

    // Checked once the tag is read, as saxes did, so that a finding names the same problem.
    if (declaredPrefixes !== undefined && declaredPrefixes.length > 1) this.checkDeclarationsUnique(declaredPrefixes, tagStart);
    let prefix = '';
    let local: string;
    let ns: string;
    if (nameColon === -1) {
      local = s.slice(nameStart, nameStop);
      ns = this.defaultNs;
    } else {
      this.checkQName(nameStart, nameColon, nameStop);
      prefix = s.slice(nameStart, nameColon);
      local = s.slice(nameColon + 1, nameStop);
      if (prefix === 'xmlns') this.fail('elements may not have the prefix "xmlns"', nameStart);
      const id = this.bindings.get(prefix);
      if (id === undefined) this.fail(`unbound namespace prefix: "${prefix}"`, nameStart);
      ns = this.uris[id]!;
    }
    const attrs: XmlAttribute[] = plainCount === 0 ? [] : this.attributes(plainCount);
    const el: XmlElement = {
      ns,
      name: local,
      prefix,
      attrs,
      children: [],
      line: this.lineOf(tagStart),
      hasComments: false,
    };
    if (depth === 0) this.root = el;
    else open[depth - 1]!.children.push(el);
    if (selfClosing) {
      if (this.shadowedPrefixes.length !== mark) this.unbind(mark);
    } else {
      open.push(el);
      this.openNameStarts.push(nameStart);
      this.openNameEnds.push(nameStop);
      this.marks.push(mark);
    }
    return pos;
  }

  /** The end of the run of NameChars starting at i (i itself when there is none); leaves its first colon, or -1, in this.colon. */
  private qnameEnd(i: number): number {
    const s = this.s;
    let colon = -1;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        if ((ASCII_NAME[c]! & NAME_CHAR) === 0) break;
        if (c === COLON && colon === -1) colon = i;
        i++;
      } else if (c >= 0xd800 && c <= 0xdbff) {
        if (c > 0xdb7f || !isLowSurrogate(s.charCodeAt(i + 1))) break;
        i += 2;
      } else if (isNameCode(c)) {
        i++;
      } else {
        break; // also at the end of the text, where c is NaN
      }
    }
    this.colon = colon;
    return i;
  }

  /** The value of an attribute from `pos`, just after its opening quote `quote`; normalised (XML 1.0 §3.3.3). */
  private attributeValue(pos: number, quote: number): string {
    const s = this.s;
    let start = pos;
    let value = '';
    // How many tabs and line feeds s[start, pos) holds: they are made spaces per run between
    // references, not one by one.
    let spaces = 0;
    for (;;) {
      const c = s.charCodeAt(pos);
      if (c === quote) break;
      if (c > LT) {
        pos = c < 0xd800 ? pos + 1 : this.afterHighCharacter(pos, c);
        continue;
      }
      if (c === LT) this.fail('"<" is not allowed in an attribute value', pos);
      if (c === AMP) {
        // Replacement text of character references is not normalised: &#10; stays a line feed.
        if (pos > start) value += normalised(s.slice(start, pos), spaces);
        value += this.reference(pos);
        pos = start = this.pos;
        spaces = 0;
        continue;
      }
      if (c < SPACE) {
        if (c !== LF && c !== TAB) this.fail('disallowed character', pos);
        spaces++;
      } else if (pos >= this.len) {
        this.fail('unexpected end of the document in an attribute value', pos);
      }
      pos++;
    }
    this.pos = pos + 1;
    return value + normalised(s.slice(start, pos), spaces);
  }

  /** The start tag's attributes other than namespace declarations, resolved and checked for duplicates. */
  private attributes(count: number): XmlAttribute[] {
    const attrs: XmlAttribute[] = [];
    const ids = this.attrUriIds;
    for (let i = 0; i < count; i++) {
      const prefix = this.attrPrefixes[i]!;
      // Unprefixed attributes are in no namespace, whatever the default namespace.
      let ns = '';
      let id = -1;
      if (prefix !== '') {
        const bound = this.bindings.get(prefix);
        if (bound === undefined) this.fail(`unbound namespace prefix: "${prefix}"`, this.attrStarts[i]!);
        id = bound;
        ns = this.uris[id]!;
      }
      ids[i] = id;
      attrs.push({ ns, name: this.attrLocals[i]!, prefix, value: this.attrValues[i]! });
    }
    // Unique by expanded name (which also covers the same qualified name twice); a set only
    // when pairwise comparison would cost more than it.
    if (count <= 16) {
      for (let i = 1; i < count; i++) {
        const name = attrs[i]!.name;
        for (let j = 0; j < i; j++) if (ids[i] === ids[j] && attrs[j]!.name === name) this.duplicate(attrs[i]!, i);
      }
    } else {
      const seen = new Set<string>();
      for (let i = 0; i < count; i++) {
        const key = `${ids[i]} ${attrs[i]!.name}`;
        if (seen.has(key)) this.duplicate(attrs[i]!, i);
        seen.add(key);
      }
    }
    return attrs;
  }

  private duplicate(attr: XmlAttribute, index: number): never {
    this.fail(`duplicate attribute: ${attr.ns === '' ? attr.name : `{${attr.ns}}${attr.name}`}`, this.attrStarts[index]!);
  }

  private checkDeclarationsUnique(declaredPrefixes: string[], at: number): void {
    const prefixes = new Set<string>();
    for (const prefix of declaredPrefixes) {
      if (prefixes.has(prefix)) this.fail(`duplicate attribute: ${prefix === '' ? 'xmlns' : `xmlns:${prefix}`}`, at);
      prefixes.add(prefix);
    }
  }

  /** An end tag at s[pos] === "<", "/" next: it must close the innermost open element. */
  private endTag(pos: number): number {
    const { s, open } = this;
    const nameStart = pos + 2;
    const depth = open.length;
    if (depth === 0) {
      const name = s.slice(nameStart, this.qnameEnd(nameStart));
      this.fail(name === '' ? 'empty end tag' : `unmatched closing tag: ${name}`, pos);
    }
    const openStart = this.openNameStarts[depth - 1]!;
    const length = this.openNameEnds[depth - 1]! - openStart;
    let end = nameStart + length;
    let same = this.qnameEnd(end) === end;
    for (let k = 0; same && k < length; k++) same = s.charCodeAt(nameStart + k) === s.charCodeAt(openStart + k);
    if (!same) {
      const name = s.slice(nameStart, this.qnameEnd(nameStart));
      const expected = s.slice(openStart, openStart + length);
      this.fail(name === '' ? 'empty end tag' : `unexpected close tag </${name}>, expected </${expected}>`, pos);
    }
    while (isSpace(s.charCodeAt(end))) end++;
    if (s.charCodeAt(end) !== GT) {
      this.fail(end >= this.len ? 'unexpected end of the document in an end tag' : 'disallowed character in closing tag', end);
    }
    open.pop();
    this.openNameStarts.pop();
    this.openNameEnds.pop();
    const mark = this.marks.pop()!;
    if (this.shadowedPrefixes.length !== mark) this.unbind(mark);
    return end + 1;
  }

  /** The id of a namespace URI, given to it the first time it is bound. */
  private uriId(uri: string): number {
    const long = uri.length > 256;
    const ids = long ? this.longUriIds : this.shortUriIds;
    const key = long ? createHash('sha256').update(uri).digest('base64') : uri;
    let id = ids.get(key);
    if (id === undefined) {
      id = this.uris.push(uri) - 1;
      ids.set(key, id);
    }
    return id;
  }

  private bind(prefix: string, id: number): void {
    this.shadowedPrefixes.push(prefix);
    this.shadowedIds.push(this.bindings.get(prefix));
    this.bindings.set(prefix, id);
    if (prefix === '') this.defaultNs = this.uris[id]!;
  }

  /** Restores the bindings an element's declarations shadowed. */
  private unbind(mark: number): void {
    const { bindings, shadowedPrefixes, shadowedIds } = this;
    while (shadowedPrefixes.length > mark) {
      const prefix = shadowedPrefixes.pop()!;
      const id = shadowedIds.pop();
      if (id === undefined) bindings.delete(prefix);
      else bindings.set(prefix, id);
      if (prefix === '') this.defaultNs = id === undefined ? '' : this.uris[id]!;
    }
  }

  /** Namespaces in XML 1.0 §3: what xml, xmlns and their URIs may be bound to. */
  private checkBinding(prefix: string, uri: string, at: number): void {
    if (prefix === 'xml') {
      if (uri !== XML_NS) this.fail(`the prefix "xml" may only be bound to ${XML_NS}`, at);
    } else if (prefix === 'xmlns') {
      this.fail('the prefix "xmlns" may not be declared', at);
    } else if (uri === XML_NS) {
      this.fail(prefix === '' ? `the default namespace may not be set to ${XML_NS}` : `only the prefix "xml" may be bound to ${XML_NS}`, at);
    }
    if (uri === XMLNS_NS) this.fail(`no namespace may be bound to ${XMLNS_NS}`, at);
  }

  /**
   * The name s[start, end) with its first colon at `colon`: one colon, neither first nor last,
   * and a local part that starts like a name. Spec: saxes did not check that last point, so
   * p:1a or p:-a passed, though Namespaces in XML 1.0 makes the local part an NCName.
   */
  private checkQName(start: number, colon: number, end: number): void {
    const { s } = this;
    let ok = colon !== start && colon !== end - 1 && isNameStartAt(s, colon + 1);
    for (let i = colon + 1; ok && i < end; i++) ok = s.charCodeAt(i) !== COLON;
    if (!ok) this.fail(`malformed name: ${s.slice(start, end)}`, start);
  }

  /** The name s[start, end) (first colon at `colon`, or -1) must not have a forbidden local part or prefix. */
  private checkForbidden(kind: 'Element' | 'Attribute', start: number, colon: number, end: number): void {
    const { s } = this;
    if (isForbiddenAt(s, colon === -1 ? start : colon + 1, end) || (colon !== -1 && isForbiddenAt(s, start, colon))) {
      this.fail(`${kind} name "${s.slice(start, end)}" is not accepted`, start, 'xml.forbidden-name');
    }
  }

  private lineOf(pos: number): number {
    while (this.nextLineFeed !== -1 && this.nextLineFeed < pos) {
      this.line++;
      this.nextLineFeed = this.s.indexOf('\n', this.nextLineFeed + 1);
    }
    return this.line;
  }

  private fail(what: string, at: number, code = 'xml.not-well-formed'): never {
    const { s } = this;
    at = Math.min(at, this.len);
    // Wherever the scanner stops at a lone surrogate (a name, markup), that is what is wrong.
    const c = s.charCodeAt(at);
    const before = s.charCodeAt(at - 1);
    const lone = c <= 0xdbff ? !isLowSurrogate(s.charCodeAt(at + 1)) : !(before >= 0xd800 && before <= 0xdbff);
    if (code === 'xml.not-well-formed' && c >= 0xd800 && c <= 0xdfff && lone) what = 'disallowed character (unpaired surrogate)';
    const line = lineAt(s, at);
    const lineStart = at === 0 ? 0 : s.lastIndexOf('\n', at - 1) + 1;
    throw new XmlSyntaxError(code, what, line, at - lineStart + 1);
  }
}
