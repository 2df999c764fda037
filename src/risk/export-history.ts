/**
 * The gateway's own declarations as history (HISTORY_COLUMNS), one row per goods item, with what
 * controls found: so an administration trains its model on its own data. Read a page of
 * exchanges at a time and written as it goes: the whole history is never in memory.
 */
import type { NamespaceProfile } from '../documents/declaration.js';
import { wcoJsonAsTree } from '../documents/declaration.js';
import { goodsItemsOf } from '../documents/goods-items.js';
import type { WcoJsonObject } from '../documents/wco/json.js';
import { parseXml } from '../documents/xml/parse.js';
import { tablesOf } from '../store/db.js';
import { findDocument, type Store } from '../store/exchanges.js';
import { scoringRowsOf } from './facts.js';
import { HISTORY_COLUMNS, type HistoryRow, MAX_HISTORY_FIELD_LENGTH } from './history.js';
import type { RiskTables } from './tables.js';

export interface HistoryRange {
  /** Received at or after (ISO 8601). */
  from?: string;
  /** Received before (ISO 8601). */
  to?: string;
}

const PAGE = 200;

/** The declarations and consignments received in `range`, oldest first, as history rows; `profileOf` gives a sender's WCO namespaces. */
export async function* historyRows(store: Store, range: HistoryRange, profileOf: (sender: string) => NamespaceProfile | undefined): AsyncGenerator<HistoryRow> {
  let after = '';
  for (;;) {
    let query = store.db
      .selectFrom('exchanges')
      .select(['id', 'sender', 'format', 'received_at'])
      .where('kind', 'in', ['declaration', 'consignment'])
      .where('id', '>', after);
    if (range.from) query = query.where('received_at', '>=', range.from);
    if (range.to) query = query.where('received_at', '<', range.to);
    const page = await query.orderBy('id').limit(PAGE).execute();
    if (page.length === 0) return;
    const outcomes = await controlOutcomes(
      store,
      page.map((e) => e.id),
    );
    for (const exchange of page) {
      const original = await findDocument(store, exchange.id, 'original');
      if (!original) continue;
      const text = original.content.toString('utf8');
      const profile = profileOf(exchange.sender);
      const tree = exchange.format === 'wco-xml' ? parseXml(original.content) : wcoJsonAsTree(JSON.parse(text) as WcoJsonObject, profile);
      const outcome = outcomes.get(exchange.id) ?? { illicit: 0 as const, revenue: 0 };
      for (const row of scoringRowsOf(exchange.id, exchange.received_at, goodsItemsOf(tree, profile))) yield { ...row, ...outcome };
    }
    after = page.at(-1)?.id ?? after;
  }
}

/** Per exchange: illicit 1 when any control found a discrepancy; the revenue every control recovered, summed. */
async function controlOutcomes(store: Store, ids: string[]): Promise<Map<string, { illicit: 0 | 1; revenue: number }>> {
  const rows = await tablesOf<RiskTables>(store.db)
    .selectFrom('control_results')
    .select(['exchange_id', 'outcome', 'revenue'])
    .where('exchange_id', 'in', ids)
    .execute();
  const outcomes = new Map<string, { illicit: 0 | 1; revenue: number }>();
  for (const r of rows) {
    const seen = outcomes.get(r.exchange_id) ?? { illicit: 0, revenue: 0 };
    outcomes.set(r.exchange_id, { illicit: seen.illicit || r.outcome === 'discrepancy' ? 1 : 0, revenue: seen.revenue + r.revenue });
  }
  return outcomes;
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

function csvField(value: string | number | undefined): string {
  // Cut to what readHistoryCsv takes: a declared name can be longer than any identifier.
  const text = value === undefined ? '' : String(value).slice(0, MAX_HISTORY_FIELD_LENGTH);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
