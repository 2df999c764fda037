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
import { type XmlElement, type XmlLimits, parseXml, textOf } from '../documents/xml/parse.js';
import { type CtcMessageType, NCTS_NS, type NctsErrorCode, isCtcMessageType } from './message-types.js';
import { type ComplexModel, XsdModel } from './xsd-model.js';
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
// Most findings a message gets: enough to fix it, few enough that a hostile one cannot make a huge answer.
const MAX_FINDINGS = 100;

let model: XsdModel | undefined;
/** The schemas, read once (about a tenth of a second) on the first validation. */
export function ctcSchemas(): XsdModel {
  model ??= new XsdModel();
  return model;
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
  const document = parseXml(xml, { ...CTC_XML_LIMITS, ...options.limits });
  const type = document.name;
  if (document.ns !== NCTS_NS || !isCtcMessageType(type)) {
    throw unreadable('transit.message-type', `The root element {${document.ns}}${document.name} is not a CTC phase 5 message (namespace ${NCTS_NS}, CCnnnC)`, `/${document.name}`);
  }
  if (options.expect && !options.expect.includes(type)) {
    throw unreadable('transit.message-type', `A ${type} does not belong here; expected ${options.expect.join(' or ')}`, `/${type}`);
  }
  const root = ctcSchemas().root(type);
  if (!root) throw unreadable('transit.message-type', `No schema declares ${type}`, `/${type}`);
  const findings: TransitFinding[] = [];
  checkComplex(document, root, `/${type}`, `/ncts:${type}`, findings);
  return { type, document, findings: findings.slice(0, MAX_FINDINGS) };
}

function schemaFinding(code: string, errorCode: NctsErrorCode, message: string, errorPointer: string, xpath: string, value?: string): TransitFinding {
  return {
    severity: 'error',
    code,
    message: `${errorPointer}: ${message}`,
    path: errorPointer,
    xpath,
    errorPointer,
    errorCode,
    ...(value === undefined ? {} : { originalAttributeValue: value.slice(0, 512) }),
  };
}

function checkComplex(el: XmlElement, type: ComplexModel, pointer: string, xpath: string, findings: TransitFinding[]): void {
  if (findings.length >= MAX_FINDINGS) return;
  for (const attr of el.attrs) {
    // xsi:schemaLocation and the like are hints to a validator, not data (xmllint ignores them too).
    if (attr.ns === XSI && (attr.name === 'schemaLocation' || attr.name === 'noNamespaceSchemaLocation')) continue;
    const declared = attr.ns === '' ? type.attributes.find((a) => a.name === attr.name) : undefined;
    const at = `${pointer}/@${attr.name}`;
    if (!declared) {
      findings.push(schemaFinding('transit.schema.attribute', '15', `the attribute ${attr.prefix ? `${attr.prefix}:` : ''}${attr.name} is not allowed`, at, `${xpath}/@${attr.name}`, attr.value));
      continue;
    }
    const problem = valueProblem(attr.value, declared.type);
    if (problem) findings.push(schemaFinding('transit.schema.value', '12', problem, at, `${xpath}/@${attr.name}`, attr.value));
  }
  for (const required of type.attributes) {
    if (required.required && !el.attrs.some((a) => a.ns === '' && a.name === required.name)) {
      findings.push(schemaFinding('transit.schema.missing', '13', `the attribute ${required.name} is required`, `${pointer}/@${required.name}`, `${xpath}/@${required.name}`));
    }
  }
  for (const child of el.children) {
    if (typeof child === 'string' && child.trim() !== '') {
      findings.push(schemaFinding('transit.schema.text', '15', 'text is not allowed here, only elements', pointer, xpath, child.trim()));
      break;
    }
  }
  const kids = el.children.filter((c): c is XmlElement => typeof c !== 'string');
  let i = 0;
  for (const [position, particle] of type.elements.entries()) {
    let count = 0;
    while (i < kids.length && count < particle.max && kids[i]!.ns === '' && kids[i]!.name === particle.name) {
      const kid = kids[i]!;
      const kidPointer = `${pointer}/${particle.name}`;
      const kidXpath = `${xpath}/${particle.name}[${count + 1}]`;
      if (particle.type.kind === 'complex') checkComplex(kid, particle.type, kidPointer, kidXpath, findings);
      else checkSimple(kid, particle.type, kidPointer, kidXpath, findings);
      count++;
      i++;
    }
    if (count < particle.min) {
      const instead = kids[i];
      // What stands there instead decides where the error is: an element the sequence has later
      // means this one is missing; anything else is out of place itself.
      const later = instead !== undefined && instead.ns === '' && type.elements.some((p, at) => at > position && p.name === instead.name);
      if (instead && !later) {
        const name = instead.ns === '' ? instead.name : `{${instead.ns}}${instead.name}`;
        findings.push(schemaFinding('transit.schema.unexpected', '15', `${name} is not allowed here; ${particle.name} is required`, `${pointer}/${instead.name}`, `${xpath}/${instead.name}`));
      } else {
        const what = instead ? `, found ${instead.name} instead` : '';
        findings.push(schemaFinding('transit.schema.missing', '13', `${particle.name} is required here${what}`, `${pointer}/${particle.name}`, `${xpath}/${particle.name}`));
      }
      return;
    }
  }
  const extra = kids[i];
  if (extra) {
    const name = extra.ns === '' ? extra.name : `{${extra.ns}}${extra.name}`;
    const repeated = type.elements.some((p) => p.name === extra.name && extra.ns === '');
    const why = repeated ? 'is repeated more often than allowed or out of order' : 'is not allowed here';
    findings.push(schemaFinding('transit.schema.unexpected', '15', `${name} ${why}`, `${pointer}/${extra.name}`, `${xpath}/${extra.name}`));
  }
}

function checkSimple(el: XmlElement, type: Parameters<typeof valueProblem>[1], pointer: string, xpath: string, findings: TransitFinding[]): void {
  if (findings.length >= MAX_FINDINGS) return;
  const nested = el.children.find((c): c is XmlElement => typeof c !== 'string');
  if (nested) {
    findings.push(schemaFinding('transit.schema.unexpected', '15', `${nested.name} is not allowed inside ${el.name}, which holds a value`, `${pointer}/${nested.name}`, `${xpath}/${nested.name}`));
    return;
  }
  if (el.attrs.some((a) => a.ns !== XSI)) {
    const attr = el.attrs.find((a) => a.ns !== XSI)!;
    findings.push(schemaFinding('transit.schema.attribute', '15', `the attribute ${attr.name} is not allowed`, `${pointer}/@${attr.name}`, `${xpath}/@${attr.name}`, attr.value));
  }
  const value = textOf(el);
  const problem = valueProblem(value, type);
  if (problem) findings.push(schemaFinding('transit.schema.value', '12', problem, pointer, xpath, value));
}
