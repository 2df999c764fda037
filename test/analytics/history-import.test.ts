import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { importHistory } from '../../src/analytics/history-import.js';
import { HistoryCsvError } from '../../src/risk/history.js';
import { historyCsv } from '../support/history-csv.js';
import { useMemoryAnalyticsStore } from '../support/trade.js';

const store = useMemoryAnalyticsStore();

const load = (csv: string) => importHistory(store.connection, Readable.from([csv]));
const count = async (where = 'true') =>
  (await store.connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM items WHERE ${where}`)).getRowObjectsJS()[0]?.n;

describe('importing history', () => {
  it('loads the history columns: country the origin, cif.value the value, illicit 1 a discrepancy with its revenue', async () => {
    const csv = historyCsv(200);
    expect(await load(csv)).toEqual({ rows: 200, declarations: 200 });
    const [row] = (await store.connection.runAndReadAll("SELECT * FROM items WHERE declaration = 'H1'")).getRowObjectsJS();
    const line = csv.split('\n')[2]?.split(',') ?? [];
    expect(row).toMatchObject({ source: 'history', item: 1, origin: line[4], office: line[5], commodity: line[6], value: Number(line[10]), importer: line[2] });
    expect(await count("outcome = 'discrepancy'")).toBe(csv.split('\n').filter((l) => l.endsWith(',1,250')).length);
    expect(await count("outcome = 'discrepancy' AND revenue = 250")).toBe(await count("outcome = 'discrepancy'"));
  });

  it('does not count a declaration twice when the same file is loaded again (sgd.id is the key)', async () => {
    const csv = historyCsv(500);
    await load(csv);
    await load(csv);
    expect(await count()).toBe(500);
    // A declaration's items keep their numbers: two rows of one sgd.id are its items 1 and 2.
    await load(`${csv.split('\n')[0]}\nH7,2025-01-02,I,D,CN,O,61091000,1,1,1,1,1,0,0\nH7,2025-01-02,I,D,CN,O,61092000,1,1,1,1,1,0,0\n`);
    expect(await count("declaration = 'H7'")).toBe(2);
    expect(await count()).toBe(501);
  });

  it('refuses a malformed file naming the row and column, and loads none of it', async () => {
    await load(historyCsv(10));
    const lines = historyCsv(3000, 2).split('\n');
    // Line 2501 of the file (the header is line 1): a date that does not exist.
    lines[2500] = (lines[2500] ?? '').replace(/^([^,]*),[^,]*,/, '$1,2025-02-30,');
    const error = await load(lines.join('\n')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HistoryCsvError);
    expect(error).toMatchObject({ line: 2501, column: 'sgd.date' });
    expect(await count()).toBe(10);
  });
});
