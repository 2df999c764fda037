import { describe, expect, it } from 'vitest';
import { alerts } from '../../src/analytics/alerts.js';
import { appendSyntheticTrade, type SyntheticTrade, useMemoryAnalyticsStore } from '../support/trade.js';

const customs = { kind: 'customs' } as const;
/** Three years of trade from Monday 2023-07-03: the last is the one looked at, with the two before it for baselines and seasonality. */
const TRADE: SyntheticTrade = {
  seed: 7,
  start: '2023-07-03',
  weeks: 156,
  origins: ['CN', 'VN', 'TR', 'IN', 'BR', 'US'],
  commodities: ['610910', '610821', '620342', '851712', '851762', '940360', '950300', '030617'],
  perCellWeek: 20,
};
const LAST_YEAR = { from: '2025-06-30', to: '2026-06-28' };
const NOW = new Date('2026-07-01T12:00:00Z');

const store = useMemoryAnalyticsStore();

describe('alerts over a year of synthetic trade', () => {
  it('raises a handful at most over a year of ordinary seasonal trade', async () => {
    const rows = await appendSyntheticTrade(store.connection, TRADE);
    expect(rows).toBeGreaterThan(50_000);
    const found = await alerts(store.instance, customs, LAST_YEAR, NOW);
    expect(found.alerts.length).toBeLessThanOrEqual(5);
  });

  it('finds a planted surge and a planted undervaluation, ranked first, at the commodity length they show best', async () => {
    await appendSyntheticTrade(store.connection, {
      ...TRADE,
      breaks: [
        // Weeks 132 and 142 from the start: the weeks of 2026-01-12 and 2026-03-23.
        { origin: 'VN', commodity: '851712', week: 132, weeks: 1, count: 4 },
        { origin: 'TR', commodity: '610910', week: 142, weeks: 14, unitValue: 0.6 },
      ],
    });
    const found = await alerts(store.instance, customs, LAST_YEAR, NOW);
    const top = found.alerts.slice(0, 4);
    expect(top).toContainEqual(expect.objectContaining({ kind: 'count-surge', origin: 'VN', commodity: '851712', period: '2026-W03' }));
    expect(top).toContainEqual(expect.objectContaining({ kind: 'unit-value-shift', origin: 'TR', commodity: '610910', period: '2026-W13' }));
    expect(found.alerts.length).toBeLessThanOrEqual(8);
  });
});
