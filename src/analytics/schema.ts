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
 * The identifiers of e-commerce parties (network.ts): a seller's, buyer's or platform's e-mail,
 * address and payment reference, normalised (ecommerce/normalise.ts), per source exchange.
 * `party` is the declared id, or for a party declared without one its first identifier
 * (`email:…`, `address:…`), so that parcels of one buyer still meet in the network.
 */
const PARTY_IDENTIFIERS_TABLE = `
CREATE TABLE IF NOT EXISTS party_identifiers (
  source VARCHAR NOT NULL,
  declaration VARCHAR NOT NULL,
  received_at VARCHAR NOT NULL,
  party VARCHAR NOT NULL,
  role VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,
  value VARCHAR NOT NULL
)`;

/**
 * Every party's part in every declaration, one row per goods item and role: the parties of the
 * items (importer, exporter, declarant, carrier) and those only e-commerce data names.
 */
const PARTY_ROLES_VIEW = `
CREATE OR REPLACE VIEW party_roles AS
SELECT source, declaration, importer AS party, 'importer' AS role, outcome = 'discrepancy' AS discrepancy FROM items WHERE importer IS NOT NULL
UNION ALL SELECT source, declaration, exporter, 'exporter', outcome = 'discrepancy' FROM items WHERE exporter IS NOT NULL
UNION ALL SELECT source, declaration, declarant, 'declarant', outcome = 'discrepancy' FROM items WHERE declarant IS NOT NULL
UNION ALL SELECT source, declaration, carrier, 'carrier', outcome = 'discrepancy' FROM items WHERE carrier IS NOT NULL
UNION ALL SELECT DISTINCT p.source, p.declaration, p.party, p.role, coalesce(i.outcome = 'discrepancy', false)
  FROM party_identifiers p LEFT JOIN items i ON i.source = p.source AND i.declaration = p.declaration`;

/**
 * One row per declaration and party (`declaration`: a 64-bit hash of source and declaration),
 * sorted by party: what network queries join on, rebuilt from `party_roles` by
 * `syncPartyNetwork` (party-identifiers.ts). Integer keys keep a level of a network to a few
 * tens of milliseconds where the string keys of the view took seconds.
 */
const PARTY_DECLARATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS party_declarations (
  declaration UBIGINT NOT NULL,
  party VARCHAR NOT NULL,
  role VARCHAR NOT NULL,
  discrepancy BOOLEAN NOT NULL
)`;

/** Description classifiers as trained (misclassifications.ts): the newest is the one in use. */
const DESCRIPTION_MODELS_TABLE = `
CREATE TABLE IF NOT EXISTS description_models (
  trained_at VARCHAR NOT NULL,
  body VARCHAR NOT NULL
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

/** What DuckDB may take of the machine (config: one thread and 512 MB unless told); without limits, every core and 80% of its memory. */
export interface AnalyticsLimits {
  threads: number;
  memoryMb: number;
}

/** Opens (creating when absent) the analytics store at `path` (':memory:' for tests) with its tables, within `limits` when given. */
export async function openAnalyticsStore(path: string, limits?: AnalyticsLimits): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(path, limits ? { threads: String(limits.threads), memory_limit: `${limits.memoryMb}MB` } : {});
  const connection = await instance.connect();
  for (const statement of [
    ITEMS_TABLE,
    RECIPIENTS_TABLE,
    CURSORS_TABLE,
    ALERTS_SENT_TABLE,
    PARTY_IDENTIFIERS_TABLE,
    PARTY_ROLES_VIEW,
    PARTY_DECLARATIONS_TABLE,
    DESCRIPTION_MODELS_TABLE,
  ])
    await connection.run(statement);
  return { instance, connection };
}
