/**
 * Keeps the analytics store current from the exchange store, incrementally: each pass copies
 * the declarations stored since the exchange cursor (one row per goods item) and applies the
 * control results recorded since the control cursor, then moves both cursors, in one DuckDB
 * transaction. Nothing is rescanned: each query starts at its cursor (ANALYTICS.md, "Sync").
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Kysely } from 'kysely';
import { encodeTime } from 'ulid';
import { wcoJsonAsTree } from '../documents/declaration.js';
import { type GoodsItem, goodsItemsOf } from '../documents/goods-items.js';
import type { WcoJsonObject } from '../documents/wco/json.js';
import type { RiskTables } from '../risk/tables.js';
import type { ExchangeTables } from '../store/exchange-tables.js';

export type SyncSource = Kysely<ExchangeTables & RiskTables>;

/**
 * Ids are ULIDs taken when a write starts; a write commits a little later. Copying only what is
 * older than this keeps an exchange that commits late from slipping behind the cursor.
 */
const SETTLE_MS = 5_000;
const BATCH = 500;
const KINDS = ['declaration', 'consignment'];

export interface SyncSummary {
  /** Goods item rows added. */
  items: number;
  /** Declarations whose control outcome changed. */
  controlled: number;
  cursors: { exchanges: string; controls: string };
}

/** Passes until both cursors have caught up with what settled before `now`. */
export async function syncAnalytics(source: SyncSource, analytics: DuckDBConnection, now: Date = new Date()): Promise<SyncSummary> {
  const horizon = `${encodeTime(Math.max(0, now.getTime() - SETTLE_MS), 10)}0000000000000000`;
  const summary: SyncSummary = { items: 0, controlled: 0, cursors: await readCursors(analytics) };
  for (;;) {
    const copied = await copyDeclarations(source, analytics, summary.cursors.exchanges, horizon);
    summary.items += copied.items;
    summary.cursors.exchanges = copied.cursor;
    if (copied.exchanges < BATCH) break;
  }
  for (;;) {
    const applied = await applyControlResults(source, analytics, summary.cursors.controls, horizon);
    summary.controlled += applied.exchanges;
    summary.cursors.controls = applied.cursor;
    if (applied.results < BATCH) break;
  }
  return summary;
}

export async function readCursors(analytics: DuckDBConnection): Promise<SyncSummary['cursors']> {
  const rows = (await analytics.runAndReadAll('SELECT name, position FROM cursors')).getRowObjectsJS() as Array<{ name: string; position: string }>;
  const at = (name: string) => rows.find((r) => r.name === name)?.position ?? '';
  return { exchanges: at('exchanges'), controls: at('controls') };
}

async function copyDeclarations(
  source: SyncSource,
  analytics: DuckDBConnection,
  after: string,
  horizon: string,
): Promise<{ exchanges: number; items: number; cursor: string }> {
  const exchanges = await source
    .selectFrom('exchanges')
    .leftJoin('risk_decisions', 'risk_decisions.exchange_id', 'exchanges.id')
    .select(['exchanges.id', 'exchanges.received_at', 'risk_decisions.lane'])
    .where('exchanges.id', '>', after)
    .where('exchanges.id', '<', horizon)
    .where('exchanges.kind', 'in', KINDS)
    .orderBy('exchanges.id')
    .limit(BATCH)
    .execute();
  const last = exchanges.at(-1);
  if (!last) return { exchanges: 0, items: 0, cursor: after };
  const ids = exchanges.map((e) => e.id);
  const [documents, deliveries, controls] = await Promise.all([
    source
      .selectFrom('documents')
      .select(['exchange_id', 'name', 'media_type', 'content'])
      .where('exchange_id', 'in', ids)
      .where('name', 'in', ['original', 'wco-json'])
      .execute(),
    source.selectFrom('deliveries').select(['exchange_id', 'destination']).where('exchange_id', 'in', ids).execute(),
    controlOutcomes(source, ids),
  ]);
  let items = 0;
  await inTransaction(analytics, async () => {
    const appender = await analytics.createAppender('items');
    for (const exchange of exchanges) {
      const json =
        documents.find((d) => d.exchange_id === exchange.id && d.name === 'wco-json') ??
        documents.find((d) => d.exchange_id === exchange.id && d.name === 'original' && d.media_type.includes('json'));
      if (!json) continue;
      const control = controls.get(exchange.id);
      const goods = goodsItemsOf(wcoJsonAsTree(JSON.parse(json.content) as WcoJsonObject));
      const first = Math.min(...goods.map((g) => g.sequence));
      for (const item of goods) {
        appendItem(appender, exchange.id, exchange.received_at.slice(0, 10), item, {
          lane: exchange.lane ?? null,
          outcome: control?.outcome ?? null,
          // A declaration's recovered revenue is booked once, on its first item, so sums stay right.
          revenue: control ? (item.sequence === first ? control.revenue : 0) : null,
        });
      }
      items += goods.length;
    }
    appender.closeSync();
    const recipients = await analytics.createAppender('recipients');
    for (const d of deliveries) {
      recipients.appendVarchar(d.exchange_id);
      recipients.appendVarchar(d.destination);
      recipients.endRow();
    }
    recipients.closeSync();
    await setCursor(analytics, 'exchanges', last.id);
  });
  return { exchanges: exchanges.length, items, cursor: last.id };
}

