/**
 * Checking a declaration's LPCO citations against the registry and drawing on them, in the
 * manner of EU CSW-CERTEX: quantities are reserved when the declaration is lodged, written
 * off when customs accepts it, released when customs rejects it, given back when customs
 * accepts its cancellation (customs-decision.ts decides which). Refusal reasons are findings
 * whose codes name the CERTEX-style reason (lpco.quantity-insufficient ~ CERTEX 05).
 *
 * No over-draw under concurrency: the cited LPCO rows are locked first (PostgreSQL, in id
 * order, so two transactions never wait on each other crosswise; SQLite has a single writer),
 * so a concurrent revocation, exhaustion or draw cannot slip between check and draw. Each draw
 * is then the conditional UPDATE … SET remaining = remaining - q WHERE … AND remaining >= q,
 * whose row count is checked, and a CHECK (remaining >= 0) stands behind both. The declarations
 * of one write batch are decided in turn against one in-memory balance and their draws written
 * together at its commit (reserveIn), so a batch costs a few statements, not a few per declaration.
 */
import type { Kysely } from 'kysely';
import { RejectionError, finding, hasErrors, type Finding, type Severity } from '../findings.js';
import type { DatabaseKind } from '../store/db.js';
import { beforeCommit, flushBeforeCommit, inWriteTransaction } from '../store/write-lock.js';
import { USABLE_STATUSES, dateOf, effectiveStatus } from './lifecycle.js';
import { fromMilli, toMilli } from './quantity.js';
import { type LpcoDb, REGISTRY_ACTOR, lpcosForUpdate, newId, recordHistory, statusRow } from './registry.js';
import type { LpcoStatus } from './lpco.js';
import type { LpcoHistoryRow, LpcoLineRow, LpcoReservationRow, LpcoRow, LpcoTables, Movement } from './tables.js';
import { convertMilli } from './units.js';

/** One AdditionalDocument of a declaration that cites an LPCO (citations.ts reads them). */
export interface LpcoCitation {
  /** CategoryCode + TypeCode, e.g. N851. */
  documentCode: string;
  /** The AdditionalDocument ID: the LPCO number. */
  number: string;
  /** SequenceNumeric of the declaration's goods item; absent for a header-level citation. */
  goodsItem?: string;
  /** The goods item's commodity code: picks the LPCO line when the LPCO has several in the cited unit. */
  hsCode?: string;
  /** The goods item's description: picks among LPCO lines that have no HS code (certificates that name the goods only). */
  description?: string;
  /** The LPCO line to draw on, when the caller knows it. */
  line?: string;
  /** Decimal to write off (WriteOff/QuantityQuantity). Absent: the LPCO is checked, nothing is drawn. */
  quantity?: string;
  /** unitCode of the quantity; a DMS qualifier ("KGM#G") is ignored when matching the line's unit. */
  unit?: string;
  /** Where the citation is in the declaration (JSON pointer), for findings. */
  path?: string;
}

export interface CitationCheck {
  /** The trader the LPCOs must be held by: the declaration's importer or exporter (EORI). */
  holderId: string | null;
  citations: LpcoCitation[];
}

/** A declaration's citations as one sender lodges them. */
export interface SenderCitations extends CitationCheck {
  /** Trader identifiers the sender acts for (its `actsFor`): it draws only on LPCOs they hold. */
  actsFor: readonly string[];
  /** The sender's participant id: the actor of the reservation in the LPCO's history. */
  sender?: string;
}

export interface ReservationRequest extends SenderCitations {
  declarationExchangeId: string;
}

export interface CitationPolicy {
  /** A cited LPCO the registry does not know: a warning (paper or foreign documents accepted) or an error. */
  unknownLpco: Extract<Severity, 'warning' | 'error'>;
  now?: () => Date;
}

export interface Reservation {
  lpcoId: string;
  documentCode: string;
  number: string;
  goodsItem: string;
  line: string;
  quantity: string;
  unit: string;
}

/** Where a reservation draws: which LPCO line, for which goods item of the declaration. */
export type DrawnOn = Pick<Reservation, 'lpcoId' | 'line' | 'goodsItem'>;

/** A quantity that moved, by which movement: what the history and the provenance log record. */
export interface Moved extends Reservation {
  movement: Movement;
}

