/**
 * Profiles in the database: the current ones, every version, and the hits the ingest path
 * writes. Every change is a new version, logged in the provenance log in the same transaction
 * (entity: the SHA-256 of the profile's canonical JSON; agent: its owner), and turns the
 * generation token, which is how every instance learns that its compiled set is stale (current.ts).
 */
import type { Kysely } from 'kysely';
import { monotonicFactory } from 'ulid';
import { canonicalJson } from '../../canonical-json.js';
import { finding, RejectionError } from '../../findings.js';
import { sha256Hex } from '../../hashing.js';
import type { RecordProvenance } from '../../pipeline/vocabulary.js';
import type { ProvenanceEvent } from '../../provenance/record.js';
import { tablesOf } from '../../store/db.js';
import type { ExchangeTables } from '../../store/exchange-tables.js';
import type { Store } from '../../store/exchanges.js';
import { inWriteTransaction } from '../../store/write-lock.js';
import type { RiskTables } from '../tables.js';
import type { ProfileHit } from '../vocabulary.js';
import type { RiskProfile, StoredProfile } from './profile.js';
import type { ProfileSource, RiskProfileRow, RiskProfileTables } from './tables.js';

type ProfileDb = Kysely<RiskProfileTables & RiskTables>;
const tables = (store: Store): ProfileDb => tablesOf<RiskProfileTables & RiskTables>(store.db);
const newToken = monotonicFactory();

export interface ProfileWriter {
  store: Store;
  recordProvenance: RecordProvenance;
  now?: () => Date;
}

/** A current profile with what its owner is told of it beside the profile itself. */
export interface ProfileView extends StoredProfile {
  source: ProfileSource;
  updatedAt: string;
}

/**
 * The logged entity of a profile's history: `risk-profile:<owner>:<id>` stands where an exchange
 * id stands in an exchange's records, so its receipt (log.receiptForExchange) is the profile's
 * whole history. No exchange has that id, so only operators read these records (visibility.ts).
 */
export const profileLogId = (owner: string, id: string) => `risk-profile:${owner}:${id}`;

const viewOf = (row: RiskProfileRow): ProfileView => ({
  owner: row.owner,
  version: Number(row.version),
  profile: JSON.parse(row.profile) as RiskProfile,
  source: row.source,
  updatedAt: row.updated_at,
});

const notFound = (id: string) => new RejectionError(404, 'Not found', [finding('risk-profile.not-found', `You have no risk profile "${id}".`)]);

/**
 * Stores `profile` as a new version of the owner's profile: `create` refuses an id the owner
 * already has (409), `replace` one it has not (404), `sync` (the folder) takes either. A profile
 * whose canonical JSON is unchanged makes no new version: `changed` is false.
 */
export async function writeProfile(
  writer: ProfileWriter,
  owner: string,
  profile: RiskProfile,
  mode: 'create' | 'replace' | 'sync',
  source: ProfileSource,
): Promise<{ view: ProfileView; changed: boolean }> {
  const text = canonicalJson(profile);
  const sha256 = sha256Hex(text);
  const at = (writer.now?.() ?? new Date()).toISOString();
  return inWriteTransaction(tables(writer.store), writer.store.kind, async (trx) => {
    const current = await currentRow(trx, owner, profile.id);
    if (mode === 'create' && current) {
      throw new RejectionError(409, 'Conflict', [
        finding('risk-profile.exists', `You already have a risk profile "${profile.id}": change it with PUT.`, '/id'),
      ]);
    }
    if (mode === 'replace' && !current) throw notFound(profile.id);
    if (current?.sha256 === sha256) return { view: viewOf(current), changed: false };
    const version = (await lastVersion(trx, owner, profile.id)) + 1;
    const row: RiskProfileRow = { owner, profile_id: profile.id, version, profile: text, sha256, source, updated_at: at };
    await trx
      .insertInto('risk_profile_versions')
      .values({ owner, profile_id: profile.id, version, profile: text, sha256, source, changed_by: owner, changed_at: at })
      .execute();
    if (current) await trx.updateTable('risk_profiles').set(row).where('owner', '=', owner).where('profile_id', '=', profile.id).execute();
    else await trx.insertInto('risk_profiles').values(row).execute();
    await changed(writer, trx, { owner, id: profile.id, version, sha256, at, event: 'profile-changed' });
    return { view: viewOf(row), changed: true };
  });
}

/** Deletes the owner's profile: a last version without content, logged like any change. */
export async function deleteProfile(writer: ProfileWriter, owner: string, id: string, source: ProfileSource = 'api'): Promise<void> {
  const at = (writer.now?.() ?? new Date()).toISOString();
  await inWriteTransaction(tables(writer.store), writer.store.kind, async (trx) => {
    const current = await currentRow(trx, owner, id);
    if (!current) throw notFound(id);
    const version = (await lastVersion(trx, owner, id)) + 1;
    await trx
      .insertInto('risk_profile_versions')
      .values({ owner, profile_id: id, version, profile: null, sha256: current.sha256, source, changed_by: owner, changed_at: at })
      .execute();
    await trx.deleteFrom('risk_profiles').where('owner', '=', owner).where('profile_id', '=', id).execute();
    await changed(writer, trx, { owner, id, version, sha256: current.sha256, at, event: 'profile-deleted' });
  });
}

