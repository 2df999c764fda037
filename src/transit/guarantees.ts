/**
 * The guarantee ledger of the offices of departure: each GRN with its reference amount and the
 * balance movements have not drawn yet. Release reserves a movement's amountToBeCovered, write-off
 * gives it back. A reservation is one conditional decrement ("balance >= amount"), so two
 * movements racing for the last of a balance cannot both draw it, on SQLite and PostgreSQL alike,
 * with or without the write lock around the caller's transaction.
 */
import type { Kysely } from 'kysely';
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

/** Checks the configured guarantees (well-formed GRN, amount, currency; no GRN twice); throws with every problem. */
export function checkLedgerSettings(settings: LedgerSettings): void {
  void settings;
  throw new Error('not implemented yet');
}

/** "1000.5" → 100050n hundredths; undefined for anything that is not a non-negative decimal of at most two places. */
export function toHundredths(amount: string): bigint | undefined {
  void amount;
  throw new Error('not implemented yet');
}

/** Writes the configured guarantees (new ones; a changed reference amount moves the balance by the difference). */
export async function loadConfiguredGuarantees(db: Kysely<TransitTables>, settings: LedgerSettings, now?: Date): Promise<void> {
  void db;
  void settings;
  void now;
  throw new Error('not implemented yet');
}

/** Guarantee types that carry a GRN (CL251: 0, 1, 2, 4, 9); the others (cash, waiver …) reserve nothing. */
export function carriesGrn(guaranteeType: string): boolean {
  return ['0', '1', '2', '4', '9'].includes(guaranteeType);
}

/**
 * Reserves `amount` of the GRN's balance for the movement, in the caller's transaction; answers
 * the CC055C reason when it cannot: G01 unknown or not well-formed, G11 issued in another
 * country than the office of departure's, G02 another currency, G09 balance not sufficient.
 * Reserving again for the same movement and GRN is a no-op (ok).
 */
export async function reserve(trx: Kysely<TransitTables>, settings: LedgerSettings, request: ReserveRequest, now?: Date): Promise<ReserveOutcome> {
  void trx;
  void settings;
  void request;
  void now;
  throw new Error('not implemented yet');
}

/**
 * Reserves for every guarantee of a movement that carries a GRN, all or nothing: the first
 * refusal is answered with every refusal found (for CC055C) and nothing stays reserved.
 * Call inside a transaction: a refusal leaves earlier reservations of the call for the caller's rollback.
 */
export async function reserveAll(trx: Kysely<TransitTables>, settings: LedgerSettings, movementId: string, officeOfDepartureCountry: string, guarantees: readonly GuaranteeFacts[], now?: Date): Promise<{ ok: true } | { ok: false; refusals: Array<{ grn: string; code: InvalidGuaranteeCode; reason: string }> }> {
  void trx;
  void settings;
  void movementId;
  void officeOfDepartureCountry;
  void guarantees;
  void now;
  throw new Error('not implemented yet');
}

/** Gives back everything the movement holds (write-off, invalidation); answers how many reservations it released. */
export async function release(trx: Kysely<TransitTables>, movementId: string, now?: Date): Promise<number> {
  void trx;
  void movementId;
  void now;
  throw new Error('not implemented yet');
}

/** The GRN's reference amount and balance, as decimal strings; undefined when the ledger has not seen it. */
export async function balanceOf(db: Kysely<TransitTables>, grn: string): Promise<{ referenceAmount: string; balance: string; currency: string } | undefined> {
  void db;
  void grn;
  throw new Error('not implemented yet');
}
