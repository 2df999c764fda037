/**
 * The targeting decisions as stored: written in the exchange's own transaction, deferred to its
 * commit so a write batch's declarations add to one INSERT per table; the parties' history read
 * in one statement per declaration, before its write batch (nothing is added to the batch).
 */
import { sql } from 'kysely';
import { tablesOf } from '../store/db.js';
import type { Store } from '../store/exchanges.js';
import { beforeCommit } from '../store/write-lock.js';
import { type PartyHistories, type PartyHistory, type PartyRole, partyKey } from './facts.js';
import type { RiskDecisionRow, RiskPartyRow, RiskTables } from './tables.js';

const riskDb = (store: Store) => tablesOf<RiskTables>(store.db);

/**
 * The history of these parties: declarations through this gateway (each counted once per role)
 * and those a control found a discrepancy in (control_results, whoever controlled).
 */
export async function partyHistories(store: Store, parties: ReadonlyArray<{ role: PartyRole; party: string }>): Promise<PartyHistories> {
  if (parties.length === 0) return new Map();
  const rows = await riskDb(store)
    .selectFrom('risk_parties as p')
    .select([
      'p.role',
      'p.party',
      (eb) => eb.fn.countAll<string | number>().as('declarations'),
      sql<
        string | number
      >`sum(case when exists (select 1 from control_results c where c.exchange_id = p.exchange_id and c.outcome = 'discrepancy') then 1 else 0 end)`.as(
        'discrepancies',
      ),
    ])
    .where('p.party', 'in', [...new Set(parties.map((p) => p.party))])
    .where('p.role', 'in', [...new Set(parties.map((p) => p.role))])
    .groupBy(['p.role', 'p.party'])
    .execute();
  return new Map(
    rows.map((r): [string, PartyHistory] => [partyKey(r.role, r.party), { declarations: Number(r.declarations), discrepancies: Number(r.discrepancies) }]),
  );
}

interface PendingDecisions {
  decisions: RiskDecisionRow[];
  parties: RiskPartyRow[];
}

const pendingByTransaction = new WeakMap<object, PendingDecisions>();

/** Rows per INSERT: far below the bound-parameter limits of SQLite and PostgreSQL. */
const INSERT_CHUNK = 500;

/** Stores `decision` and the declaration's parties with the transaction (one from writeInBatch), when it commits. */
export function writeDecision(transaction: Store, decision: RiskDecisionRow, parties: RiskPartyRow[]): void {
  let pending = pendingByTransaction.get(transaction.db);
  if (!pending) {
    const fresh: PendingDecisions = { decisions: [], parties: [] };
    beforeCommit(transaction.db, async () => {
      pendingByTransaction.delete(transaction.db);
      await insertChunked(transaction, 'risk_decisions', fresh.decisions);
      await insertChunked(transaction, 'risk_parties', fresh.parties);
    });
    pendingByTransaction.set(transaction.db, fresh);
    pending = fresh;
  }
  pending.decisions.push(decision);
  pending.parties.push(...parties);
}

async function insertChunked<T extends 'risk_decisions' | 'risk_parties'>(store: Store, table: T, rows: RiskTables[T][]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK)
    await riskDb(store)
      .insertInto(table)
      .values(rows.slice(i, i + INSERT_CHUNK) as never)
      .execute();
}

export function findDecision(store: Store, exchangeId: string): Promise<RiskDecisionRow | undefined> {
  return riskDb(store).selectFrom('risk_decisions').selectAll().where('exchange_id', '=', exchangeId).executeTakeFirst();
}
