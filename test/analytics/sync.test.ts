import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCursors } from '../../src/analytics/sync.js';
import type { RiskTables } from '../../src/risk/tables.js';
import type { AnalyticsService } from '../../src/runtime/analytics.js';
import { sample, startTestGateway, type TestGateway } from '../support/gateway.js';

let t: TestGateway;
let analytics: AnalyticsService;
/** Past the sync's settling time: what was stored now is copied. */
const later = () => new Date(Date.now() + 10_000);

beforeAll(async () => {
  // A long timer: the test runs every pass itself.
  t = await startTestGateway('sqlite', { SWGATE_ANALYTICS_SYNC_EVERY_MS: '60000' });
  analytics = t.gateway.analytics as AnalyticsService;
});
afterAll(() => t.stop());

async function lodge(path: string): Promise<string> {
  const res = await fetch(`${t.url}/v1/declarations`, {
    method: 'POST',
    headers: { authorization: 'Bearer sandbox-trader-demo', 'content-type': 'application/xml' },
    body: sample(path),
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { exchangeId: string }).exchangeId;
}

async function itemsOf(declaration: string) {
  const connection = await analytics.instance.connect();
  try {
    const reader = await connection.runAndReadAll('SELECT * FROM items WHERE declaration = $d ORDER BY item', { d: declaration });
    return reader.getRowObjectsJS();
  } finally {
    connection.closeSync();
  }
}

describe('the analytics sync', () => {
  it('copies a new declaration, one row per goods item, and moves the exchange cursor to it', async () => {
    const id = await lodge('import/TT_IM001a__Step1_TT_IM001a.xml');
    // Not yet: what was just stored is left until it has surely committed.
    expect((await analytics.sync(new Date())).items).toBe(0);
    const summary = await analytics.sync(later());
    expect(summary.items).toBe(1);
    expect(summary.cursors.exchanges).toBe(id);
    expect(await itemsOf(id)).toEqual([
      expect.objectContaining({ source: 'exchange', item: 1, origin: 'US', commodity: '85109000', value: 1000, mass: 150, office: 'WLALONBTW', outcome: null }),
    ]);
    // A second pass finds nothing new: it starts at the cursor.
    expect((await analytics.sync(later())).items).toBe(0);
    expect((await itemsOf(id)).length).toBe(1);
  });

  it('applies a control result recorded after the row was copied, and moves the control cursor', async () => {
    const id = await lodge('import/TT_IM050a__TT_IM050a.xml');
    await analytics.sync(later());
    const risk = t.gateway.store.db as unknown as Kysely<RiskTables>;
    const resultId = '01KZZZZZZZ0000000000000001';
    await risk
      .insertInto('control_results')
      .values({
        id: resultId,
        exchange_id: id,
        controller: 'customs',
        outcome: 'discrepancy',
        findings: '[]',
        revenue: 1250,
        seized: 0,
        recorded_at: new Date().toISOString(),
      })
      .execute();
    const summary = await analytics.sync(new Date('2100-01-01T00:00:00Z'));
    expect(summary.controlled).toBe(1);
    expect(summary.cursors.controls).toBe(resultId);
    const rows = await itemsOf(id);
    expect(rows[0]).toMatchObject({ outcome: 'discrepancy', revenue: 1250 });
    expect(rows.slice(1).every((r) => r.outcome === 'discrepancy' && r.revenue === 0)).toBe(true);
    const connection = await analytics.instance.connect();
    expect(await readCursors(connection)).toEqual(summary.cursors);
    connection.closeSync();
  });
});
