/**
 * `swgate analytics import --history`: a legacy system's declaration history (the history CSV
 * columns, risk/history.ts) into the analytics store, one row per CSV row, `source` 'history',
 * `declaration` the sgd.id. All of the file or none of it: rows are staged first, and a bad
 * row refuses the whole file. A declaration loaded again replaces its earlier rows, so loading
 * the same file twice does not count anything twice.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Readable } from 'node:stream';
import { readHistoryCsv } from '../risk/history.js';
import { inTransaction } from './sync.js';

const STAGING = 'history_staging';

export async function importHistory(connection: DuckDBConnection, input: Readable): Promise<{ rows: number; declarations: number }> {
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${STAGING} (
    line INTEGER, declaration VARCHAR, date VARCHAR, importer VARCHAR, declarant VARCHAR, origin VARCHAR, office VARCHAR,
    commodity VARCHAR, quantity DOUBLE, mass DOUBLE, value DOUBLE, taxes DOUBLE, illicit INTEGER, revenue DOUBLE)`);
  try {
    const appender = await connection.createAppender(STAGING, 'main', 'temp');
    let rows = 0;
    for await (const row of readHistoryCsv(input, { outcomes: 'required' })) {
      rows += 1;
      appender.appendInteger(rows);
      for (const text of [row.sgdId, row.date, row.importerId, row.declarantId, row.country, row.officeId, row.tariffCode]) appender.appendVarchar(text);
      for (const amount of [row.quantity, row.grossWeight, row.cifValue, row.totalTaxes]) appender.appendDouble(amount);
      appender.appendInteger(row.illicit ?? 0);
      appender.appendDouble(row.revenue ?? 0);
      appender.endRow();
    }
    appender.closeSync();
    return await inTransaction(connection, async () => {
      await connection.run(`DELETE FROM items WHERE source = 'history' AND declaration IN (SELECT declaration FROM ${STAGING})`);
      // illicit 0 is "compliant or not controlled": no outcome is known, so none is claimed.
      await connection.run(`INSERT INTO items BY NAME
        SELECT 'history' AS source, declaration, (row_number() OVER (PARTITION BY declaration ORDER BY line))::INTEGER AS item,
               date::DATE AS date, office, origin, commodity, importer, declarant, value, mass, quantity, taxes,
               CASE illicit WHEN 1 THEN 'discrepancy' END AS outcome, revenue
        FROM ${STAGING}`);
      const [count] = (await connection.runAndReadAll(`SELECT count(DISTINCT declaration)::INTEGER AS n FROM ${STAGING}`)).getRowObjectsJS();
      return { rows, declarations: (count?.n as number | undefined) ?? 0 };
    });
  } finally {
    await connection.run(`DROP TABLE IF EXISTS temp.${STAGING}`);
  }
}
