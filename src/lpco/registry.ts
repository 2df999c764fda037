/**
 * The LPCO registry: registration (new, amending and replacing documents), reading with
 * remaining quantities and history, and status changes by the issuer.
 */
import type { Kysely } from 'kysely';
import { monotonicFactory } from 'ulid';
import { randomFraction } from '../random-bytes.js';
import { RejectionError, finding } from '../findings.js';
import type { DatabaseKind } from '../store/db.js';
import { flushBeforeCommit } from '../store/write-lock.js';
import { type IssuerStatus, ISSUER_STATUSES, dateOf, effectiveStatus, transitionFinding } from './lifecycle.js';
import type { Lpco, LpcoStatus } from './lpco.js';
import { fromMilli, toMilli } from './quantity.js';
import type { LpcoHistoryRow, LpcoLineRow, LpcoRow, LpcoTables, Movement } from './tables.js';

export type LpcoDb = Kysely<LpcoTables>;

export interface RegistryOptions {
  /** The registry's clock: derives `expired` from validity, stamps history. */
  now?: () => Date;
}

/** Actor of the changes the registry makes on its own (exhausted, usable again after a release). */
export const REGISTRY_ACTOR = 'registry';

export const newId = monotonicFactory(randomFraction);

export interface LpcoLineView {
  sequence: string;
  quantityControlled: boolean;
  hsCode?: string;
  unit?: string;
  quantity?: string;
  remaining?: string;
}

export interface LpcoHistoryEntry {
  at: string;
  from: LpcoStatus | null;
  to: LpcoStatus;
  reason: string;
  actor: string;
  /** A quantity movement: which declaration moved how much of which line. */
  movement?: { kind: Movement; declarationExchangeId: string; line: string; quantity: string };
}

export interface LpcoView {
  id: string;
  documentCode: string;
  number: string;
  issuerParticipant: string;
  holderId: string;
  /** As of the registry's clock: past validUntil reads as expired. */
  status: LpcoStatus;
  validFrom: string;
  validUntil: string;
  replacedBy: string | null;
  registeredAt: string;
  updatedAt: string;
  lines: LpcoLineView[];
  history: LpcoHistoryEntry[];
  document: Lpco;
}

/**
 * The LPCO rows for update: on PostgreSQL the rows are locked (in id order, so two
 * transactions never wait on each other crosswise); SQLite has a single writer already.
 */
export function lpcosForUpdate(trx: LpcoDb, kind: DatabaseKind) {
  const query = trx.selectFrom('lpcos').selectAll().orderBy('id');
  return kind === 'postgres' ? query.forUpdate() : query;
}

type StatusEntry = Omit<LpcoHistoryRow, 'id' | 'movement' | 'declaration_exchange_id' | 'line_sequence' | 'quantity'>;

/** The history row of a status change. */
export function statusRow(entry: StatusEntry): LpcoHistoryRow {
  return { id: newId(), ...entry, movement: null, declaration_exchange_id: null, line_sequence: null, quantity: null };
}

/** A status change in the history; returns the entry's id. */
export async function recordHistory(trx: LpcoDb, entry: StatusEntry): Promise<string> {
  const row = statusRow(entry);
  await trx.insertInto('lpco_history').values(row).execute();
  return row.id;
}

const notFound = (id: string) => new RejectionError(404, 'Not found', [finding('lpco.not-found', `No LPCO ${id} is visible to you.`)]);

const conflict = (code: string, message: string, path = '') => new RejectionError(409, 'Conflict', [finding(code, message, path)]);

/**
 * Registers `lpco` for the issuing participant and returns its id. A document that names one
 * it `replaces` marks that one replaced; a document with status `amended` and the number of
 * one already registered by the same issuer amends it, keeping what has been drawn on it.
 */
export async function registerLpco(db: LpcoDb, kind: DatabaseKind, lpco: Lpco, issuerParticipantId: string, options: RegistryOptions = {}): Promise<string> {
  return db.transaction().execute((trx) => registerIn(trx, kind, lpco, issuerParticipantId, options));
}

