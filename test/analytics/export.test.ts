import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportParquet } from '../../src/analytics/export.js';
import { openAnalyticsStore } from '../../src/analytics/schema.js';
import { appendSyntheticTrade } from '../support/trade.js';

describe('the Parquet export', () => {
  it('writes one Hive partition per month that DuckDB reads back to the same rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'swgate-export-'));
    const out = join(dir, "it's here");
    const { instance, connection } = await openAnalyticsStore(':memory:');
    try {
      const rows = await appendSyntheticTrade(connection, {
        seed: 3,
        start: '2025-06-30',
        weeks: 10,
        origins: ['CN', 'VN'],
        commodities: ['610910', '851712'],
        perCellWeek: 5,
      });
      // Ten weeks from Monday 30 June: a day of June, July, August, the first week of September.
      expect(await exportParquet(connection, out)).toEqual({ rows, months: 4 });
      expect(readdirSync(out).sort()).toEqual(['month=2025-06', 'month=2025-07', 'month=2025-08', 'month=2025-09']);
      const reader = await DuckDBInstance.create(':memory:');
      const c = await reader.connect();
      const back = (
        await c.runAndReadAll(
          `SELECT month, count(*)::INTEGER AS n, sum(value) AS value FROM read_parquet('${out.replaceAll("'", "''")}/**/*.parquet', hive_partitioning = true) GROUP BY month ORDER BY month`,
        )
      ).getRowObjectsJS();
      const expected = (
        await connection.runAndReadAll("SELECT strftime(date, '%Y-%m') AS month, count(*)::INTEGER AS n, sum(value) AS value FROM items GROUP BY 1 ORDER BY 1")
      ).getRowObjectsJS();
      expect(back.map((r) => [r.month, r.n])).toEqual(expected.map((r) => [r.month, r.n]));
      expect(back.map((r) => Math.round(r.value as number))).toEqual(expected.map((r) => Math.round(r.value as number)));
      c.closeSync();
      reader.closeSync();
    } finally {
      connection.closeSync();
      instance.closeSync();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
