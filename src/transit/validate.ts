/**
 * Reading a CTC message safely (the gateway's XML rules: no DTD, no entities, size and depth
 * limits) and validating it against the CTC phase 5 XSD of its type, with findings that carry
 * the NCTS error pointer and functional error code a CC056C would show.
 *
 * The walk follows libxml2's verdicts (test/transit/validate.test.ts holds it to xmllint on the
 * test pack and on mutants): within one element, the first content-model error ends the check of
 * that element's children, as xmllint reports one error per content model; values and the
 * elements already matched are checked in full.
 */
import { RejectionError, finding, type Finding } from '../findings.js';
import { type XmlElement, type XmlLimits, parseXml } from '../documents/xml/parse.js';
import { type CtcMessageType, NCTS_NS, type NctsErrorCode, isCtcMessageType } from './message-types.js';
import { type ComplexModel, type SimpleModel, XsdModel } from './xsd-model.js';
import { valueProblem } from './xsd-values.js';

/** A finding in the gateway's shape, plus what NCTS would put in a FunctionalError. */
export interface TransitFinding extends Finding {
  /** NCTS-style pointer: `/CC015C/TransitOperation/LRN` (element names, no indexes). */
  errorPointer: string;
  errorCode: NctsErrorCode;
  /** The offending value, when there is one (CC056C originalAttributeValue). */
  originalAttributeValue?: string;
  /** The rule broken (CC056C errorReason, up to 7 characters: R0850, BR20005); schema findings leave it out. */
  errorReason?: string;
}

export interface CtcValidation {
  type: CtcMessageType;
  /** The parsed root element (ncts:CCnnnC). */
  document: XmlElement;
  /** Empty when the message is schema-valid. */
  findings: TransitFinding[];
}

export interface ValidateOptions {
  /** The message types this route takes; any other root is refused (400). Default: all. */
  expect?: readonly CtcMessageType[];
  limits?: Partial<XmlLimits>;
}

/** CTC messages are small (a full CC015C of 1999 items is a few MB): 8 MB, nested 16 deep at most. */
export const CTC_XML_LIMITS: XmlLimits = { maxBytes: 8 * 1024 * 1024, maxDepth: 16, maxAttributes: 16 };

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
// XML whitespace is space, tab, CR, LF: anything else between elements is text out of place.
const NOT_WHITESPACE = /[^ \t\r\n]/;
// Most findings a message gets: enough to fix it, few enough that a hostile one cannot make a huge answer.
const MAX_FINDINGS = 100;

let model: XsdModel | undefined;
/** The schemas, read once (about a tenth of a second) on the first validation. */
export function ctcSchemas(): XsdModel {
  model ??= new XsdModel();
  return model;
}

// Markup ("<") a CTC message may hold, counted on the raw bytes before any tree is built: 8 MB of
// "<a/>" is two million elements, 2.4 s of parsing and 400 MB of heap. 200,000 tags (some 100,000
// elements) is a few thousand fully described consignment items; the test pack's largest CC015C
// has 280 tags. The schema's extreme (99 house consignments of 999 items) is not served.
const MAX_CTC_TAGS = 200_000;

function refuseTooManyTags(xml: Buffer | string): void {
  let tags = 0;
  // Buffer and string alike: indexOf('<') from the last one (a Buffer searches the byte).
  for (let i = xml.indexOf('<'); i !== -1; i = xml.indexOf('<', i + 1)) {
    if (++tags > MAX_CTC_TAGS) {
      throw new RejectionError(413, 'Message too large', [
        finding('transit.too-many-elements', `A CTC message holds at most ${MAX_CTC_TAGS} tags; this one has more.`, ''),
      ]);
    }
  }
}

function unreadable(code: string, message: string, pointer = ''): RejectionError {
  return new RejectionError(400, 'Malformed document', [finding(code, message, pointer)]);
}

/**
 * Validates one CTC message. Throws RejectionError (400) when it cannot be read (not
 * well-formed, DTD, too large or deep) or is not a CTC message of an expected type; otherwise
 * answers its type, tree and schema findings (422 material when there are any).
 */
