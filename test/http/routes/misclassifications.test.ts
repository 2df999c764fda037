import { describe, expect, it } from 'vitest';
import { trainDescriptions } from '../../../src/analytics/misclassifications.js';
import { misclassificationRoutes } from '../../../src/http/routes/misclassifications.js';
import { plantDescriptions } from '../../analytics/corpus.js';
import { asParticipant, useAnalyticsApi } from '../../support/analytics-api.js';

describe('GET /v1/analytics/misclassifications', () => {
  const api = useAnalyticsApi(misclassificationRoutes, plantDescriptions);
  const get = (query: string, participant = 'customs') => fetch(`${api.url}/v1/analytics/misclassifications?${query}`, { headers: asParticipant(participant) });

  it('answers 503 before any classifier is trained, then the planted misclassifications with the model that found them', async () => {
    const before = await get('from=2026-01-01&to=2026-01-31');
    expect(before.status).toBe(503);
    expect(((await before.json()) as { findings: Array<{ code: string }> }).findings[0]?.code).toBe('analytics.descriptions-not-trained');
    await trainDescriptions(api.connection, new Date('2026-01-09T02:00:00Z'));
    const res = await get('from=2026-01-01&to=2026-01-31');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      model: { trainedAt: string; chapters: number; measured: { precision: number } };
      misclassifications: Array<{ declaration: string }>;
    };
    expect(body.model).toMatchObject({ trainedAt: '2026-01-09T02:00:00.000Z', chapters: 8 });
    expect(body.model.measured.precision).toBeGreaterThan(0.9);
    expect(body.misclassifications.map((m) => m.declaration).sort()).toEqual(['J1', 'J2']);
  });

  it('refuses missing, malformed, reversed and over-long ranges with problem+json', async () => {
    for (const query of [
      'from=2026-01-01',
      'to=2026-01-01',
      'from=2026-13-01&to=2026-12-31',
      'from=yesterday&to=2026-01-01',
      'from=2026-02-01&to=2026-01-01',
      'from=2020-01-01&to=2026-01-01',
      'from=2026-01-01&to=2026-01-31&x=1',
    ]) {
      const res = await get(query);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type'), query).toContain('application/problem+json');
    }
  });

  it('is for customs only', async () => {
    for (const participant of ['trader-demo', 'platform-demo', 'post-demo', 'pga-plant', 'partner-xb']) {
      expect((await get('from=2026-01-01&to=2026-01-31', participant)).status, participant).toBe(403);
    }
  });
});