export interface ReservationOutcome {
  reservations: Reservation[];
  /** Warnings (unknown LPCOs under the warning policy); errors refuse the whole request instead. */
  findings: Finding[];
}

/** A transaction, or a connection inside one the caller holds (store/write-lock.ts). */
type Trx = Kysely<LpcoTables>;

interface Cited {
  /** By document code and number: one per issuing authority that uses the number. */
  lpcos: Map<string, CitedLpco[]>;
  lines: Map<string, LpcoLineRow[]>;
  /** Numbers of the LPCOs that replaced cited ones, by id. */
  replacementNumbers: Map<string, string>;
}

interface Draw {
  lpco: CitedLpco;
  line: LpcoLineRow;
  milli: bigint;
  citation: LpcoCitation;
  path: string;
}

const keyOf = (documentCode: string, number: string) => `${documentCode} ${number}`;
/** How a declaration whose citations have errors is refused. */
const citationsRefused = (findings: Finding[]) => new RejectionError(422, 'LPCO citations refused', findings);

/**
 * Checks every citation and reserves every quantity, in one write transaction: either all of it
 * or, with a RejectionError listing every refusal reason (422; 409 when already reserved), none of it.
 */
export async function reserveForDeclaration(db: LpcoDb, kind: DatabaseKind, request: ReservationRequest, policy: CitationPolicy): Promise<ReservationOutcome> {
  return inWriteTransaction(db, kind, async (trx) => {
    // Read under the write lock: a concurrent reservation for the same declaration has committed by now.
    const holding = await trx
      .selectFrom('lpco_reservations')
      .select('id')
      .where('declaration_exchange_id', '=', request.declarationExchangeId)
      .where('state', '!=', 'released')
      .limit(1)
      .executeTakeFirst();
    if (holding) {
      throw new RejectionError(409, 'Conflict', [
        finding('lpco.already-reserved', `Declaration ${request.declarationExchangeId} already holds LPCO reservations; release them first`),
      ]);
    }
    return reserveIn(trx, kind, request, policy);
  });
}

/**
 * reserveForDeclaration inside the caller's write transaction (store/write-lock.ts), where the
 * declaration's exchange is stored too (pipeline/ingest.ts) under `declarationExchangeId`, new
 * there: its primary key, so it cannot already hold reservations and is not checked for them.
 *
 * The declaration is assessed at once, so its refusal (thrown, nothing reserved) or its warnings
 * are known to its caller, against the balance the transaction's earlier declarations left; what
 * it draws is written with theirs just before the transaction commits (beforeCommit), in a few
 * statements for the whole write batch. The cited LPCOs are loaded once per transaction and
 * locked (PostgreSQL; SQLite has a single writer) until it ends, so that balance is the
 * database's less what the transaction draws; the conditional decrement and the CHECK
 * constraint stand behind it.
 */
export async function reserveIn(trx: Trx, kind: DatabaseKind, request: ReservationRequest, policy: CitationPolicy): Promise<ReservationOutcome> {
  const now = (policy.now ?? (() => new Date()))();
  const pending = pendingIn(trx);
  await loadCited(trx, kind, request.citations, pending);
  const { cited, available } = pending;
  const { findings, draws } = assess(request, cited, available, dateOf(now), policy.unknownLpco);
  if (hasErrors(findings)) throw citationsRefused(findings);
  for (const total of totalsPerLine(draws)) available.set(lineKey(total.line), (available.get(lineKey(total.line)) ?? 0n) - total.milli);
  const emptied = [...new Set(draws.map((d) => d.lpco))].filter((lpco) => isEmpty(lpco, cited, available));
  pending.accepted.push({ request, draws, emptied, at: now.toISOString() });
  return { reservations: draws.map(reservationOf), findings };
}

interface Accepted {
  request: ReservationRequest;
  draws: Draw[];
  /** LPCOs this request drew down to nothing: exhausted by it. */
  emptied: CitedLpco[];
  at: string;
}

/**
 * A write transaction's reservations not yet written: the cited LPCOs as loaded, what is left
 * on their lines once the accepted declarations have drawn, and those declarations.
 */
interface Pending {
  cited: Cited;
  available: Map<string, bigint>;
  accepted: Accepted[];
}

