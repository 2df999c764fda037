import type { DeliveryStatus, ExchangeStatus } from '../store/exchange-tables.js';
import { deliveriesOf, insertEvents, type Store, updateDelivery, updateExchangeStatus, withExchangeLocked } from '../store/exchanges.js';
import { exchangeStatusFrom, type Receipt } from './lifecycle.js';

export interface Settlement {
  status: DeliveryStatus;
  receipt?: Receipt;
  lastError?: string | null;
  sentSha256?: string;
  attempts?: number;
  /** Settle only if the delivery is still in one of these states (a later word must not be overwritten). */
  from?: readonly DeliveryStatus[];
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
 * exchange never miss each other.
 */
export async function settleDelivery(store: Store, exchangeId: string, destination: string, s: Settlement, now: () => Date): Promise<Settled> {
  return withExchangeLocked(store, exchangeId, async (trx, exchange) => {
    const deliveries = await deliveriesOf(trx, exchangeId);
    const current = deliveries.find((d) => d.destination === destination);
    if (!current || (s.from && !s.from.includes(current.status))) return { exchangeStatus: exchange.status, changed: false, sender: exchange.sender, applied: false };
    const at = now().toISOString();
    await updateDelivery(trx, exchangeId, destination, {
      status: s.status,
      at,
      ...(s.lastError !== undefined ? { lastError: s.lastError } : {}),
      ...(s.receipt !== undefined ? { receipt: s.receipt } : {}),
      ...(s.sentSha256 !== undefined ? { sentSha256: s.sentSha256 } : {}),
      ...(s.attempts !== undefined ? { attempts: s.attempts } : {}),
    });
    const detail = s.receipt ?? (s.lastError ? { error: s.lastError } : undefined);
    await insertEvents(trx, exchangeId, [{ event: s.status, at, destination, detail }]);
    // The exchange status follows from the deliveries as they are after this change.
    const status = exchangeStatusFrom(deliveries.map((d) => (d === current ? { status: s.status, receipt: s.receipt ? JSON.stringify(s.receipt) : d.receipt } : d)));
    const changed = status !== exchange.status;
    if (changed) {
      await updateExchangeStatus(trx, exchangeId, status, at);
      await insertEvents(trx, exchangeId, [{ event: status, at }]);
    }
    return { exchangeStatus: status, changed, sender: exchange.sender, applied: true };
  });
}
