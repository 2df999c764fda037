import { GATEWAY_ID } from '../gateway-id.js';
import type { ProvenanceEvent } from '../provenance/record.js';
import type { DeliveryRow, DeliveryStatus, ExchangeStatus } from '../store/exchange-tables.js';
import { FINAL, TOOK_IT, tallyBeforeCommit } from '../store/delivery-tallies.js';
import { observeTimeRelease } from '../store/time-release.js';
import { deliveriesOf, insertEvents, type Store, updateDelivery, updateExchangeStatus, withExchangeLocked } from '../store/exchanges.js';
import { type EndDeps, endExchange } from './end.js';
import { exchangeStatusFrom } from './lifecycle.js';
import type { Receipt } from './receipts.js';
import type { RecordProvenance } from './vocabulary.js';

export interface Settlement {
  status: DeliveryStatus;
  receipt?: Receipt;
  lastError?: string | null;
  sentSha256?: string;
  attempts?: number;
  /** Settle only if the delivery is still in one of these states (a later word must not be overwritten). */
  from?: readonly DeliveryStatus[];
  /** Settle only if the delivery has not changed since this `updated_at` (it was read before deciding). */
  unchangedSince?: string;
}

export interface Settled {
  /** The exchange's status after this change, and whether this change made it so. */
  exchangeStatus: ExchangeStatus;
  changed: boolean;
  sender: string;
  /** False when the delivery had moved on and nothing was written. */
  applied: boolean;
}

const FINAL_EXCHANGE: ReadonlySet<ExchangeStatus> = new Set(['delivered', 'delivered-with-warnings', 'rejected', 'failed']);
export const isFinal = (status: ExchangeStatus) => FINAL_EXCHANGE.has(status);

/**
 * Records what happened to one delivery, on the timeline too, and derives the exchange status
 * from all its deliveries — under the exchange's row lock, so concurrent settlements of one
 * exchange never miss each other. `alsoWrite` runs in the same transaction when the change
 * applies (the provenance records of the change).
 */
export async function settleDelivery(
  store: Store,
  exchangeId: string,
  destination: string,
  s: Settlement,
  now: () => Date,
  alsoWrite?: (transaction: Store) => Promise<unknown>,
): Promise<Settled> {
  return withExchangeLocked(store, exchangeId, async (transaction, exchange) => {
    const deliveries = await deliveriesOf(transaction, exchangeId);
    const current = deliveries.find((d) => d.destination === destination);
    if (!current || (s.from && !s.from.includes(current.status)) || (s.unchangedSince !== undefined && current.updated_at !== s.unchangedSince))
      return { exchangeStatus: exchange.status, changed: false, sender: exchange.sender, applied: false };
    const at = now().toISOString();
    const timing = await timeRelease(transaction, exchange.received_at, current, s.status, at);
    await updateDelivery(transaction, exchangeId, destination, {
      status: s.status,
      at,
      ...timing,
      ...(s.lastError !== undefined ? { lastError: s.lastError } : {}),
      ...(s.receipt !== undefined ? { receipt: s.receipt } : {}),
      ...(s.sentSha256 !== undefined ? { sentSha256: s.sentSha256 } : {}),
      ...(s.attempts !== undefined ? { attempts: s.attempts } : {}),
    });
    const after = { ...current, status: s.status, delivered_at: timing.deliveredAt ?? current.delivered_at, final_at: timing.finalAt ?? current.final_at };
    tallyBeforeCommit(transaction, [{ before: current, after }]);
    const detail = s.receipt ?? (s.lastError ? { error: s.lastError } : undefined);
    await insertEvents(transaction, exchangeId, [{ event: s.status, at, destination, detail }]);
    // The exchange status follows from the deliveries as they are after this change.
    const status = exchangeStatusFrom(
      deliveries.map((d) => (d === current ? { status: s.status, receipt: s.receipt ? JSON.stringify(s.receipt) : d.receipt } : d)),
    );
    const changed = status !== exchange.status;
    if (changed) {
      await updateExchangeStatus(transaction, exchangeId, status, at);
      await insertEvents(transaction, exchangeId, [{ event: status, at }]);
    }
    await alsoWrite?.(transaction);
    return { exchangeStatus: status, changed, sender: exchange.sender, applied: true };
  });
}