const pendingByTransaction = new WeakMap<Trx, Pending>();

function pendingIn(trx: Trx): Pending {
  const existing = pendingByTransaction.get(trx);
  if (existing) return existing;
  const pending: Pending = { cited: { lpcos: new Map(), lines: new Map(), replacementNumbers: new Map() }, available: new Map(), accepted: [] };
  // Deferred before it is remembered: outside a write transaction beforeCommit throws, and a
  // remembered pending without its flush would let a second call reserve what is never written.
  beforeCommit(trx, async () => {
    // Written, forgotten: a reservation after this (a registry change flushed it early) loads the registry again.
    pendingByTransaction.delete(trx);
    await applyDraws(trx, pending.accepted);
  });
  pendingByTransaction.set(trx, pending);
  return pending;
}

/** Rows per INSERT: far below the bound-parameter limits of SQLite (32,766) and PostgreSQL (65,535). */
const INSERT_CHUNK = 1000;

async function insertHistory(trx: Trx, rows: LpcoHistoryRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK)
    await trx
      .insertInto('lpco_history')
      .values(rows.slice(i, i + INSERT_CHUNK))
      .execute();
}

/** What the accepted declarations of a transaction drew, written at once: one decrement per line drawn on. */
async function applyDraws(trx: Trx, accepted: Accepted[]): Promise<void> {
  for (const total of totalsPerLine(accepted.flatMap((a) => a.draws))) {
    const result = await trx
      .updateTable('lpco_lines')
      .set((eb) => ({ remaining: eb('remaining', '-', total.milli) }))
      .where('lpco_id', '=', total.lpco.id)
      .where('sequence', '=', total.line.sequence)
      .where('remaining', '>=', total.milli)
      .executeTakeFirst();
    // Only a writer that ignored the lock could get here; failing the transaction is the safe answer.
    if (result.numUpdatedRows !== 1n) throw new Error(`LPCO ${total.lpco.id} line ${total.line.sequence} changed during a write-off: rolled back`);
  }
  const rows: LpcoReservationRow[] = accepted.flatMap(({ request, draws, at }) =>
    draws.map((d) => ({
      id: newId(),
      declaration_exchange_id: request.declarationExchangeId,
      lpco_id: d.lpco.id,
      line_sequence: d.line.sequence,
      goods_item: d.citation.goodsItem ?? '',
      quantity: d.milli,
      state: 'reserved' as const,
      created_at: at,
      updated_at: at,
    })),
  );
  for (let i = 0; i < rows.length; i += INSERT_CHUNK)
    await trx
      .insertInto('lpco_reservations')
      .values(rows.slice(i, i + INSERT_CHUNK))
      .execute();
  await insertHistory(
    trx,
    accepted.flatMap(({ request, draws, emptied, at }) => [
      ...draws.map((d) =>
        movementRow(d.lpco, {
          movement: 'reserved',
          declarationExchangeId: request.declarationExchangeId,
          line: d.line.sequence,
          milli: d.milli,
          actor: request.sender ?? REGISTRY_ACTOR,
          at,
        }),
      ),
      ...emptied.map((lpco) =>
        statusRow({
          lpco_id: lpco.id,
          at,
          from_status: lpco.status,
          to_status: 'exhausted',
          reason: `every line written off (declaration ${request.declarationExchangeId})`,
          actor: REGISTRY_ACTOR,
        }),
      ),
    ]),
  );
  for (const { emptied, at } of accepted)
    for (const lpco of emptied) await trx.updateTable('lpcos').set({ status: 'exhausted', updated_at: at }).where('id', '=', lpco.id).execute();
}

interface MovementOptions {
  now?: () => Date;
  /** Whose decision moved the quantities (the customs administration); "registry" when not given. */
  actor?: string;
}

function movementRow(
  lpco: Pick<LpcoRow, 'id' | 'status'>,
  m: { movement: Movement; declarationExchangeId: string; line: string; milli: bigint; actor: string; at: string },
): LpcoHistoryRow {
  return {
    id: newId(),
    lpco_id: lpco.id,
    at: m.at,
    from_status: lpco.status,
    to_status: lpco.status,
    reason: `${m.movement} (declaration ${m.declarationExchangeId})`,
    actor: m.actor,
    movement: m.movement,
    declaration_exchange_id: m.declarationExchangeId,
    line_sequence: m.line,
    quantity: m.milli,
  };
}

