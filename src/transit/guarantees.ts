/**
 * The guarantee ledger of the offices of departure: each GRN with its reference amount and the
 * balance movements have not drawn yet. Release reserves a movement's amountToBeCovered, write-off
 * gives it back. A reservation is one conditional decrement ("balance >= amount"), so two
 * movements racing for the last of a balance cannot both draw it, on SQLite and PostgreSQL alike,
 * with or without the write lock around the caller's transaction.
 */
import { type Kysely, sql } from 'kysely';
import { grnCountry, isWellFormedGrn } from './references.js';
import type { InvalidGuaranteeCode } from './answers.js';
import type { GuaranteeFacts } from './read.js';
import type { TransitTables } from './tables.js';

/** A configured guarantee (config YAML `transit.guarantees`). */
export interface GuaranteeConfig {
  grn: string;
  /** Decimal string, at most two decimals: "5000.00". */
  referenceAmount: string;
  currency: string;
}

export interface LedgerSettings {
  guarantees: readonly GuaranteeConfig[];
  /**
   * Sandbox: a well-formed GRN the ledger does not know covers this much (decimal string) in the
   * movement's currency; undefined: unknown GRNs are refused (G01).
   */
  unknownGrnCover?: string;
}

/** The sandbox's ledger: 26GB0000010000053 with 5,000.00 GBP, any other well-formed GRN 1,000,000.00. */
export const SANDBOX_LEDGER: LedgerSettings = {
  guarantees: [{ grn: '26GB0000010000053', referenceAmount: '5000.00', currency: 'GBP' }],
  unknownGrnCover: '1000000.00',
};

export interface ReserveRequest {
  movementId: string;
  grn: string;
  /** amountToBeCovered as declared (decimal string). */
  amount: string;
  currency: string;
  officeOfDepartureCountry: string;
}

export type ReserveOutcome = { ok: true; reserved: boolean } | { ok: false; code: InvalidGuaranteeCode; reason: string };

// The schema's DecimalWithZero_16_2: at most two decimals in value (trailing zeros do not count:
// "1000.000000" is 1000), sixteen digits in all.
const AMOUNT = /^(0|[1-9]\d*)(?:\.(\d+))?$/;
const CURRENCY = /^[A-Z]{3}$/;

/** "1000.5" → 100050n hundredths; undefined for anything that is not a non-negative decimal of at most two places (in value) and 16 digits. */
export function toHundredths(amount: string): bigint | undefined {
  const m = AMOUNT.exec(amount.trim());
  if (!m) return undefined;
  const fraction = (m[2] ?? '').replace(/(?<!0)0+$/, '');
  const integer = m[1]!.replace(/^0+/, '');
  if (fraction.length > 2 || integer.length + fraction.length > 16) return undefined;
  return BigInt(m[1]!) * 100n + BigInt(fraction.padEnd(2, '0'));
}

