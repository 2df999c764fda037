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

/**
 * Who received each exchange's declaration (its deliveries' destinations): a PGA sees aggregates
 * of these rows only. History rows have none: they are customs' own.
 */
const RECIPIENTS_TABLE = `
CREATE TABLE IF NOT EXISTS recipients (
  declaration VARCHAR NOT NULL,
  participant VARCHAR NOT NULL,
  PRIMARY KEY (declaration, participant)
)`;

/** Where the sync stands in the exchange store: the last exchange id and control result id copied. */
const CURSORS_TABLE = `
CREATE TABLE IF NOT EXISTS cursors (
  name VARCHAR PRIMARY KEY,
  position VARCHAR NOT NULL
)`;

/** The alerts already sent to customs, so each break is told once. */
const ALERTS_SENT_TABLE = `
CREATE TABLE IF NOT EXISTS alerts_sent (
  kind VARCHAR NOT NULL,
  origin VARCHAR NOT NULL,
  commodity VARCHAR NOT NULL,
  period VARCHAR NOT NULL,
  sent_at TIMESTAMP NOT NULL,
  PRIMARY KEY (kind, origin, commodity, period)
)`;

/** Opens (creating when absent) the analytics store at `path` (':memory:' for tests) with its tables. */
export async function openAnalyticsStore(path: string): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  for (const table of [ITEMS_TABLE, RECIPIENTS_TABLE, CURSORS_TABLE, ALERTS_SENT_TABLE]) await connection.run(table);
  return { instance, connection };
}
