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

/** `from` and `to` as given, `to` defaulting to today and `from` to `defaultDays` before `to`; at most `maxDays` (three years) apart, `from` first. */
export function dateRange(
  query: { from?: string | undefined; to?: string | undefined },
  now: Date,
  defaultDays: number,
  maxDays: number = MAX_RANGE_DAYS,
): DateRange {
  const to = query.to === undefined ? now.toISOString().slice(0, 10) : isoDate(query.to, 'to');
  const from = query.from === undefined ? new Date(Date.parse(to) - defaultDays * 86_400_000).toISOString().slice(0, 10) : isoDate(query.from, 'from');
  if (from > to) throw badRequest('analytics.range', `from (${from}) is after to (${to}).`, '/from');
  if (daysBetween(from, to) > maxDays) {
    const span = maxDays === MAX_RANGE_DAYS ? 'three years' : `${maxDays + 1} days`;
    throw badRequest('analytics.range', `from ${from} to ${to} is more than ${span}; ask for ${maxDays} days at most.`, '/to');
  }
  return { from, to };
}

/** A range when either end is given; none (all of the data) when neither is. */
export function optionalDateRange(query: { from?: string | undefined; to?: string | undefined }, now: Date): DateRange | undefined {
  if (query.from === undefined && query.to === undefined) return undefined;
  return dateRange(query, now, MAX_RANGE_DAYS);
}

/** A comma-separated list, each entry one of `allowed`; an unknown one is named. */
export function listOf<T extends string>(value: string, allowed: readonly T[], name: string): T[] {
  const entries = value.split(',').map((s) => s.trim());
  const unknown = entries.find((e) => !(allowed as readonly string[]).includes(e));
  if (unknown !== undefined) throw badRequest(`analytics.${name}`, `${name} "${unknown.slice(0, 40)}" is not one of ${allowed.join(', ')}.`, `/${name}`);
  return [...new Set(entries)] as T[];
}