async function changed(
  writer: ProfileWriter,
  trx: ProfileDb,
  change: { owner: string; id: string; version: number; sha256: string; at: string; event: ProvenanceEvent },
): Promise<void> {
  await trx.updateTable('risk_profile_generation').set({ token: newToken() }).where('id', '=', 1).execute();
  await writer.recordProvenance({ db: tablesOf<ExchangeTables>(trx), kind: writer.store.kind }, [
    {
      exchangeId: profileLogId(change.owner, change.id),
      event: change.event,
      time: new Date(change.at),
      entity: { contentSha256: change.sha256, name: `risk-profile@${change.version}`, mediaType: 'application/json' },
      agent: { participant: change.owner },
    },
  ]);
}

const currentRow = (db: ProfileDb, owner: string, id: string) =>
  db.selectFrom('risk_profiles').selectAll().where('owner', '=', owner).where('profile_id', '=', id).executeTakeFirst();

async function lastVersion(db: ProfileDb, owner: string, id: string): Promise<number> {
  const row = await db
    .selectFrom('risk_profile_versions')
    .select((eb) => eb.fn.max('version').as('last'))
    .where('owner', '=', owner)
    .where('profile_id', '=', id)
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}

export async function findProfile(store: Store, owner: string, id: string): Promise<ProfileView | undefined> {
  const row = await currentRow(tables(store), owner, id);
  return row ? viewOf(row) : undefined;
}

/** The owner's profiles by id, a page at a time: those after `cursor` (the last id of the previous page). */
export async function listProfiles(store: Store, owner: string, page: { cursor?: string; limit: number }): Promise<ProfileView[]> {
  let query = tables(store).selectFrom('risk_profiles').selectAll().where('owner', '=', owner);
  if (page.cursor !== undefined) query = query.where('profile_id', '>', page.cursor);
  const rows = await query.orderBy('profile_id').limit(page.limit).execute();
  return rows.map(viewOf);
}

/** Every owner's current profiles, in a stable order (owner, then id): what a profile set is compiled from. */
export async function currentProfiles(store: Store): Promise<ProfileView[]> {
  const rows = await tables(store).selectFrom('risk_profiles').selectAll().orderBy('owner').orderBy('profile_id').execute();
  return rows.map(viewOf);
}

export interface ProfileVersion {
  version: number;
  changedAt: string;
  changedBy: string;
  source: ProfileSource;
  sha256: string;
  deleted: boolean;
}

/** Every version of the owner's profile, oldest first (those of an earlier profile of the same id, deleted since, included). */
export async function profileHistory(store: Store, owner: string, id: string): Promise<ProfileVersion[]> {
  const rows = await tables(store)
    .selectFrom('risk_profile_versions')
    .select(['version', 'changed_at', 'changed_by', 'source', 'sha256', 'profile'])
    .where('owner', '=', owner)
    .where('profile_id', '=', id)
    .orderBy('version')
    .execute();
  return rows.map((r) => ({
    version: Number(r.version),
    changedAt: r.changed_at,
    changedBy: r.changed_by,
    source: r.source,
    sha256: r.sha256,
    deleted: r.profile === null,
  }));
}

/**
 * The profiles that selected the exchange, one row each however many of its items they
 * selected: for the risk-decision write, inside its transaction (one multi-row insert).
 */
export async function writeProfileHits(transaction: Store, exchangeId: string, hits: readonly ProfileHit[]): Promise<void> {
  const rows = new Map<string, { exchange_id: string; owner: string; profile_id: string; version: number }>();
  for (const hit of hits) {
    const key = `${hit.owner}\n${hit.profile}`;
    if (!rows.has(key)) rows.set(key, { exchange_id: exchangeId, owner: hit.owner, profile_id: hit.profile, version: hit.version });
  }
  if (rows.size > 0)
    await tables(transaction)
      .insertInto('risk_profile_hits')
      .values([...rows.values()])
      .execute();
}

/** How a profile has done: what it selected, and what its owner's controls of those found. */
export interface ProfileStats {
  hits: number;
  controlled: number;
  discrepancies: number;
  revenue: number;
  /** discrepancies / controlled; null before any control. */
  hitRate: number | null;
}

/**
 * The profile's stats over all its versions. A declaration counts as controlled when its owner
 * recorded a control result on it (another agency's control is not this profile's outcome), as
 * a discrepancy when any such result found one; revenue adds up those results' revenue.
 */
export async function profileStats(store: Store, owner: string, id: string): Promise<ProfileStats> {
  const db = tables(store);
  const hits = await db
    .selectFrom('risk_profile_hits')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('owner', '=', owner)
    .where('profile_id', '=', id)
    .executeTakeFirstOrThrow();
  const outcomes = await db
    .selectFrom('risk_profile_hits as h')
    .innerJoin('control_results as c', (join) => join.onRef('c.exchange_id', '=', 'h.exchange_id').onRef('c.controller', '=', 'h.owner'))
    .select((eb) => [
      eb.fn.count<string | number>('h.exchange_id').distinct().as('controlled'),
      eb.fn
        .count<string | number>(eb.case().when('c.outcome', '=', 'discrepancy').then(eb.ref('h.exchange_id')).end())
        .distinct()
        .as('discrepancies'),
      eb.fn.coalesce(eb.fn.sum<string | number>('c.revenue'), eb.lit(0)).as('revenue'),
    ])
    .where('h.owner', '=', owner)
    .where('h.profile_id', '=', id)
    .executeTakeFirstOrThrow();
  const controlled = Number(outcomes.controlled);
  const discrepancies = Number(outcomes.discrepancies);
  return {
    hits: Number(hits.n),
    controlled,
    discrepancies,
    revenue: Number(outcomes.revenue),
    hitRate: controlled > 0 ? discrepancies / controlled : null,
  };
}
