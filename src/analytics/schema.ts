import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/**
 * The analytics store: a columnar copy of the border's facts, one row per goods item, in DuckDB
 * (ANALYTICS.md). Rows come from the gateway's own exchanges (`source` 'exchange', `declaration`
 * the exchange id) and from a legacy system's history (`source` 'history', `declaration` its
 * sgd.id). Party columns hold the identifier as declared (an EORI, a TIN).
 */
const ITEMS_TABLE = `
CREATE TABLE IF NOT EXISTS items (
  source VARCHAR NOT NULL,
  declaration VARCHAR NOT NULL,
  item INTEGER NOT NULL,
  date DATE NOT NULL,
  office VARCHAR,
  origin VARCHAR,
  export_country VARCHAR,
  commodity VARCHAR,
  description VARCHAR,
  importer VARCHAR,
  exporter VARCHAR,
  declarant VARCHAR,
  carrier VARCHAR,
  value DOUBLE,
  mass DOUBLE,
  quantity DOUBLE,
  taxes DOUBLE,
  lane VARCHAR,
  outcome VARCHAR,
  revenue DOUBLE
)`;

/** Opens (creating when absent) the analytics store at `path` (':memory:' for tests) with its tables. */
export async function openAnalyticsStore(path: string): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  await connection.run(ITEMS_TABLE);
  return { instance, connection };
}
