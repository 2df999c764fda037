import type { Agreement, DeliveryPolicy, Participant } from '../config/types.js';
import { finding, RejectionError } from '../findings.js';
import { findDelivery, type Store } from '../store/exchanges.js';
import { settleDelivery } from './settle.js';
import type { DeliveryJob } from './vocabulary.js';

export interface RetryDeps {
  store: Store;
  agreements: ReadonlyMap<string, Agreement>;
  requeue: (job: DeliveryJob, policy: DeliveryPolicy) => Promise<unknown>;
  now: () => Date;
}

/** An operator sends a failed delivery on its way again: the exchange goes back to `routed`. */
export async function retryDelivery(deps: RetryDeps, operator: Participant, exchangeId: string, destination: string): Promise<void> {
  if (!operator.operator) throw new RejectionError(403, 'Forbidden', [finding('auth.operator-only', 'Only an operator may re-queue a delivery.')]);
  const delivery = await findDelivery(deps.store, exchangeId, destination);
  if (!delivery) throw new RejectionError(404, 'Not found', [finding('delivery.not-found', `Exchange ${exchangeId} has no delivery to ${destination}.`)]);
  if (delivery.status !== 'failed') throw notFailed(destination, delivery.status);
  const agreement = deps.agreements.get(delivery.agreement_id);
  if (!agreement)
    throw new RejectionError(409, 'Agreement gone', [finding('delivery.agreement-gone', `Agreement ${delivery.agreement_id} is no longer configured.`)]);
  const settled = await settleDelivery(deps.store, exchangeId, destination, { status: 'queued', lastError: null, attempts: 0, from: ['failed'] }, deps.now);
  // Another retry moved it first, between the read above and this settlement: this one is refused as if it had come after.
  if (!settled.applied) throw notFailed(destination, 'queued again by another request');
  await deps.requeue({ exchangeId, destination }, agreement.delivery);
}

const notFailed = (destination: string, status: string) =>
  new RejectionError(409, 'Delivery not failed', [
    finding('delivery.not-failed', `The delivery to ${destination} is ${status}; only a failed delivery can be re-queued.`),
  ]);