/** What moved, per reservation row, named as a declaration's findings and the provenance log name it. */
async function movedOf(
  trx: Trx,
  held: LpcoReservationRow[],
  movementOf: (r: LpcoReservationRow) => Movement,
  lpcos: LpcoRow[],
  options: MovementOptions,
  at: string,
): Promise<Moved[]> {
  const lines = await trx
    .selectFrom('lpco_lines')
    .select(['lpco_id', 'sequence', 'unit'])
    .where(
      'lpco_id',
      'in',
      lpcos.map((l) => l.id),
    )
    .execute();
  const history = held.map((r) =>
    movementRow(lpcos.find((l) => l.id === r.lpco_id) as LpcoRow, {
      movement: movementOf(r),
      declarationExchangeId: r.declaration_exchange_id,
      line: r.line_sequence,
      milli: BigInt(r.quantity),
      actor: options.actor ?? REGISTRY_ACTOR,
      at,
    }),
  );
  await insertHistory(trx, history);
  return held.map((r) => {
    const lpco = lpcos.find((l) => l.id === r.lpco_id) as LpcoRow;
    const unit = lines.find((l) => l.lpco_id === r.lpco_id && l.sequence === r.line_sequence)?.unit ?? '';
    return {
      movement: movementOf(r),
      lpcoId: lpco.id,
      documentCode: lpco.document_code,
      number: lpco.number,
      goodsItem: r.goods_item,
      line: r.line_sequence,
      quantity: fromMilli(BigInt(r.quantity)),
      unit,
    };
  });
}

/** Reserved quantities become final (customs accepted the declaration); returns what was written off. */
export async function writeOffForDeclaration(db: LpcoDb, declarationExchangeId: string, options: MovementOptions = {}): Promise<Moved[]> {
  return db.transaction().execute((trx) => writeOffIn(trx, declarationExchangeId, options));
}

/** writeOffForDeclaration inside the caller's transaction, so the movement commits with what it causes. */
export async function writeOffIn(trx: Trx, declarationExchangeId: string, options: MovementOptions = {}): Promise<Moved[]> {
  // Reservations this transaction deferred are written first: this moves what is held.
  await flushBeforeCommit(trx);
  const at = (options.now ?? (() => new Date()))().toISOString();
  const held = await trx
    .updateTable('lpco_reservations')
    .set({ state: 'written-off', updated_at: at })
    .where('declaration_exchange_id', '=', declarationExchangeId)
    .where('state', '=', 'reserved')
    .returningAll()
    .execute();
  if (held.length === 0) return [];
  const lpcos = await trx
    .selectFrom('lpcos')
    .selectAll()
    .where('id', 'in', [...new Set(held.map((r) => r.lpco_id))])
    .execute();
  return movedOf(trx, held, () => 'written-off', lpcos, options, at);
}

/**
 * Gives back what a declaration reserved (customs rejected it: `released`); an LPCO it had
 * exhausted becomes usable again. With `includingWrittenOff` (customs accepted its
 * cancellation) what was written off comes back too (`given-back`): the goods it declared never
 * used the licence; `only` narrows it to some lines and goods items (those an accepted amendment
 * restates). Only this declaration's reservations move, and each at most once: the
 * rows are claimed by their state first, so a concurrent second release finds nothing.
 */
export async function releaseForDeclaration(db: LpcoDb, kind: DatabaseKind, declarationExchangeId: string, options: ReleaseOptions = {}): Promise<Moved[]> {
  return db.transaction().execute((trx) => releaseIn(trx, kind, declarationExchangeId, options));
}

type ReleaseOptions = MovementOptions & { includingWrittenOff?: boolean; only?: ReadonlyArray<DrawnOn> };

