/** The BullMQ edge of the pipeline's deliveries: one queue per destination, and the workers that run `deliver` on its jobs. */
import { type ConnectionOptions, Queue, UnrecoverableError, Worker } from 'bullmq';
import type { DeliveryPolicy } from '../config/types.js';
import { type DeliveryAttempt, type DeliveryJob, FinalDeliveryError, messageIdOf } from '../pipeline/vocabulary.js';

export const queueName = (destination: string) => `deliveries-${destination}`;

export interface QueueSettings {
  connection: ConnectionOptions;
  prefix: string;
}

/** One BullMQ queue per destination participant. */
export class DeliveryQueues {
  private readonly queues = new Map<string, Queue<DeliveryJob>>();

  constructor(private readonly settings: QueueSettings) {}

  private queueFor(destination: string): Queue<DeliveryJob> {
    let queue = this.queues.get(destination);
    if (!queue) {
      queue = new Queue<DeliveryJob>(queueName(destination), { connection: this.settings.connection, prefix: this.settings.prefix });
      this.queues.set(destination, queue);
    }
    return queue;
  }

  /** Idempotent: a delivery that already has a job is left as it is. */
  async enqueue(job: DeliveryJob, policy: DeliveryPolicy): Promise<void> {
    await this.queueFor(job.destination).add('deliver', job, {
      // The delivery's message id: a second enqueue of the same delivery is a no-op.
      jobId: messageIdOf(job),
      attempts: policy.attempts,
      backoff: { type: 'exponential', delay: policy.backoffMs, jitter: 0.2 },
      removeOnComplete: { age: 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  /**
   * Queues a delivery again unless it has a live job (waiting, delayed, active): a finished or
   * failed job keeps its id for a while (and would make a plain enqueue a no-op), so it is
   * removed first. True when a job was made.
   */
  async requeue(job: DeliveryJob, policy: DeliveryPolicy): Promise<boolean> {
    const queue = this.queueFor(job.destination);
    const state = await queue.getJobState(messageIdOf(job));
    if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return false;
    if (state !== 'unknown') await queue.remove(messageIdOf(job));
    await this.enqueue(job, policy);
    return true;
  }

  async depths(destinations: readonly string[]): Promise<Array<{ destination: string; counts: Record<string, number> }>> {
    return Promise.all(
      destinations.map(async (destination) => ({
        destination,
        counts: await this.queueFor(destination).getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized'),
      })),
    );
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
  }
}

export type DeliveryProcessor = (job: DeliveryJob, attempt: DeliveryAttempt) => Promise<void>;

export interface WorkerSettings extends QueueSettings {
  concurrency: number;
  /** Deliveries per second a destination accepts, if it limits them. */
  ratePerSecondOf: (destination: string) => number | undefined;
}

/** A worker that dies holds its jobs this long before another takes them over (renewed while alive). */
const LOCK_MS = 10_000;

/** Workers for the given destinations, all running the same processor. */
export function startDeliveryWorkers(destinations: readonly string[], processor: DeliveryProcessor, settings: WorkerSettings): Worker<DeliveryJob>[] {
  return destinations.map(
    (destination) =>
      new Worker<DeliveryJob>(
        queueName(destination),
        async (job) => {
          const attempt = { number: job.attemptsMade + 1, last: job.opts.attempts ?? 1 };
          try {
            await processor(job.data, attempt);
          } catch (error) {
            // BullMQ stops retrying only on its own error type; the pipeline knows nothing of BullMQ.
            if (error instanceof FinalDeliveryError) throw new UnrecoverableError(error.message);
            throw error;
          }
        },
        {
          connection: settings.connection,
          prefix: settings.prefix,
          concurrency: settings.concurrency,
          lockDuration: LOCK_MS,
          stalledInterval: LOCK_MS / 2,
          ...limiterFor(settings.ratePerSecondOf(destination)),
        },
      ),
  );
}

const limiterFor = (ratePerSecond: number | undefined) => (ratePerSecond ? { limiter: { max: ratePerSecond, duration: 1000 } } : {});

/** Lets in-flight jobs finish, then stops. */
export async function stopWorkers(workers: readonly Worker[]): Promise<void> {
  await Promise.all(workers.map((w) => w.close()));
}
