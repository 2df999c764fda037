/**
 * The two references of transit: the MRN customs allocates to a movement and the GRN that names
 * a guarantee. Both end in an ISO 6346 check digit over the characters before it.
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

// Digits are worth themselves; letters count from 10 upwards, skipping 11, 22 and 33.
const CHAR_VALUES = new Map<string, number>();
for (let d = 0; d < 10; d++) CHAR_VALUES.set(String(d), d);
for (let c = 0, value = 10; c < 26; c++, value++) {
  if (value % 11 === 0) value++;
  CHAR_VALUES.set(String.fromCharCode(65 + c), value);
}

/** NCTS-P5_MRNType: year 24 or later, country, 12 characters, procedure letter J-M, check digit. */
const MRN_PATTERN = /^([2][4-9]|[3-9][0-9])[A-Z]{2}[A-Z0-9]{12}[J-M][0-9]$/;
/** GRNType, anchored. */
const GRN_PATTERN = /^[0-9]{2}[A-Z]{2}[A-Z0-9]{12}[0-9]([A-Z][0-9]{6})?$/;

const PROCEDURE_LETTERS = { '0': 'J', '1': 'L', '2': 'K', '3': 'M' } as const;

/** The security indicator of a declaration (CL217): 0 none, 1 ENS, 2 EXS, 3 ENS and EXS. */
export type SecurityIndicator = '0' | '1' | '2' | '3';

/**
 * ISO 6346 check digit of `chars` (digits and capital letters): letters count 10 upwards skipping
 * the multiples of 11, each position weighs 2^index, the sum modulo 11 modulo 10.
 */
export function iso6346CheckDigit(chars: string): number {
  let sum = 0;
  for (let i = 0; i < chars.length; i++) {
    const value = CHAR_VALUES.get(chars.charAt(i));
    if (value === undefined) throw new Error(`ISO 6346 check digits take digits and capital letters, not ${JSON.stringify(chars.charAt(i))}`);
    sum += value * 2 ** i;
  }
  return (sum % 11) % 10;
}

/**
 * The procedure letter of a transit MRN (UCC Annex B, "MRN", field 5): J transit only, K with an
 * exit summary declaration, L with an entry summary declaration, M with both.
 */
export function procedureLetter(security: SecurityIndicator): 'J' | 'K' | 'L' | 'M' {
  return PROCEDURE_LETTERS[security];
}

export interface MrnRequest {
  /** Country of the office of departure (two letters). */
  country: string;
  security: SecurityIndicator;
  /** Default: now. */
  at?: Date;
}

/** A new phase-5 MRN: year, country, twelve random characters, procedure letter, check digit. */
export function allocateMrn(request: MrnRequest): string {
  const year = String((request.at ?? new Date()).getUTCFullYear() % 100).padStart(2, '0');
  const country = request.country.toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) throw new Error(`An MRN's country is two capital letters, not ${JSON.stringify(request.country)}`);
  // 12 characters of 36 (about 62 bits, a little less for the modulo's bias), so two movements
  // hardly ever draw the same one; the unique index on departures' MRNs (migration
  // 096-transit-mrn-unique) refuses the second if they do.
  const bytes = randomBytes(12);
  let serial = '';
  for (const byte of bytes) serial += ALPHABET.charAt(byte % 36);
  const body = `${year}${country}${serial}${procedureLetter(request.security)}`;
  return `${body}${iso6346CheckDigit(body)}`;
}

/** A phase-5 transit MRN: the schema's pattern and a right check digit. */
export function isValidMrn(mrn: string): boolean {
  return MRN_PATTERN.test(mrn) && Number(mrn.charAt(17)) === iso6346CheckDigit(mrn.slice(0, 17));
}

/** A GRN: the schema's pattern (GRNType) and a right ISO 6346 check digit at position 17. */
export function isWellFormedGrn(grn: string): boolean {
  return GRN_PATTERN.test(grn) && Number(grn.charAt(16)) === iso6346CheckDigit(grn.slice(0, 16));
}

/** The country that issued a GRN (characters 3 and 4). */
export function grnCountry(grn: string): string {
  return grn.slice(2, 4);
}

/** The country of a customs office reference number (its first two letters). */
export function officeCountry(referenceNumber: string): string {
  return referenceNumber.slice(0, 2);
}