export function validateCtcMessage(xml: Buffer | string, options: ValidateOptions = {}): CtcValidation {
  refuseTooManyTags(xml);
  const document = parseXml(xml, { ...CTC_XML_LIMITS, ...options.limits });
  const type = document.name;
  if (document.ns !== NCTS_NS || !isCtcMessageType(type)) {
    throw unreadable(
      'transit.message-type',
      `The root element {${document.ns}}${document.name} is not a CTC phase 5 message (namespace ${NCTS_NS}, CCnnnC)`,
      `/${document.name}`,
    );
  }
  if (options.expect && !options.expect.includes(type)) {
    throw unreadable('transit.message-type', `A ${type} does not belong here; expected ${options.expect.join(' or ')}`, `/${type}`);
  }
  const root = ctcSchemas().root(type);
  if (!root) throw unreadable('transit.message-type', `No schema declares ${type}`, `/${type}`);
  const findings: TransitFinding[] = [];
  checkComplex(document, root, [{ name: type, index: 1 }], findings);
  // Beyond the XSD, which takes any message type there: the header names the message it heads.
  const messageType = document.children.find((c): c is XmlElement => typeof c !== 'string' && c.ns === '' && c.name === 'messageType');
  const declared = messageType?.children.join('').trim();
  if (findings.length === 0 && declared !== undefined && declared !== type) {
    findings.push(
      schemaFinding('transit.message-type', '12', `the message is a ${type}; its header says ${declared}`, [{ name: type, index: 1 }], 'messageType', declared),
    );
  }
  return { type, document, findings: findings.slice(0, MAX_FINDINGS) };
}

/** Where the walk is: element names with their position among same-named siblings (1-based). */
type Trail = Array<{ name: string; index: number }>;

// Pointers and XPaths are made only for findings: most elements never need theirs.
const pointerOf = (trail: Trail, last?: string) => `/${trail.map((s) => s.name).join('/')}${last === undefined ? '' : `/${last}`}`;
const xpathOf = (trail: Trail, last?: string) =>
  `/ncts:${trail.map((s, i) => (i === 0 ? s.name : `${s.name}[${s.index}]`)).join('/')}${last === undefined ? '' : `/${last}`}`;

/**
 * A finding NCTS-style, for what the schema cannot say too (a message out of sequence: 92, an
 * unknown MRN: 90, a duplicate LRN: 26): `errorPointer` is also the finding's `path`.
 */
export function transitFinding(
  code: string,
  errorCode: NctsErrorCode,
  errorPointer: string,
  message: string,
  detail: { xpath?: string; originalAttributeValue?: string; errorReason?: string } = {},
): TransitFinding {
  const { originalAttributeValue, ...rest } = detail;
  return {
    severity: 'error',
    code,
    message: `${errorPointer}: ${message}`,
    path: errorPointer,
    ...rest,
    errorPointer,
    errorCode,
    ...(originalAttributeValue === undefined ? {} : { originalAttributeValue: originalAttributeValue.slice(0, 512) }),
  };
}

function schemaFinding(code: string, errorCode: NctsErrorCode, message: string, trail: Trail, last: string | undefined, value?: string): TransitFinding {
  return transitFinding(code, errorCode, pointerOf(trail, last), message, {
    xpath: xpathOf(trail, last),
    ...(value === undefined ? {} : { originalAttributeValue: value }),
  });
}

