/**
 * swgate's LPCO (licence, permit, certificate or other document) in its JSON form: the shape
 * that POST /v1/lpcos accepts and that the sps-to-lpco mapping produces from UN/CEFACT SPS
 * (ePhyto) XML. Every value is a string, as in WCO JSON; quantities are decimals read into
 * integer milli-units (quantity.ts), never floating point.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parseWcoJson, type JsonLimits } from '../documents/wco/json.js';
import { RejectionError, finding, type Finding } from '../findings.js';
import { schemaFinding } from '../schema-finding.js';
import { toMilli } from './quantity.js';

/** Lifecycle of a registered LPCO (lifecycle.ts says which changes are allowed). */
export const LPCO_STATUSES = ['issued', 'amended', 'replaced', 'revoked', 'withdrawn', 'expired', 'exhausted'] as const;
export type LpcoStatus = (typeof LPCO_STATUSES)[number];

/**
 * Which of a certificate's measures a line's quantity is: SPS certificates state net or gross
 * weight, volume or a package count, or none. Absent with a quantity: net weight.
 */
export const LPCO_MEASURES = ['net-weight', 'gross-weight', 'net-volume', 'gross-volume', 'packages'] as const;
export type LpcoMeasure = (typeof LPCO_MEASURES)[number];

/** A note of the certificate (SPS IncludedSPSNote / AdditionalInformationSPSNote): subject code and text. */
export interface LpcoNote {
  subject: string;
  content?: string;
  /** ISO 639 language of the content. */
  language?: string;
}

export interface LpcoLine {
  sequence: string;
  description: string;
  /** Absent where the certificate classifies the goods by name only: the line is then matched by description and botanical name. */
  hsCode?: string;
  /** Scientific (botanical or zoological) name, as SPS certificates identify goods. */
  botanicalName?: string;
  /** Decimal, e.g. "100.000". Absent: the line is not quantity-controlled (nothing is drawn on it). */
  quantity?: string;
  /** UN/ECE Recommendation 20 unit code (KGM, MTQ), or Recommendation 21 package type (BX) for a package count. */
  unit?: string;
  measure?: LpcoMeasure;
  origin: string;
  notes?: LpcoNote[];
}

export interface Lpco {
  /** WCO DM AdditionalDocument CategoryCode + TypeCode, e.g. N851 (phytosanitary), C400 (CITES). */
  documentCode: string;
  number: string;
  issuer: { agency: string; country: string };
  holder: { id: string; name: string };
  /** RFC 3339 UTC. */
  issuedAt: string;
  /** Calendar dates, both inclusive. */
  validFrom: string;
  validUntil: string;
  /** A document enters the registry issued or amended; the registry sets every later status. */
  status: 'issued' | 'amended';
  /** Number of the LPCO (same document code) this one replaces. */
  replaces?: string;
  exportCountry: string;
  importCountry: string;
  lines: LpcoLine[];
  notes?: LpcoNote[];
}

const text = { type: 'string', minLength: 1, maxLength: 512 } as const;
const country = { type: 'string', pattern: '^[A-Z]{2}$' } as const;
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const notes = {
  type: 'array',
  maxItems: 200,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['subject'],
    properties: {
      subject: { type: 'string', pattern: '^[\\x21-\\x7E]{1,70}$' },
      content: { type: 'string', minLength: 1, maxLength: 4096 },
      language: { type: 'string', pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$' },
    },
  },
} as const;