/** releaseForDeclaration inside the caller's transaction, so the movement commits with what it causes. */
export async function releaseIn(trx: Trx, kind: DatabaseKind, declarationExchangeId: string, options: ReleaseOptions = {}): Promise<Moved[]> {
  // Reservations this transaction deferred are written first: this moves what is held, and the next one reads what it gave back.
  await flushBeforeCommit(trx);
  const at = (options.now ?? (() => new Date()))().toISOString();
  const states: Array<'reserved' | 'written-off'> = options.includingWrittenOff ? ['reserved', 'written-off'] : ['reserved'];
  // RETURNING gives the rows as they are after the update: their earlier state is read first, under the same claim.
  const rows = await trx
    .selectFrom('lpco_reservations')
    .select(['id', 'state', 'lpco_id', 'line_sequence', 'goods_item'])
    .where('declaration_exchange_id', '=', declarationExchangeId)
    .where('state', 'in', states)
    .execute();
  const { only } = options;
  const chosen = only ? rows.filter((r) => only.some((o) => o.lpcoId === r.lpco_id && o.line === r.line_sequence && o.goodsItem === r.goods_item)) : rows;
  const before = new Map(chosen.map((r) => [r.id, r.state]));
  if (before.size === 0) return [];
  const held = await trx
    .updateTable('lpco_reservations')
    .set({ state: 'released', updated_at: at })
    .where('id', 'in', [...before.keys()])
    .where('state', 'in', states)
    .returningAll()
    .execute();
  if (held.length === 0) return [];
  const lpcos = await lpcosForUpdate(trx, kind)
    .where('id', 'in', [...new Set(held.map((r) => r.lpco_id))])
    .execute();
  for (const r of held) {
    await trx
      .updateTable('lpco_lines')
      .set((eb) => ({ remaining: eb('remaining', '+', BigInt(r.quantity)) }))
      .where('lpco_id', '=', r.lpco_id)
      .where('sequence', '=', r.line_sequence)
      .execute();
  }
  const moved = await movedOf(trx, held, (r) => (before.get(r.id) === 'written-off' ? 'given-back' : 'released'), lpcos, options, at);
  for (const lpco of lpcos.filter((l) => l.status === 'exhausted')) await restoreUsable(trx, lpco, declarationExchangeId, at);
  return moved;
}

/** The LPCO columns a write-off reads: all but the stored document, which would repeat on every line. */
type CitedLpco = Omit<LpcoRow, 'document'>;
const CITED_COLUMNS = [
  'id',
  'document_code',
  'number',
  'issuer_participant',
  'holder_id',
  'valid_from',
  'valid_until',
  'status',
  'replaced_by',
  'registered_at',
  'updated_at',
] as const;

const KEYS_PER_LOAD = 200;

/**
 * The cited LPCOs not loaded yet in this transaction, with their lines, in one statement (an
 * unknown one is remembered as such): on PostgreSQL, FOR UPDATE in id order holds them until
 * commit. Very many citations take several statements, and a later declaration of the
 * transaction that cites others locks those in a second step: write transactions take turns
 * under the write lock (store/write-lock.ts), so no other writer of the gateway holds LPCO locks
 * meanwhile and none waits on this one crosswise.
 */
