import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifierRowsOf, syncPartyNetwork } from '../../src/analytics/party-identifiers.js';
import { openAnalyticsStore } from '../../src/analytics/schema.js';
import { insertSource, sourceOf } from '../../src/ecommerce/sources.js';
import { ecommerceMigrations } from '../../src/ecommerce/tables.js';
import { useExchangeStore } from '../support/databases.js';
import { platformConsignment, postConsignment } from '../ecommerce/support.js';

describe('the e-commerce parties in the analytics store', () => {
  const holder = useExchangeStore('sqlite', ecommerceMigrations);
  let analytics: { instance: DuckDBInstance; connection: DuckDBConnection };
  beforeAll(async () => {
    analytics = await openAnalyticsStore(':memory:');
  });
  afterAll(() => analytics?.instance.closeSync());
  const count = async () => Number((await analytics.connection.runAndReadAll('SELECT count(*) AS n FROM party_identifiers')).getRowObjectsJS()[0]?.n);

  it("names each party's normalised e-mail and address, and the buyer's payment reference", () => {
    expect(identifierRowsOf(sourceOf(platformConsignment(), 'order').facts)).toEqual([
      { party: 'CN913301001234567', role: 'seller', kind: 'address', value: '88 wensan road 310012 hangzhou cn' },
      { party: 'email:ada@example.org', role: 'buyer', kind: 'email', value: 'ada@example.org' },
      { party: 'email:ada@example.org', role: 'buyer', kind: 'address', value: '12 st james s square sw1y 4jh london gb' },
      { party: 'email:ada@example.org', role: 'buyer', kind: 'payment', value: 'PAY9F3A21' },
    ]);
  });

  it('copies what arrived since the last sync, once, however often it runs', async () => {
    await insertSource(holder.store, sourceOf(platformConsignment(), 'order'), { id: 'E1', sender: 'platform-demo', receivedAt: '2026-01-08T10:00:00.000Z' });
    expect(await syncPartyNetwork(holder.store, analytics.connection)).toBe(1);
    expect(await count()).toBe(4);
    expect(await syncPartyNetwork(holder.store, analytics.connection)).toBe(1);
    expect(await count()).toBe(4);
    // A source committed late, with an arrival time a little before the newest held, is not missed.
    await insertSource(holder.store, sourceOf(postConsignment(), 'shipping'), { id: 'E2', sender: 'post-demo', receivedAt: '2026-01-08T09:58:00.000Z' });
    await insertSource(holder.store, sourceOf(postConsignment(), 'shipping'), { id: 'E3', sender: 'post-demo', receivedAt: '2026-01-09T10:00:00.000Z' });
    expect(await syncPartyNetwork(holder.store, analytics.connection)).toBe(3);
    expect(await count()).toBe(4 + 3 + 3);
    expect(await syncPartyNetwork(holder.store, analytics.connection)).toBe(1);
    expect(await count()).toBe(10);
  });
});
