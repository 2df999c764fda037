/**
 * Customs' own AEO register (PUT /v1/aeo/authorisations/{operatorId}): each change a new version
 * of the authorisation, logged as `aeo-changed` in the same commit. A partner's statements of its
 * operators take the same path (partner-messages.ts), with the partner as authority.
 */
import { canonicalJson } from '../canonical-json.js';
import { sha256Hex } from '../hashing.js';
import type { AppendedLeaf } from '../provenance/log.js';
import type { RecordInput } from '../provenance/record.js';
import { authorisationOf, type AeoAuthorisation, type AeoStatement, stateAuthorisation } from '../risk/aeo-register.js';
import type { RecognitionTables } from '../risk/recognition-tables.js';
import { tablesOf } from '../store/db.js';
import type { Store } from '../store/exchanges.js';
import { writeInBatch } from '../store/write-batches.js';
import type { RecordProvenance } from './vocabulary.js';

export interface AeoRegisterDeps {
  store: Store;
  recordProvenance: RecordProvenance;
  now: () => Date;
}

export interface StatedAuthorisation {
  authorisation: AeoAuthorisation;
  /** Absent when the statement repeated the current version: nothing changed, nothing was logged. */
  provenance?: AppendedLeaf;
}

/**
 * Writes `authority`'s statement on `operatorId` in `transaction` and logs it (agent: `agent`):
 * the authorisation as it now stands.
 */
export async function stateAndRecord(
  deps: Pick<AeoRegisterDeps, 'recordProvenance'>,
  transaction: Store,
  authority: string,
  operatorId: string,
  statement: AeoStatement,
  agent: RecordInput['agent'],
  at: Date,
): Promise<StatedAuthorisation> {
  const { current, changed } = await stateAuthorisation(tablesOf<RecognitionTables>(transaction.db), authority, operatorId, statement, agent.participant, at);
  const authorisation = authorisationOf(current);
  if (!changed) return { authorisation };
  const record: RecordInput = {
    exchangeId: changed.id,
    event: 'aeo-changed',
    time: at,
    entity: { contentSha256: sha256Hex(canonicalJson(authorisation)), name: 'aeo-authorisation', mediaType: 'application/json' },
    agent,
  };
  const [leaf] = await deps.recordProvenance(transaction, [record]);
  return { authorisation, provenance: leaf! };
}

/** Customs `by` states `operatorId`'s authorisation in its own register. */
export function changeOwnAuthorisation(deps: AeoRegisterDeps, by: string, operatorId: string, statement: AeoStatement): Promise<StatedAuthorisation> {
  const at = deps.now();
  return writeInBatch(deps.store, (transaction) => stateAndRecord(deps, transaction, by, operatorId, statement, { participant: by }, at));
}
