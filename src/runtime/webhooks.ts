import { Queue, Worker } from 'bullmq';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Alert } from '../analytics/alerts.js';
import type { Webhook } from '../config/types.js';
import type { ExchangeNotification } from '../pipeline/end.js';
import type { MovementNotification } from '../pipeline/transit.js';
import { post } from '../routing/transport.js';
import type { QueueSettings } from './queues.js';

/** A break the analytics store's alert scan found, told to customs once (ANALYTICS.md). */
export interface AlertNotification {
  event: 'analytics.alert';
  alert: Alert;
  at: string;
}

type Notification = ExchangeNotification | AlertNotification | MovementNotification;

interface NotificationJob {
  participant: string;
  notification: Notification;
}

/** One job per notification and participant, so telling twice never sends twice. */
function jobIdOf(participant: string, n: Notification): string {
  if (n.event === 'exchange.ended') return `${n.exchangeId}.${n.status}`;
  if (n.event === 'movement.message') return `movement.${n.movementId}.${n.messageId}`;
  const { kind, origin, commodity, period } = n.alert;
  return `alert.${participant}.${kind}.${origin}.${commodity}.${period}`;
}

const QUEUE = 'notifications';
const ATTEMPTS = 8;

/**
 * `X-Swgate-Signature: sha256=<hex>`: HMAC-SHA256 with the participant's webhook secret over
 * `<X-Swgate-Timestamp>.<body>`; the timestamp lets receivers refuse replays.
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verifyWebhook(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export class WebhookQueue {
  private readonly queue: Queue<NotificationJob>;

  constructor(settings: QueueSettings) {
    this.queue = new Queue<NotificationJob>(QUEUE, { connection: settings.connection, prefix: settings.prefix });
  }

  /** Idempotent per exchange and status (settling twice never notifies twice), and per alert. */
  async notify(participant: string, notification: Notification): Promise<void> {
    await this.queue.add(
      'notify',
      { participant, notification },
      {
        jobId: jobIdOf(participant, notification),
        attempts: ATTEMPTS,
        backoff: { type: 'exponential', delay: 1000, jitter: 0.2 },
        removeOnComplete: { age: 3600 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    );
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

/** Posts notifications to the participants' webhooks; a non-2xx answer is retried with backoff. */
export function startWebhookWorker(
  webhookOf: (participant: string) => Webhook | undefined,
  settings: QueueSettings,
  now: () => Date = () => new Date(),
): Worker<NotificationJob> {
  return new Worker<NotificationJob>(
    QUEUE,
    async (job) => {
      const webhook = webhookOf(job.data.participant);
      if (!webhook) return;
      const body = JSON.stringify(job.data.notification);
      const timestamp = String(Math.floor(now().getTime() / 1000));
      const answer = await post({
        url: webhook.url,
        body,
        mediaType: 'application/json',
        headers: { 'x-swgate-timestamp': timestamp, 'x-swgate-signature': signWebhook(webhook.secret, timestamp, body) },
        timeoutMs: 5000,
      });
      if (answer.status < 200 || answer.status >= 300) throw new Error(`webhook ${webhook.url} answered ${answer.status}`);
    },
    { connection: settings.connection, prefix: settings.prefix, concurrency: 8 },
  );
}
