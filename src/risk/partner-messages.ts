/**
 * What a partner customs administration tells this one under a mutual recognition arrangement,
 * as the JSON payload of its signed envelope (JWS, header.documentKind naming the message):
 * `control-result`, its control of an export whose data reached this gateway ("my export as
 * your import"), and `aeo-status`, its word on its own operators' AEO authorisations.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Participant } from '../config/types.js';
import { finding, RejectionError } from '../findings.js';
import { schemaFinding } from '../schema-finding.js';
import { aeoStatementSchema, type AeoStatement, OPERATOR_ID_PATTERN, statementFaults } from './aeo-register.js';
import { type ControlFinding, controlFindingsSchema, controlOutcomeSchema } from './control-results.js';
import type { ControlOutcome } from './vocabulary.js';

export const PARTNER_MESSAGE_KINDS = ['control-result', 'aeo-status'] as const;
export type PartnerMessageKind = (typeof PARTNER_MESSAGE_KINDS)[number];

/** The export a partner controlled, as the import later cites it. */
export interface ExportReference {
  /** The export's MRN: what an import declaration cites as PreviousDocument/ID. */
  mrn?: string;
  lrn?: string;
  /** The gateway exchange that carried the export here (sent by the same partner through /v1/inbound). */
  exchangeId?: string;
}

export interface PartnerControlMessage {
  kind: 'control-result';
  export: ExportReference;
  outcome: ControlOutcome;
  findings: ControlFinding[];
  controlledAt: string;
}

export interface PartnerAeoMessage {
  kind: 'aeo-status';
  authorisations: Array<AeoStatement & { operatorId: string }>;
}

export type PartnerMessage = PartnerControlMessage | PartnerAeoMessage;

const MAX_AEO_STATEMENTS_PER_MESSAGE = 100;

const reference = { type: 'string', pattern: '^[\\x21-\\x7E]{1,70}$' } as const;

export const partnerControlSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['export', 'outcome', 'controlledAt'],
  properties: {
    export: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      description:
        "The export controlled: its MRN (as an import cites it in PreviousDocument/ID; its country part must be the partner's), and/or the gateway exchange that carried it; its LRN as well, for the record",
      properties: { mrn: reference, lrn: reference, exchangeId: { type: 'string', pattern: '^[0-9A-HJKMNP-TV-Z]{26}$' } },
    },
    outcome: controlOutcomeSchema,
    findings: controlFindingsSchema,
    controlledAt: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})$' },
  },
} as const;

export const partnerAeoSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['authorisations'],
  properties: {
    authorisations: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_AEO_STATEMENTS_PER_MESSAGE,
      items: {
        ...aeoStatementSchema,
        required: ['operatorId', ...aeoStatementSchema.required],
        properties: { operatorId: { type: 'string', pattern: OPERATOR_ID_PATTERN }, ...aeoStatementSchema.properties },
      },
    },
  },
} as const;

const ajv = new Ajv2020({ allErrors: true, strict: true });
const validators = { 'control-result': ajv.compile(partnerControlSchema), 'aeo-status': ajv.compile(partnerAeoSchema) };

const invalid = (findings: ReturnType<typeof finding>[]) => new RejectionError(422, 'Invalid partner message', findings);

export function isPartnerMessageKind(kind: string): kind is PartnerMessageKind {
  return (PARTNER_MESSAGE_KINDS as readonly string[]).includes(kind);
}

/** How far ahead of the gateway's clock a partner's controlledAt may be: the envelope's own allowance. */
const CLOCK_SKEW_MS = 15 * 60_000;

/**
 * The message in a verified envelope's payload: 422 with a finding per fault when it is not of
 * its kind's shape, or controlled later than `now`; 403 when the partner speaks for an operator
 * or an export of another country (an operator's identifier starts with the country code, as
 * EORI and TIN numbers do; an MRN has it in characters 3–4).
 */
export function readPartnerMessage(kind: PartnerMessageKind, payload: unknown, partner: Pick<Participant, 'id' | 'country'>, now: Date): PartnerMessage {
  const validate = validators[kind];
  if (!validate(payload)) throw invalid((validate.errors ?? []).map((e) => schemaFinding(e, `partner.${kind}`)));
  if (kind === 'control-result') {
    const message = payload as Omit<PartnerControlMessage, 'kind' | 'findings'> & { findings?: ControlFinding[] };
    const controlledAt = Date.parse(message.controlledAt);
    if (!Number.isFinite(controlledAt))
      throw invalid([finding('partner.control-result.controlledAt', 'controlledAt is not a time that exists', '/controlledAt')]);
    // A result dated ahead would stay "the latest" over every correction after it.
    if (controlledAt > now.getTime() + CLOCK_SKEW_MS)
      throw invalid([finding('partner.control-result.controlledAt', `controlledAt ${message.controlledAt} is in the future`, '/controlledAt')]);
    // An LRN alone does not say which export: declarants choose them, and they repeat across countries.
    if (message.export.mrn === undefined && message.export.exchangeId === undefined)
      throw invalid([finding('partner.control-result.export', 'export names no MRN and no exchangeId: an LRN alone does not identify an export', '/export')]);
    const mrn = message.export.mrn;
    if (mrn !== undefined && (partner.country === undefined || mrn.slice(2, 4) !== partner.country))
      throw new RejectionError(403, 'Export outside the partner’s country', [
        finding(
          'recognition.export-outside-country',
          `${partner.id} reports on exports of ${partner.country ?? 'no country'}; MRN ${mrn} is another country's`,
          '/export/mrn',
        ),
      ]);
    return {
      kind,
      export: message.export,
      outcome: message.outcome,
      findings: message.findings ?? [],
      controlledAt: new Date(message.controlledAt).toISOString(),
    };
  }
  const { authorisations } = payload as Omit<PartnerAeoMessage, 'kind'>;
  const backwards = authorisations.flatMap((a, i) =>
    statementFaults(a).map((f) => finding(`partner.aeo-status.${f.field}`, f.text, `/authorisations/${i}/${f.field}`)),
  );
  if (backwards.length > 0) throw invalid(backwards);
  const foreign = authorisations.flatMap((a, i) =>
    partner.country !== undefined && a.operatorId.startsWith(partner.country)
      ? []
      : [
          finding(
            'recognition.operator-outside-country',
            `${partner.id} speaks for operators of ${partner.country ?? 'no country'}; ${a.operatorId} is not one`,
            `/authorisations/${i}/operatorId`,
          ),
        ],
  );
  if (foreign.length > 0) throw new RejectionError(403, 'Operator outside the partner’s country', foreign);
  return { kind, authorisations };
}
