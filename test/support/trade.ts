import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach } from 'vitest';
import { openAnalyticsStore } from '../../src/analytics/schema.js';
import { seededRandom } from './random.js';

/** A fresh in-memory analytics store for each test of the file. */
export function useMemoryAnalyticsStore(): { instance: DuckDBInstance; connection: DuckDBConnection } {
  const store = {} as { instance: DuckDBInstance; connection: DuckDBConnection };
  beforeEach(async () => {
    Object.assign(store, await openAnalyticsStore(':memory:'));
  });
  afterEach(() => {
    store.connection.closeSync();
    store.instance.closeSync();
  });
  return store;
}

/** A break planted in synthetic trade: from `week` (0-based) on, a cell's count or its unit value changes by `factor`. */
export interface PlantedBreak {
  origin: string;
  commodity: string;
  week: number;
  /** Only that week (a surge), or that week and every one after (a shift in unit value). */
  weeks: number;
  count?: number;
  unitValue?: number;
}

export interface SyntheticTrade {
  seed: number;
  /** A Monday, YYYY-MM-DD. */
  start: string;
  weeks: number;
  origins: string[];
  /** 6-digit codes (the items carry them at 8 digits). */
  commodities: string[];
  /** The mean declarations per cell per week, before seasonality; each cell gets a share of it. */
  perCellWeek: number;
  breaks?: PlantedBreak[];
  /** Who received each declaration (the recipients table), when any. */
  recipient?: string;
}

/**
 * Ordinary trade, seeded: each origin × commodity cell has its own volume and unit price;
 * declarations arrive as a Poisson process whose rate follows the seasons (±30 % over the
 * year); masses and prices vary log-normally. One goods item per declaration. Returns the rows
 * appended.
 */
export async function appendSyntheticTrade(connection: DuckDBConnection, trade: SyntheticTrade): Promise<number> {
  const random = seededRandom(trade.seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const poisson = (lambda: number) => {
    if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal()));
    let k = 0;
    for (let p = random(), limit = Math.exp(-lambda); p > limit; p *= random()) k += 1;
    return k;
  };
  const cells = trade.origins.flatMap((origin) =>
    trade.commodities.map((commodity) => ({ origin, commodity, rate: trade.perCellWeek * (0.3 + 1.4 * random()), price: 2 + 50 * random() })),
  );
  const items = await connection.createAppender('items');
  const recipients = trade.recipient ? await connection.createAppender('recipients') : undefined;
  const startMs = Date.parse(`${trade.start}T00:00:00Z`);
  let n = 0;
  for (let week = 0; week < trade.weeks; week++) {
    const season = 1 + 0.3 * Math.sin((2 * Math.PI * week) / 52);
    for (const cell of cells) {
      const planted = trade.breaks?.find((b) => b.origin === cell.origin && b.commodity === cell.commodity && week >= b.week && week < b.week + b.weeks);
      const count = poisson(cell.rate * season * (planted?.count ?? 1));
      for (let i = 0; i < count; i++) {
        const declaration = `S${trade.seed}-${n++}`;
        const mass = Math.exp(4 + normal());
        const value = mass * cell.price * (planted?.unitValue ?? 1) * Math.exp(0.2 * normal());
        const date = new Date(startMs + (week * 7 + Math.floor(random() * 7)) * 86_400_000).toISOString().slice(0, 10);
        for (const v of [trade.recipient ? 'exchange' : 'history', declaration]) items.appendVarchar(v);
        items.appendInteger(1);
        items.appendVarchar(date);
        for (const v of ['OFF1', cell.origin, cell.origin, `${cell.commodity}00`, 'goods', `IMP${n % 50}`, `EXP${n % 70}`, 'DECL1', 'CARR1'])
          items.appendVarchar(v);
        for (const v of [value, mass, Math.round(mass), value * 0.1]) items.appendDouble(v);
        for (const v of ['green', 'compliant']) items.appendVarchar(v);
        items.appendDouble(0);
        items.endRow();
        if (recipients && trade.recipient) {
          recipients.appendVarchar(declaration);
          recipients.appendVarchar(trade.recipient);
          recipients.endRow();
        }
      }
    }
  }
  items.closeSync();
  recipients?.closeSync();
  return n;
}
