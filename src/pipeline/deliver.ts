import type { Agreement, Participant } from '../config/types.js';
import { sha256Hex } from '../hashing.js';
import { type DeliveryAttempt, type DeliveryJob, FinalDeliveryError } from '../routing/queues.js';
import { type OutboundMessage, type TransportAnswer, TransportError } from '../routing/transport.js';
import type { DeliveryStatus } from '../store/exchange-tables.js';
import { deliveriesOf, findDocument, insertEvents, type Store, updateDelivery, updateExchangeStatus, withExchangeLocked } from '../store/exchanges.js';
import { exchangeStatusFrom, type Receipt } from './lifecycle.js';

export interface DeliverDeps {
  store: Store;
  participants: ReadonlyMap<string, Participant>;
  agreements: ReadonlyMap<string, Agreement>;
  /** Where a participant whose endpoint is `sandbox` is reached. */
  sandboxUrl: (participant: string) => string;
  send: (message: OutboundMessage) => Promise<TransportAnswer>;
  now: () => Date;
}

const FINAL: ReadonlySet<DeliveryStatus> = new Set(['acknowledged', 'rejected', 'failed']);

/**
 * map ─ sign ─ deliver ─ receipt ─ status for one delivery. Safe to run again for the same
 * job (a crash between send and settle means a resend; destinations drop duplicates by
 * message id). Throws to ask for a retry, FinalDeliveryError when retrying cannot help.
 */
export async function deliver(deps: DeliverDeps, job: DeliveryJob, attempt: DeliveryAttempt): Promise<void> {
  const { store } = deps;
  const delivery = (await deliveriesOf(store.db, job.exchangeId)).find((d) => d.destination === job.destination);
  if (!delivery || FINAL.has(delivery.status)) return;
  const original = await findDocument(store, job.exchangeId, 'original');
  const destination = deps.participants.get(job.destination);
  const agreement = deps.agreements.get(delivery.agreement_id);
  if (!original || !destination?.endpoint || !agreement) {
    await settle(deps, job, { status: 'failed', lastError: 'The destination, its agreement or the stored document is missing from the configuration.' });
    throw new FinalDeliveryError(`delivery ${job.exchangeId} → ${job.destination} cannot be made`);
  }

  await updateDelivery(store.db, job.exchangeId, job.destination, { status: 'in-flight', attempts: attempt.number, at: deps.now().toISOString() });
  const message: OutboundMessage = {
    url: destination.endpoint === 'sandbox' ? deps.sandboxUrl(destination.id) : destination.endpoint,
    body: original.content,
    mediaType: original.media_type,
    headers: { 'x-swgate-exchange-id': job.exchangeId, 'x-swgate-message-id': `${job.exchangeId}.${job.destination}` },
    timeoutMs: agreement.delivery.timeoutMs,
  };
  const sentSha256 = sha256Hex(message.body);

  let outcome: Outcome;
  try {
    outcome = interpret(await deps.send(message), sentSha256);
  } catch (error) {
    if (!(error instanceof TransportError)) throw error;
    outcome = { retry: true, error: error.message };
  }

  if ('receipt' in outcome) {
    await settle(deps, job, { status: outcome.receipt.status === 'rejected' ? 'rejected' : 'acknowledged', receipt: outcome.receipt, lastError: null });
    return;
  }
  const givingUp = !outcome.retry || attempt.number >= attempt.last;
  await settle(deps, job, { status: givingUp ? 'failed' : 'retrying', lastError: outcome.error });
  if (!outcome.retry) throw new FinalDeliveryError(outcome.error);
  throw new Error(outcome.error);
}

type Outcome = { receipt: Receipt } | { retry: boolean; error: string };

/** What a destination's answer means: a receipt bound to what we sent, or a reason to retry or give up. */
export function interpret(answer: TransportAnswer, sentSha256: string): Outcome {
  if (answer.status >= 500 || answer.status === 429 || answer.status === 408) return { retry: true, error: `destination answered ${answer.status}` };
  if (answer.status >= 400) return { retry: false, error: `destination refused the delivery with ${answer.status}: ${answer.body.slice(0, 500)}` };
  let receipt: Receipt;
  try {
    receipt = JSON.parse(answer.body) as Receipt;
  } catch {
    return { retry: true, error: 'the destination answered without a readable receipt' };
  }
  if (!['accepted', 'accepted-with-warnings', 'rejected'].includes(receipt.status)) return { retry: true, error: `the receipt has an unknown status "${String(receipt.status)}"` };
  // A receipt for other bytes than those sent proves nothing was delivered.
  if (receipt.receivedSha256 !== sentSha256) return { retry: true, error: `the receipt's digest ${String(receipt.receivedSha256)} does not match what was sent (${sentSha256})` };
  return { receipt };
}

interface Settlement {
  status: DeliveryStatus;
  receipt?: Receipt;
  lastError: string | null;
}

async function settle(deps: DeliverDeps, job: DeliveryJob, s: Settlement): Promise<void> {
  await withExchangeLocked(deps.store, job.exchangeId, async (trx, exchange) => {
    const at = deps.now().toISOString();
    await updateDelivery(trx, job.exchangeId, job.destination, { status: s.status, lastError: s.lastError, receipt: s.receipt, at });
    const event = s.status === 'acknowledged' ? 'acknowledged' : s.status;
    await insertEvents(trx, job.exchangeId, [{ event, at, destination: job.destination, detail: s.receipt ?? (s.lastError ? { error: s.lastError } : undefined) }]);
    const status = exchangeStatusFrom(await deliveriesOf(trx, job.exchangeId));
    if (status !== exchange.status) {
      await updateExchangeStatus(trx, job.exchangeId, status, at);
      await insertEvents(trx, job.exchangeId, [{ event: status, at }]);
    }
  });
}
