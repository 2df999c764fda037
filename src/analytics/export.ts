/**
 * `swgate analytics export`: the goods items as Parquet, partitioned by month in the Hive layout
 * (`month=2025-07/data_0.parquet`), for Spark, Trino, ClickHouse or a BI tool (ANALYTICS.md,
 * "Scale-out"). The recipients table stays behind: the export is customs' own.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export async function exportParquet(connection: DuckDBConnection, dir: string): Promise<{ rows: number; months: number }> {
  const target = `'${dir.replaceAll("'", "''")}'`;
  await connection.run(
    `COPY (SELECT *, strftime(date, '%Y-%m') AS month FROM items ORDER BY date)
     TO ${target} (FORMAT PARQUET, PARTITION_BY (month), OVERWRITE_OR_IGNORE, COMPRESSION ZSTD)`,
  );
  const [row] = (
    await connection.runAndReadAll("SELECT count(*)::INTEGER AS rows, count(DISTINCT strftime(date, '%Y-%m'))::INTEGER AS months FROM items")
  ).getRowObjectsJS();
  return { rows: (row?.rows as number | undefined) ?? 0, months: (row?.months as number | undefined) ?? 0 };
}
