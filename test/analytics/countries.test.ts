import { describe, expect, it } from 'vitest';
import { countryProfile, originTypicality } from '../../src/analytics/countries.js';
import { openAnalyticsStore } from '../../src/analytics/schema.js';

describe('country profiles and origin typicality', () => {
  it('rates an origin by its share of a commodity’s value, at any code length', async () => {
    const { instance, connection } = await openAnalyticsStore(':memory:');
    await connection.run(`INSERT INTO items (source, declaration, item, date, origin, commodity, value, mass) VALUES
      ('history', 'A', 1, DATE '2025-01-01', 'CN', '6109100000', 900, 10),
      ('history', 'B', 1, DATE '2025-01-02', 'VN', '6109100000', 100, 10),
      ('history', 'C', 1, DATE '2025-01-03', 'VN', '8517120000', 500, 1)`);
    expect(await originTypicality(instance, 'CN', '6109')).toBeCloseTo(0.9);
    expect(await originTypicality(instance, 'VN', '610910')).toBeCloseTo(0.1);
    expect(await originTypicality(instance, 'TR', '61')).toBe(0);
    expect(await originTypicality(instance, 'CN', '0101')).toBeUndefined();
    const vn = await countryProfile(instance, { kind: 'customs' }, { country: 'VN', digits: 2 });
    expect(vn.commodities.map((c) => [c.commodity, c.value, c.share])).toEqual([
      ['85', 500, 500 / 600],
      ['61', 100, 100 / 600],
    ]);
    // Over a range that holds none of it: nothing.
    const empty = await countryProfile(instance, { kind: 'customs' }, { country: 'VN', digits: 2, range: { from: '2024-01-01', to: '2024-12-31' } });
    expect(empty).toEqual({ country: 'VN', commodities: [], suppressed: 0 });
    connection.closeSync();
    instance.closeSync();
  });
});
