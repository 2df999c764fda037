/**
 * The two references of transit: the MRN customs allocates to a movement and the GRN that names
 * a guarantee. Both end in an ISO 6346 check digit over the characters before it.
 */

/** The security indicator of a declaration (CL217): 0 none, 1 ENS, 2 EXS, 3 ENS and EXS. */
export type SecurityIndicator = '0' | '1' | '2' | '3';

/**
 * ISO 6346 check digit of `chars` (digits and capital letters): letters count 10 upwards skipping
 * the multiples of 11, each position weighs 2^index, the sum modulo 11 modulo 10.
 */
export function iso6346CheckDigit(chars: string): number {
  void chars;
  throw new Error('not implemented yet');
}

/**
 * The procedure letter of a transit MRN (UCC Annex B, "MRN", field 5): J transit only, K with an
 * exit summary declaration, L with an entry summary declaration, M with both.
 */
export function procedureLetter(security: SecurityIndicator): 'J' | 'K' | 'L' | 'M' {
  void security;
  throw new Error('not implemented yet');
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
  void request;
  throw new Error('not implemented yet');
}

/** A phase-5 transit MRN: the schema's pattern and a right check digit. */
export function isValidMrn(mrn: string): boolean {
  void mrn;
  throw new Error('not implemented yet');
}

/** A GRN: the schema's pattern (GRNType) and a right ISO 6346 check digit at position 17. */
export function isWellFormedGrn(grn: string): boolean {
  void grn;
  throw new Error('not implemented yet');
}

/** The country that issued a GRN (characters 3 and 4). */
export function grnCountry(grn: string): string {
  return grn.slice(2, 4);
}

/** The country of a customs office reference number (its first two letters). */
export function officeCountry(referenceNumber: string): string {
  return referenceNumber.slice(0, 2);
}
