import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsService } from '../../../src/runtime/analytics.js';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';
import { appendSyntheticTrade } from '../../support/trade.js';

let t: TestGateway;

/** Three years of customs' own trade with a planted surge, and a year of plants delivered to pga-plant, with one lone declaration. */
beforeAll(async () => {
  t = await startTestGateway('sqlite', { SWGATE_ANALYTICS_SYNC_EVERY_MS: '60000' });
  const connection = await (t.gateway.analytics as AnalyticsService).instance.connect();
  await appendSyntheticTrade(connection, {
    seed: 11,
    start: '2023-07-03',
    weeks: 156,
    origins: ['CN', 'VN', 'TR'],
    commodities: ['610910', '851712', '950300'],
    perCellWeek: 20,
    breaks: [{ origin: 'VN', commodity: '851712', week: 132, weeks: 1, count: 4 }],
  });
  await appendSyntheticTrade(connection, {
    seed: 12,
    start: '2025-06-30',
    weeks: 52,
    origins: ['KE'],
    commodities: ['060311'],
    perCellWeek: 10,
    recipient: 'pga-plant',
  });
  await connection.run(`INSERT INTO items (source, declaration, item, date, origin, commodity, value, mass)
    VALUES ('exchange', 'LONE', 1, DATE '2025-09-01', 'KE', '07020000', 900, 100)`);
  await connection.run("INSERT INTO recipients VALUES ('LONE', 'pga-plant')");
  connection.closeSync();
});
afterAll(() => t.stop());

async function get(path: string, participant = 'customs') {
  const res = await fetch(`${t.url}${path}`, { headers: { authorization: `Bearer sandbox-${participant}` } });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body: (await res.json()) as Record<string, unknown> & { findings?: Array<{ code: string; message: string }> },
  };
}

interface Series {
  key: Record<string, string | null>;
  points: Array<{ period: string; value: number | null; declarations: number }>;
}

const YEAR = 'from=2025-06-30&to=2026-06-28';

describe('GET /v1/analytics/trends', () => {
  it('answers customs a series per origin and heading, by month', async () => {
    const { status, body } = await get(`/v1/analytics/trends?by=origin,commodity&digits=4&period=month&metric=value&${YEAR}`);
    expect(status).toBe(200);
    const series = body.series as Series[];
    expect(series.map((s) => `${s.key.origin}/${s.key.commodity}`).sort()).toEqual(
      ['CN', 'VN', 'TR']
        .flatMap((o) => ['6109', '8517', '9503'].map((c) => `${o}/${c}`))
        .concat(['KE/0603', 'KE/0702'])
        .sort(),
    );
    const vn = series.find((s) => s.key.origin === 'VN' && s.key.commodity === '8517');
    expect(vn?.points.map((p) => p.period)).toContain('2026-01');
    expect(vn?.points.every((p) => (p.value ?? 0) > 0 && p.declarations > 0)).toBe(true);
    expect(body).toMatchObject({ suppressed: 0, truncated: 0, by: ['origin', 'commodity'], metric: 'value', period: 'month', digits: 4 });
  });

  it('shows the planted surge as a week far above its neighbours', async () => {
    const { body } = await get('/v1/analytics/trends?by=origin,commodity&digits=6&period=week&metric=count&from=2025-12-01&to=2026-02-01');
    const vn = (body.series as Series[]).find((s) => s.key.origin === 'VN' && s.key.commodity === '851712');
    const peak = vn?.points.reduce((a, b) => ((b.value ?? 0) > (a.value ?? 0) ? b : a));
    expect(peak?.period).toBe('2026-W03');
  });

  it('shows a PGA only what was delivered to it, and suppresses cells of fewer than 3 declarations', async () => {
    const { status, body } = await get(`/v1/analytics/trends?by=origin,commodity&digits=4&period=year&${YEAR}`, 'pga-plant');
    expect(status).toBe(200);
    expect((body.series as Series[]).map((s) => s.key)).toEqual([{ origin: 'KE', commodity: '0603' }]);
    expect(body.suppressed).toBe(1);
    // Another PGA sees none of it.
    const other = await get(`/v1/analytics/trends?by=origin&${YEAR}`, 'pga-food');
    expect(other.body).toMatchObject({ series: [], suppressed: 0 });
  });

  it('lets only customs group by a party', async () => {
    expect((await get(`/v1/analytics/trends?by=importer&${YEAR}`)).status).toBe(200);
    const refused = await get(`/v1/analytics/trends?by=origin,importer&${YEAR}`, 'pga-plant');
    expect(refused.status).toBe(403);
    expect(refused.body.findings?.[0]?.code).toBe('analytics.by-party');
  });

  it.each([
    ['metric=median', 400, 'metric'],
    ['period=fortnight', 400, 'period'],
    ['by=origin,colour', 400, 'colour'],
    ['digits=1', 400, 'digits'],
    ['digits=11', 400, 'digits'],
    ['digits=four', 400, 'digits'],
    ['from=2026-01-02&to=2026-01-01', 400, 'after'],
    ['from=2020-01-01&to=2026-01-01', 400, 'three years'],
    ['from=2025-02-30', 400, 'from'],
    ['from=2025-01-01T00:00:00Z', 400, 'from'],
    [`by=${'origin,'.repeat(40)}origin`, 400, 'by'],
    ['colour=blue', 400, 'additional'],
  ])('refuses %s with problem+json naming it', async (query, status, named) => {
    const answer = await get(`/v1/analytics/trends?${query}`);
    expect(answer.status).toBe(status);
    expect(answer.type).toContain('application/problem+json');
    expect(answer.body.findings?.map((f) => f.message).join(' ')).toContain(named);
  });
});