/** 100050n → "1000.50". */
function fromHundredths(hundredths: bigint | number | string): string {
  const value = BigInt(hundredths);
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** Guarantee types that carry a GRN (CL251: 0, 1, 2, 4, 9); the others (cash, waiver …) reserve nothing. */
export function carriesGrn(guaranteeType: string): boolean {
  return ['0', '1', '2', '4', '9'].includes(guaranteeType);
}

/** Checks the configured guarantees (well-formed GRN, amount, currency; no GRN twice); throws with every problem. */
export function checkLedgerSettings(settings: LedgerSettings): void {
  const problems: string[] = [];
  const seen = new Set<string>();
  settings.guarantees.forEach((g, i) => {
    const where = `transit.guarantees[${i}]`;
    if (!isWellFormedGrn(g.grn)) problems.push(`${where}.grn ${JSON.stringify(g.grn)} is not a well-formed GRN (pattern and ISO 6346 check digit)`);
    if (seen.has(g.grn)) problems.push(`${where}.grn ${g.grn} is configured twice`);
    seen.add(g.grn);
    if (toHundredths(g.referenceAmount) === undefined)
      problems.push(`${where}.referenceAmount ${JSON.stringify(g.referenceAmount)} is not an amount (digits, at most two decimals)`);
    if (!CURRENCY.test(g.currency)) problems.push(`${where}.currency ${JSON.stringify(g.currency)} is not a currency code (three capital letters)`);
  });
  if (settings.unknownGrnCover !== undefined && toHundredths(settings.unknownGrnCover) === undefined) {
    problems.push(`the cover of unknown GRNs ${JSON.stringify(settings.unknownGrnCover)} is not an amount`);
  }
  if (problems.length > 0) throw new Error(`Invalid guarantee configuration: ${problems.join('; ')}`);
}

const stamp = (now?: Date) => (now ?? new Date()).toISOString();

/** Writes the configured guarantees (new ones; a changed reference amount moves the balance by the difference). */
export async function loadConfiguredGuarantees(db: Kysely<TransitTables>, settings: LedgerSettings, now?: Date): Promise<void> {
  checkLedgerSettings(settings);
  for (const g of settings.guarantees) await ensureConfigured(db, g, now);
}

async function ensureConfigured(db: Kysely<TransitTables>, g: GuaranteeConfig, now?: Date): Promise<void> {
  const amount = toHundredths(g.referenceAmount)!;
  const at = stamp(now);
  await db
    .insertInto('transit_guarantees')
    .values({
      grn: g.grn,
      country: grnCountry(g.grn),
      currency: g.currency,
      reference_amount: amount,
      balance: amount,
      source: 'configured',
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.column('grn').doNothing())
    .execute();
  // A new reference amount moves the balance by the difference; what movements hold stays held.
  // The CHECK (balance >= 0) refuses a cut below what is reserved: the configuration then fails to load.
  await db
    .updateTable('transit_guarantees')
    .set({ balance: sql`balance + (${amount} - reference_amount)`, reference_amount: amount, currency: g.currency, source: 'configured', updated_at: at })
    .where('grn', '=', g.grn)
    .where((eb) => eb.or([eb('reference_amount', '!=', amount), eb('currency', '!=', g.currency), eb('source', '!=', 'configured')]))
    .execute();
}

const refusal = (code: InvalidGuaranteeCode, reason: string): ReserveOutcome => ({ ok: false, code, reason });

/**
 * Reserves `amount` of the GRN's balance for the movement, in the caller's transaction; answers
 * the CC055C reason when it cannot: G01 unknown or not well-formed, G11 issued in another
 * country than the office of departure's, G02 another currency or an amount that is not one,
 * G09 balance not sufficient. Reserving again for the same movement and GRN is a no-op (ok).
 * A refusal leaves nothing written (a sandbox GRN seen first here is not kept either).
 */
export async function reserve(trx: Kysely<TransitTables>, settings: LedgerSettings, request: ReserveRequest, now?: Date): Promise<ReserveOutcome> {
  const amount = toHundredths(request.amount);
  const checked = checkReference(request.grn, request.currency, request.officeOfDepartureCountry);
  if (checked) return checked;
  if (amount === undefined) return refusal('G02', `${JSON.stringify(request.amount)} is not an amount to be covered`);
  const outcome = await draw(trx, settings, { ...request, amount }, now);
  if (!outcome.ok && outcome.created) await forgetSandboxGuarantees(trx, [request.grn]);
  return outcome.ok ? { ok: true, reserved: outcome.reserved } : refusal(outcome.code, outcome.reason);
}

/** What can be refused without looking at the ledger: the GRN's form, its country, the currency's form. */
function checkReference(grn: string, currency: string, officeOfDepartureCountry: string): ReserveOutcome | undefined {
  if (!isWellFormedGrn(grn)) return refusal('G01', `${grn} is not a GRN (pattern and check digit)`);
  if (grnCountry(grn) !== officeOfDepartureCountry) {
    return refusal('G11', `${grn} was issued in ${grnCountry(grn)}; the office of departure is in ${officeOfDepartureCountry}`);
  }
  if (!CURRENCY.test(currency)) return refusal('G02', `${JSON.stringify(currency)} is not a currency`);
  return undefined;
}

type DrawOutcome = { ok: true; reserved: boolean; created: boolean } | { ok: false; code: InvalidGuaranteeCode; reason: string; created: boolean };

/** The ledger part of a reservation, in hundredths; `created`: this call took a sandbox GRN into the ledger. */
async function draw(
  trx: Kysely<TransitTables>,
  settings: LedgerSettings,
  request: Omit<ReserveRequest, 'amount'> & { amount: bigint },
  now?: Date,
): Promise<DrawOutcome> {
  const { movementId, grn, currency, amount } = request;
  const at = stamp(now);
  let created = false;
  let guarantee = await trx.selectFrom('transit_guarantees').selectAll().where('grn', '=', grn).executeTakeFirst();
  if (!guarantee) {
    const configured = settings.guarantees.find((g) => g.grn === grn);
    if (configured) await ensureConfigured(trx, configured, now);
    else if (settings.unknownGrnCover !== undefined) {
      const cover = toHundredths(settings.unknownGrnCover)!;
      const inserted = await trx
        .insertInto('transit_guarantees')
        .values({ grn, country: grnCountry(grn), currency, reference_amount: cover, balance: cover, source: 'sandbox', created_at: at, updated_at: at })
        .onConflict((oc) => oc.column('grn').doNothing())
        .executeTakeFirst();
      created = Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0;
    } else return { ok: false, code: 'G01', reason: `${grn} is not a guarantee this office knows`, created };
    guarantee = await trx.selectFrom('transit_guarantees').selectAll().where('grn', '=', grn).executeTakeFirstOrThrow();
  }
  if (guarantee.currency !== currency)
    return { ok: false, code: 'G02', reason: `${grn} is in ${guarantee.currency}; the movement covers ${currency}`, created };

  // The reservation row first: of two calls for one movement and GRN, only one inserts it (or
  // turns a released one back), so only one draws on the balance.
  const inserted = await trx
    .insertInto('transit_guarantee_reservations')
    .values({ movement_id: movementId, grn, amount, currency, state: 'reserved', created_at: at, updated_at: at })
    .onConflict((oc) => oc.columns(['movement_id', 'grn']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) {
    const revived = await trx
      .updateTable('transit_guarantee_reservations')
      .set({ state: 'reserved', amount, currency, updated_at: at })
      .where('movement_id', '=', movementId)
      .where('grn', '=', grn)
      .where('state', '=', 'released')
      .executeTakeFirst();
    if (Number(revived.numUpdatedRows) === 0) return { ok: true, reserved: false, created };
  }
  const drawn = await trx
    .updateTable('transit_guarantees')
    .set((eb) => ({ balance: eb('balance', '-', amount), updated_at: at }))
    .where('grn', '=', grn)
    .where('balance', '>=', amount)
    .executeTakeFirst();
  if (Number(drawn.numUpdatedRows) === 0) {
    await trx
      .deleteFrom('transit_guarantee_reservations')
      .where('movement_id', '=', movementId)
      .where('grn', '=', grn)
      .where('state', '=', 'reserved')
      .execute();
    const left = await trx.selectFrom('transit_guarantees').select('balance').where('grn', '=', grn).executeTakeFirstOrThrow();
    const reason = `${grn} has ${fromHundredths(left.balance)} ${guarantee.currency} left; the movement needs ${fromHundredths(amount)}`;
    return { ok: false, code: 'G09', reason, created };
  }
  return { ok: true, reserved: true, created };
}

/** A refused movement leaves no trace in the ledger: sandbox GRNs it brought in (nothing else holds them yet) go again. */
async function forgetSandboxGuarantees(trx: Kysely<TransitTables>, grns: readonly string[]): Promise<void> {
  if (grns.length === 0) return;
  await trx
    .deleteFrom('transit_guarantees')
    .where('grn', 'in', grns)
    .where('source', '=', 'sandbox')
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom('transit_guarantee_reservations').select('grn').whereRef('transit_guarantee_reservations.grn', '=', 'transit_guarantees.grn')),
      ),
    )
    .execute();
}

