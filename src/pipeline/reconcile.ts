/**
 * What the reconciler does in each pass (docs/ARCHITECTURE.md, "Reconciler"): it finds the work
 * a crash, a lost Redis or a silent destination left undone and does it, the way the normal
 * path would have. Every worker runs it; two doing a pass at once is safe, because each action
 * is a conditional change under the exchange's row lock (a second finds nothing left to do) or
 * is idempotent (queueing a job by its id, an exchange's end).
 */
import type { Agreement, DeliveryPolicy } from '../config/types.js';
import {
  countDeliveryEvents,
  countReconcilerActions,
  deliveriesAwaitingReceipt,
  exchangesToFinish,
  exchangesWithEndUnhandled,
  findDeliveryWork,
  unfinishedDeliveries,
} from '../store/exchanges.js';
import { endExchange } from './end.js';
import { deriveExchangeStatus, isFinal, type SettleDeps, settleAndRecord, settleDelivery } from './settle.js';
import type { DeliveryJob } from './vocabulary.js';

export const RECONCILER_ACTIONS = [
  'exchange-finished',
  'exchange-end-handled',
  'receipt-overdue-resent',
  'receipt-overdue-failed',
  'delivery-requeued',
] as const;
export type ReconcilerAction = (typeof RECONCILER_ACTIONS)[number];

export interface ReconcileDeps extends SettleDeps {
  agreements: ReadonlyMap<string, Agreement>;
  /** Makes sure a delivery has a live job: a finished or failed one of the same id is replaced; a waiting, delayed or active one is left. True when a job was made. */
  requeue: (job: DeliveryJob, policy: DeliveryPolicy) => Promise<boolean>;
  /** Told of each action (to log it). */
  onAction: (action: ReconcilerAction, subject: Subject) => void;
  /** Told of an action that failed; the pass goes on with the rest, the next pass tries it again. */
  onError: (subject: Subject, error: unknown) => void;
}

interface Subject {
  exchangeId: string;
  destination?: string;
}

export interface ReconcileOptions {
  /** A final exchange's end or a queued delivery counts as left undone once unchanged this long. */
  idleMs: number;
  /**
   * For deliveries alone, when not idleMs: 0 at a worker's start queues every job Redis lost at
   * once. Never for the rest: an exchange's end may be in another process's hands.
   */
  requeueIdleMs?: number;
}

export type ReconcileSummary = Record<ReconcilerAction, number>;

/** One pass; returns what it did, also added to the counts /metrics shows. */
export async function reconcile(deps: ReconcileDeps, options: ReconcileOptions): Promise<ReconcileSummary> {
  const summary: ReconcileSummary = {
    'exchange-finished': 0,
    'exchange-end-handled': 0,
    'receipt-overdue-resent': 0,
    'receipt-overdue-failed': 0,
    'delivery-requeued': 0,
  };
  const act = (action: ReconcilerAction, subject: Subject) => {
    summary[action] += 1;
    deps.onAction(action, subject);
  };
  // One exchange that cannot be finished (its sender's webhook queue down, say) must not stop the pass for the others.
  const each = async <T>(items: T[], subjectOf: (item: T) => Subject, work: (item: T) => Promise<void>) => {
    for (const item of items) await work(item).catch((error: unknown) => deps.onError(subjectOf(item), error));
  };
  const idleSince = new Date(deps.now().getTime() - options.idleMs).toISOString();

  await each(
    await exchangesToFinish(deps.store),
    (exchangeId) => ({ exchangeId }),
    async (exchangeId) => {
      const settled = await deriveExchangeStatus(deps.store, exchangeId, deps.now);
      if (!settled.changed || !isFinal(settled.exchangeStatus)) return;
      await endExchange(deps, exchangeId, settled);
      act('exchange-finished', { exchangeId });
    },
  );

  await each(
    await exchangesWithEndUnhandled(deps.store, idleSince),
    (e) => ({ exchangeId: e.id }),
    async (exchange) => {
      await endExchange(deps, exchange.id, { exchangeStatus: exchange.status, sender: exchange.sender });
      act('exchange-end-handled', { exchangeId: exchange.id });
    },
  );

  await resendOverdue(deps, act, each);

  const requeueSince = new Date(deps.now().getTime() - (options.requeueIdleMs ?? options.idleMs)).toISOString();
  const deliverySubject = (d: { exchange_id: string; destination: string }): Subject => ({ exchangeId: d.exchange_id, destination: d.destination });
  await each(await unfinishedDeliveries(deps.store, requeueSince), deliverySubject, async (d) => {
    const agreement = deps.agreements.get(d.agreement_id);
    if (agreement && (await deps.requeue({ exchangeId: d.exchange_id, destination: d.destination }, agreement.delivery)))
      act('delivery-requeued', deliverySubject(d));
  });

  await countReconcilerActions(deps.store, summary);
  return summary;
}