async function loadCited(trx: Trx, kind: DatabaseKind, citations: LpcoCitation[], { cited, available }: Pending): Promise<void> {
  const keys = [...new Map(citations.map((c) => [keyOf(c.documentCode, c.number), c])).entries()].filter(([key]) => !cited.lpcos.has(key));
  if (keys.length === 0) return;
  for (const [key] of keys) cited.lpcos.set(key, []);
  const rows = [];
  // A declaration's AdditionalDocuments are unbounded, and each citation is a term of an OR that
  // SQLite nests one level deeper (1,000 at most) and Kysely compiles recursively: so a statement per KEYS_PER_LOAD.
  for (let i = 0; i < keys.length; i += KEYS_PER_LOAD) {
    const query = trx
      .selectFrom('lpcos')
      .innerJoin('lpco_lines', 'lpco_lines.lpco_id', 'lpcos.id')
      .select(CITED_COLUMNS.map((c) => `lpcos.${c}` as const))
      .select([
        'lpco_lines.lpco_id',
        'lpco_lines.sequence',
        'lpco_lines.hs_code',
        'lpco_lines.unit',
        'lpco_lines.quantity',
        'lpco_lines.remaining',
        'lpco_lines.controlled',
        'lpco_lines.goods_name',
      ])
      .where((eb) =>
        eb.or(keys.slice(i, i + KEYS_PER_LOAD).map(([, c]) => eb.and([eb('lpcos.document_code', '=', c.documentCode), eb('lpcos.number', '=', c.number)]))),
      )
      .orderBy('lpcos.id')
      .orderBy('lpco_lines.sequence');
    for (const row of await (kind === 'postgres' ? query.forUpdate() : query).execute()) rows.push(row);
  }
  const { lpcos, lines } = cited;
  for (const { lpco_id, sequence, hs_code, unit, quantity, remaining, controlled, goods_name, ...lpco } of rows) {
    const key = keyOf(lpco.document_code, lpco.number);
    const same = lpcos.get(key) ?? [];
    if (!same.some((l) => l.id === lpco.id)) lpcos.set(key, [...same, lpco]);
    const line = { lpco_id, sequence, hs_code, unit, quantity, remaining, controlled, goods_name };
    lines.set(lpco_id, [...(lines.get(lpco_id) ?? []), line]);
    available.set(lineKey(line), BigInt(remaining));
  }
  const replacementIds = rows.flatMap((r) => (r.replaced_by === null ? [] : [r.replaced_by]));
  const replacements =
    replacementIds.length === 0
      ? []
      : await trx
          .selectFrom('lpcos')
          .select(['id', 'number'])
          .where('id', 'in', [...new Set(replacementIds)])
          .execute();
  for (const r of replacements) cited.replacementNumbers.set(r.id, r.number);
}

/**
 * The LPCO a citation names. A declaration names it by document code and number only, which
 * several issuing authorities may use: of those, the one held by a trader the sender acts for.
 */
function resolve(candidates: CitedLpco[], actsFor: ReadonlySet<string>, name: string, path: string): CitedLpco | Finding {
  const [only, ...others] = candidates;
  if (only && others.length === 0) return only;
  const held = candidates.filter((l) => actsFor.has(l.holder_id));
  if (held.length === 1) return held[0] as CitedLpco;
  // Several issuers' documents: which holders they have is not the sender's to learn.
  return held.length === 0
    ? finding('lpco.holder-not-represented', `${name} is not held by a trader the sender acts for`, path)
    : finding(
        'lpco.ambiguous',
        `${name} is registered by ${held.length} issuing authorities for traders the sender acts for; the declaration cannot say which`,
        path,
      );
}

const hsMatches = (declared: string, licensed: string) => declared.startsWith(licensed) || licensed.startsWith(declared);
const isControlled = (line: LpcoLineRow) => Number(line.controlled) === 1;

/**
 * Whether an LPCO line covers a goods item: by HS code where the line has one; otherwise by
 * name, the goods description containing the line's botanical name or description (or the
 * reverse), as an officer compares a certificate that names its goods only.
 */
function covers(citation: LpcoCitation, line: LpcoLineRow): boolean {
  if (line.hs_code !== '') return citation.hsCode === undefined || hsMatches(citation.hsCode, line.hs_code);
  if (citation.description === undefined || line.goods_name === null) return true;
  const declared = citation.description.toLowerCase().replace(/\s+/g, ' ').trim();
  return line.goods_name.split('\n').some((name) => name !== '' && (declared.includes(name) || name.includes(declared)));
}

const lineNames = (lines: LpcoLineRow[]) =>
  [...new Set(lines.map((l) => (l.hs_code !== '' ? `HS ${l.hs_code}` : `"${(l.goods_name ?? '').split('\n').filter(Boolean).join('" / "')}"`)))].join(', ');

/**
 * Every refusal reason of every citation against the `available` balance per line, and the
 * draws the citations ask for when there are none.
 */
