import type { DeliveryRow, ExchangeStatus } from '../store/exchange-tables.js';
import type { Receipt } from '../trust/receipt.js';

const ENDED: ReadonlySet<DeliveryRow['status']> = new Set(['acknowledged', 'rejected', 'failed']);

/**
 * The exchange status that its deliveries imply (API.md): it stays `routed` until every
 * delivery has ended, so that a final status is final and is announced once; then a failure
 * wins over a refusal, a refusal over warnings.
 */
export function exchangeStatusFrom(deliveries: ReadonlyArray<Pick<DeliveryRow, 'status' | 'receipt'>>): ExchangeStatus {
  if (!deliveries.every((d) => ENDED.has(d.status))) return 'routed';
  if (deliveries.some((d) => d.status === 'failed')) return 'failed';
  if (deliveries.some((d) => d.status === 'rejected')) return 'rejected';
  const warned = deliveries.some((d) => d.receipt !== null && (JSON.parse(d.receipt) as Receipt).status === 'accepted-with-warnings');
  return warned ? 'delivered-with-warnings' : 'delivered';
}
