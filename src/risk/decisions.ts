/**
 * The targeting decisions as stored: written in the exchange's own transaction, deferred to its
 * commit so a write batch's declarations add to one statement per table; the parties' history
 * (risk_party_counts) read in one statement per declaration, before its write batch.
 */
import { tablesOf } from '../store/db.js';
import type { Store } from '../store/exchanges.js';
import { insertBeforeCommit } from '../store/bulk-insert.js';
import { beforeCommit } from '../store/write-lock.js';
import { type PartyHistories, type PartyHistory, type PartyRole, partyKey } from './facts.js';
import type { RiskDecisionRow, RiskPartyRow, RiskTables } from './tables.js';

const riskDb = (store: Store) => tablesOf<RiskTables>(store.db);

/**
 * The history of these parties: declarations through this gateway (each counted once per role)
 * and those a control found a discrepancy in. One primary-key lookup per party, however long
 * its history.
 */
export async function partyHistories(store: Store, parties: ReadonlyArray<{ role: PartyRole; party: string }>): Promise<PartyHistories> {
  if (parties.length === 0) return new Map();
  const rows = await riskDb(store)
    .selectFrom('risk_party_counts')
    .select(['role', 'party', 'declarations', 'discrepancies'])
    .where('party', 'in', [...new Set(parties.map((p) => p.party))])
    .where('role', 'in', [...new Set(parties.map((p) => p.role))])
    .execute();
  return new Map(
    rows.map((r): [string, PartyHistory] => [partyKey(r.role, r.party), { declarations: Number(r.declarations), discrepancies: Number(r.discrepancies) }]),
  );
}

/** The parties of a transaction's decisions, counted once the batch's decisions are written. */
const partiesToCount = new WeakMap<object, RiskPartyRow[]>();

/** Rows per INSERT of the counts: far below the bound-parameter limits of SQLite and PostgreSQL. */
const INSERT_CHUNK = 500;

/**
 * Stores `decision` and the declaration's parties with the transaction (one from writeInBatch),
 * when it commits: one insert per table for the whole batch (insertBeforeCommit), then the
 * parties' counts raised once per party.
 */
export function writeDecision(transaction: Store, decision: RiskDecisionRow, parties: RiskPartyRow[]): void {
  const risk = { db: riskDb(transaction), kind: transaction.kind };
  insertBeforeCommit(risk, 'risk_decisions', [decision]);
  insertBeforeCommit(risk, 'risk_parties', parties);
  let counted = partiesToCount.get(transaction.db);
  if (!counted) {
    const batch: RiskPartyRow[] = [];
    beforeCommit(transaction.db, () => {
      partiesToCount.delete(transaction.db);
      return countDeclarations(transaction, batch);
    });
    partiesToCount.set(transaction.db, batch);
    counted = batch;
  }
  counted.push(...parties);
}

/** Adds the batch's declarations to their parties' counts: one row per party, however many of its declarations the batch holds. */
async function countDeclarations(store: Store, parties: RiskPartyRow[]): Promise<void> {
  const counts = new Map<string, { role: PartyRole; party: string; declarations: number; discrepancies: number }>();
  for (const { role, party } of parties) {
    const key = partyKey(role, party);
    const seen = counts.get(key) ?? { role, party, declarations: 0, discrepancies: 0 };
    counts.set(key, { ...seen, declarations: seen.declarations + 1 });
  }
  const rows = [...counts.values()];
  for (let i = 0; i < rows.length; i += INSERT_CHUNK)
    await riskDb(store)
      .insertInto('risk_party_counts')
      .values(rows.slice(i, i + INSERT_CHUNK))
      .onConflict((oc) =>
        oc.columns(['party', 'role']).doUpdateSet((eb) => ({ declarations: eb('risk_party_counts.declarations', '+', eb.ref('excluded.declarations')) })),
      )
      .execute();
}

export function findDecision(store: Store, exchangeId: string): Promise<RiskDecisionRow | undefined> {
  return riskDb(store).selectFrom('risk_decisions').selectAll().where('exchange_id', '=', exchangeId).executeTakeFirst();
}
