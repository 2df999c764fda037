/**
 * Control results: what customs, a PGA, or a partner customs found when it controlled goods.
 * Customs' and PGAs' results are stored in `control_results` (tables.ts); a partner's in
 * `partner_controls` (recognition-tables.ts). One shape of findings for both.
 */
import type { Kysely, Migration } from 'kysely';
import type { ControlResultRow, RiskTables } from './tables.js';
import { CONTROL_OUTCOMES, type ControlOutcome } from './vocabulary.js';

/** What a control found, in the controller's own codes: bounded so that a result stays a small row. */
export interface ControlFinding {
  code: string;
  text: string;
}

const MAX_CONTROL_FINDINGS = 50;

export const controlFindingsSchema = {
  type: 'array',
  maxItems: MAX_CONTROL_FINDINGS,
  description: "What the control found, in the controller's own codes",
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['code', 'text'],
    properties: {
      code: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' },
      text: { type: 'string', minLength: 1, maxLength: 2000 },
    },
  },
} as const;

export const controlOutcomeSchema = {
  type: 'string',
  enum: [...CONTROL_OUTCOMES],
  description: 'compliant: the goods were as declared; discrepancy: they were not',
} as const;

/** What customs or a PGA reports of its control of an exchange (POST /v1/exchanges/{id}/control-results). */
export interface ControlReport {
  outcome: ControlOutcome;
  findings?: ControlFinding[];
  /** What the control recovered (duties, fines), in the administration's currency. */
  revenue?: number;
  seized?: boolean;
}

export const controlReportSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['outcome'],
  properties: {
    outcome: controlOutcomeSchema,
    findings: controlFindingsSchema,
    // JSON has no infinities; the bound keeps a typo from becoming the year's revenue.
    revenue: { type: 'number', minimum: 0, maximum: 1e12, description: 'What the control recovered (duties, fines); 0 when left out' },
    seized: { type: 'boolean', description: 'Goods were seized; false when left out' },
  },
} as const;

/** A stored control result as the API shows it. */
export interface ControlResult {
  id: string;
  exchangeId: string;
  controller: string;
  outcome: ControlOutcome;
  findings: ControlFinding[];
  revenue: number;
  seized: boolean;
  recordedAt: string;
}

export const controlResultSchema = {
  type: 'object',
  required: ['id', 'exchangeId', 'controller', 'outcome', 'findings', 'revenue', 'seized', 'recordedAt'],
  properties: {
    id: { type: 'string', description: 'ULID' },
    exchangeId: { type: 'string' },
    controller: { type: 'string', description: 'The participant that controlled' },
    outcome: controlOutcomeSchema,
    findings: controlFindingsSchema,
    revenue: { type: 'number' },
    seized: { type: 'boolean' },
    recordedAt: { type: 'string', format: 'date-time' },
  },
} as const;

export function controlResultOf(id: string, exchangeId: string, controller: string, report: ControlReport, at: Date): ControlResult {
  return {
    id,
    exchangeId,
    controller,
    outcome: report.outcome,
    findings: report.findings ?? [],
    revenue: report.revenue ?? 0,
    seized: report.seized ?? false,
    recordedAt: at.toISOString(),
  };
}

const rowOf = (r: ControlResult): ControlResultRow => ({
  id: r.id,
  exchange_id: r.exchangeId,
  controller: r.controller,
  outcome: r.outcome,
  findings: JSON.stringify(r.findings),
  revenue: r.revenue,
  seized: r.seized ? 1 : 0,
  recorded_at: r.recordedAt,
});

const resultOf = (row: ControlResultRow): ControlResult => ({
  id: row.id,
  exchangeId: row.exchange_id,
  controller: row.controller,
  outcome: row.outcome,
  findings: JSON.parse(row.findings) as ControlFinding[],
  revenue: Number(row.revenue),
  seized: Number(row.seized) === 1,
  recordedAt: row.recorded_at,
});

export async function insertControlResult(db: Kysely<RiskTables>, result: ControlResult): Promise<void> {
  await db.insertInto('control_results').values(rowOf(result)).execute();
}

/** The exchange's control results, oldest first: all of them, or `controller`'s only. */
export async function controlResultsOf(db: Kysely<RiskTables>, exchangeId: string, controller?: string): Promise<ControlResult[]> {
  let query = db.selectFrom('control_results').selectAll().where('exchange_id', '=', exchangeId);
  if (controller !== undefined) query = query.where('controller', '=', controller);
  const rows = await query.orderBy('recorded_at').orderBy('id').execute();
  return rows.map(resultOf);
}

/** A POST of a result under an Idempotency-Key: the same key again answers the result it made. */
export interface ControlRequestRow {
  controller: string;
  idempotency_key: string;
  /** SHA-256 of the exchange id and the report (RFC 8785): the same key with another report is a conflict. */
  request_sha256: string;
  result_id: string;
  leaf_index: number;
  leaf_hash: string;
}

export interface ControlRequestTables {
  control_requests: ControlRequestRow;
}

export const controlRequestMigrations: Record<string, Migration> = {
  '047-control-requests': {
    async up(db) {
      await db.schema
        .createTable('control_requests')
        .addColumn('controller', 'text', (c) => c.notNull())
        .addColumn('idempotency_key', 'text', (c) => c.notNull())
        .addColumn('request_sha256', 'text', (c) => c.notNull())
        .addColumn('result_id', 'text', (c) => c.notNull())
        .addColumn('leaf_index', 'integer', (c) => c.notNull())
        .addColumn('leaf_hash', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('control_requests_pk', ['controller', 'idempotency_key'])
        .execute();
    },
  },
};

export async function controlResultById(db: Kysely<RiskTables>, id: string): Promise<ControlResult | undefined> {
  const row = await db.selectFrom('control_results').selectAll().where('id', '=', id).executeTakeFirst();
  return row && resultOf(row);
}
