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
import type { HistoryRow } from './history.js';
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
