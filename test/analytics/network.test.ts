import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discrepancyDistance, partyNetwork } from '../../src/analytics/network.js';
import { refreshPartyDeclarations } from '../../src/analytics/party-identifiers.js';
import { openAnalyticsStore } from '../../src/analytics/schema.js';
import { ecommerceMigrations } from '../../src/ecommerce/tables.js';
import { useExchangeStore } from '../support/databases.js';
import { insertItems, plantRing } from './ring.js';

describe('party networks', () => {
  const holder = useExchangeStore('sqlite', ecommerceMigrations);
  let analytics: { instance: DuckDBInstance; connection: DuckDBConnection };
  beforeAll(async () => {
    analytics = await openAnalyticsStore(':memory:');
    await plantRing(analytics.connection, holder.store);
  });
  afterAll(() => analytics?.instance.closeSync());

  it('finds the ring around a shared declarant, each party with its declarations and discrepancies', async () => {
    const network = await partyNetwork(analytics.connection, 'DEC-RING', 1);
    expect(network?.nodes.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 'DEC-RING', kind: 'declarant', declarations: 2, discrepancies: 1 },
      { id: 'EXP-2', kind: 'exporter', declarations: 1, discrepancies: 0 },
      { id: 'EXP-OFF', kind: 'exporter', declarations: 1, discrepancies: 1 },
      { id: 'IMP-A', kind: 'importer', declarations: 1, discrepancies: 1 },
      { id: 'IMP-B', kind: 'importer', declarations: 1, discrepancies: 0 },
    ]);
    expect(network?.edges).toHaveLength(4);
    expect(network?.edges.every((e) => e.kind === 'declaration' && e.count === 1 && [e.source, e.target].includes('DEC-RING'))).toBe(true);
  });

  it('links parties through an e-mail and an address that are the same after normalisation', async () => {
    const network = await partyNetwork(analytics.connection, 'SELL-1', 3);
    const ids = network?.nodes.map((n) => n.id) ?? [];
    expect(ids).toEqual(expect.arrayContaining(['SELL-1', 'BUY-1', 'email:adalovelace@example.org', 'SELL-2', 'SELL-3', 'PLAT']));
    expect(ids).not.toContain('DEC-RING');
    const kinds = new Map(network?.edges.map((e) => [[e.source, e.target].sort().join(' '), e.kind]));
    expect(kinds.get('BUY-1 email:adalovelace@example.org')).toBe('email');
    expect(kinds.get('SELL-2 SELL-3')).toBe('address');
    expect(network?.nodes.find((n) => n.id === 'email:adalovelace@example.org')).toMatchObject({ kind: 'buyer', declarations: 1 });
  });

  it('measures the distance to the nearest party with a discrepancy', async () => {
    const distance = (party: string) => discrepancyDistance(analytics.connection, party);
    expect(await distance('EXP-OFF')).toBe(0);
    // A buyer known by its e-mail only carries the discrepancy of its parcel's declaration.
    expect(await distance('email:someoneelse@example.net')).toBe(0);
    expect(await distance('IMP-B')).toBe(1);
    expect(await distance('SELL-2')).toBe(1);
    // SELL-1 → PLAT or BUY-1 → SELL-2 (by the shared mailbox) → SELL-3, the offender.
    expect(await distance('SELL-1')).toBe(3);
    expect(await discrepancyDistance(analytics.connection, 'SELL-1', 2)).toBeNull();
    expect(await distance('IMP-C')).toBeNull();
    expect(await distance('NOBODY')).toBeNull();
  });

  it('answers nothing for an unknown party, and stops at the depth asked', async () => {
    expect(await partyNetwork(analytics.connection, 'NOBODY', 2)).toBeUndefined();
    expect(await partyNetwork(analytics.connection, "x' OR 1=1 --", 2)).toBeUndefined();
    const one = await partyNetwork(analytics.connection, 'IMP-B', 1);
    expect(one?.nodes.map((n) => n.id).sort()).toEqual(['DEC-RING', 'EXP-2', 'IMP-B']);
    const two = await partyNetwork(analytics.connection, 'IMP-B', 2);
    expect(two?.nodes.map((n) => n.id).sort()).toEqual(['DEC-RING', 'EXP-2', 'EXP-OFF', 'IMP-A', 'IMP-B']);
  });

  it('keeps at most the cap of parties, the strongest links first', async () => {
    // 700 importers lodge through DEC-BUSY, importer i on (i % 7) + 1 declarations.
    await insertItems(
      analytics.connection,
      Array.from({ length: 700 }, (_, i) =>
        Array.from({ length: (i % 7) + 1 }, (_, n) => ({ declaration: `B${i}-${n}`, importer: `BUSY-IMP-${i}`, declarant: 'DEC-BUSY' })),
      ).flat(),
    );
    await refreshPartyDeclarations(analytics.connection);
    const network = await partyNetwork(analytics.connection, 'DEC-BUSY', 2);
    expect(network?.nodes).toHaveLength(500);
    const counts = network?.edges.map((e) => e.count) ?? [];
    // 100 importers have each count 1–7: the 499 kept are the 7s, 6s, 5s, 4s and 199 of the 3s.
    expect(Math.min(...counts)).toBe(3);
    expect(counts.filter((c) => c === 7)).toHaveLength(100);
    const small = await partyNetwork(analytics.connection, 'DEC-BUSY', 1, 10);
    expect(small?.nodes).toHaveLength(10);
  });
});
