import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';

/**
 * The columns of declaration history as the DATE model's public synthetic set has them (KDD 2020,
 * WCO BACUDA): what `swgate risk train` learns from, `swgate risk export-history` writes and
 * `swgate analytics import --history` loads. `illicit` 1 is a control that found a discrepancy,
 * `revenue` what it recovered; `country` is the origin.
 */
export const HISTORY_COLUMNS = [
  'sgd.id',
  'sgd.date',
  'importer.id',
  'declarant.id',
  'country',
  'office.id',
  'tariff.code',
  'quantity',
  'gross.weight',
  'fob.value',
  'cif.value',
  'total.taxes',
  'illicit',
  'revenue',
] as const;
export type HistoryColumn = (typeof HISTORY_COLUMNS)[number];

/** The outcome columns: absent from what is to be scored (a back-test's input, a new declaration). */
const OUTCOME_COLUMNS: readonly HistoryColumn[] = ['illicit', 'revenue'];

/**
 * What a declaration (one goods item) is scored on. A party, origin, office or tariff code the
 * declaration does not give is '' (an export names no importer): scored, trained and exported so.
 */
export interface ScoringRow {
  sgdId: string;
  /** ISO date, YYYY-MM-DD. */
  date: string;
  importerId: string;
  declarantId: string;
  /** Origin, ISO 3166 alpha-2 as declared. */
  country: string;
  officeId: string;
  tariffCode: string;
  quantity: number;
  grossWeight: number;
  fobValue: number;
  cifValue: number;
  totalTaxes: number;
}

/** A row of history: a scored declaration and, where it was controlled, the control's outcome. */
export interface HistoryRow extends ScoringRow {
  /** 1: a control found a discrepancy; 0: compliant or not controlled. Absent when the input has no outcome columns. */
  illicit?: 0 | 1;
  revenue?: number;
}

/** A malformed history file: names the 1-based line (the header is line 1) and the column. */
export class HistoryCsvError extends Error {
  constructor(
    readonly line: number,
    readonly column: string,
    reason: string,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.name = 'HistoryCsvError';
  }
}

const MAX_HISTORY_FIELD_LENGTH = 200;
const MAX_LINE_BYTES = 64 * 1024;

/**
 * Reads history CSV (a header line naming at least the HISTORY_COLUMNS, in any order; other
 * columns are ignored), row by row. `outcomes: 'required'` refuses a file without `illicit`
 * and `revenue` (training, analytics import); `'optional'` reads them when present (back-test).
 * A bad value throws HistoryCsvError naming line and column; callers that load must load nothing
 * when it throws.
 */
export async function* readHistoryCsv(input: Readable, options: { outcomes: 'required' | 'optional' }): AsyncGenerator<HistoryRow> {
  const parser = input.pipe(parse({ bom: true, relax_column_count: false, skip_empty_lines: true, max_record_size: MAX_LINE_BYTES }));
  let header: Map<string, number> | undefined;
  let withOutcomes = false;
  let line = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      line += 1;
      if (!header) {
        header = new Map(record.map((name, i) => [name.trim(), i]));
        const needed = HISTORY_COLUMNS.filter((c) => options.outcomes === 'required' || !OUTCOME_COLUMNS.includes(c));
        const missing = needed.find((c) => !header?.has(c));
        if (missing) throw new HistoryCsvError(1, missing, 'the header has no such column');
        withOutcomes = OUTCOME_COLUMNS.every((c) => header?.has(c));
        continue;
      }
      yield rowOf(record, header, line, withOutcomes);
    }
  } catch (error) {
    if (error instanceof HistoryCsvError) throw error;
    const csvLine = (error as { lines?: number }).lines;
    throw new HistoryCsvError(csvLine ?? line + 1, '(row)', error instanceof Error ? error.message : String(error));
  }
  if (!header) throw new HistoryCsvError(1, '(header)', 'the file is empty');
}

function rowOf(record: string[], header: Map<string, number>, line: number, withOutcomes: boolean): HistoryRow {
  const text = (column: HistoryColumn, mayBeEmpty = false): string => {
    const value = (record[header.get(column) as number] ?? '').trim();
    if (value === '' && !mayBeEmpty) throw new HistoryCsvError(line, column, 'is empty');
    if (value.length > MAX_HISTORY_FIELD_LENGTH) throw new HistoryCsvError(line, column, `is longer than ${MAX_HISTORY_FIELD_LENGTH} characters`);
    return value;
  };
  const amount = (column: HistoryColumn): number => {
    const value = text(column);
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) throw new HistoryCsvError(line, column, `"${value.slice(0, 40)}" is not a number of zero or more`);
    return n;
  };
  const row: HistoryRow = {
    sgdId: text('sgd.id'),
    date: isoDate(text('sgd.date'), line),
    importerId: text('importer.id', true),
    declarantId: text('declarant.id', true),
    country: text('country', true),
    officeId: text('office.id', true),
    tariffCode: text('tariff.code', true),
    quantity: amount('quantity'),
    grossWeight: amount('gross.weight'),
    fobValue: amount('fob.value'),
    cifValue: amount('cif.value'),
    totalTaxes: amount('total.taxes'),
  };
  if (!withOutcomes) return row;
  const illicit = text('illicit');
  if (illicit !== '0' && illicit !== '1') throw new HistoryCsvError(line, 'illicit', `"${illicit.slice(0, 40)}" is neither 0 nor 1`);
  return { ...row, illicit: illicit === '1' ? 1 : 0, revenue: amount('revenue') };
}

/** YYYY-MM-DD, or the DATE set's YY-MM-DD (20YY), as YYYY-MM-DD; a date that does not exist is refused. */
function isoDate(value: string, line: number): string {
  const match = /^(\d{2}|\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const iso = match ? `${match[1]?.length === 2 ? `20${match[1]}` : match[1]}-${match[2]}-${match[3]}` : '';
  const parsed = new Date(`${iso}T00:00:00Z`);
  if (!match || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso) {
    throw new HistoryCsvError(line, 'sgd.date', `"${value.slice(0, 40)}" is not a date (YYYY-MM-DD)`);
  }
  return iso;
}

/** One CSV line of a history row, in HISTORY_COLUMNS order (RFC 4180 quoting). */
export function historyCsvLine(row: HistoryRow): string {
  const values: Record<(typeof HISTORY_COLUMNS)[number], string | number | undefined> = {
    'sgd.id': row.sgdId,
    'sgd.date': row.date,
    'importer.id': row.importerId,
    'declarant.id': row.declarantId,
    country: row.country,
    'office.id': row.officeId,
    'tariff.code': row.tariffCode,
    quantity: row.quantity,
    'gross.weight': row.grossWeight,
    'fob.value': row.fobValue,
    'cif.value': row.cifValue,
    'total.taxes': row.totalTaxes,
    illicit: row.illicit,
    revenue: row.revenue,
  };
  return HISTORY_COLUMNS.map((c) => csvField(values[c])).join(',');
}

export const HISTORY_HEADER = HISTORY_COLUMNS.join(',');

/** A value as a CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
export function csvField(value: string | number | undefined): string {
  // Cut to what readHistoryCsv takes: a declared name can be longer than any identifier.
  const text = value === undefined ? '' : String(value).slice(0, MAX_HISTORY_FIELD_LENGTH);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