function assess(
  check: SenderCitations,
  cited: Cited,
  available: Map<string, bigint>,
  today: string,
  unknownLpco: CitationPolicy['unknownLpco'],
): { findings: Finding[]; draws: Draw[] } {
  const findings: Finding[] = [];
  const draws: Draw[] = [];
  const actsFor = new Set(check.actsFor);
  check.citations.forEach((citation, i) => {
    const path = citation.path ?? `/citations/${i}`;
    const name = `${citation.documentCode} ${citation.number}${citation.goodsItem ? ` (goods item ${citation.goodsItem})` : ''}`;
    const candidates = cited.lpcos.get(keyOf(citation.documentCode, citation.number)) ?? [];
    if (candidates.length === 0) {
      findings.push(finding('lpco.unknown', `${name} is not in the LPCO registry`, path, unknownLpco));
      return;
    }
    const lpco = resolve(candidates, actsFor, name, path);
    if ('severity' in lpco) {
      findings.push(lpco);
      return;
    }
    const refusals = statusFindings(lpco, isEmpty(lpco, cited, available) ? 'exhausted' : lpco.status, today, cited, name, path);
    // Nothing is drawn on an LPCO that cannot be used (its quantities would only add noise), nor
    // told of one held by someone the sender does not act for (its balance is not the sender's to learn).
    let drawable = refusals.length === 0;
    if (!actsFor.has(lpco.holder_id)) {
      drawable = false;
      refusals.push(finding('lpco.holder-not-represented', `${name} is held by ${lpco.holder_id}, for whom the sender does not act`, path));
    } else if (lpco.holder_id !== check.holderId) {
      const trader = check.holderId === null ? 'the declaration names no importer or exporter' : `the declaration's trader is ${check.holderId}`;
      refusals.push(finding('lpco.holder-mismatch', `${name} is held by ${lpco.holder_id}; ${trader}`, path));
    }
    const lines = cited.lines.get(lpco.id) ?? [];
    if (!lines.some((l) => covers(citation, l))) {
      drawable = false;
      const goods = citation.hsCode !== undefined ? `classified ${citation.hsCode}` : `described "${citation.description ?? ''}"`;
      refusals.push(finding('lpco.goods-outside-licence', `${name} covers ${lineNames(lines)}; the goods item is ${goods}`, path));
    }
    const draw = citation.quantity === undefined || !drawable ? undefined : drawOf(citation, lpco, lines, name, path);
    if (draw && 'severity' in draw) refusals.push(draw);
    else if (draw) draws.push(draw);
    findings.push(...refusals);
  });
  for (const total of totalsPerLine(draws)) {
    const left = available.get(lineKey(total.line)) ?? 0n;
    if (left < total.milli) findings.push(shortfall(total, left));
  }
  return { findings, draws };
}

const STATUS_REASON: Partial<Record<LpcoStatus, string>> = {
  revoked: 'has been revoked by its issuer',
  withdrawn: 'has been withdrawn by its issuer',
  expired: 'has expired',
  exhausted: 'is exhausted: nothing is left to write off',
};

function statusFindings(lpco: CitedLpco, stored: LpcoStatus, today: string, cited: Cited, name: string, path: string): Finding[] {
  const status = effectiveStatus(stored, lpco.valid_until, today);
  if (status === 'replaced') {
    const by = lpco.replaced_by === null ? undefined : cited.replacementNumbers.get(lpco.replaced_by);
    return [finding('lpco.replaced', `${name} has been replaced${by ? ` by ${lpco.document_code} ${by}` : ''}; cite the replacing document`, path)];
  }
  if (!USABLE_STATUSES.includes(status)) {
    const detail = status === 'expired' ? ` (valid until ${lpco.valid_until})` : '';
    return [finding(`lpco.${status}`, `${name} ${STATUS_REASON[status] ?? `is ${status}`}${detail}`, path)];
  }
  if (today < lpco.valid_from) return [finding('lpco.not-yet-valid', `${name} is valid from ${lpco.valid_from}`, path)];
  return [];
}

/**
 * The LPCO line a citation draws on and how much, in the line's unit, or the finding that says
 * why it cannot: a unit that does not convert, no line or several for the goods.
 */
