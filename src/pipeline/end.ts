/**
 * What an exchange's end sets off, once its status is final (settle.ts, or the reconciler):
 * the e-LPCO quantities a declaration holds follow the customs administration's decision
 * (lpco-decisions.ts: written off, released, given back for an accepted cancellation), and the
 * sender's webhook is told. Both run after the settlement's commit and are idempotent; the
 * exchange is marked handled only once both are done, so a crash in between leaves the mark
 * unset and the reconciler runs the end again.
 */
import type { Participant } from '../config/types.js';
import type { DatabaseKind } from '../store/db.js';
import type { ExchangeStatus } from '../store/exchange-tables.js';
import { markEndHandled, type Store } from '../store/exchanges.js';
import { followCustomsDecision } from './lpco-decisions.js';
import type { RecordProvenance } from './vocabulary.js';

/** What a participant's webhook is told when one of its exchanges ends (docs/API.md, webhooks). */
export interface ExchangeNotification {
  event: 'exchange.ended';
  exchangeId: string;
  status: string;
  at: string;
}

/** The exchange whose end it is: its final status and who sent it. */
export interface EndedExchange {
  exchangeStatus: ExchangeStatus;
  sender: string;
}

export interface ExchangeEndDeps {
  store: Store;
  kind: DatabaseKind;
  participants: ReadonlyMap<string, Participant>;
  recordProvenance: RecordProvenance;
  /** Queues the notification for the participant's webhook (idempotent per exchange and status). */
  notify: (participant: string, notification: ExchangeNotification) => Promise<void>;
  now: () => Date;
}

/** The business outcomes of an exchange's end: e-LPCO quantities follow customs' decision, then the sender hears of it. */
export async function followExchangeEnd(deps: ExchangeEndDeps, exchangeId: string, ended: EndedExchange): Promise<void> {
  await followCustomsDecision(deps, exchangeId);
  if (!deps.participants.get(ended.sender)?.webhook) return;
  await deps.notify(ended.sender, { event: 'exchange.ended', exchangeId, status: ended.exchangeStatus, at: deps.now().toISOString() });
}

export interface EndDeps {
  store: Store;
  now: () => Date;
  /** What the end sets off: followExchangeEnd, bound to its deps by the composition root. */
  onExchangeEnded: (exchangeId: string, ended: EndedExchange) => Promise<void>;
}

/** Runs what an exchange's end sets off, then marks it done (exchanges.end_handled_at). */
export async function endExchange(deps: EndDeps, exchangeId: string, ended: EndedExchange): Promise<void> {
  await deps.onExchangeEnded(exchangeId, ended);
  await markEndHandled(deps.store, exchangeId, deps.now().toISOString());
}