/** JSON Schema 2020-12 of the LPCO JSON form. Decimal and date values are checked further by readLpco. */
export const lpcoSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:swgate:schema:lpco:1',
  title: 'swgate e-LPCO',
  type: 'object',
  additionalProperties: false,
  required: ['documentCode', 'number', 'issuer', 'holder', 'issuedAt', 'validFrom', 'validUntil', 'status', 'exportCountry', 'importCountry', 'lines'],
  properties: {
    documentCode: { type: 'string', pattern: '^[0-9A-Z]{4}$', description: 'WCO DM AdditionalDocument CategoryCode + TypeCode' },
    number: { type: 'string', pattern: '^[\\x21-\\x7E]{1,70}$', description: 'The issuing authority’s document number (visible ASCII, as WCO DM an..70)' },
    issuer: {
      type: 'object',
      additionalProperties: false,
      required: ['agency', 'country'],
      properties: { agency: text, country },
    },
    holder: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'name'],
      properties: { id: { type: 'string', pattern: '^[\\x21-\\x7E]{1,35}$', description: 'Trader identifier, e.g. EORI' }, name: text },
    },
    issuedAt: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$' },
    validFrom: date,
    validUntil: date,
    status: {
      type: 'string',
      enum: ['issued', 'amended'],
      description: 'A document enters the registry issued or amended; later states are set by the registry',
    },
    replaces: { type: 'string', pattern: '^[\\x21-\\x7E]{1,70}$' },
    exportCountry: country,
    importCountry: country,
    lines: {
      type: 'array',
      minItems: 1,
      maxItems: 999,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['sequence', 'description', 'origin'],
        // A quantity is in a unit, and a measure is of a quantity: a line without one is not quantity-controlled.
        dependentRequired: { quantity: ['unit'], unit: ['quantity'], measure: ['quantity'] },
        properties: {
          sequence: { type: 'string', pattern: '^[1-9][0-9]{0,4}$' },
          description: text,
          hsCode: { type: 'string', pattern: '^[0-9]{4,10}$' },
          botanicalName: text,
          quantity: { type: 'string', pattern: '^[0-9]{1,12}(\\.[0-9]+)?$' },
          unit: { type: 'string', pattern: '^[0-9A-Z]{2,3}$', description: 'UN/ECE Recommendation 20, or Recommendation 21 for a package count' },
          measure: { type: 'string', enum: LPCO_MEASURES },
          origin: country,
          notes,
        },
      },
    },
    notes,
  },
} as const;

const validate = new Ajv2020({ allErrors: true, strict: true }).compile(lpcoSchema);

/** The LPCO in `json`, or a 422 RejectionError whose findings point (JSON pointer) at every problem. */
export function readLpco(json: unknown): Lpco {
  if (!validate(json)) throw invalid((validate.errors ?? []).map((e) => schemaFinding(e, 'lpco.schema')));
  const lpco = json as unknown as Lpco;
  const problems = semanticFindings(lpco);
  if (problems.length > 0) throw invalid(problems);
  return lpco;
}

/**
 * The LPCO in a JSON body as POST /v1/lpcos receives it. Parsed by the WCO JSON reader, so the
 * same limits hold (UTF-8 only, size, depth, no __proto__ keys) and a number where a string
 * belongs is refused before the schema runs.
 */
export function readLpcoJson(body: Buffer | string, limits: Partial<JsonLimits> = {}): Lpco {
  return readLpco(parseWcoJson(body, limits));
}

function invalid(findings: Finding[]): RejectionError {
  return new RejectionError(422, 'Invalid LPCO', findings);
}

/** What a schema cannot say: real calendar dates, their order, exact decimals, unique line numbers. */
function semanticFindings(lpco: Lpco): Finding[] {
  const findings: Finding[] = [];
  for (const field of ['validFrom', 'validUntil'] as const) {
    if (!isCalendarDate(lpco[field])) findings.push(finding('lpco.date', `${field} ${lpco[field]} is not a calendar date`, `/${field}`));
  }
  if (Number.isNaN(Date.parse(lpco.issuedAt))) findings.push(finding('lpco.date', `issuedAt ${lpco.issuedAt} is not a valid time`, '/issuedAt'));
  if (lpco.validFrom > lpco.validUntil) {
    findings.push(finding('lpco.validity', `validUntil ${lpco.validUntil} is before validFrom ${lpco.validFrom}`, '/validUntil'));
  }
  const sequences = new Set<string>();
  lpco.lines.forEach((line, i) => {
    if (sequences.has(line.sequence))
      findings.push(finding('lpco.line-sequence', `Line sequence ${line.sequence} appears more than once`, `/lines/${i}/sequence`));
    sequences.add(line.sequence);
    if (line.quantity === undefined) return;
    const milli = toMilli(line.quantity);
    if (milli === undefined) {
      findings.push(finding('lpco.quantity', `Quantity ${line.quantity} has more than three decimals`, `/lines/${i}/quantity`));
    } else if (milli === 0n) {
      findings.push(finding('lpco.quantity', 'Quantity must be greater than zero', `/lines/${i}/quantity`));
    }
  });
  if (lpco.replaces === lpco.number) findings.push(finding('lpco.replaces', 'An LPCO cannot replace itself', '/replaces'));
  return findings;
}

function isCalendarDate(value: string): boolean {
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}
