/**
 * A risk profile as an agency writes it (JSON through the API, or YAML in the profiles folder),
 * and the one check both go through: ajv for the shape, then the condition language walked with
 * bounds (RISK.md, "Profiles"). Every problem is a finding naming where it is; a profile with
 * any finding is not stored.
 */
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { type Finding, finding } from '../../findings.js';
import { RISK_FACTS, type RiskFact } from '../fact-names.js';
import { LANES, type Lane } from '../vocabulary.js';

export type Scalar = string | number | boolean;

/** `{"fact": …, "<op>": …}`: a comparison of one fact of a goods item. */
export type Comparison = { fact: RiskFact } & (
  | { in: Scalar[] }
  | { notIn: Scalar[] }
  | { equals: Scalar }
  | { startsWith: string }
  | { below: number }
  | { above: number }
  | { between: [number, number] }
);
export type Condition = Comparison | { all: Condition[] } | { any: Condition[] } | { not: Condition };

export interface RiskProfile {
  id: string;
  description?: string;
  when: Condition;
  lane: Lane;
  instruction?: string;
  /** ISO date-time: the profile applies to declarations received at or after it. */
  validFrom?: string;
  /** ISO date-time: … and before it. */
  validTo?: string;
  /** The share of matching declarations selected, in (0, 1]; 1 when absent. */
  sampleRate?: number;
}

/** A profile as the store holds it: the owner that wrote it and its current version. */
export interface StoredProfile {
  owner: string;
  version: number;
  profile: RiskProfile;
}

const OPERATORS = ['in', 'notIn', 'equals', 'startsWith', 'below', 'above', 'between'] as const;
type Operator = (typeof OPERATORS)[number];

/** Bounds on what one profile may hold: what an agency needs, far from what would hurt the ingest path. */
export const PROFILE_LIMITS = {
  depth: 16,
  nodes: 1000,
  listLength: 10_000,
  /** Of a value compared with a fact. */
  valueLength: 256,
  textLength: 2000,
} as const;

export const PROFILE_ID_PATTERN = '^[a-z0-9][a-z0-9-]{0,63}$';

const dateTime = { type: 'string', format: 'date-time', maxLength: 40 } as const;

/** The profile's shape (ajv, and the OpenAPI document); the condition inside `when` is checked by checkCondition. */
export const riskProfileSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'when', 'lane'],
  properties: {
    id: { type: 'string', pattern: PROFILE_ID_PATTERN, description: "Unique among the owner's profiles" },
    description: { type: 'string', maxLength: PROFILE_LIMITS.textLength },
    when: {
      type: 'object',
      description:
        'A condition: `{"fact": <fact>, "<op>": <value>}` with op one of in, notIn (lists), equals, startsWith (strings), below, above (numbers), between ([low, high]); or `{"all": [...]}`, `{"any": [...]}`, `{"not": {...}}` (docs/RISK.md)',
    },
    lane: { type: 'string', description: `One of ${LANES.join(', ')}` },
    instruction: { type: 'string', maxLength: PROFILE_LIMITS.textLength, description: 'What the controlling officer is to do' },
    validFrom: { ...dateTime, description: 'Applies to declarations received at or after this time' },
    validTo: { ...dateTime, description: 'Applies to declarations received before this time' },
    sampleRate: {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 1,
      description: 'The share of matching declarations selected, reproducibly from the exchange id (control groups); 1 when absent',
    },
  },
} as const;

const ajv = new Ajv({ allErrors: true });
addFormats.default(ajv, ['date-time']);
const validateShape = ajv.compile(riskProfileSchema);

