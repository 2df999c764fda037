import { describe, expect, it } from 'vitest';
import type { Agreement } from '../../src/config/types.js';
import { type RetryDeps, retryDelivery } from '../../src/pipeline/retry.js';
import { DELIVERY_STATUSES } from '../../src/store/exchange-tables.js';
import { deliveriesOf, eventsOf, findExchange, newId } from '../../src/store/exchanges.js';
import { databaseKinds, useExchangeStore } from '../support/databases.js';
import { storeRoutedExchange } from '../support/exchanges.js';
import { apiKeyParticipant } from '../support/participants.js';
import { memoryQueue } from '../support/queue.js';
import { rejected } from '../support/rejections.js';

const agreementTo = (destination: string): Agreement => ({
  id: `to-${destination}`,
  description: '',
  when: {},
  destination,
  format: 'wco-xml',
  transport: 'swgate',
  delivery: { attempts: 4, backoffMs: 250, timeoutMs: 1000, retry: 'never', receiptTimeoutMs: 60_000 },
});
const operator = apiKeyParticipant('ops', true);

describe.each(await databaseKinds())('retryDelivery, an operator sends a failed delivery again (%s)', (kind) => {
  const holder = useExchangeStore(kind);
  const agreements = new Map([agreementTo('agency-a'), agreementTo('agency-b')].map((a) => [a.id, a]));
  const setUp = () => {
    const queue = memoryQueue();
    const deps: RetryDeps = {
      store: holder.store,
      agreements,
      requeue: (job, policy) => queue.requeue(job, policy),
      now: () => new Date('2026-12-06T10:00:00Z'),
    };
    return { queue, deps };
  };
  const failedExchange = () =>
    storeRoutedExchange(
      holder.store,
      [
        { destination: 'agency-a', status: 'failed' },
        { destination: 'agency-b', status: 'acknowledged' },
      ],
      { status: 'failed' },
    );

  it("queues it afresh under its agreement's policy, replacing the finished job, and puts the exchange back to routed", async () => {
    const { queue, deps } = setUp();
    const { id } = await failedExchange();
    const job = { exchangeId: id, destination: 'agency-a' };
    // The job that failed is kept by the queue under the same id.
    await queue.enqueue(job, agreementTo('agency-a').delivery);
    queue.finish(job);

    await retryDelivery(deps, operator, id, 'agency-a');
    expect(queue.calls.at(-1)).toEqual({ method: 'requeue', job, policy: agreementTo('agency-a').delivery });
    expect(queue.live()).toEqual([job]);
    const [a, b] = await deliveriesOf(holder.store, id);
    expect(a).toMatchObject({ status: 'queued', attempts: 0, last_error: null, updated_at: '2026-12-06T10:00:00.000Z' });
    expect(b).toMatchObject({ status: 'acknowledged' });
    expect((await findExchange(holder.store, id))?.status).toBe('routed');
    expect((await eventsOf(holder.store, id)).map((e) => [e.event, e.destination])).toEqual([
      ['queued', 'agency-a'],
      ['routed', null],
    ]);
  });

  it('queues it once when two operators retry it together, and refuses the other (409) whichever way they interleave', async () => {
    const { queue, deps } = setUp();
    const { id } = await failedExchange();
    const outcomes = await Promise.allSettled([
      retryDelivery(deps, operator, id, 'agency-a'),
      retryDelivery(deps, apiKeyParticipant('ops-2', true), id, 'agency-a'),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { status: 409, findings: [{ code: 'delivery.not-failed' }] } });
    expect(queue.calls).toHaveLength(1);
    expect((await eventsOf(holder.store, id)).filter((e) => e.event === 'queued')).toHaveLength(1);
  });

  it('refuses anyone but an operator, the destination and the sender included (403), and changes nothing', async () => {
    const { queue, deps } = setUp();
    const { id } = await failedExchange();
    for (const who of ['agency-a', 'trader-demo']) {
      expect(await rejected(retryDelivery(deps, apiKeyParticipant(who, false), id, 'agency-a'))).toMatchObject({
        status: 403,
        findings: [{ code: 'auth.operator-only' }],
      });
    }
    // Refused before anything is looked up: a non-operator learns nothing of which deliveries exist.
    expect(await rejected(retryDelivery(deps, apiKeyParticipant('agency-a', false), newId(), 'nobody'))).toMatchObject({ status: 403 });
    expect(queue.calls).toEqual([]);
    expect((await deliveriesOf(holder.store, id))[0]).toMatchObject({ status: 'failed' });
  });

  it('answers 404 for a delivery that does not exist', async () => {
    const { queue, deps } = setUp();
    const { id } = await failedExchange();
    for (const [exchangeId, destination] of [
      [newId(), 'agency-a'],
      [id, 'agency-c'],
      [id, ''],
      ["' OR 1=1 --", 'agency-a'],
    ] as const) {
      expect(await rejected(retryDelivery(deps, operator, exchangeId, destination))).toMatchObject({ status: 404, findings: [{ code: 'delivery.not-found' }] });
    }
    expect(queue.calls).toEqual([]);
  });

  it('refuses a delivery that has not failed, in every other state (409)', async () => {
    const { queue, deps } = setUp();
    for (const status of DELIVERY_STATUSES.filter((s) => s !== 'failed')) {
      const { id } = await storeRoutedExchange(holder.store, [{ destination: 'agency-a', status }]);
      const refusal = await rejected(retryDelivery(deps, operator, id, 'agency-a'));
      expect(refusal, status).toMatchObject({
        status: 409,
        findings: [{ code: 'delivery.not-failed', message: `The delivery to agency-a is ${status}; only a failed delivery can be re-queued.` }],
      });
      expect((await deliveriesOf(holder.store, id))[0]?.status).toBe(status);
    }
    expect(queue.calls).toEqual([]);
  });

  it('refuses a delivery whose agreement is no longer configured (409), leaving it failed', async () => {
    const { queue, deps } = setUp();
    const { id } = await storeRoutedExchange(holder.store, [{ destination: 'agency-gone', status: 'failed' }], { status: 'failed' });
    expect(await rejected(retryDelivery(deps, operator, id, 'agency-gone'))).toMatchObject({ status: 409, findings: [{ code: 'delivery.agreement-gone' }] });
    expect((await deliveriesOf(holder.store, id))[0]?.status).toBe('failed');
    expect(queue.calls).toEqual([]);
  });
});
