import { describe, expect, it } from 'vitest';
import type { DeliveryPolicy } from '../../src/config/types.js';
import { type DeliveryJob, messageIdOf } from '../../src/pipeline/vocabulary.js';
import { startDeliveryWorkers, stopWorkers } from '../../src/runtime/queues.js';
import { waitFor } from './gateway.js';
import { memoryQueue } from './queue.js';
import { useDeliveryQueues } from './redis.js';

const policy: DeliveryPolicy = { attempts: 2, backoffMs: 1000, timeoutMs: 1000, retry: 'automatic', receiptTimeoutMs: 60_000 };
const a: DeliveryJob = { exchangeId: '01JA', destination: 'agency-a' };
const b: DeliveryJob = { exchangeId: '01JB', destination: 'agency-a' };

/** What the pipeline can do with a queue, and what it can see of it: the same on both. */
interface QueueUnderTest {
  enqueue(job: DeliveryJob): Promise<void>;
  requeue(job: DeliveryJob): Promise<boolean>;
  finish(job: DeliveryJob): Promise<void>;
  live(): Promise<string[]>;
}

function inMemory(): QueueUnderTest {
  const queue = memoryQueue();
  return {
    enqueue: (job) => queue.enqueue(job, policy),
    requeue: (job) => queue.requeue(job, policy),
    finish: async (job) => queue.finish(job),
    live: async () => queue.live().map(messageIdOf).sort(),
  };
}

const { redis, prefix, queues } = useDeliveryQueues();

function inRedis(): QueueUnderTest {
  // biome-ignore lint/complexity/useLiteralKeys: reads the job as BullMQ holds it, through the queue DeliveryQueues keeps private
  const state = async (job: DeliveryJob) => (await queues['queueFor'](job.destination).getJobState(messageIdOf(job))) as string;
  return {
    enqueue: (job) => queues.enqueue(job, policy),
    requeue: (job) => queues.requeue(job, policy),
    // A worker takes the waiting job and completes it.
    finish: async (job) => {
      const workers = startDeliveryWorkers([job.destination], async () => {}, { connection: redis, prefix, concurrency: 1, ratePerSecondOf: () => undefined });
      await waitFor(
        () => state(job),
        (s) => s === 'completed',
      );
      await stopWorkers(workers);
    },
    live: async () => {
      const states = await Promise.all([a, b].map(async (job) => [messageIdOf(job), await state(job)] as const));
      return states
        .filter(([, s]) => ['waiting', 'delayed', 'active', 'prioritized'].includes(s))
        .map(([id]) => id)
        .sort();
    },
  };
}

describe.each([
  ['memoryQueue', inMemory],
  ['DeliveryQueues over Redis', inRedis],
])('%s keeps the rules the pipeline relies on', (_name, make) => {
  it('takes a job once by its id, requeues only what no live job holds, and lets a finished one be made again', async () => {
    const queue = make();
    await queue.enqueue(a);
    await queue.enqueue(a);
    expect(await queue.live()).toEqual([messageIdOf(a)]);
    expect(await queue.requeue(a)).toBe(false);

    await queue.finish(a);
    expect(await queue.live()).toEqual([]);
    // A plain enqueue meets the finished job's id and makes nothing: that is why requeue exists.
    await queue.enqueue(a);
    expect(await queue.live()).toEqual([]);
    expect(await queue.requeue(a)).toBe(true);
    expect(await queue.requeue(b)).toBe(true);
    expect(await queue.live()).toEqual([messageIdOf(a), messageIdOf(b)].sort());
  });
});
