/**
 * The latest compiled profile set, on any instance: each call reads the generation token (one
 * tiny prepared SELECT) and compiles again only when another change has turned it, here or on
 * another instance sharing the database. Inside the ingest transaction, which holds the write
 * lock, the token and the profiles read are those every declaration after a profile's 201 sees.
 */
import type { Kysely } from 'kysely';
import { prepare } from '../../store/prepared.js';
import type { Store } from '../../store/exchanges.js';
import type { ProfileSet } from '../vocabulary.js';
import { compileProfiles } from './compile.js';
import { currentProfiles } from './store.js';
import type { RiskProfileTables } from './tables.js';

const readToken = prepare<RiskProfileTables, Record<string, never>, { token: string }>((db: Kysely<RiskProfileTables>) =>
  db.selectFrom('risk_profile_generation').select('token').where('id', '=', 1),
);

async function tokenOf(store: Store): Promise<string> {
  const { rows } = await readToken({ db: store.db as unknown as Kysely<RiskProfileTables>, kind: store.kind }, {});
  return rows[0]?.token ?? '';
}

/** Tokens are unique across databases (tables.ts), so one cache serves every store of the process. */
const compiledByToken = new Map<string, Promise<ProfileSet>>();
const CACHED_SETS = 4;

export async function currentProfileSet(store: Store): Promise<ProfileSet> {
  const token = await tokenOf(store);
  let set = compiledByToken.get(token);
  if (!set) {
    set = compileCurrent(store, token);
    compiledByToken.set(token, set);
    set.catch(() => compiledByToken.delete(token));
    if (compiledByToken.size > CACHED_SETS) compiledByToken.delete(compiledByToken.keys().next().value as string);
  }
  return set;
}

/** The set each write batch read first, by the batch's transaction. */
const setByBatch = new WeakMap<object, Promise<ProfileSet>>();

/**
 * currentProfileSet once per write batch (`transaction`: the batch's, from writeInBatch): every
 * declaration of a batch is judged by the set its first one read. None of them is answered
 * before the batch commits, so each still sees every change answered 201 before it was received,
 * and the batch reads the token once instead of once a declaration.
 */
export function profileSetOfBatch(transaction: Store): Promise<ProfileSet> {
  let set = setByBatch.get(transaction.db);
  if (!set) {
    set = currentProfileSet(transaction);
    setByBatch.set(transaction.db, set);
  }
  return set;
}

/** The profiles as of `token`: read again if a change slipped in between the token and the profiles read. */
async function compileCurrent(store: Store, token: string): Promise<ProfileSet> {
  for (let expected = token; ; ) {
    const profiles = await currentProfiles(store);
    const after = await tokenOf(store);
    if (after === expected) return compileProfiles(profiles);
    expected = after;
  }
}
