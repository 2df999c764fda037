import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeyParticipant } from '../../support/participants.js';
import { installAuthentication } from '../../../src/http/auth.js';
import { installProblemHandlers } from '../../../src/http/problem.js';
import { healthRoutes } from '../../../src/http/routes/health.js';

describe('GET /health/ready', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    installProblemHandlers(app);
    installAuthentication(app, [apiKeyParticipant('ops', true), apiKeyParticipant('trader', false)]);
    healthRoutes(app, {
      checks: {
        redis: async () => {},
        database: async () => {
          throw new Error('connect ECONNREFUSED 10.20.30.40:5432 (user swgate_rw)');
        },
      },
    });
    await app.ready();
  });
  afterAll(async () => app?.close());

  const ready = (key?: string) => app.inject({ method: 'GET', url: '/health/ready', headers: key ? { authorization: `Bearer ${key}` } : {} });

  it('tells anyone which check fails, not why (error text names internal hosts and users)', async () => {
    for (const key of [undefined, 'key-trader', 'not-a-key']) {
      const answer = await ready(key);
      expect(answer.statusCode).toBe(503);
      expect(answer.json()).toEqual({ status: 'not ready', checks: { redis: 'ok', database: 'failing' } });
    }
  });

  it('tells an operator why', async () => {
    const answer = await ready('key-ops');
    expect(answer.statusCode).toBe(503);
    expect(answer.json().checks.database).toBe('failing: connect ECONNREFUSED 10.20.30.40:5432 (user swgate_rw)');
  });

  it('answers liveness without credentials', async () => {
    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
  });
});