function checkComplex(el: XmlElement, type: ComplexModel, trail: Trail, findings: TransitFinding[]): void {
  if (findings.length >= MAX_FINDINGS) return;
  checkAttributes(el, type.attributes, trail, findings);
  for (const required of type.attributes) {
    if (required.required && !el.attrs.some((a) => a.ns === '' && a.name === required.name)) {
      findings.push(schemaFinding('transit.schema.missing', '13', `the attribute ${required.name} is required`, trail, `@${required.name}`));
    }
  }
  const kids: XmlElement[] = [];
  let text: string | undefined;
  for (const child of el.children) {
    if (typeof child !== 'string') kids.push(child);
    else if (text === undefined && NOT_WHITESPACE.test(child)) text = child;
  }
  if (text !== undefined) findings.push(schemaFinding('transit.schema.text', '15', 'text is not allowed here, only elements', trail, undefined, text.trim()));
  const particles = type.elements;
  let i = 0;
  for (let position = 0; position < particles.length; position++) {
    const particle = particles[position]!;
    let count = 0;
    while (i < kids.length && count < particle.max && kids[i]!.ns === '' && kids[i]!.name === particle.name) {
      const kid = kids[i]!;
      trail.push({ name: particle.name, index: count + 1 });
      if (particle.type.kind === 'complex') checkComplex(kid, particle.type, trail, findings);
      else checkSimple(kid, particle.type, trail, findings);
      trail.pop();
      count++;
      i++;
    }
    if (count < particle.min) {
      const instead = kids[i];
      // What stands there instead decides where the error is: an element the sequence has later
      // means this one is missing; anything else is out of place itself.
      const later = instead !== undefined && instead.ns === '' && particles.some((p, at) => at > position && p.name === instead.name);
      if (instead && !later) {
        const name = instead.ns === '' ? instead.name : `{${instead.ns}}${instead.name}`;
        findings.push(schemaFinding('transit.schema.unexpected', '15', `${name} is not allowed here; ${particle.name} is required`, trail, instead.name));
      } else {
        const what = instead ? `, found ${instead.name} instead` : '';
        findings.push(schemaFinding('transit.schema.missing', '13', `${particle.name} is required here${what}`, trail, particle.name));
      }
      return;
    }
  }
  const extra = kids[i];
  if (extra) {
    const name = extra.ns === '' ? extra.name : `{${extra.ns}}${extra.name}`;
    const repeated = extra.ns === '' && particles.some((p) => p.name === extra.name);
    const why = repeated ? 'is repeated more often than allowed or out of order' : 'is not allowed here';
    findings.push(schemaFinding('transit.schema.unexpected', '15', `${name} ${why}`, trail, extra.name));
  }
}

/** Attributes other than the declared ones are refused, xsi:nil and xsi:type too (nothing in the CTC XSDs is nillable or derived); only the schema location hints are not data. */
function checkAttributes(el: XmlElement, declaredAttributes: ComplexModel['attributes'], trail: Trail, findings: TransitFinding[]): void {
  for (const attr of el.attrs) {
    // xsi:schemaLocation and the like are hints to a validator, not data (xmllint ignores them too).
    if (attr.ns === XSI && (attr.name === 'schemaLocation' || attr.name === 'noNamespaceSchemaLocation')) continue;
    const declared = attr.ns === '' ? declaredAttributes.find((a) => a.name === attr.name) : undefined;
    if (!declared) {
      const name = `${attr.prefix ? `${attr.prefix}:` : ''}${attr.name}`;
      findings.push(schemaFinding('transit.schema.attribute', '15', `the attribute ${name} is not allowed`, trail, `@${attr.name}`, attr.value));
      continue;
    }
    const problem = valueProblem(attr.value, declared.type);
    if (problem) findings.push(schemaFinding('transit.schema.value', '12', problem, trail, `@${attr.name}`, attr.value));
  }
}

function checkSimple(el: XmlElement, type: SimpleModel, trail: Trail, findings: TransitFinding[]): void {
  if (findings.length >= MAX_FINDINGS) return;
  let value = '';
  for (const child of el.children) {
    if (typeof child !== 'string') {
      findings.push(schemaFinding('transit.schema.unexpected', '15', `${child.name} is not allowed inside ${el.name}, which holds a value`, trail, child.name));
      return;
    }
    value += child;
  }
  checkAttributes(el, [], trail, findings);
  const problem = valueProblem(value, type);
  if (problem) findings.push(schemaFinding('transit.schema.value', '12', problem, trail, undefined, value));
}
