/**
 * AEO authorisations: customs' own register, and what partner customs state of their operators.
 * Each authority's latest word per operator is one row (`aeo_authorisations`, what aeoHolders
 * reads); every word is kept as a version (`aeo_authorisation_versions`).
 */
import type { Kysely } from 'kysely';
import { newId } from '../store/exchanges.js';
import {
  AEO_STATUSES,
  AEO_TYPES,
  type AeoAuthorisationRow,
  type AeoAuthorisationVersionRow,
  type AeoStatus,
  type AeoType,
  type RecognitionTables,
} from './recognition-tables.js';

export type RecognitionDb = Kysely<RecognitionTables>;

/** An authority's statement of one operator's authorisation. */
export interface AeoStatement {
  status: AeoStatus;
  type: AeoType;
  /** YYYY-MM-DD. */
  validFrom: string;
  /** YYYY-MM-DD, inclusive. */
  validTo?: string;
}

const DATE = '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';

/** EORI, TIN or another operator identifier: visible ASCII, as WCO DM an..35 (the `actsFor` ids of the configuration). */
export const OPERATOR_ID_PATTERN = '^[\\x21-\\x7E]{1,35}$';

export const aeoStatementSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['status', 'type', 'validFrom'],
  properties: {
    status: { type: 'string', enum: [...AEO_STATUSES] },
    type: { type: 'string', enum: [...AEO_TYPES], description: 'AEOC customs simplifications, AEOS security and safety, AEOF both' },
    validFrom: { type: 'string', pattern: DATE, description: 'YYYY-MM-DD' },
    validTo: { type: 'string', pattern: DATE, description: 'YYYY-MM-DD, inclusive; absent: open-ended' },
  },
} as const;

/** An authorisation as the API shows it: one version of one authority's word on one operator. */
export interface AeoAuthorisation extends AeoStatement {
  operatorId: string;
  authority: string;
  version: number;
  changedAt: string;
  changedBy: string;
}

export const aeoAuthorisationSchema = {
  type: 'object',
  required: ['operatorId', 'authority', 'version', 'status', 'type', 'validFrom', 'changedAt', 'changedBy'],
  properties: {
    operatorId: { type: 'string' },
    authority: { type: 'string', description: "Whose register: this customs administration's participant id, or a partner customs'" },
    version: { type: 'integer', minimum: 1 },
    ...aeoStatementSchema.properties,
    changedAt: { type: 'string', format: 'date-time' },
    changedBy: { type: 'string' },
  },
} as const;

const isRealDate = (date: string): boolean => {
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
};

/** What a schema cannot say of a statement: a date of the right shape that does not exist (2026-02-31), validTo before validFrom. */
export interface StatementFault {
  field: 'validFrom' | 'validTo';
  fault: 'no-such-date' | 'ends-before-it-starts';
  text: string;
}

export function statementFaults(s: AeoStatement): StatementFault[] {
  const faults: StatementFault[] = [];
  for (const field of ['validFrom', 'validTo'] as const) {
    const date = s[field];
    if (date !== undefined && !isRealDate(date)) faults.push({ field, fault: 'no-such-date', text: `${field} ${date} is not a date that exists` });
  }
  if (faults.length === 0 && s.validTo !== undefined && s.validTo < s.validFrom)
    faults.push({ field: 'validTo', fault: 'ends-before-it-starts', text: `validTo ${s.validTo} is before validFrom ${s.validFrom}` });
  return faults;
}

export const authorisationOf = (row: AeoAuthorisationRow): AeoAuthorisation => ({
  operatorId: row.operator_id,
  authority: row.authority,
  version: Number(row.version),
  status: row.status,
  type: row.type,
  validFrom: row.valid_from,
  ...(row.valid_to !== null ? { validTo: row.valid_to } : {}),
  changedAt: row.changed_at,
  changedBy: row.changed_by,
});

const sameStatement = (row: AeoAuthorisationRow, s: AeoStatement) =>
  row.status === s.status && row.type === s.type && row.valid_from === s.validFrom && row.valid_to === (s.validTo ?? null);

/**
 * Records `authority`'s statement of `operatorId` as its next version, inside the caller's write
 * transaction: the authorisation as it now stands, and the version written (`changed`), none when
 * the statement repeated the current one.
 */
export async function stateAuthorisation(
  trx: RecognitionDb,
  authority: string,
  operatorId: string,
  statement: AeoStatement,
  by: string,
  at: Date,
): Promise<{ current: AeoAuthorisationRow; changed?: AeoAuthorisationVersionRow }> {
  const current = await trx
    .selectFrom('aeo_authorisations')
    .selectAll()
    .where('authority', '=', authority)
    .where('operator_id', '=', operatorId)
    .executeTakeFirst();
  if (current && sameStatement(current, statement)) return { current };
  const row: AeoAuthorisationRow = {
    authority,
    operator_id: operatorId,
    version: Number(current?.version ?? 0) + 1,
    status: statement.status,
    type: statement.type,
    valid_from: statement.validFrom,
    valid_to: statement.validTo ?? null,
    changed_at: at.toISOString(),
    changed_by: by,
  };
  const version = { id: newId(), ...row };
  await trx.insertInto('aeo_authorisation_versions').values(version).execute();
  await trx
    .insertInto('aeo_authorisations')
    .values(row)
    .onConflict((oc) => oc.columns(['authority', 'operator_id']).doUpdateSet(row))
    .execute();
  return { current: row, changed: version };
}

/** Every authority's current word on `operatorId`. */
export async function authorisationsOf(db: RecognitionDb, operatorId: string): Promise<AeoAuthorisation[]> {
  const rows = await db.selectFrom('aeo_authorisations').selectAll().where('operator_id', '=', operatorId).orderBy('authority').execute();
  return rows.map(authorisationOf);
}

/** `authority`'s versions for `operatorId`, oldest first. */
export async function versionsOf(db: RecognitionDb, authority: string, operatorId: string): Promise<AeoAuthorisation[]> {
  const rows = await db
    .selectFrom('aeo_authorisation_versions')
    .selectAll()
    .where('authority', '=', authority)
    .where('operator_id', '=', operatorId)
    .orderBy('version')
    .execute();
  return rows.map(authorisationOf);
}

export interface RegisterPage {
  status?: AeoStatus;
  /** The operator id the previous page ended with. */
  cursor?: string;
  limit: number;
}

/** `authority`'s current authorisations, by operator id. */
export async function registerOf(db: RecognitionDb, authority: string, page: RegisterPage): Promise<AeoAuthorisation[]> {
  let query = db.selectFrom('aeo_authorisations').selectAll().where('authority', '=', authority);
  if (page.status) query = query.where('status', '=', page.status);
  if (page.cursor) query = query.where('operator_id', '>', page.cursor);
  const rows = await query.orderBy('operator_id').limit(page.limit).execute();
  return rows.map(authorisationOf);
}