describe('GET /v1/analytics/alerts', () => {
  it('finds the planted surge first for customs', async () => {
    const { status, body } = await get(`/v1/analytics/alerts?${YEAR}`);
    expect(status).toBe(200);
    const alerts = body.alerts as Array<Record<string, unknown>>;
    expect(alerts[0]).toMatchObject({ kind: 'count-surge', origin: 'VN', commodity: '851712', period: '2026-W03' });
    expect(alerts.length).toBeLessThanOrEqual(5);
  });

  it('raises nothing over a PGA’s ordinary year', async () => {
    expect((await get(`/v1/analytics/alerts?${YEAR}`, 'pga-plant')).body).toEqual({ alerts: [], suppressed: 0 });
  });

  it('refuses a range over three years or upside down', async () => {
    expect((await get('/v1/analytics/alerts?from=2022-01-01&to=2026-01-01')).status).toBe(400);
    expect((await get('/v1/analytics/alerts?from=2026-01-01&to=2025-01-01')).status).toBe(400);
  });
});

describe('GET /v1/analytics/countries/{code}', () => {
  it('answers what a country sends, largest value first, with shares and unit values', async () => {
    const { status, body } = await get('/v1/analytics/countries/VN?digits=6');
    expect(status).toBe(200);
    const commodities = body.commodities as Array<{ commodity: string; value: number; share: number; unitValue: { median: number; p10: number; p90: number } }>;
    expect(commodities.map((c) => c.commodity).sort()).toEqual(['610910', '851712', '950300']);
    expect(commodities.map((c) => c.value)).toEqual([...commodities.map((c) => c.value)].sort((a, b) => b - a));
    expect(commodities.reduce((a, c) => a + c.share, 0)).toBeCloseTo(1, 6);
    for (const c of commodities) expect(c.unitValue.p10 <= c.unitValue.median && c.unitValue.median <= c.unitValue.p90).toBe(true);
  });

  it('shows a PGA its own cells only, saying how many were suppressed', async () => {
    const ke = await get('/v1/analytics/countries/KE?digits=4', 'pga-plant');
    expect((ke.body.commodities as Array<{ commodity: string }>).map((c) => c.commodity)).toEqual(['0603']);
    expect(ke.body.suppressed).toBe(1);
    // Shares are of what is shown: over every cell, the suppressed cell's value would follow as total − shown.
    expect((ke.body.commodities as Array<{ share: number }>).map((c) => c.share)).toEqual([1]);
    expect((await get('/v1/analytics/countries/VN', 'pga-plant')).body).toEqual({ country: 'VN', commodities: [], suppressed: 0 });
    // Customs sees the lone declaration.
    const customs = await get('/v1/analytics/countries/KE?digits=4');
    expect((customs.body.commodities as Array<{ commodity: string }>).map((c) => c.commodity).sort()).toEqual(['0603', '0702']);
  });

  it('refuses a code that is not a country, and a bad range', async () => {
    expect((await get('/v1/analytics/countries/vn')).status).toBe(400);
    expect((await get('/v1/analytics/countries/VNM')).status).toBe(400);
    expect((await get('/v1/analytics/countries/VN?from=2026-02-01&to=2026-01-01')).status).toBe(400);
  });
});

describe('who may read analytics', () => {
  it.each(['trader-demo', 'platform-demo', 'post-demo', 'partner-xb'])('refuses %s on every analytics route', async (participant) => {
    for (const path of [`/v1/analytics/trends?${YEAR}`, `/v1/analytics/alerts?${YEAR}`, '/v1/analytics/countries/VN']) {
      const answer = await get(path, participant);
      expect(answer.status).toBe(403);
      expect(answer.body.findings?.[0]?.code).toBe('analytics.forbidden');
    }
  });
});

describe('an instance that does not hold the analytics store', () => {
  it('answers 503 with a finding that says where to ask', async () => {
    const other = await startTestGateway('sqlite', { SWGATE_ANALYTICS: 'false' });
    try {
      for (const path of [
        '/v1/analytics/countries/VN',
        '/v1/analytics/network?party=IMP-B',
        '/v1/analytics/misclassifications?from=2026-01-01&to=2026-01-31',
      ]) {
        const res = await fetch(`${other.url}${path}`, { headers: { authorization: 'Bearer sandbox-customs' } });
        expect(res.status, path).toBe(503);
        const body = (await res.json()) as { findings: Array<{ code: string }> };
        expect(body.findings[0]?.code, path).toBe('analytics.unavailable');
      }
      // Access is decided first: a trader learns nothing about where the store is.
      const trader = await fetch(`${other.url}/v1/analytics/countries/VN`, { headers: { authorization: 'Bearer sandbox-trader-demo' } });
      expect(trader.status).toBe(403);
    } finally {
      await other.stop();
    }
  });
});