const pointer = (path: readonly (string | number)[]) => path.map((p) => `/${String(p).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
const quoted = (value: unknown) => JSON.stringify(String(value).slice(0, 80));

/**
 * The profile `input` as a RiskProfile, or every finding that refuses it. `input` is what a JSON
 * parser or the YAML reader produced; nothing of it is trusted.
 */
export function checkProfile(input: unknown): { profile: RiskProfile; findings: [] } | { findings: Finding[] } {
  if (!validateShape(input)) {
    return {
      findings: (validateShape.errors ?? []).map((e) => {
        const extra = e.keyword === 'additionalProperties' ? ` "${String(e.params.additionalProperty)}"` : '';
        return finding('risk-profile.shape', `${e.instancePath || 'the profile'} ${e.message ?? 'is invalid'}${extra}`, e.instancePath);
      }),
    };
  }
  const profile = input as unknown as RiskProfile;
  const findings: Finding[] = [];
  if (!(LANES as readonly string[]).includes(profile.lane)) {
    findings.push(finding('risk-profile.lane', `Unknown lane ${quoted(profile.lane)}: one of ${LANES.join(', ')}.`, '/lane'));
  }
  if (profile.validFrom !== undefined && profile.validTo !== undefined && Date.parse(profile.validFrom) >= Date.parse(profile.validTo)) {
    findings.push(finding('risk-profile.validity', 'validFrom must be before validTo.', '/validTo'));
  }
  findings.push(...checkCondition(profile.when));
  return findings.length > 0 ? { findings } : { profile, findings: [] };
}

/** Walks a condition: known facts and operators, values of the fact's type, and the bounds of PROFILE_LIMITS. */
function checkCondition(root: unknown): Finding[] {
  const findings: Finding[] = [];
  let nodes = 0;
  const fail = (path: readonly (string | number)[], code: string, message: string) =>
    void findings.push(finding(`risk-profile.${code}`, message, pointer(path)));

  const visit = (node: unknown, path: (string | number)[], depth: number): undefined => {
    nodes += 1;
    if (nodes > PROFILE_LIMITS.nodes) return; // said once, below
    if (depth > PROFILE_LIMITS.depth) return fail(path, 'depth', `Conditions nest deeper than ${PROFILE_LIMITS.depth} levels.`);
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return fail(path, 'condition', 'A condition is an object.');
    const keys = Object.keys(node);
    const record = node as Record<string, unknown>;
    for (const combinator of ['all', 'any'] as const) {
      if (!(combinator in record)) continue;
      if (keys.length !== 1) return fail(path, 'condition', `"${combinator}" stands alone in its condition (found ${keys.map((k) => quoted(k)).join(', ')}).`);
      const list = record[combinator];
      if (!Array.isArray(list) || list.length === 0) return fail([...path, combinator], 'condition', `"${combinator}" is a non-empty list of conditions.`);
      list.forEach((child, i) => {
        visit(child, [...path, combinator, i], depth + 1);
      });
      return;
    }
    if ('not' in record) {
      if (keys.length !== 1) return fail(path, 'condition', `"not" stands alone in its condition (found ${keys.map((k) => quoted(k)).join(', ')}).`);
      return visit(record.not, [...path, 'not'], depth + 1);
    }
    if (!('fact' in record))
      return fail(
        path,
        'condition',
        `A condition is {"fact", "<operator>"}, "all", "any" or "not" (found ${keys.map((k) => quoted(k)).join(', ') || 'nothing'}).`,
      );
    return checkComparison(record, path);
  };

  const checkComparison = (record: Record<string, unknown>, path: (string | number)[]): undefined => {
    const fact = record.fact;
    if (typeof fact !== 'string' || !Object.hasOwn(RISK_FACTS, fact)) return fail([...path, 'fact'], 'fact', `Unknown fact ${quoted(fact)}.`);
    const operators = Object.keys(record).filter((k) => k !== 'fact');
    const unknown = operators.find((k) => !(OPERATORS as readonly string[]).includes(k));
    if (unknown !== undefined) return fail([...path, unknown], 'operator', `Unknown operator ${quoted(unknown)}: one of ${OPERATORS.join(', ')}.`);
    if (operators.length !== 1) return fail(path, 'operator', `A comparison has exactly one operator (found ${operators.length}).`);
    const op = operators[0] as Operator;
    const type = RISK_FACTS[fact as RiskFact];
    const value = record[op];
    const at = [...path, op];
    const mismatch = (wanted: string) => fail(at, 'type', `"${op}" on ${type} fact "${fact}" takes ${wanted}.`);
    const scalarOk = (v: unknown) =>
      typeof v === type && (typeof v !== 'string' || (v.length > 0 && v.length <= PROFILE_LIMITS.valueLength)) && (typeof v !== 'number' || Number.isFinite(v));
    switch (op) {
      case 'in':
      case 'notIn':
        if (type === 'boolean') return mismatch('nothing: compare a boolean fact with "equals"');
        if (!Array.isArray(value) || value.length === 0) return mismatch(`a non-empty list of ${type}s`);
        if (value.length > PROFILE_LIMITS.listLength)
          return fail(at, 'list-length', `The list has ${value.length} values; at most ${PROFILE_LIMITS.listLength}.`);
        nodes += Math.floor(value.length / 100); // long lists count towards the profile's size
        if (!value.every(scalarOk)) return mismatch(`a list of ${type}s (strings of 1 to ${PROFILE_LIMITS.valueLength} characters)`);
        return;
      case 'equals':
        if (!scalarOk(value)) return mismatch(`a ${type}${type === 'string' ? ` of 1 to ${PROFILE_LIMITS.valueLength} characters` : ''}`);
        return;
      case 'startsWith':
        if (type !== 'string' || !scalarOk(value))
          return mismatch(type === 'string' ? `a string of 1 to ${PROFILE_LIMITS.valueLength} characters` : 'nothing: it is for string facts');
        return;
      case 'below':
      case 'above':
        if (type !== 'number' || !scalarOk(value)) return mismatch(type === 'number' ? 'a number' : 'nothing: it is for number facts');
        return;
      case 'between': {
        if (type !== 'number') return mismatch('nothing: it is for number facts');
        const [low, high] = Array.isArray(value) ? value : [];
        if (!Array.isArray(value) || value.length !== 2 || !scalarOk(low) || !scalarOk(high)) return mismatch('two numbers, [low, high]');
        if ((low as number) > (high as number)) return fail(at, 'between', `"between" takes [low, high] in ascending order (got [${low}, ${high}]).`);
      }
    }
  };

  visit(root, ['when'], 1);
  if (nodes > PROFILE_LIMITS.nodes) findings.push(finding('risk-profile.size', `The condition is larger than ${PROFILE_LIMITS.nodes} nodes.`, '/when'));
  return findings;
}
