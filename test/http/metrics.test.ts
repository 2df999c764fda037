import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { apiKeyParticipant } from '../support/participants.js';
import { installAuthentication } from '../../src/http/auth.js';
import { installMetrics } from '../../src/http/metrics.js';
import { installProblemHandlers } from '../../src/http/problem.js';

async function metricsApp(isPublic: boolean) {
  const app = Fastify();
  installProblemHandlers(app);
  installAuthentication(app, [apiKeyParticipant('ops', true), apiKeyParticipant('trader', false)]);
  installMetrics(
    app,
    {
      exchangesByStatus: async () => [{ status: 'delivered', count: 3 }],
      queueDepths: async () => [],
      reconcilerActions: async () => [],
      timeRelease: async () => [
        {
          destination: 'pga-"odd"',
          measure: 'lodged-to-final',
          buckets: [
            { le: '1', count: 1 },
            { le: '+Inf', count: 3 },
          ],
          sum: 42.5,
          count: 3,
        },
      ],
    },
    { public: isPublic },
  );
  await app.ready();
  return app;
}

describe('GET /metrics', () => {
  it('is for operators unless the operator made it public', async () => {
    const closed = await metricsApp(false);
    expect((await closed.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    expect((await closed.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer key-trader' } })).statusCode).toBe(403);
    const asOperator = await closed.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer key-ops' } });
    expect(asOperator.statusCode).toBe(200);
    expect(asOperator.body).toMatch(/swgate_exchanges\{status="delivered"\} 3/);
    // Observed by the workers, read back from the database: a label value is escaped as the format requires.
    expect(asOperator.body).toContain('# TYPE swgate_time_release_lodged_to_final_seconds histogram');
    expect(asOperator.body).toContain('swgate_time_release_lodged_to_final_seconds_bucket{destination="pga-\\"odd\\"",le="+Inf"} 3');
    expect(asOperator.body).toContain('swgate_time_release_lodged_to_final_seconds_sum{destination="pga-\\"odd\\""} 42.5');
    expect(asOperator.body).toContain('# TYPE swgate_time_release_lodged_to_delivered_seconds histogram');
    await closed.close();

    const open = await metricsApp(true);
    expect((await open.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
    await open.close();
  });
});