export interface GuaranteeRefusal {
  grn: string;
  code: InvalidGuaranteeCode;
  reason: string;
}

/**
 * Reserves for every guarantee reference of a movement that carries a GRN. All or nothing: on a
 * refusal, what this call reserved is given back and every refusal found is answered (for CC055C).
 * A GRN named twice is reserved once for the sum of its amounts (in one currency, else G02); a
 * reference of a GRN-carrying type without its GRN (G01), amount or currency (G02) is refused.
 */
export async function reserveAll(
  trx: Kysely<TransitTables>,
  settings: LedgerSettings,
  movementId: string,
  officeOfDepartureCountry: string,
  guarantees: readonly GuaranteeFacts[],
  now?: Date,
): Promise<{ ok: true } | { ok: false; refusals: GuaranteeRefusal[] }> {
  const { totals, refusals } = totalsByGrn(guarantees, officeOfDepartureCountry);
  if (refusals.length > 0) return { ok: false, refusals };
  const reserved: string[] = [];
  const created: string[] = [];
  for (const [grn, { amount, currency }] of totals) {
    const outcome = await draw(trx, settings, { movementId, grn, amount, currency, officeOfDepartureCountry }, now);
    if (outcome.created) created.push(grn);
    if (!outcome.ok) refusals.push({ grn, code: outcome.code, reason: outcome.reason });
    else if (outcome.reserved) reserved.push(grn);
  }
  if (refusals.length === 0) return { ok: true };
  for (const grn of reserved) await giveBack(trx, movementId, grn, now);
  // The reservations given back are this movement's; the refusal commits, so they go too before the sandbox GRNs can.
  if (created.length > 0) {
    await trx.deleteFrom('transit_guarantee_reservations').where('movement_id', '=', movementId).where('grn', 'in', created).execute();
    await forgetSandboxGuarantees(trx, created);
  }
  return { ok: false, refusals };
}

