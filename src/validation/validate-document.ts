/**
 * The one entry point for validating a WCO DM declaration, XML or JSON: structural findings
 * (from the XSD-generated schema) and, when the structure holds, business-rule findings.
 * Malformed input (not well-formed, not UTF-8, DTDs, over limits) throws RejectionError 400/413.
 */
import type { Participant } from '../config/types.js';
import type { Finding } from '../findings.js';
import { wcoXmlToJson } from '../documents/wco/codec.js';
import { DMS_DECLARATIONS, schemaSetOfJson, type WcoSchemaSet } from '../documents/wco/dms.js';
import { parseWcoJson, type WcoJsonObject } from '../documents/wco/json.js';
import { WCO_NAMESPACES, type NamespaceProfile } from '../documents/wco/namespaces.js';
import type { XmlElement } from '../documents/xml/tree.js';
import { type CodeList, COUNTRIES } from './code-lists.js';
import { pointerToXpath } from './json-pointer.js';
import { businessRuleFindings } from './rules.js';
import { structuralValidator, type StructuralValidator } from './structural.js';

export interface ValidationResult {
  findings: Finding[];
  /** The document as WCO JSON, when it could be read as one. */
  wcoJson?: WcoJsonObject;
  /** XML input as parsed: the element tree its facts and citations are read from, so the WCO JSON made of it need not become a tree again. */
  parsedXml?: XmlElement;
}

const validators = new Map<WcoSchemaSet, StructuralValidator>();

/** Compiled on first use (seconds: a schema set has ~500 types), then kept. */
function validatorFor(set: WcoSchemaSet): StructuralValidator {
  let validator = validators.get(set);
  if (!validator) {
    validator = structuralValidator(set.model, set.schema);
    validators.set(set, validator);
  }
  return validator;
}

/** Compiles the declaration schema now, so that no request pays the seconds it takes. */
export function prepareValidation(): void {
  validatorFor(DMS_DECLARATIONS);
}

export interface ValidationOptions {
  profile?: NamespaceProfile;
  /** The countries that count as known (ISO 3166-1 by default; see countriesFor). */
  countries?: CodeList;
}

/** A sender's declarations are read in its own namespace profile, when it has one. */
export const validationFor = (validation: ValidationOptions, sender: Pick<Participant, 'wcoNamespaces'>): ValidationOptions =>
  sender.wcoNamespaces ? { ...validation, profile: sender.wcoNamespaces } : validation;

export function validateDocument(body: Buffer, format: 'wco-xml' | 'wco-json', options: ValidationOptions = {}): ValidationResult {
  const countries = options.countries ?? COUNTRIES;
  if (format === 'wco-json') {
    const json = parseWcoJson(body);
    return { findings: checkWcoJson(json, [], countries), wcoJson: json };
  }
  const { json, findings: conversion, root } = wcoXmlToJson(body, options.profile ?? WCO_NAMESPACES);
  if (!json) return { findings: conversion };
  const findings = checkWcoJson(json, conversion, countries).map((f) => ({ ...f, xpath: f.xpath ?? pointerToXpath(f.path) }));
  return { findings, wcoJson: json, parsedXml: root };
}

/**
 * Structural findings (those found while converting XML, then the schema's); business rules
 * only once the structure holds, since they read the document by its schema's shape.
 */
function checkWcoJson(json: WcoJsonObject, conversion: Finding[], countries: CodeList): Finding[] {
  const structural = [...conversion, ...validatorFor(schemaSetOfJson(json)).validate(json)];
  return structural.length > 0 ? structural : businessRuleFindings(json, countries);
}
