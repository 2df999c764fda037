/**
 * Value conversions a mapping rule may name. Values are strings in and out: dates as text,
 * decimals with exact (BigInt) arithmetic, never through floating point. A conversion that
 * cannot read its input answers undefined, which the engine reports as a finding.
 */
export type Conversion = (text: string) => string | undefined;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;
// Only a zero that follows a non-zero can start the match: /0+$/ retries every zero (quadratic).
const TRAILING_ZEROS = /(?<!0)0+$/;
// BigInt reads and writes decimal text in more than linear time: a quantity of megabytes of
// digits would hold the event loop for minutes. No customs quantity comes near this length.
const MAX_DECIMAL_TEXT = 64;

function isCalendarDate(y: string, m: string, d: string): boolean {
  const date = new Date(`${y}-${m}-${d}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(`${y}-${m}-${d}`);
}

export const CONVERSIONS: Readonly<Record<string, { describe: string; convert: Conversion }>> = {
  'date-102-to-iso': {
    describe: 'a date in WCO/EDIFACT format 102 (YYYYMMDD)',
    convert: (t) => {
      const m = /^(\d{4})(\d{2})(\d{2})$/.exec(t.trim());
      return m && isCalendarDate(m[1]!, m[2]!, m[3]!) ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
    },
  },
  'iso-to-date-102': {
    describe: 'an ISO 8601 date or date-time',
    convert: (t) => {
      const m = ISO_DATE.exec(t.trim());
      return m && isCalendarDate(m[1]!, m[2]!, m[3]!) ? `${m[1]}${m[2]}${m[3]}` : undefined;
    },
  },
  'datetime-to-date': {
    describe: 'an ISO 8601 date or date-time',
    // The calendar date as written (the issuer's local date), not shifted to UTC.
    convert: (t) => {
      const m = ISO_DATE.exec(t.trim());
      return m && isCalendarDate(m[1]!, m[2]!, m[3]!) ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
    },
  },
  'datetime-to-utc': {
    describe: 'an ISO 8601 date-time with a UTC offset, or a date',
    convert: (t) => {
      const text = t.trim();
      const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
      if (!dateOnly && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined;
      const ms = Date.parse(dateOnly ? `${text}T00:00:00Z` : text);
      return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    },
  },
  'collapse-space': {
    describe: 'text',
    convert: (t) => t.replace(/\s+/g, ' ').trim(),
  },
  'decimal-3': {
    describe: 'a decimal with at most three significant decimals',
    convert: (t) => {
      if (t.length > MAX_DECIMAL_TEXT) return undefined;
      const m = /^(\d+)(?:\.(\d+))?$/.exec(t.trim());
      if (!m) return undefined;
      const fraction = (m[2] ?? '').replace(TRAILING_ZEROS, '');
      return fraction.length > 3 ? undefined : `${BigInt(m[1]!)}.${fraction.padEnd(3, '0')}`;
    },
  },
};

/** UN/ECE Recommendation 20 units swgate converts between, each as a decimal factor of its base unit. */
const UNITS: Readonly<Record<string, { dimension: 'mass' | 'volume'; factor: string }>> = {
  KGM: { dimension: 'mass', factor: '1' },
  GRM: { dimension: 'mass', factor: '0.001' },
  TNE: { dimension: 'mass', factor: '1000' },
  LBR: { dimension: 'mass', factor: '0.45359237' },
  ONZ: { dimension: 'mass', factor: '0.028349523125' },
  MTQ: { dimension: 'volume', factor: '1' },
  LTR: { dimension: 'volume', factor: '0.001' },
};

export function isKnownUnit(code: string): boolean {
  return Object.hasOwn(UNITS, code);
}

interface Scaled {
  digits: bigint;
  scale: number;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

function scaled(decimal: string): Scaled {
  const [whole, fraction = ''] = decimal.split('.');
  return { digits: BigInt(whole! + fraction), scale: fraction.length };
}

/** A decimal written without leading zeros before the point or trailing zeros after it. */
function plainDecimal(whole: string, fraction: string): string {
  const digits = whole.replace(/^0+(?=\d)/, '');
  const decimals = fraction.replace(TRAILING_ZEROS, '');
  return decimals === '' ? digits : `${digits}.${decimals}`;
}

/** UNITS with their factors read once, not on every conversion. */
const SCALED_UNITS: ReadonlyMap<string, { dimension: string; factor: Scaled }> = new Map(
  Object.entries(UNITS).map(([code, { dimension, factor }]) => [code, { dimension, factor: scaled(factor) }]),
);

const RESULT_DECIMALS = 6;

/**
 * `value` in unit `from` expressed in unit `to`, rounded half up to six decimals, trailing
 * zeros dropped; undefined when the value is not a decimal or the units do not convert.
 */
export function convertUnit(value: string, from: string, to: string): string | undefined {
  const source = SCALED_UNITS.get(from);
  const target = SCALED_UNITS.get(to);
  if (!source || !target || source.dimension !== target.dimension || value.length > MAX_DECIMAL_TEXT) return undefined;
  const m = DECIMAL.exec(value.trim());
  if (!m) return undefined;
  const whole = m[1]!;
  const fraction = m[2] ?? '';
  // Within one unit, a value with no more decimals than the result keeps has nothing to scale or round: spare the BigInt arithmetic.
  if (from === to && fraction.length <= RESULT_DECIMALS) return plainDecimal(whole, fraction);
  const f = source.factor;
  const g = target.factor;
  const numerator = BigInt(whole + fraction) * f.digits * 10n ** BigInt(g.scale + RESULT_DECIMALS);
  const denominator = g.digits * 10n ** BigInt(fraction.length + f.scale);
  const rounded = (2n * numerator + denominator) / (2n * denominator);
  const text = rounded.toString().padStart(RESULT_DECIMALS + 1, '0');
  return plainDecimal(text.slice(0, -RESULT_DECIMALS), text.slice(-RESULT_DECIMALS));
}
