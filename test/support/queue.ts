import type { DeliveryPolicy } from '../../src/config/types.js';
import { type DeliveryJob, jobId } from '../../src/routing/queues.js';

export interface QueueCall {
  method: 'enqueue' | 'requeue';
  job: DeliveryJob;
  policy: DeliveryPolicy;
}

/**
 * The delivery queue as the pipeline sees it (its `enqueue` and `requeue` deps), in memory, with
 * DeliveryQueues' rules: a job id is taken while its job lives or is kept as finished, so
 * enqueue is a no-op then; requeue makes a job unless one lives, replacing a finished one.
 */
export interface MemoryQueue {
  enqueue(job: DeliveryJob, policy: DeliveryPolicy): Promise<void>;
  requeue(job: DeliveryJob, policy: DeliveryPolicy): Promise<boolean>;
  /** Every call, in order, with the policy it was given. */
  readonly calls: QueueCall[];
  /** The jobs waiting for a worker. */
  live(): DeliveryJob[];
  /** A worker took the job and finished it (BullMQ keeps it, completed, under its id). */
  finish(job: DeliveryJob): void;
}

export function memoryQueue(): MemoryQueue {
  const jobs = new Map<string, { job: DeliveryJob; live: boolean }>();
  const calls: QueueCall[] = [];
  return {
    calls,
    async enqueue(job, policy) {
      calls.push({ method: 'enqueue', job, policy });
      if (!jobs.has(jobId(job))) jobs.set(jobId(job), { job, live: true });
    },
    async requeue(job, policy) {
      calls.push({ method: 'requeue', job, policy });
      if (jobs.get(jobId(job))?.live) return false;
      jobs.set(jobId(job), { job, live: true });
      return true;
    },
    live: () => [...jobs.values()].filter((j) => j.live).map((j) => j.job),
    finish(job) {
      const kept = jobs.get(jobId(job));
      if (!kept?.live) throw new Error(`no live job ${jobId(job)} to finish`);
      kept.live = false;
    },
  };
}