/** registerLpco inside the caller's transaction: the document's exchange is stored in it too (pipeline/ingest.ts). */
export async function registerIn(trx: LpcoDb, kind: DatabaseKind, lpco: Lpco, issuerParticipantId: string, options: RegistryOptions = {}): Promise<string> {
  // Reservations this transaction deferred (write-off.ts) are written first; the next one reads what this registers.
  await flushBeforeCommit(trx);
  const now = (options.now ?? (() => new Date()))();
  // Numbers are the issuing authority's own: another issuer's document of the same number is another document.
  const existing = await lpcosForUpdate(trx, kind)
    .where('issuer_participant', '=', issuerParticipantId)
    .where('document_code', '=', lpco.documentCode)
    .where('number', '=', lpco.number)
    .executeTakeFirst();
  if (existing) {
    if (lpco.status !== 'amended') {
      throw conflict(
        'lpco.duplicate',
        `${lpco.documentCode} ${lpco.number} is already registered (${existing.id}); send it with status "amended" to amend it`,
        '/number',
      );
    }
    await amend(trx, existing, lpco, issuerParticipantId, now);
    return existing.id;
  }
  const id = newId();
  const at = now.toISOString();
  await trx
    .insertInto('lpcos')
    .values({
      id,
      document_code: lpco.documentCode,
      number: lpco.number,
      issuer_participant: issuerParticipantId,
      holder_id: lpco.holder.id,
      valid_from: lpco.validFrom,
      valid_until: lpco.validUntil,
      status: lpco.status,
      replaced_by: null,
      document: JSON.stringify(lpco),
      registered_at: at,
      updated_at: at,
    })
    .execute();
  await trx
    .insertInto('lpco_lines')
    .values(lineRows(id, lpco, () => 0n))
    .execute();
  await recordHistory(trx, { lpco_id: id, at, from_status: null, to_status: lpco.status, reason: 'registered', actor: issuerParticipantId });
  if (lpco.replaces !== undefined) {
    const replaced = await lpcosForUpdate(trx, kind)
      .where('issuer_participant', '=', issuerParticipantId)
      .where('document_code', '=', lpco.documentCode)
      .where('number', '=', lpco.replaces)
      .executeTakeFirst();
    await markReplaced(trx, replaced, lpco, id, issuerParticipantId, now);
  }
  return id;
}

function lineRows(lpcoId: string, lpco: Lpco, drawnOn: (sequence: string) => bigint): LpcoLineRow[] {
  return lpco.lines.map((line) => {
    // readLpco has checked every quantity, so toMilli cannot fail here.
    const quantity = line.quantity === undefined ? 0n : (toMilli(line.quantity) as bigint);
    const goodsName = line.hsCode === undefined ? [line.description, line.botanicalName ?? ''].join('\n').toLowerCase() : null;
    return {
      lpco_id: lpcoId,
      sequence: line.sequence,
      hs_code: line.hsCode ?? '',
      unit: line.unit ?? '',
      quantity,
      remaining: quantity - drawnOn(line.sequence),
      controlled: line.quantity === undefined ? 0 : 1,
      goods_name: goodsName,
    };
  });
}

/** `old` is looked up among the issuer's own documents: another issuer's is "not registered", and stays unseen. */
async function markReplaced(trx: LpcoDb, old: LpcoRow | undefined, lpco: Lpco, replacementId: string, actor: string, now: Date): Promise<void> {
  // One participant may stand for several issuing countries (the ePhyto hub): a country replaces only its own documents.
  if (!old || (JSON.parse(old.document) as Lpco).issuer.country !== lpco.issuer.country)
    throw new RejectionError(422, 'Invalid LPCO', [
      finding(
        'lpco.replaces-unknown',
        `${lpco.documentCode} ${lpco.replaces} that this document replaces is not among the documents you registered`,
        '/replaces',
      ),
    ]);
  const from = effectiveStatus(old.status, old.valid_until, dateOf(now));
  const illegal = transitionFinding(from, 'replaced', '/replaces');
  if (illegal) throw new RejectionError(409, 'Conflict', [illegal]);
  const at = now.toISOString();
  await trx.updateTable('lpcos').set({ status: 'replaced', replaced_by: replacementId, updated_at: at }).where('id', '=', old.id).execute();
  await recordHistory(trx, { lpco_id: old.id, at, from_status: from, to_status: 'replaced', reason: `replaced by ${lpco.documentCode} ${lpco.number}`, actor });
}

