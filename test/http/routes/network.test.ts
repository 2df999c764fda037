import { describe, expect, it } from 'vitest';
import { ecommerceMigrations } from '../../../src/ecommerce/tables.js';
import { networkRoutes } from '../../../src/http/routes/network.js';
import { plantRing } from '../../analytics/ring.js';
import { asParticipant, useAnalyticsApi } from '../../support/analytics-api.js';
import { useExchangeStore } from '../../support/databases.js';

describe('GET /v1/analytics/network', () => {
  const holder = useExchangeStore('sqlite', ecommerceMigrations);
  const api = useAnalyticsApi(networkRoutes, (connection) => plantRing(connection, holder.store));
  const get = (query: string, participant = 'customs') => fetch(`${api.url}/v1/analytics/network?${query}`, { headers: asParticipant(participant) });

  it('answers customs with the ring around a party, two links deep by default', async () => {
    const res = await get('party=IMP-B');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { nodes: Array<{ id: string; discrepancies: number }>; edges: Array<{ count: number }> };
    expect(body.nodes.map((n) => n.id).sort()).toEqual(['DEC-RING', 'EXP-2', 'EXP-OFF', 'IMP-A', 'IMP-B']);
    expect(body.nodes.find((n) => n.id === 'EXP-OFF')?.discrepancies).toBe(1);
    expect(body.edges.length).toBeGreaterThanOrEqual(4);
  });

  it('refuses depths outside 1–3, a missing or huge party, and unknown parameters with problem+json; 404 for an unknown party', async () => {
    for (const query of [
      'party=IMP-B&depth=4',
      'party=IMP-B&depth=0',
      'party=IMP-B&depth=two',
      'depth=2',
      `party=${'P'.repeat(301)}`,
      'party=',
      'party=IMP-B&limit=9',
    ]) {
      const res = await get(query);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type'), query).toContain('application/problem+json');
    }
    const res = await get(`party=${encodeURIComponent('NOBODY')}`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { findings: Array<{ code: string }> }).findings[0]?.code).toBe('analytics.party-not-found');
  });

  it('is for customs only: 403 for traders, platforms, posts, agencies and partner customs; 401 without a key', async () => {
    for (const participant of ['trader-demo', 'platform-demo', 'post-demo', 'pga-plant', 'partner-xb']) {
      expect((await get('party=IMP-B', participant)).status, participant).toBe(403);
    }
    expect((await fetch(`${api.url}/v1/analytics/network?party=IMP-B`)).status).toBe(401);
  });
});
