/**
 * e-LPCO quantities follow customs' decisions. A declaration reserves when it is lodged, in its
 * exchange's transaction (registry-step.ts); once its exchange has ended, the receipt of the customs administration decides:
 * accepted → written off, rejected → released. An accepted cancellation gives back what the
 * declaration it cancels (same sender, same LRN) drew, written off or still reserved; a
 * rejected one moves nothing. An amendment reserves what it cites when it is lodged, like a
 * declaration; accepted, that is written off and replaces what the declaration and earlier
 * amendments drew for the same LPCO lines and goods items, which is given back — so an amendment
 * that lowers a quantity gives the difference back, only then, and only of that declaration.
 * No receipt from customs (no customs delivery, or a failed one):
 * nothing moves until one comes. Every movement is also a provenance record of the declaration.
 */
import type { Participant } from '../config/types.js';
import type { DeclarationFacts } from '../documents/declaration.js';
import type { LpcoDb } from '../lpco/registry.js';
import type { LpcoTables } from '../lpco/tables.js';
import { type Moved, releaseIn, writeOffIn } from '../lpco/write-off.js';
import { type DatabaseKind, tablesOf } from '../store/db.js';
import type { DeliveryRow } from '../store/exchange-tables.js';
import { declarationsWithMessageId, deliveriesOf, findExchange, type Store } from '../store/exchanges.js';
import { writeInBatch } from '../store/write-batches.js';
import { movementRecords } from './lpco-movements.js';
import type { Receipt } from './receipts.js';
import type { RecordProvenance } from './vocabulary.js';

/** DMS TypeCodes of additional messages (FunctionCode 13), which name the declaration they cancel or amend by its LRN. */
export const CANCELLATION = 'INV';
export const AMENDMENT = 'COR';

export interface LpcoDecisionDeps {
  store: Store;
  kind: DatabaseKind;
  participants: ReadonlyMap<string, Participant>;
  recordProvenance: RecordProvenance;
  now: () => Date;
}

type Decision = { verdict: 'accepted' | 'rejected'; by: string };

/** The customs administration's word on an exchange, from its deliveries' receipts: a refusal wins. */
export function customsDecision(
  deliveries: ReadonlyArray<Pick<DeliveryRow, 'destination' | 'status' | 'receipt'>>,
  participants: ReadonlyMap<string, Participant>,
): Decision | undefined {
  const toCustoms = deliveries.filter((d) => participants.get(d.destination)?.kind === 'customs');
  const rejected = toCustoms.find((d) => d.status === 'rejected');
  if (rejected) return { verdict: 'rejected', by: rejected.destination };
  const accepted = (d: (typeof toCustoms)[number]) =>
    d.status === 'acknowledged' && d.receipt !== null && (JSON.parse(d.receipt) as Receipt).status !== 'rejected';
  const [first] = toCustoms;
  return first && toCustoms.every(accepted) ? { verdict: 'accepted', by: first.destination } : undefined;
}

/**
 * Moves the quantities an ended exchange's customs decision calls for; returns what moved. Each
 * movement commits with its provenance records in one write transaction, and moves only what
 * is still held, so running it again after a crash moves nothing twice.
 */
export async function followCustomsDecision(deps: LpcoDecisionDeps, exchangeId: string): Promise<Moved[]> {
  const exchange = await findExchange(deps.store, exchangeId);
  if (!exchange || (exchange.kind !== 'declaration' && exchange.kind !== 'consignment')) return [];
  const decision = customsDecision(await deliveriesOf(deps.store, exchangeId), deps.participants);
  if (!decision) return [];
  const options = { now: deps.now, actor: decision.by };
  const facts = JSON.parse(exchange.facts) as Partial<DeclarationFacts>;
  const earlier =
    exchange.message_id === null ? [] : (await declarationsWithMessageId(deps.store, exchange.sender, exchange.message_id)).filter((id) => id < exchangeId);
  const move = async (transaction: Store, declarationExchangeId: string, moving: (lpco: LpcoDb) => Promise<Moved[]>): Promise<Moved[]> => {
    const moved = await moving(tablesOf<LpcoTables>(transaction.db));
    await deps.recordProvenance(transaction, movementRecords(declarationExchangeId, moved, decision.by, deps.now()));
    return moved;
  };
  return writeInBatch(deps.store, async (transaction) => {
    const moved: Moved[] = [];
    if (facts.typeCode !== CANCELLATION) {
      moved.push(
        ...(await move(transaction, exchangeId, (lpco) =>
          decision.verdict === 'accepted' ? writeOffIn(lpco, exchangeId, options) : releaseIn(lpco, deps.kind, exchangeId, options),
        )),
      );
    }
    const replaces = facts.typeCode === CANCELLATION || (facts.typeCode === AMENDMENT && moved.length > 0);
    if (decision.verdict !== 'accepted' || !replaces) return moved;
    // What the declaration (and amendments before this one) drew: all of it for a cancellation, what this amendment restates for an amendment.
    const only = facts.typeCode === AMENDMENT ? [...moved] : undefined;
    for (const id of earlier)
      moved.push(
        ...(await move(transaction, id, (lpco) => releaseIn(lpco, deps.kind, id, { ...options, includingWrittenOff: true, ...(only ? { only } : {}) }))),
      );
    return moved;
  });
}
