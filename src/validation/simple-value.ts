/**
 * Checks one lexical value against an XSD simple type (as generated into the WCO model): the
 * value is whitespace-normalised first, as XSD does, then every facet is applied.
 */
import type { SimpleType } from '../documents/wco/model.js';
import { matchesXsdPattern } from './xsd-regex.js';

// Most values need no normalising: one test spares two replacements per value.
const NEEDS_NORMALISING = /[\t\n\r]|^ | $| {2}/;

export function normaliseWhiteSpace(value: string, whiteSpace: SimpleType['whiteSpace']): string {
  if (whiteSpace === 'preserve' || !NEEDS_NORMALISING.test(value)) return value;
  const replaced = value.replace(/[\t\n\r]/g, ' ');
  return whiteSpace === 'replace' ? replaced : replaced.replace(/ {2,}/g, ' ').trim();
}

// Only a zero that follows a non-zero can start the match: /0+$/ retries every zero (quadratic).
const TRAILING_ZEROS = /(?<!0)0+$/;

/** Digits of a decimal as XSD counts them: no leading integer zeros, no trailing fraction zeros. */
function decimalDigits(value: string): { total: number; fraction: number } {
  const [integer = '', fraction = ''] = value.replace(/^[+-]/, '').split('.');
  const significantInteger = integer.replace(/^0+/, '');
  const significantFraction = fraction.replace(TRAILING_ZEROS, '');
  return { total: significantInteger.length + significantFraction.length, fraction: significantFraction.length };
}

/** Length in characters as XSD counts them (code points, not UTF-16 units). */
function codePointLength(value: string): number {
  let length = value.length;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    const next = value.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) length--;
  }
  return length;
}

/** The value as a message quotes it; made only for a value that fails (most never do). */
export function shown(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

/** What is wrong with `raw` for `type`, in words; null when it is valid. */
export function simpleValueProblem(raw: string, type: Omit<SimpleType, 'kind'>): string | null {
  const value = normaliseWhiteSpace(raw, type.whiteSpace);
  // Lengths first: a value of megabytes is refused for its length before any pattern reads it.
  if (type.length !== undefined || type.minLength !== undefined || type.maxLength !== undefined) {
    const length = codePointLength(value);
    if (type.length !== undefined && length !== type.length) return `${shown(value)} has ${length} characters; exactly ${type.length} are required`;
    if (type.minLength !== undefined && length < type.minLength) return `${shown(value)} has ${length} characters; at least ${type.minLength} are required`;
    if (type.maxLength !== undefined && length > type.maxLength) return `${shown(value)} has ${length} characters; at most ${type.maxLength} are allowed`;
  }
  for (const step of type.patterns) {
    if (!step.some((p) => matchesXsdPattern(p, value))) {
      return type.builtin === 'decimal' && step === type.patterns[0]
        ? `${shown(value)} is not a decimal number`
        : `${shown(value)} does not match the pattern ${step.join(' | ')}`;
    }
  }
  if (type.enumeration && !type.enumeration.includes(value)) return `${shown(value)} is not one of ${type.enumeration.join(', ')}`;
  if (type.builtin === 'decimal' && (type.totalDigits !== undefined || type.fractionDigits !== undefined)) {
    const digits = decimalDigits(value);
    if (type.totalDigits !== undefined && digits.total > type.totalDigits)
      return `${shown(value)} has ${digits.total} digits; at most ${type.totalDigits} are allowed`;
    if (type.fractionDigits !== undefined && digits.fraction > type.fractionDigits) {
      return `${shown(value)} has ${digits.fraction} decimal places; at most ${type.fractionDigits} are allowed`;
    }
  }
  return null;
}
