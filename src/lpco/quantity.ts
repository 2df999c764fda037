/**
 * LPCO quantities as integer milli-units (BigInt): a decimal string such as "102.00" is held as
 * 102000n. Floating point never touches a quantity, so repeated write-offs add up exactly.
 */
const MILLI = 1000n;

const DECIMAL = /^(\d{1,12})(?:\.(\d+))?$/;

/**
 * The quantity in milli-units, or undefined when the text is not a non-negative decimal of at
 * most 12 integer digits and three significant decimals: 10^15 milli-units stay exact even
 * where a driver returns a JavaScript number (SQLite).
 */
export function toMilli(decimal: string): bigint | undefined {
  const match = DECIMAL.exec(decimal.trim());
  if (!match) return undefined;
  const [, whole = '0', fraction = ''] = match;
  // Digits past the third decimal are accepted only when they are zeros ("1.5000").
  if (/[1-9]/.test(fraction.slice(3))) return undefined;
  return BigInt(whole) * MILLI + BigInt(fraction.slice(0, 3).padEnd(3, '0'));
}

/** Milli-units back to a decimal string with three decimals: 102000n → "102.000". */
export function fromMilli(milli: bigint): string {
  const sign = milli < 0n ? '-' : '';
  const abs = milli < 0n ? -milli : milli;
  return `${sign}${abs / MILLI}.${(abs % MILLI).toString().padStart(3, '0')}`;
}