function appendItem(
  appender: Awaited<ReturnType<DuckDBConnection['createAppender']>>,
  declaration: string,
  date: string,
  item: GoodsItem,
  outcome: { lane: string | null; outcome: string | null; revenue: number | null },
): void {
  const text = (value: string | null) => (value === null ? appender.appendNull() : appender.appendVarchar(value));
  const amount = (value: number | null) => (value === null ? appender.appendNull() : appender.appendDouble(value));
  appender.appendVarchar('exchange');
  appender.appendVarchar(declaration);
  appender.appendInteger(item.sequence);
  appender.appendVarchar(date);
  for (const value of [item.office, item.origin, item.exportCountry, item.commodity, item.description]) text(value);
  for (const value of [item.importer, item.exporter, item.declarant, item.carrier]) text(value);
  for (const value of [item.customsValue, item.grossMass, item.quantity, item.taxes]) amount(value);
  text(outcome.lane);
  text(outcome.outcome);
  amount(outcome.revenue);
  appender.endRow();
}

/** Per exchange, what its controls found: a discrepancy when any did, and everything they recovered. */
async function controlOutcomes(source: SyncSource, exchangeIds: string[]): Promise<Map<string, { outcome: string; revenue: number }>> {
  if (exchangeIds.length === 0) return new Map();
  const rows = await source.selectFrom('control_results').select(['exchange_id', 'outcome', 'revenue']).where('exchange_id', 'in', exchangeIds).execute();
  const outcomes = new Map<string, { outcome: string; revenue: number }>();
  for (const row of rows) {
    const before = outcomes.get(row.exchange_id);
    outcomes.set(row.exchange_id, {
      outcome: before?.outcome === 'discrepancy' || row.outcome === 'discrepancy' ? 'discrepancy' : 'compliant',
      revenue: (before?.revenue ?? 0) + Number(row.revenue),
    });
  }
  return outcomes;
}

async function applyControlResults(
  source: SyncSource,
  analytics: DuckDBConnection,
  after: string,
  horizon: string,
): Promise<{ results: number; exchanges: number; cursor: string }> {
  const results = await source
    .selectFrom('control_results')
    .select(['id', 'exchange_id'])
    .where('id', '>', after)
    .where('id', '<', horizon)
    .orderBy('id')
    .limit(BATCH)
    .execute();
  const last = results.at(-1);
  if (!last) return { results: 0, exchanges: 0, cursor: after };
  const outcomes = await controlOutcomes(source, [...new Set(results.map((r) => r.exchange_id))]);
  await inTransaction(analytics, async () => {
    for (const [exchangeId, { outcome, revenue }] of outcomes) {
      await analytics.run(
        `UPDATE items SET outcome = $outcome,
           revenue = CASE WHEN item = (SELECT min(item) FROM items WHERE source = 'exchange' AND declaration = $id) THEN $revenue ELSE 0 END
         WHERE source = 'exchange' AND declaration = $id`,
        { id: exchangeId, outcome, revenue },
      );
    }
    await setCursor(analytics, 'controls', last.id);
  });
  return { results: results.length, exchanges: outcomes.size, cursor: last.id };
}

function setCursor(analytics: DuckDBConnection, name: string, position: string): Promise<unknown> {
  return analytics.run('INSERT OR REPLACE INTO cursors VALUES ($name, $position)', { name, position });
}

/** Runs `work` in one DuckDB transaction: all of it, or (when it throws) none. */
export async function inTransaction<T>(connection: DuckDBConnection, work: () => Promise<T>): Promise<T> {
  await connection.run('BEGIN TRANSACTION');
  try {
    const result = await work();
    await connection.run('COMMIT');
    return result;
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
}