/**
 * When the destination first took the delivery and when it became final, observed in the
 * time-release histograms as they happen (store/time-release.ts): the first delivered or
 * acknowledged, the first final word (acknowledged after delivered, or a second receipt, keeps
 * it); a delivery re-queued after it failed ends anew.
 */
async function timeRelease(
  transaction: Store,
  receivedAt: string,
  current: Pick<DeliveryRow, 'destination' | 'status' | 'delivered_at'>,
  status: DeliveryStatus,
  at: string,
): Promise<{ deliveredAt?: string; finalAt?: string }> {
  const since = Date.parse(at) - Date.parse(receivedAt);
  const timing: { deliveredAt?: string; finalAt?: string } = {};
  if (TOOK_IT.has(status) && current.delivered_at === null) {
    timing.deliveredAt = at;
    await observeTimeRelease(transaction, current.destination, 'lodged-to-delivered', since);
  }
  if (FINAL.has(status) && !FINAL.has(current.status)) {
    timing.finalAt = at;
    await observeTimeRelease(transaction, current.destination, 'lodged-to-final', since);
  }
  return timing;
}

/**
 * Derives an exchange's status from its deliveries as they stand and records it when it
 * changed: what a settlement does, for an exchange whose last settlement did not (data from
 * before the status was derived in the settlement's own transaction, a hand-edited row).
 */
export async function deriveExchangeStatus(store: Store, exchangeId: string, now: () => Date): Promise<Settled> {
  return withExchangeLocked(store, exchangeId, async (transaction, exchange) => {
    const status = exchangeStatusFrom(await deliveriesOf(transaction, exchangeId));
    const changed = status !== exchange.status;
    if (changed) {
      const at = now().toISOString();
      await updateExchangeStatus(transaction, exchangeId, status, at);
      await insertEvents(transaction, exchangeId, [{ event: status, at }]);
    }
    return { exchangeStatus: status, changed, sender: exchange.sender, applied: changed };
  });
}

/**
 * `onExchangeEnded` is what a settlement that ends the exchange sets off (end.ts,
 * followExchangeEnd: e-LPCO quantities follow customs' decision, the sender's webhook is told).
 */
export interface SettleDeps extends EndDeps {
  recordProvenance: RecordProvenance;
}

/** Delivery statuses that are provenance events, and who acted in them. */
const LOGGED: Partial<Record<DeliveryStatus, { event: ProvenanceEvent; actor: 'gateway' | 'destination' }>> = {
  delivered: { event: 'delivered', actor: 'gateway' },
  acknowledged: { event: 'acknowledged', actor: 'destination' },
  rejected: { event: 'rejected', actor: 'destination' },
  failed: { event: 'failed', actor: 'gateway' },
};

/**
 * Settles a delivery, logs the event in the provenance log (what was sent, who acted), and
 * ends the exchange when this settlement made it final (end.ts). The one way the worker and
 * acknowledgements record what happened to a delivery.
 */
export async function settleAndRecord(
  deps: SettleDeps,
  exchangeId: string,
  destination: string,
  s: Settlement & { sentSha256: string; originalSha256: string },
): Promise<Settled> {
  const logged = LOGGED[s.status];
  const record = logged
    ? (transaction: Store) =>
        deps.recordProvenance(transaction, [
          {
            exchangeId,
            event: logged.event,
            time: deps.now(),
            destination,
            entity: { contentSha256: s.sentSha256, name: `to-${destination}` },
            used: [{ contentSha256: s.originalSha256, name: 'original' }],
            agent: { participant: logged.actor === 'destination' ? destination : GATEWAY_ID },
          },
        ])
    : undefined;
  const settled = await settleDelivery(deps.store, exchangeId, destination, s, deps.now, record);
  if (settled.applied && settled.changed && isFinal(settled.exchangeStatus)) await endExchange(deps, exchangeId, settled);
  return settled;
}
