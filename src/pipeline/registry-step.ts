/**
 * What an accepted document changes in the e-LPCO registry, as plain data its reader returns
 * (readers.ts, lodge.ts) and ingest writes in the exchange's own transaction (ingest.ts): the
 * exchange, its provenance records and the registry's change commit together or not at all. A
 * refusal (a reservation the e-LPCOs do not cover, a duplicate registration, a status change the
 * lifecycle forbids) is a RejectionError that rolls the whole transaction back.
 */
import { type Finding, hasErrors } from '../findings.js';
import { type LpcoDb, registerIn, changeStatusIn, type StatusChange } from '../lpco/registry.js';
import type { Lpco } from '../lpco/lpco.js';
import type { LpcoTables } from '../lpco/tables.js';
import { type CitationPolicy, checkCitations, citationsRefused, reserveIn, type SenderCitations } from '../lpco/write-off.js';
import type { RecordInput } from '../provenance/record.js';
import { tablesOf } from '../store/db.js';
import type { Store } from '../store/exchanges.js';
import { movementRecords } from './lpco-movements.js';

export type RegistryStep =
  /** A declaration reserves what it cites, all or nothing; the sender is the reservation's actor. */
  | { step: 'reserve'; citations: SenderCitations & { sender: string } }
  /** An e-LPCO enters the registry (or amends or replaces one) with `issuer` as its issuer. */
  | { step: 'register'; lpco: Lpco; issuer: string }
  /** Its issuer changes an e-LPCO's status. */
  | { step: 'change-status'; lpcoId: string; change: StatusChange; issuer: string };

export interface RegistryDeps {
  /** What an unknown cited e-LPCO is: a warning or an error. */
  unknownLpco: CitationPolicy['unknownLpco'];
  now: () => Date;
}

/** What the step adds to the exchange: findings (warnings of a reservation), provenance records, and ids for the answer. */
interface RegistryOutcome {
  findings: Finding[];
  provenance: RecordInput[];
  extra: Record<string, string>;
}

const NOTHING: RegistryOutcome = { findings: [], provenance: [], extra: {} };

/**
 * Refuses a reservation the e-LPCOs cannot cover before the exchange's transaction: refused in
 * it, the reservation would fail the write batch it shares with other writes, which then all run
 * again one by one (store/write-batches.ts) — a sender of refused declarations would slow every
 * writer. Read without locks; writeRegistryStep checks again under them, so a refusal there is
 * left to a race for the last of a quantity.
 */
export async function checkRegistryStep(store: Store, deps: RegistryDeps, step: RegistryStep | undefined): Promise<void> {
  if (step?.step !== 'reserve') return;
  const findings = await checkCitations(tablesOf<LpcoTables>(store.db), store.kind, step.citations, { unknownLpco: deps.unknownLpco, now: deps.now });
  if (hasErrors(findings)) throw citationsRefused(findings);
}

/** Writes `step` for exchange `exchangeId` inside `transaction` (the exchange's, from writeInBatch). */
export async function writeRegistryStep(transaction: Store, deps: RegistryDeps, step: RegistryStep | undefined, exchangeId: string): Promise<RegistryOutcome> {
  if (!step) return NOTHING;
  const lpcoDb: LpcoDb = tablesOf<LpcoTables>(transaction.db);
  const options = { now: deps.now };
  switch (step.step) {
    case 'reserve': {
      const outcome = await reserveIn(
        lpcoDb,
        transaction.kind,
        { ...step.citations, declarationExchangeId: exchangeId },
        { unknownLpco: deps.unknownLpco, ...options },
      );
      const reserved = outcome.reservations.map((r) => ({ ...r, movement: 'reserved' as const }));
      return { findings: outcome.findings, provenance: movementRecords(exchangeId, reserved, step.citations.sender, deps.now()), extra: {} };
    }
    case 'register':
      return { ...NOTHING, extra: { lpcoId: await registerIn(lpcoDb, transaction.kind, step.lpco, step.issuer, options) } };
    case 'change-status':
      await changeStatusIn(lpcoDb, transaction.kind, step.lpcoId, step.change, step.issuer, options);
      return NOTHING;
  }
}
