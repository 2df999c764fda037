/**
 * The party network's tables in the analytics store: the e-commerce parties' identifiers
 * (`party_identifiers`), from the consignments' sources in the exchange store
 * (ecommerce/tables.ts), read incrementally (each call what arrived since the last row it
 * holds); and `party_declarations`, what network queries join on.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { PartyIdentifiers, SourceFacts } from '../ecommerce/sources.js';
import type { EcommerceTables } from '../ecommerce/tables.js';
import { tablesOf } from '../store/db.js';
import type { Store } from '../store/exchanges.js';

interface IdentifierRow {
  party: string;
  role: string;
  kind: 'email' | 'address' | 'payment';
  value: string;
}

/** A party declared without an id is known by its e-mail, else its address. */
const MAX_KEY = 280;
const partyKey = (p: PartyIdentifiers): string => (p.id ?? (p.email ? `email:${p.email}` : `address:${p.address ?? ''}`)).slice(0, MAX_KEY);

/**
 * The identifier rows of one source: each party's e-mail and address, the buyer's payment
 * reference. A party with an id and nothing else is in the items already (importer, exporter,
 * declarant of the declaration made of the consignment).
 */
export function identifierRowsOf(facts: SourceFacts): IdentifierRow[] {
  return facts.parties.flatMap((p) => {
    const party = partyKey(p);
    const rows: IdentifierRow[] = [];
    if (p.email) rows.push({ party, role: p.role, kind: 'email', value: p.email });
    if (p.address) rows.push({ party, role: p.role, kind: 'address', value: p.address });
    if (p.role === 'buyer' && facts.payment) rows.push({ party, role: p.role, kind: 'payment', value: facts.payment });
    return rows;
  });
}

/**
 * Two sources can commit out of the order of their arrival times; what arrived within this
 * much before the newest row held is read again (and replaced), so a late commit is not missed.
 */
const OVERLAP_MS = 5 * 60_000;

/**
 * Brings the network's tables up to date, after the items' own sync: the e-commerce sources
 * that arrived since the last call into `party_identifiers`, then `party_declarations` rebuilt
 * from `party_roles` (a few seconds at a million goods items). Returns the sources read.
 */
export async function syncPartyNetwork(store: Store, connection: DuckDBConnection): Promise<number> {
  const read = await syncPartyIdentifiers(store, connection);
  await refreshPartyDeclarations(connection);
  return read;
}

/** Rebuilds `party_declarations` from the items and identifiers as they are now. */
export async function refreshPartyDeclarations(connection: DuckDBConnection): Promise<void> {
  await connection.run(`
    CREATE OR REPLACE TABLE party_declarations AS
    SELECT hash(source, declaration) AS declaration, party, mode(role) AS role, bool_or(discrepancy) AS discrepancy
    FROM party_roles GROUP BY hash(source, declaration), party ORDER BY party`);
}

/** Copies the sources that arrived since the last sync; returns how many were read. */
async function syncPartyIdentifiers(store: Store, connection: DuckDBConnection): Promise<number> {
  const newest = (await connection.runAndReadAll('SELECT max(received_at) AS newest FROM party_identifiers')).getRowObjectsJS()[0]?.newest;
  const since = newest ? new Date(new Date(String(newest)).getTime() - OVERLAP_MS).toISOString() : '';
  const sources = await tablesOf<EcommerceTables>(store.db)
    .selectFrom('ecommerce_sources')
    .select(['exchange_id', 'facts', 'received_at'])
    .where('received_at', '>=', since)
    .execute();
  if (sources.length === 0) return 0;
  await connection.run('BEGIN TRANSACTION');
  try {
    await connection.run("DELETE FROM party_identifiers WHERE source = 'exchange' AND received_at >= $1", [since]);
    const appender = await connection.createAppender('party_identifiers');
    for (const source of sources) {
      for (const row of identifierRowsOf(JSON.parse(source.facts) as SourceFacts)) {
        for (const value of ['exchange', source.exchange_id, source.received_at, row.party, row.role, row.kind, row.value]) appender.appendVarchar(value);
        appender.endRow();
      }
    }
    appender.closeSync();
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
  return sources.length;
}