function drawOf(citation: LpcoCitation, lpco: CitedLpco, lines: LpcoLineRow[], name: string, path: string): Draw | Finding {
  const declared = toMilli(citation.quantity ?? '');
  if (declared === undefined || declared === 0n) {
    return finding('lpco.quantity-invalid', `${name}: write-off quantity "${citation.quantity}" is not a positive decimal with at most three decimals`, path);
  }
  const covering = lines.filter((l) => covers(citation, l));
  // Lines without a usable quantity are not drawn on: the citation is checked, nothing is written off.
  const controlled = covering.filter(isControlled);
  if (controlled.length === 0) {
    return finding('lpco.not-quantity-controlled', `${name}: the lines for these goods state no quantity; nothing is written off`, path, 'info');
  }
  const unit = citation.unit?.split('#')[0];
  const convertible = controlled.filter((l) => unit === undefined || convertMilli(declared, unit, l.unit) !== undefined);
  if (convertible.length === 0) {
    return finding(
      'lpco.unit-not-convertible',
      `${name} is issued in ${[...new Set(controlled.map((l) => l.unit))].join(', ')}; the declaration writes off in ${citation.unit}, which does not convert to it`,
      path,
    );
  }
  // A line in the declared unit itself comes before one the quantity would be converted for.
  const sameUnit = convertible.filter((l) => l.unit === unit);
  const inUnit = sameUnit.length > 0 ? sameUnit : convertible;
  const named = citation.line === undefined ? inUnit : inUnit.filter((l) => l.sequence === citation.line);
  // A declaration does not name the LPCO line: among several, the commodity code (or name) has picked one.
  const [line, ...others] = named;
  if (!line)
    return finding(
      'lpco.line-unmatched',
      `${name} has no line${citation.line ? ` ${citation.line}` : ''} for commodity ${citation.hsCode ?? '(none given)'} in ${unit ?? 'any unit'}`,
      path,
    );
  if (others.length > 0)
    return finding('lpco.line-ambiguous', `${name} has ${named.length} lines the write-off could apply to (${named.map((l) => l.sequence).join(', ')})`, path);
  return { lpco, line, milli: convertMilli(declared, unit ?? line.unit, line.unit) as bigint, citation, path };
}

interface LineTotal {
  lpco: CitedLpco;
  line: LpcoLineRow;
  milli: bigint;
  path: string;
}

/** Draws summed per LPCO line (two goods items may draw on one line), in a fixed order. */
function totalsPerLine(draws: Draw[]): LineTotal[] {
  const totals = new Map<string, LineTotal>();
  for (const d of draws) {
    const key = lineKey(d.line);
    const total = totals.get(key);
    totals.set(key, total ? { ...total, milli: total.milli + d.milli } : { lpco: d.lpco, line: d.line, milli: d.milli, path: d.path });
  }
  return [...totals.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, t]) => t);
}

function shortfall(total: LineTotal, remaining: bigint): Finding {
  const { lpco, line } = total;
  return finding(
    'lpco.quantity-insufficient',
    `${lpco.document_code} ${lpco.number} line ${line.sequence} has ${fromMilli(remaining)} ${line.unit} left; the declaration writes off ${fromMilli(total.milli)} ${line.unit}`,
    total.path,
  );
}

const lineKey = (line: LpcoLineRow) => `${line.lpco_id} ${line.sequence}`;

function isEmpty(lpco: CitedLpco, cited: Cited, available: Map<string, bigint>): boolean {
  // An LPCO with no quantity-controlled line is never used up by write-offs.
  const controlled = (cited.lines.get(lpco.id) ?? []).filter(isControlled);
  return controlled.length > 0 && controlled.every((line) => available.get(lineKey(line)) === 0n);
}

/** Back to the status the LPCO had before it was exhausted. */
async function restoreUsable(trx: Trx, lpco: LpcoRow, declarationExchangeId: string, at: string): Promise<void> {
  const before = await trx
    .selectFrom('lpco_history')
    .select('from_status')
    .where('lpco_id', '=', lpco.id)
    .where('to_status', '=', 'exhausted')
    .where('movement', 'is', null)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  const status = before?.from_status ?? 'issued';
  await trx.updateTable('lpcos').set({ status, updated_at: at }).where('id', '=', lpco.id).execute();
  await recordHistory(trx, {
    lpco_id: lpco.id,
    at,
    from_status: 'exhausted',
    to_status: status,
    reason: `quantity released (declaration ${declarationExchangeId})`,
    actor: REGISTRY_ACTOR,
  });
}

function reservationOf(d: Draw): Reservation {
  return {
    lpcoId: d.lpco.id,
    documentCode: d.lpco.document_code,
    number: d.lpco.number,
    goodsItem: d.citation.goodsItem ?? '',
    line: d.line.sequence,
    quantity: fromMilli(d.milli),
    unit: d.line.unit,
  };
}
