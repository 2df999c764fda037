import type { DuckDBConnection, DuckDBInstance, DuckDBValue } from '@duckdb/node-api';

/**
 * Runs one read on a connection of its own, so reads run beside the sync's writes (DuckDB's
 * MVCC gives each a consistent snapshot) and never share a connection's state.
 */
export function readRows<Row>(instance: DuckDBInstance, sql: string, values: Record<string, DuckDBValue> = {}): Promise<Row[]> {
  return withConnection(instance, async (connection) => (await connection.runAndReadAll(sql, values)).getRowObjectsJS() as Row[]);
}

/** Runs `work` on a connection of its own, closed after, for the same reason as readRows. */
export async function withConnection<T>(instance: DuckDBInstance, work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const connection = await instance.connect();
  try {
    return await work(connection);
  } finally {
    connection.closeSync();
  }
}
