/**
 * What an accepted document changes in the e-LPCO registry, as plain data its reader returns
 * (readers.ts, lodge.ts) and ingest writes in the exchange's own transaction (ingest.ts): the
 * exchange, its provenance records and the registry's change commit together or not at all. A
 * reservation the e-LPCOs do not cover is checked under the registry's locks and refused before
 * anything is written (the outcome's `refused`); a duplicate registration or a status change the
 * lifecycle forbids is a RejectionError that rolls the whole transaction back.
 */
import { type Finding, RejectionError } from '../findings.js';
import { type LpcoDb, registerIn, changeStatusIn, type StatusChange } from '../lpco/registry.js';
import type { Lpco } from '../lpco/lpco.js';
import type { LpcoTables } from '../lpco/tables.js';
import { type CitationPolicy, reserveIn, type SenderCitations } from '../lpco/write-off.js';
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

/**
 * What the step adds to the exchange: findings (warnings of a reservation), provenance records,
 * and ids for the answer; or the refusal of a reservation, which wrote nothing.
 */
interface RegistryOutcome {
  findings: Finding[];
  provenance: RecordInput[];
  extra: Record<string, string>;
  refused?: RejectionError;
}

const NOTHING: RegistryOutcome = { findings: [], provenance: [], extra: {} };

/** Writes `step` for exchange `exchangeId` inside `transaction` (the exchange's, from writeInBatch). */
export async function writeRegistryStep(transaction: Store, deps: RegistryDeps, step: RegistryStep | undefined, exchangeId: string): Promise<RegistryOutcome> {
  if (!step) return NOTHING;
  const lpcoDb: LpcoDb = tablesOf<LpcoTables>(transaction.db);
  const options = { now: deps.now };
  switch (step.step) {
    case 'reserve': {
      // reserveIn refuses before it writes anything: the refusal is handed back rather than
      // thrown, so the write batch this transaction belongs to stands for its other writes.
      const outcome = await reserveIn(
        lpcoDb,
        transaction.kind,
        { ...step.citations, declarationExchangeId: exchangeId },
        { unknownLpco: deps.unknownLpco, ...options },
      ).catch((error: unknown) => {
        if (error instanceof RejectionError) return error;
        throw error;
      });
      if (outcome instanceof RejectionError) return { ...NOTHING, refused: outcome };
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
