import type { Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config/types.js';
import { markUnmatched } from '../ecommerce/links.js';
import { ratePerSecondFor } from '../routing/agreements.js';
import type { GatewayPipeline } from './pipeline.js';
import { startDeliveryWorkers, stopWorkers } from './queues.js';
import type { Stores } from './stores.js';
import { startWebhookWorker } from './webhooks.js';
import { every } from './ephyto-hub.js';

export interface Workers {
  /** Stops the reconciler's timer, then lets in-flight jobs finish. */
  stop(): Promise<void>;
}

/**
 * One delivery worker per destination and the webhook worker, then a reconciler pass that
 * queues every delivery Redis lost (a crash between storing an exchange and queueing it, or a
 * Redis that lost its data, leaves deliveries without a job), then a pass every
 * `config.reconcile.everyMs` (one at a time), each followed by the scan for e-commerce sources
 * left unmatched past `config.ecommerce.linkWindowMs` (ecommerce/links.ts).
 */
export async function startWorkers(config: GatewayConfig, stores: Stores, pipeline: GatewayPipeline, logger: Logger): Promise<Workers> {
  const workers: Worker[] = startDeliveryWorkers(
    pipeline.destinations,
    async (job, attempt) => {
      const log = logger.child({ exchangeId: job.exchangeId, destination: job.destination, attempt: attempt.number });
      try {
        await pipeline.deliver(job, attempt);
        log.debug('delivery settled');
      } catch (error) {
        log.warn({ err: (error as Error).message }, 'delivery attempt failed');
        throw error;
      }
    },
    {
      ...stores.queueSettings,
      concurrency: 16,
      ratePerSecondOf: (destination) => ratePerSecondFor(config.agreements, destination),
    },
  );
  workers.push(startWebhookWorker((id) => pipeline.participants.get(id)?.webhook, stores.queueSettings));
  await pipeline.reconcile({ idleMs: config.reconcile.idleMs, requeueIdleMs: 0 });
  let passing = false;
  const reconciler = setInterval(() => {
    if (passing) return;
    passing = true;
    void pipeline
      .reconcile()
      .catch((error: unknown) => logger.warn({ err: (error as Error).message }, 'reconciler pass failed'))
      .then(() => markUnmatched(stores.store, new Date(), config.ecommerce.linkWindowMs))
      .then((marked) => marked && logger.info({ marked }, 'e-commerce sources unmatched within the link window'))
      .catch((error: unknown) => logger.warn({ err: (error as Error).message }, 'e-commerce unmatched scan failed'))
      .finally(() => (passing = false));
  }, config.reconcile.everyMs);
  // The ePhyto Hub: pending deliveries' states followed, import envelopes pulled when configured.
  const hub = pipeline.hub;
  const stopHub = hub
    ? [
        every(hub.settings.trackEveryMs, () => hub.follow(), logger, 'ePhyto hub tracking pass'),
        ...(hub.settings.pullEveryMs ? [every(hub.settings.pullEveryMs, () => hub.pull(), logger, 'ePhyto hub import pass')] : []),
      ]
    : [];
  return {
    async stop() {
      clearInterval(reconciler);
      for (const stop of stopHub) stop();
      await stopWorkers(workers);
    },
  };
}
