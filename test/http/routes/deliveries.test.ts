import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { finding, RejectionError } from '../../../src/findings.js';
import { installAuthentication } from '../../../src/http/auth.js';
import { installProblemHandlers } from '../../../src/http/problem.js';
import { deliveryListRoutes } from '../../../src/http/routes/deliveries.js';
import { asParticipant } from '../../support/analytics-api.js';
import { useExchangeStore } from '../../support/databases.js';

/**
 * POST /v1/deliveries/retry when one re-queue throws mid-batch. Redis failing between two items
 * cannot be staged here, so the pipeline's retry is a stand-in that throws for one exchange.
 */
describe('POST /v1/deliveries/retry, one item failing', () => {
  const holder = useExchangeStore('sqlite');
  const ids = ['01J0000000000000000000000A', '01J0000000000000000000000B', '01J0000000000000000000000C', '01J0000000000000000000000D'];
  const tried: string[] = [];
  let app: FastifyInstance | undefined;
  let url = '';
  beforeAll(async () => {
    app = Fastify({ ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false } } });
    installProblemHandlers(app);
    installAuthentication(app, loadConfig({ SWGATE_DATA_DIR: 'var/test-unused' }).participants);
    deliveryListRoutes(app, {
      store: holder.store,
      queueDepths: async () => [],
      retry: async (_operator, exchangeId) => {
        tried.push(exchangeId);
        if (exchangeId === ids[1]) throw new Error('Connection is closed.');
        if (exchangeId === ids[2]) throw new RejectionError(409, 'Conflict', [finding('delivery.not-failed', 'It is not failed.')]);
        if (exchangeId === ids[3]) throw new RejectionError(503, 'Unavailable', [finding('queue.unavailable', 'The queue is unavailable.')]);
      },
    });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => app?.close());

  it('reports the failing item as error with a short reason, and every item before and after it', async () => {
    const res = await fetch(`${url}/v1/deliveries/retry`, {
      method: 'POST',
      headers: { ...asParticipant('customs'), 'content-type': 'application/json' },
      body: JSON.stringify({ deliveries: ids.map((exchangeId) => ({ exchangeId, destination: 'pga-wildlife' })) }),
    });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: Array<{ exchangeId: string; outcome: string; reason?: string }> };
    expect(results.map((r) => [r.outcome, r.reason])).toEqual([
      ['requeued', undefined],
      ['error', 'Connection is closed.'],
      ['not-failed', undefined],
      ['error', 'The queue is unavailable.'],
    ]);
    expect(tried).toEqual(ids);
  });
});