/** Amends in place: new lines, validity and holder; what declarations have drawn stays drawn. */
async function amend(trx: LpcoDb, existing: LpcoRow, lpco: Lpco, actor: string, now: Date): Promise<void> {
  const from = effectiveStatus(existing.status, existing.valid_until, dateOf(now));
  const illegal = transitionFinding(from, 'amended');
  if (illegal) throw new RejectionError(409, 'Conflict', [illegal]);
  const oldLines = await trx.selectFrom('lpco_lines').selectAll().where('lpco_id', '=', existing.id).execute();
  const drawn = new Map(oldLines.map((l) => [l.sequence, BigInt(l.quantity) - BigInt(l.remaining)]));
  const kept = new Set(lpco.lines.map((l) => l.sequence));
  const dropped = oldLines.find((l) => !kept.has(l.sequence) && (drawn.get(l.sequence) ?? 0n) > 0n);
  if (dropped)
    throw conflict(
      'lpco.amendment-below-drawn',
      `Line ${dropped.sequence} has ${fromMilli(drawn.get(dropped.sequence) ?? 0n)} ${dropped.unit} drawn and cannot be removed`,
      '/lines',
    );
  const rows = lineRows(existing.id, lpco, (sequence) => drawn.get(sequence) ?? 0n);
  const below = rows.findIndex((r) => BigInt(r.remaining) < 0n);
  if (below >= 0) {
    const row = rows[below] as LpcoLineRow;
    throw conflict(
      'lpco.amendment-below-drawn',
      `Line ${row.sequence} would be below the ${fromMilli(drawn.get(row.sequence) ?? 0n)} ${row.unit} already drawn`,
      `/lines/${below}/quantity`,
    );
  }
  const at = now.toISOString();
  await trx.deleteFrom('lpco_lines').where('lpco_id', '=', existing.id).execute();
  await trx.insertInto('lpco_lines').values(rows).execute();
  await trx
    .updateTable('lpcos')
    .set({
      status: 'amended',
      holder_id: lpco.holder.id,
      valid_from: lpco.validFrom,
      valid_until: lpco.validUntil,
      document: JSON.stringify(lpco),
      updated_at: at,
    })
    .where('id', '=', existing.id)
    .execute();
  await recordHistory(trx, { lpco_id: existing.id, at, from_status: from, to_status: 'amended', reason: 'amended by the issuer', actor });
}

function notIssuer(row: LpcoRow): RejectionError {
  return new RejectionError(403, 'Forbidden', [finding('lpco.not-issuer', `Only the issuer of ${row.document_code} ${row.number} may change it`)]);
}

export async function getLpco(db: LpcoDb, id: string, options: RegistryOptions = {}): Promise<LpcoView | undefined> {
  const row = await db.selectFrom('lpcos').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const [lines, history] = await Promise.all([
    db.selectFrom('lpco_lines').selectAll().where('lpco_id', '=', id).execute(),
    db.selectFrom('lpco_history').selectAll().where('lpco_id', '=', id).orderBy('id').execute(),
  ]);
  const today = dateOf((options.now ?? (() => new Date()))());
  return {
    ...summaryOf(row, lines, today),
    history: history.map(historyEntry),
    document: JSON.parse(row.document) as Lpco,
  };
}

/** Whose e-LPCOs a reader may list: every one, or those it issued and those of the holders it acts for (store/visibility.ts, lpcoScopeOf). */
export type LpcoScope = { all: true } | { all: false; issuer: string; holders: readonly string[] };

export interface LpcoListQuery {
  status?: LpcoStatus;
  holder?: string;
  issuer?: string;
  documentCode?: string;
  /** The id of the last LPCO of the previous page. */
  cursor?: string;
  limit: number;
}

/** An e-LPCO as a list shows it: GET /v1/lpcos/{id} without history or document. */
export type LpcoSummary = Omit<LpcoView, 'history' | 'document'>;

const LIVE: readonly LpcoStatus[] = ['issued', 'amended', 'exhausted'];

/**
 * The e-LPCOs within `scope`, newest registered first, with their lines. A status is the one
 * GET /v1/lpcos/{id} shows: a live LPCO past its validUntil is expired.
 */
export async function listLpcos(db: LpcoDb, scope: LpcoScope, q: LpcoListQuery, options: RegistryOptions = {}): Promise<LpcoSummary[]> {
  const today = dateOf((options.now ?? (() => new Date()))());
  let query = db
    .selectFrom('lpcos')
    .select([
      'id',
      'document_code',
      'number',
      'issuer_participant',
      'holder_id',
      'status',
      'valid_from',
      'valid_until',
      'replaced_by',
      'registered_at',
      'updated_at',
    ]);
  if (!scope.all) {
    const { issuer, holders } = scope;
    query = query.where((eb) => eb.or([eb('issuer_participant', '=', issuer), ...(holders.length > 0 ? [eb('holder_id', 'in', holders)] : [])]));
  }
  if (q.holder !== undefined) query = query.where('holder_id', '=', q.holder);
  if (q.issuer !== undefined) query = query.where('issuer_participant', '=', q.issuer);
  if (q.documentCode !== undefined) query = query.where('document_code', '=', q.documentCode);
  const status = q.status;
  if (status === 'expired')
    query = query.where((eb) => eb.or([eb('status', '=', 'expired'), eb.and([eb('status', 'in', LIVE), eb('valid_until', '<', today)])]));
  else if (status !== undefined && LIVE.includes(status)) query = query.where('status', '=', status).where('valid_until', '>=', today);
  else if (status !== undefined) query = query.where('status', '=', status);
  if (q.cursor !== undefined) query = query.where('id', '<', q.cursor);
  const rows = await query.orderBy('id', 'desc').limit(q.limit).execute();
  if (rows.length === 0) return [];
  const lines = await db
    .selectFrom('lpco_lines')
    .selectAll()
    .where(
      'lpco_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((row) =>
    summaryOf(
      row,
      lines.filter((l) => l.lpco_id === row.id),
      today,
    ),
  );
}