/** Each GRN's amount to be covered, summed in hundredths over the references naming it; or what is refused before the ledger is asked. */
function totalsByGrn(
  guarantees: readonly GuaranteeFacts[],
  officeOfDepartureCountry: string,
): { totals: Map<string, { amount: bigint; currency: string }>; refusals: GuaranteeRefusal[] } {
  const totals = new Map<string, { amount: bigint; currency: string }>();
  const refusals: GuaranteeRefusal[] = [];
  const refuse = (grn: string, code: InvalidGuaranteeCode, reason: string) => {
    if (!refusals.some((r) => r.grn === grn && r.reason === reason)) refusals.push({ grn, code, reason });
  };
  for (const guarantee of guarantees) {
    if (!carriesGrn(guarantee.type)) continue;
    for (const reference of guarantee.references) {
      const { grn, amountToBeCovered, currency } = reference;
      if (grn === undefined) {
        refuse('', 'G01', `guarantee type ${guarantee.type} needs a GRN`);
        continue;
      }
      const checked = checkReference(grn, currency ?? '', officeOfDepartureCountry);
      if (checked && !checked.ok) {
        refuse(grn, checked.code, currency === undefined ? `${grn} has no currency` : checked.reason);
        continue;
      }
      const amount = amountToBeCovered === undefined ? undefined : toHundredths(amountToBeCovered);
      if (amount === undefined) {
        refuse(
          grn,
          'G02',
          amountToBeCovered === undefined ? `${grn} has no amount to be covered` : `${JSON.stringify(amountToBeCovered)} is not an amount to be covered`,
        );
        continue;
      }
      const sum = totals.get(grn);
      if (sum && sum.currency !== currency) refuse(grn, 'G02', `${grn} is named in ${sum.currency} and in ${currency}`);
      else totals.set(grn, { amount: (sum?.amount ?? 0n) + amount, currency: currency! });
    }
  }
  return { totals, refusals };
}

/** Gives one reservation back: the state moves first, so of two calls only one adds to the balance. */
async function giveBack(trx: Kysely<TransitTables>, movementId: string, grn: string, now?: Date): Promise<boolean> {
  const row = await trx
    .selectFrom('transit_guarantee_reservations')
    .select('amount')
    .where('movement_id', '=', movementId)
    .where('grn', '=', grn)
    .where('state', '=', 'reserved')
    .executeTakeFirst();
  if (!row) return false;
  const at = stamp(now);
  const moved = await trx
    .updateTable('transit_guarantee_reservations')
    .set({ state: 'released', updated_at: at })
    .where('movement_id', '=', movementId)
    .where('grn', '=', grn)
    .where('state', '=', 'reserved')
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) === 0) return false;
  await trx
    .updateTable('transit_guarantees')
    .set((eb) => ({ balance: eb('balance', '+', BigInt(row.amount)), updated_at: at }))
    .where('grn', '=', grn)
    .execute();
  return true;
}

/** Gives back everything the movement holds (write-off, invalidation); answers how many reservations it released. */
export async function release(trx: Kysely<TransitTables>, movementId: string, now?: Date): Promise<number> {
  const held = await trx
    .selectFrom('transit_guarantee_reservations')
    .select('grn')
    .where('movement_id', '=', movementId)
    .where('state', '=', 'reserved')
    .execute();
  let released = 0;
  for (const { grn } of held) if (await giveBack(trx, movementId, grn, now)) released++;
  return released;
}

/** The GRN's reference amount and balance, as decimal strings; undefined when the ledger has not seen it. */
export async function balanceOf(db: Kysely<TransitTables>, grn: string): Promise<{ referenceAmount: string; balance: string; currency: string } | undefined> {
  const row = await db.selectFrom('transit_guarantees').select(['reference_amount', 'balance', 'currency']).where('grn', '=', grn).executeTakeFirst();
  return row && { referenceAmount: fromHundredths(row.reference_amount), balance: fromHundredths(row.balance), currency: row.currency };
}
