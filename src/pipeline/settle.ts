import type { AppendedLeaf } from '../provenance/log.js';
import type { ProvenanceEvent, RecordInput } from '../provenance/record.js';
import type { DeliveryStatus, ExchangeStatus } from '../store/exchange-tables.js';
import { deliveriesOf, insertEvents, type Store, updateDelivery, updateExchangeStatus, withExchangeLocked } from '../store/exchanges.js';
import { exchangeStatusFrom } from './lifecycle.js';
import type { Receipt } from './receipts.js';

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
  return withExchangeLocked(store, exchangeId, async (transaction, exchange) => {
    const deliveries = await deliveriesOf(transaction, exchangeId);
    const current = deliveries.find((d) => d.destination === destination);
    if (!current || (s.from && !s.from.includes(current.status))) return { exchangeStatus: exchange.status, changed: false, sender: exchange.sender, applied: false };
    const at = now().toISOString();
    await updateDelivery(transaction, exchangeId, destination, {
      status: s.status,
      at,
      ...(s.lastError !== undefined ? { lastError: s.lastError } : {}),
      ...(s.receipt !== undefined ? { receipt: s.receipt } : {}),
      ...(s.sentSha256 !== undefined ? { sentSha256: s.sentSha256 } : {}),
      ...(s.attempts !== undefined ? { attempts: s.attempts } : {}),
    });
    const detail = s.receipt ?? (s.lastError ? { error: s.lastError } : undefined);
    await insertEvents(transaction, exchangeId, [{ event: s.status, at, destination, detail }]);
    // The exchange status follows from the deliveries as they are after this change.
    const status = exchangeStatusFrom(deliveries.map((d) => (d === current ? { status: s.status, receipt: s.receipt ? JSON.stringify(s.receipt) : d.receipt } : d)));
    const changed = status !== exchange.status;
    if (changed) {
      await updateExchangeStatus(transaction, exchangeId, status, at);
      await insertEvents(transaction, exchangeId, [{ event: status, at }]);
    }
    return { exchangeStatus: status, changed, sender: exchange.sender, applied: true };
  });
}

/** Appends records of an exchange's events to the provenance log. */
export type RecordProvenance = (records: RecordInput[]) => Promise<AppendedLeaf[]>;

export interface SettleDeps {
  store: Store;
  now: () => Date;
  recordProvenance: RecordProvenance;
  /** Told when a settlement ends the exchange (to notify its sender). */
  onExchangeEnded: (exchangeId: string, settled: Settled) => Promise<void>;
}

/** Delivery statuses that are provenance events, and who acted in them. */
const LOGGED: Partial<Record<DeliveryStatus, { event: ProvenanceEvent; actor: 'gateway' | 'destination' }>> = {
  delivered: { event: 'delivered', actor: 'gateway' },
  acknowledged: { event: 'acknowledged', actor: 'destination' },
  rejected: { event: 'rejected', actor: 'destination' },
  failed: { event: 'failed', actor: 'gateway' },
};

export const GATEWAY_AGENT = 'gateway';

/**
 * Settles a delivery, logs the event in the provenance log (what was sent, who acted), and
 * tells the sender when the exchange has ended. The one way the worker and acknowledgements
 * record what happened to a delivery.
 */
export async function settleAndRecord(deps: SettleDeps, exchangeId: string, destination: string, s: Settlement & { sentSha256: string; originalSha256: string }): Promise<Settled> {
  const settled = await settleDelivery(deps.store, exchangeId, destination, s, deps.now);
  if (!settled.applied) return settled;
  const logged = LOGGED[s.status];
  if (logged) {
    await deps.recordProvenance([
      {
        exchangeId,
        event: logged.event,
        time: deps.now(),
        destination,
        entity: { contentSha256: s.sentSha256, name: `to-${destination}` },
        used: [{ contentSha256: s.originalSha256, name: 'original' }],
        agent: { participant: logged.actor === 'destination' ? destination : GATEWAY_AGENT },
      },
    ]);
  }
  if (settled.changed && isFinal(settled.exchangeStatus)) await deps.onExchangeEnded(exchangeId, settled);
  return settled;
}
