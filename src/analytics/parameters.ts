/**
 * The query parameters analytics routes share, read into plain values. A value out of bounds is
 * refused 400 with a finding that names the parameter (API.md, "Analytics").
 */
import { finding, RejectionError } from '../findings.js';

export const MAX_RANGE_DAYS = 3 * 366;
export const DIGITS = { min: 2, max: 10 } as const;

/** A closed range of ISO dates (YYYY-MM-DD). */
export interface DateRange {
  from: string;
  to: string;
}

const badRequest = (code: string, message: string, path: string) => new RejectionError(400, 'Bad analytics query', [finding(code, message, path)]);

function isoDate(value: string, name: string): string {
  const parsed = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value)
    throw badRequest('analytics.date', `${name} must be a date YYYY-MM-DD (got "${value.slice(0, 40)}").`, `/${name}`);
  return value;
}

const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

/**
 * `from` and `to` as given, each defaulting (`to` today, `from` `defaultDays` before `to`, or the
 * whole of the data when `defaultDays` is absent); at most three years apart, `from` first.
 */
export function dateRange(query: { from?: string; to?: string }, now: Date, defaultDays?: number): DateRange | undefined {
  if (query.from === undefined && query.to === undefined && defaultDays === undefined) return undefined;
  const to = query.to === undefined ? now.toISOString().slice(0, 10) : isoDate(query.to, 'to');
  const from =
    query.from === undefined
      ? new Date(Date.parse(to) - (defaultDays ?? MAX_RANGE_DAYS) * 86_400_000).toISOString().slice(0, 10)
      : isoDate(query.from, 'from');
  if (from > to) throw badRequest('analytics.range', `from (${from}) is after to (${to}).`, '/from');
  if (daysBetween(from, to) > MAX_RANGE_DAYS)
    throw badRequest('analytics.range', `from ${from} to ${to} is more than three years; ask for ${MAX_RANGE_DAYS} days at most.`, '/to');
  return { from, to };
}

/** The commodity code's length: 2 the chapter, 4 the heading, 6 the subheading, up to 10. */
export function digitsOf(value: number | undefined, fallback: number): number {
  const digits = value ?? fallback;
  if (!Number.isInteger(digits) || digits < DIGITS.min || digits > DIGITS.max)
    throw badRequest('analytics.digits', `digits must be a whole number from ${DIGITS.min} to ${DIGITS.max} (got ${digits}).`, '/digits');
  return digits;
}

/** A comma-separated list, each entry one of `allowed`; an unknown one is named. */
export function listOf<T extends string>(value: string, allowed: readonly T[], name: string): T[] {
  const entries = value.split(',').map((s) => s.trim());
  const unknown = entries.find((e) => !(allowed as readonly string[]).includes(e));
  if (unknown !== undefined)
    throw badRequest(`analytics.${name}`, `${name} "${unknown.slice(0, 40)}" is not one of ${allowed.join(', ')}.`, `/${name}`);
  return [...new Set(entries)] as T[];
}

/** One of `allowed`, or the finding naming what was asked. */
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, name: string): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value))
    throw badRequest(`analytics.${name}`, `${name} "${value.slice(0, 40)}" is not one of ${allowed.join(', ')}.`, `/${name}`);
  return value as T;
}
