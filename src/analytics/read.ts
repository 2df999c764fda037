import type { DuckDBInstance, DuckDBValue } from '@duckdb/node-api';

/**
 * Runs one read on a connection of its own, so reads run beside the sync's writes (DuckDB's
 * MVCC gives each a consistent snapshot) and never share a connection's state.
 */
export async function readRows<Row>(instance: DuckDBInstance, sql: string, values: Record<string, DuckDBValue> = {}): Promise<Row[]> {
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql, values)).getRowObjectsJS() as Row[];
  } finally {
    connection.closeSync();
  }
}