/** An LPCO as lists and GET /v1/lpcos/{id} show it, its status as of `today`. */
function summaryOf(row: Omit<LpcoRow, 'document'>, lines: LpcoLineRow[], today: string): LpcoSummary {
  return {
    id: row.id,
    documentCode: row.document_code,
    number: row.number,
    issuerParticipant: row.issuer_participant,
    holderId: row.holder_id,
    status: effectiveStatus(row.status, row.valid_until, today),
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    replacedBy: row.replaced_by,
    registeredAt: row.registered_at,
    updatedAt: row.updated_at,
    lines: [...lines].sort((a, b) => Number(a.sequence) - Number(b.sequence)).map(lineView),
  };
}

function lineView(l: LpcoLineRow): LpcoLineView {
  const hsCode = l.hs_code === '' ? {} : { hsCode: l.hs_code };
  if (Number(l.controlled) === 0) return { sequence: l.sequence, quantityControlled: false, ...hsCode };
  return {
    sequence: l.sequence,
    quantityControlled: true,
    ...hsCode,
    unit: l.unit,
    quantity: fromMilli(BigInt(l.quantity)),
    remaining: fromMilli(BigInt(l.remaining)),
  };
}

function historyEntry(h: LpcoHistoryRow): LpcoHistoryEntry {
  const entry = { at: h.at, from: h.from_status, to: h.to_status, reason: h.reason, actor: h.actor };
  if (h.movement === null) return entry;
  return {
    ...entry,
    movement: {
      kind: h.movement,
      declarationExchangeId: h.declaration_exchange_id ?? '',
      line: h.line_sequence ?? '',
      quantity: fromMilli(BigInt(h.quantity ?? 0)),
    },
  };
}

export interface StatusChange {
  status: IssuerStatus;
  reason: string;
}

/** The issuer revokes, withdraws or expires its LPCO: 404 unknown, 403 not the issuer, 409 not a lifecycle step. */
export async function changeStatus(
  db: LpcoDb,
  kind: DatabaseKind,
  id: string,
  change: StatusChange,
  actor: string,
  options: RegistryOptions = {},
): Promise<LpcoView> {
  await db.transaction().execute((trx) => changeStatusIn(trx, kind, id, change, actor, options));
  return (await getLpco(db, id, options)) as LpcoView;
}

/**
 * The change as it would be, checked but not stored: the LPCO as it will read once the change
 * is applied. The same refusals as changeStatus; changeStatusIn checks again under the lock.
 */
export async function planStatusChange(db: LpcoDb, id: string, change: StatusChange, actor: string, options: RegistryOptions = {}): Promise<LpcoView> {
  const row = await db.selectFrom('lpcos').selectAll().where('id', '=', id).executeTakeFirst();
  checkStatusChange(row, id, change, actor, (options.now ?? (() => new Date()))());
  const view = (await getLpco(db, id, options)) as LpcoView;
  return { ...view, status: change.status };
}

function checkStatusChange(row: LpcoRow | undefined, id: string, change: StatusChange, actor: string, now: Date): asserts row is LpcoRow {
  if (!ISSUER_STATUSES.includes(change.status)) {
    throw new RejectionError(422, 'Invalid status change', [
      finding(
        'lpco.status-not-settable',
        `The issuer may set ${ISSUER_STATUSES.join(', ')}; replaced, amended and exhausted follow from documents and write-offs`,
        '/status',
      ),
    ]);
  }
  if (!row) throw notFound(id);
  if (row.issuer_participant !== actor) throw notIssuer(row);
  const illegal = transitionFinding(effectiveStatus(row.status, row.valid_until, dateOf(now)), change.status);
  if (illegal) throw new RejectionError(409, 'Conflict', [illegal]);
}

/** changeStatus inside the caller's transaction, under the LPCO's lock: its status document's exchange is stored in it too (pipeline/lodge.ts). */
export async function changeStatusIn(
  trx: LpcoDb,
  kind: DatabaseKind,
  id: string,
  change: StatusChange,
  actor: string,
  options: RegistryOptions = {},
): Promise<void> {
  // Reservations this transaction deferred (write-off.ts) are written first; the next one reads the new status.
  await flushBeforeCommit(trx);
  const now = (options.now ?? (() => new Date()))();
  const at = now.toISOString();
  const row = await lpcosForUpdate(trx, kind).where('id', '=', id).executeTakeFirst();
  checkStatusChange(row, id, change, actor, now);
  await trx.updateTable('lpcos').set({ status: change.status, updated_at: at }).where('id', '=', id).execute();
  await recordHistory(trx, {
    lpco_id: id,
    at,
    from_status: effectiveStatus(row.status, row.valid_until, dateOf(now)),
    to_status: change.status,
    reason: change.reason,
    actor,
  });
}
