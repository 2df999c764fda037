/**
 * Structural validation of WCO JSON with ajv against the schema generated from the XSDs. The
 * same validator serves JSON input and XML input after conversion, so both get the same
 * verdicts and the same findings.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Finding } from '../findings.js';
import type { WcoJsonObject } from '../documents/wco/json.js';
import type { SimpleType, WcoModel } from '../documents/wco/model.js';
import { pointerToken } from '../documents/wco/json.js';
import { simpleValueProblem } from './simple-value.js';
import { xsdPattern } from './xsd-regex.js';
import { pointerTokens } from './json-pointer.js';

export interface StructuralValidator {
  /** Findings for one WCO JSON document; its root key selects the root element. */
  validate(json: WcoJsonObject): Finding[];
}

function newAjv(allErrors: boolean): Ajv2020 {
  const ajv = new Ajv2020({ allErrors, strict: true, strictRequired: false });
  ajv.addKeyword({
    keyword: 'xsd',
    type: 'string',
    schemaType: 'object',
    errors: true,
    compile(facets: Omit<SimpleType, 'kind'>) {
      // A pattern the engine cannot run fails here, when the schema compiles, not on a request.
      for (const step of facets.patterns) for (const pattern of step) xsdPattern(pattern);
      const check = (value: string): boolean => {
        const problem = simpleValueProblem(value, facets);
        if (problem === null) return true;
        check.errors = [{ keyword: 'xsd', message: problem, params: {} }];
        return false;
      };
      check.errors = [] as Partial<ErrorObject>[];
      return check;
    },
  });
  return ajv;
}

/** One validator per root element, e.g. MetaData and a bare Declaration. */
function rootValidators(model: WcoModel, schema: Record<string, unknown>, allErrors: boolean): Map<string, ValidateFunction> {
  const ajv = newAjv(allErrors);
  ajv.addSchema(schema);
  const id = schema.$id as string;
  return new Map(model.roots.map((r) => [r.key, ajv.compile({ $ref: `${id}#/$defs/${r.type}` })]));
}

export function structuralValidator(model: WcoModel, schema: Record<string, unknown>): StructuralValidator {
  // Valid documents are the common case: a first-error validator answers them about twice as
  // fast; the all-errors one is compiled on the first invalid document, to list every finding.
  const firstError = rootValidators(model, schema, false);
  let allErrors: Map<string, ValidateFunction> | undefined;
  return {
    validate(json) {
      const names = Object.keys(json);
      const rootName = names[0] ?? '';
      const quick = firstError.get(rootName);
      if (names.length !== 1 || !quick) {
        const expected = [...firstError.keys()].join(' or ');
        return [{ severity: 'error', code: 'xsd.root', message: `The root must be one of ${expected}; found ${names.join(', ') || 'nothing'}`, path: '' }];
      }
      if (quick(json[rootName])) return [];
      allErrors ??= rootValidators(model, schema, true);
      const full = allErrors.get(rootName)!;
      full(json[rootName]);
      return findingsOf(full.errors ?? [], `/${pointerToken(rootName)}`);
    },
  };
}

/** The name of the element a pointer ends in (skipping array indexes). */
function elementAt(pointer: string): string {
  return (
    pointerTokens(pointer)
      .filter((t) => !/^\d+$/.test(t))
      .at(-1) ?? ''
  );
}

function findingOf(e: ErrorObject, root: string): Finding | null {
  const path = root + e.instancePath;
  const at = elementAt(path);
  const error = (code: string, message: string, where = path): Finding => ({ severity: 'error', code, message, path: where });
  switch (e.keyword) {
    case 'required': {
      const missing = String(e.params.missingProperty);
      const kind = missing.charAt(0) === missing.charAt(0).toUpperCase() ? 'element' : 'attribute';
      return error('xsd.required', `${at} requires the ${kind} ${missing}`, `${path}/${pointerToken(missing)}`);
    }
    case 'additionalProperties': {
      const extra = String(e.params.additionalProperty);
      const isElement = extra.charAt(0) === extra.charAt(0).toUpperCase();
      return isElement
        ? error('xsd.unknown-element', `${extra} is not expected in ${at}`, `${path}/${pointerToken(extra)}`)
        : error('xsd.unknown-attribute', `Attribute ${extra} is not allowed on ${at}`, `${path}/${pointerToken(extra)}`);
    }
    case 'maxItems':
      return error('xsd.too-many', `${at} may occur at most ${e.params.limit} times`);
    case 'minItems':
      return error('xsd.too-few', `${at} must occur at least ${e.params.limit} times`);
    case 'type':
      return error('xsd.type', `${at} must be ${e.params.type === 'string' ? 'text' : e.params.type === 'array' ? 'a list' : 'an element with content'}`);
    case 'xsd':
      return error('xsd.value', `${at}: ${e.message}`);
    case 'const':
      return error('xsd.value', `${at} must be empty`);
    case 'oneOf':
    case 'anyOf':
    case 'not':
      return error('xsd.choice', `${at} must hold exactly one of the alternatives its schema allows`);
    case 'if':
      return null; // always accompanied by the error of the branch that failed
    default:
      return error('xsd.invalid', `${at}: ${e.message ?? e.keyword}`);
  }
}

function findingsOf(errors: ErrorObject[], root: string): Finding[] {
  const findings = errors.map((e) => findingOf(e, root)).filter((f): f is Finding => f !== null);
  // A failed choice also shows as the missing or unexpected element inside it: keep that one.
  const specific = new Set(findings.filter((f) => f.code !== 'xsd.choice').map((f) => f.path));
  const kept = findings.filter((f) => f.code !== 'xsd.choice' || ![...specific].some((p) => p.startsWith(f.path)));
  // ajv repeats an error once per branch that reaches it; one finding each is enough.
  const unique = new Map<string, Finding>();
  for (const f of kept) {
    const key = `${f.code} ${f.path} ${f.message}`;
    if (!unique.has(key)) unique.set(key, f);
  }
  return [...unique.values()];
}
