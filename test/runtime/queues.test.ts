import { describe, expect, it } from 'vitest';
import type { DeliveryPolicy } from '../../src/config/types.js';
import { type DeliveryJob, messageIdOf } from '../../src/pipeline/vocabulary.js';
import { useDeliveryQueues } from '../support/redis.js';

const policy: DeliveryPolicy = { attempts: 3, backoffMs: 500, timeoutMs: 1000, retry: 'automatic', receiptTimeoutMs: 60_000 };

const { queues } = useDeliveryQueues();

describe('DeliveryQueues.enqueue', () => {
  it('queues jobs that arrive together: each delivery once, under its message id, with its policy', async () => {
    const jobs: DeliveryJob[] = Array.from({ length: 30 }, (_, i) => ({
      exchangeId: `01BULK${String(i).padStart(2, '0')}`,
      destination: i % 3 ? 'agency-a' : 'customs',
    }));
    // Every job twice, concurrently: the second of each meets the first's id.
    await Promise.all([...jobs, ...jobs].map((job) => queues.enqueue(job, policy)));
    // biome-ignore lint/complexity/useLiteralKeys: reads the jobs as BullMQ holds them, through the queue DeliveryQueues keeps private
    const held = async (destination: string) => queues['queueFor'](destination).getJobs(['waiting']);
    const waiting = [...(await held('agency-a')), ...(await held('customs'))];
    expect(waiting.map((j) => j.id).sort()).toEqual(jobs.map(messageIdOf).sort());
    expect(new Set(waiting.map((j) => j.opts.attempts))).toEqual(new Set([3]));
    expect(waiting.find((j) => j.id === messageIdOf(jobs[1]!))?.data).toEqual(jobs[1]);
  });
});
