import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { originTypicality } from '../../src/analytics/countries.js';
import { trainDescriptions } from '../../src/analytics/misclassifications.js';
import { discrepancyDistance } from '../../src/analytics/network.js';
import { type AnalyticsFacts, buildAnalyticsFacts, descriptionMismatchIn, discrepancyDistanceIn, originTypicalityIn } from '../../src/analytics/risk-facts.js';
import { openAnalyticsStore } from '../../src/analytics/schema.js';
import { ecommerceMigrations } from '../../src/ecommerce/tables.js';
import { useExchangeStore } from '../support/databases.js';
import { insertItems, insertTrade, plantRing } from './ring.js';

const RING_PARTIES = ['IMP-A', 'EXP-OFF', 'DEC-RING', 'IMP-B', 'EXP-2', 'IMP-C', 'EXP-3', 'DEC-CLEAN', 'BUY-1', 'SELL-1', 'PLAT', 'SELL-2', 'SELL-3', 'PLAT-2'];

const PHONE = 'mobile phone smartphone';
const SHIRT = 'cotton t-shirt';
const trade = (cells: Array<[string, string, number]>): Array<[string, string, number, string]> =>
  cells.map(([origin, commodity, value]) => [origin, commodity, value, commodity.startsWith('85') ? PHONE : SHIRT]);

describe('the analytics facts snapshot', () => {
  const holder = useExchangeStore('sqlite', ecommerceMigrations);
  let analytics: { instance: DuckDBInstance; connection: DuckDBConnection };
  let facts: AnalyticsFacts;
  beforeAll(async () => {
    analytics = await openAnalyticsStore(':memory:');
    await plantRing(analytics.connection, holder.store);
    await insertTrade(
      analytics.connection,
      trade([
        ['CN', '851712', 900],
        ['VN', '851713', 90],
        ['XA', '851790', 10],
        ['BD', '610910', 500],
        ['CN', '610910', 500],
      ]),
    );
    facts = await buildAnalyticsFacts(analytics.instance, new Date('2026-02-01T00:00:00Z'));
  });
  afterAll(() => analytics?.instance.closeSync());

  it('holds the distance of every party the per-party network query measures, and no other', async () => {
    for (const party of RING_PARTIES) {
      expect({ party, distance: discrepancyDistanceIn(facts, [party]) }).toEqual({ party, distance: await discrepancyDistance(analytics.connection, party) });
    }
    expect(discrepancyDistanceIn(facts, ['email:someoneelse@example.net'])).toBe(0);
    expect(discrepancyDistanceIn(facts, ['SELL-1', 'IMP-B', null])).toBe(1);
    expect(discrepancyDistanceIn(facts, ['NOBODY', null])).toBeNull();
    expect(discrepancyDistanceIn(undefined, ['EXP-OFF'])).toBeNull();
  });

  it('gives the share of the heading that comes from the origin, as the store answers it', async () => {
    expect(originTypicalityIn(facts, 'CN', '85171200')).toBeCloseTo(0.9, 10);
    expect(originTypicalityIn(facts, 'XA', '851790')).toBeCloseTo((await originTypicality(analytics.instance, 'XA', '8517')) as number, 10);
    expect(originTypicalityIn(facts, 'BD', '6109')).toBeCloseTo(0.5, 10);
    // An origin that never sent the heading sends none of it; a heading the store has no value for is unknown.
    expect(originTypicalityIn(facts, 'BD', '851712')).toBe(0);
    expect(originTypicalityIn(facts, 'CN', '010121')).toBeNull();
    expect(originTypicalityIn(facts, 'CN', '85')).toBeNull();
    expect(originTypicalityIn(facts, null, '851712')).toBeNull();
    expect(originTypicalityIn(undefined, 'CN', '851712')).toBeNull();
  });

  it('flags a description pointing with confidence to another chapter once a model is trained, and is null before', async () => {
    expect(facts.descriptions).toBeUndefined();
    expect(descriptionMismatchIn(facts, PHONE, '610910')).toBeNull();
    await insertTrade(
      analytics.connection,
      trade(Array.from({ length: 30 }, (_, i): [string, string, number] => [i % 2 ? 'CN' : 'VN', i % 3 ? '851712' : '610910', 100 + i])),
    );
    await trainDescriptions(analytics.connection, new Date('2026-02-02T00:00:00Z'));
    const trained = await buildAnalyticsFacts(analytics.instance);
    expect(trained.descriptions?.chapters).toEqual(['61', '85']);
    expect(descriptionMismatchIn(trained, PHONE, '610910')).toBe(true);
    expect(descriptionMismatchIn(trained, PHONE, '851712')).toBe(false);
    expect(descriptionMismatchIn(trained, null, '851712')).toBeNull();
    // Only the first 512 characters count: a megabyte of other words after them changes nothing, and costs nothing.
    const padded = `${PHONE} ${'x'.repeat(512 - PHONE.length)}${' cotton t-shirt'.repeat(70_000)}`;
    expect(descriptionMismatchIn(trained, padded, '610910')).toBe(true);
    expect(descriptionMismatchIn(trained, 'cotton t-shirt'.repeat(70_000), '851712')).toBe(true);
    expect(descriptionMismatchIn(trained, 'mobile phone', 'ABC')).toBeNull();
  });

  it('is rebuilt from what the store holds: a new discrepancy moves its neighbours closer', async () => {
    expect(discrepancyDistanceIn(facts, ['IMP-C'])).toBeNull();
    await insertItems(analytics.connection, [{ declaration: 'X9', importer: 'IMP-C', exporter: 'EXP-NEW', outcome: 'discrepancy' }]);
    await analytics.connection.run(
      `INSERT INTO party_declarations SELECT hash(source || declaration), party, role, discrepancy FROM party_roles WHERE declaration = 'X9'`,
    );
    const rebuilt = await buildAnalyticsFacts(analytics.instance);
    expect(discrepancyDistanceIn(rebuilt, ['IMP-C'])).toBe(0);
    expect(discrepancyDistanceIn(rebuilt, ['EXP-3'])).toBe(1);
  });
});
