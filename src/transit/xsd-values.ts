/**
 * Checks one lexical value against a simple type of the CTC XSDs as libxml2 does: whitespace
 * normalised first, then the builtin's lexical space (decimal, integer, date, dateTime with real
 * calendar days), then every facet of every derivation step.
 */
import { normaliseWhiteSpace, shown, simpleValueProblem } from '../validation/simple-value.js';
import type { SimpleModel } from './xsd-model.js';

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const INTEGER = /^[+-]?\d+$/;
const DATE = /^(-?(?:[1-9]\d{4,}|\d{4}))-(\d\d)-(\d\d)(Z|[+-]\d\d:\d\d)?$/;
const DATE_TIME = /^(-?(?:[1-9]\d{4,}|\d{4}))-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d(?:\.\d+)?)(Z|[+-]\d\d:\d\d)?$/;

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function validTimezone(tz: string | undefined): boolean {
  if (tz === undefined || tz === 'Z') return true;
  const hours = Number(tz.slice(1, 3));
  const minutes = Number(tz.slice(4, 6));
  return minutes <= 59 && (hours < 14 || (hours === 14 && minutes === 0));
}

function validDate(year: string, month: string, day: string): boolean {
  const m = Number(month);
  const d = Number(day);
  // Year 0000 is not a year in XSD 1.0, which libxml2 follows.
  return Number(year) !== 0 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(Number(year), m);
}

function lexicalProblem(value: string, builtin: SimpleModel['builtin']): string | null {
  switch (builtin) {
    case 'decimal':
      return DECIMAL.test(value) ? null : 'is not a decimal number';
    case 'integer':
      return INTEGER.test(value) ? null : 'is not an integer';
    case 'date': {
      const m = DATE.exec(value);
      return m && validDate(m[1]!, m[2]!, m[3]!) && validTimezone(m[4]) ? null : 'is not a date (YYYY-MM-DD)';
    }
    case 'dateTime': {
      const m = DATE_TIME.exec(value);
      if (!m || !validDate(m[1]!, m[2]!, m[3]!) || !validTimezone(m[7])) return 'is not a date and time (YYYY-MM-DDThh:mm:ss)';
      const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6])];
      const endOfDay = hour === 24 && minute === 0 && second === 0;
      return endOfDay || (hour <= 23 && minute <= 59 && second < 60) ? null : 'is not a date and time (YYYY-MM-DDThh:mm:ss)';
    }
    default:
      return null;
  }
}

/** A decimal's sign, integer digits (no leading zeros) and fraction digits (no trailing zeros). */
function decimalParts(value: string): { negative: boolean; integer: string; fraction: string } {
  const negative = value.startsWith('-');
  const [integer = '', fraction = ''] = value.replace(/^[+-]/, '').split('.');
  // Only a zero that follows a non-zero can start the match: /0+$/ retries every zero (quadratic).
  return { negative, integer: integer.replace(/^0+/, ''), fraction: fraction.replace(/(?<!0)0+$/, '') };
}

const SMALL_INTEGER = /^-?\d{1,15}$/;

/** Exact comparison of two decimal lexical values: -1, 0 or 1. */
function compareDecimals(a: string, b: string): number {
  // Most bounds and values are small integers, exact as doubles: no BigInt needed.
  if (SMALL_INTEGER.test(a) && SMALL_INTEGER.test(b)) return Math.sign(Number(a) - Number(b));
  const x = decimalParts(a);
  const y = decimalParts(b);
  const scale = Math.max(x.fraction.length, y.fraction.length);
  const big = (p: typeof x) => {
    const magnitude = BigInt(`${p.integer || '0'}${p.fraction.padEnd(scale, '0')}`);
    return p.negative ? -magnitude : magnitude;
  };
  const [bx, by] = [big(x), big(y)];
  return bx < by ? -1 : bx > by ? 1 : 0;
}

// The same short values come back in every message ("1", "GB", "T1", office numbers): their
// verdicts are remembered per type. Bounded twice: only short values, and a type's memory is
// dropped whole when full, so hostile input cannot grow it.
const MEMO_VALUE_LENGTH = 40;
const MEMO_ENTRIES = 256;
const memos = new WeakMap<SimpleModel, Map<string, string | null>>();

/** What is wrong with `raw` for `type`, in words; null when it is valid. */
export function valueProblem(raw: string, type: SimpleModel): string | null {
  if (raw.length > MEMO_VALUE_LENGTH) return problemOf(raw, type);
  let memo = memos.get(type);
  if (!memo) {
    memo = new Map();
    memos.set(type, memo);
  }
  let problem = memo.get(raw);
  if (problem === undefined) {
    problem = problemOf(raw, type);
    if (memo.size >= MEMO_ENTRIES) memo.clear();
    memo.set(raw, problem);
  }
  return problem;
}

function problemOf(raw: string, type: SimpleModel): string | null {
  const value = normaliseWhiteSpace(raw, type.whiteSpace);
  const lexical = lexicalProblem(value, type.builtin);
  if (lexical) return `${shown(value)} ${lexical}`;
  const numeric = type.builtin === 'decimal' || type.builtin === 'integer';
  // Lengths, patterns, a string enumeration and digits as the WCO validation checks them; numbers
  // are enumerated by value ("01" is 1), which that check does not do.
  const { enumeration, ...facets } = type;
  const problem = simpleValueProblem(value, { ...facets, builtin: numeric ? 'decimal' : 'string', ...(numeric || !enumeration ? {} : { enumeration }) });
  if (problem || !numeric) return problem;
  if (enumeration && !enumeration.some((e) => compareDecimals(e, value) === 0)) return `${shown(value)} is not one of ${enumeration.join(', ')}`;
  if (type.minInclusive !== undefined && compareDecimals(value, type.minInclusive) < 0) return `${shown(value)} is less than ${type.minInclusive}`;
  if (type.maxInclusive !== undefined && compareDecimals(value, type.maxInclusive) > 0) return `${shown(value)} is more than ${type.maxInclusive}`;
  return null;
}