/** What the timeline says of a delivery sent again for want of a receipt. */
const RECEIPT_OVERDUE = 'no receipt within';

type Each = <T>(items: T[], subjectOf: (item: T) => Subject, work: (item: T) => Promise<void>) => Promise<void>;

/**
 * Deliveries a destination took (202) whose receipt has not come within the agreement's
 * receiptTimeoutMs go again: same stored bytes, same message id, so the destination
 * recognises the copy and answers with its receipt (AS4 reception awareness). A destination
 * that never sends one is not asked forever: after the agreement's `attempts` sends the
 * delivery ends `failed`, for an operator to look at.
 */
async function resendOverdue(deps: ReconcileDeps, act: (action: ReconcilerAction, subject: Subject) => void, each: Each): Promise<void> {
  const timeouts = [...deps.agreements.values()].map((a) => a.delivery.receiptTimeoutMs);
  if (timeouts.length === 0) return;
  const now = deps.now().getTime();
  const waitingSince = new Date(now - Math.min(...timeouts)).toISOString();
  const overdue = await deliveriesAwaitingReceipt(deps.store, waitingSince);
  await each(
    overdue,
    (d) => ({ exchangeId: d.exchange_id, destination: d.destination }),
    async (d) => {
      const agreement = deps.agreements.get(d.agreement_id);
      if (!agreement || Date.parse(d.updated_at) > now - agreement.delivery.receiptTimeoutMs) return;
      const seconds = Math.round(agreement.delivery.receiptTimeoutMs / 1000);
      const subject = { exchangeId: d.exchange_id, destination: d.destination };
      // Only from `delivered`, and only if it has not moved since it was read: the receipt may have come meanwhile, or another worker acted.
      const unchanged = { from: ['delivered'] as const, unchangedSince: d.updated_at };
      const sends = 1 + (await countDeliveryEvents(deps.store, d.exchange_id, d.destination, 'retrying', RECEIPT_OVERDUE));
      if (sends >= agreement.delivery.attempts) {
        const work = await findDeliveryWork(deps.store, d.exchange_id, d.destination);
        if (!work) return;
        const lastError = `no receipt after ${sends} sends, ${seconds} s apart`;
        const settled = await settleAndRecord(deps, d.exchange_id, d.destination, {
          status: 'failed',
          lastError,
          ...unchanged,
          sentSha256: work.delivery.sent_sha256 ?? work.original.sha256,
          originalSha256: work.original.sha256,
        });
        if (settled.applied) act('receipt-overdue-failed', subject);
        return;
      }
      const settled = await settleDelivery(
        deps.store,
        d.exchange_id,
        d.destination,
        { status: 'retrying', lastError: `${RECEIPT_OVERDUE} ${seconds} s; sent again`, ...unchanged },
        deps.now,
      );
      if (!settled.applied) return;
      await deps.requeue(subject, agreement.delivery);
      act('receipt-overdue-resent', subject);
    },
  );
}
