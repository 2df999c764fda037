import { type Migration, sql } from 'kysely';

/** Where a version came from: the API, or the profiles folder at start (risk.profilesDir). */
export type ProfileSource = 'api' | 'folder';

/** Each owner's current profiles: the latest version of each that is not deleted. */
export interface RiskProfileRow {
  owner: string;
  profile_id: string;
  version: number;
  /** RFC 8785 canonical JSON of the profile. */
  profile: string;
  sha256: string;
  source: ProfileSource;
  updated_at: string;
}

/** Every version of every profile, never changed once written: who changed the targeting, and when. */
export interface RiskProfileVersionRow {
  owner: string;
  profile_id: string;
  version: number;
  /** Null for the version that deleted the profile. */
  profile: string | null;
  /** SHA-256 of `profile`; of the deleted version's content for a deletion. */
  sha256: string;
  source: ProfileSource;
  changed_by: string;
  changed_at: string;
}

/** One row: a token that changes with every change of any profile, so every instance knows when to recompile. */
export interface RiskProfileGenerationRow {
  id: number;
  token: string;
}

/** The profiles that selected a declaration (one row per profile, whatever the number of its items selected). */
export interface RiskProfileHitRow {
  exchange_id: string;
  owner: string;
  profile_id: string;
  version: number;
}

export interface RiskProfileTables {
  risk_profiles: RiskProfileRow;
  risk_profile_versions: RiskProfileVersionRow;
  risk_profile_generation: RiskProfileGenerationRow;
  risk_profile_hits: RiskProfileHitRow;
}

export const riskProfileMigrations: Record<string, Migration> = {
  '040-risk-profiles': {
    async up(db) {
      await db.schema
        .createTable('risk_profiles')
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('profile_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('profile', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('risk_profiles_pk', ['owner', 'profile_id'])
        .execute();
      await db.schema
        .createTable('risk_profile_versions')
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('profile_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('profile', 'text')
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('changed_by', 'text', (c) => c.notNull())
        .addColumn('changed_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('risk_profile_versions_pk', ['owner', 'profile_id', 'version'])
        .execute();
      await db.schema
        .createTable('risk_profile_generation')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('token', 'text', (c) => c.notNull())
        .execute();
      // Random from the start: two databases never share a token, so compiled sets cached by token never mix.
      await sql`insert into risk_profile_generation (id, token) values (1, ${`initial-${crypto.randomUUID()}`})`.execute(db);
      await db.schema
        .createTable('risk_profile_hits')
        .addColumn('exchange_id', 'text', (c) => c.notNull())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('profile_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('risk_profile_hits_pk', ['exchange_id', 'owner', 'profile_id'])
        .execute();
      await db.schema.createIndex('risk_profile_hits_profile').on('risk_profile_hits').columns(['owner', 'profile_id']).execute();
    },
    async down(db) {
      for (const t of ['risk_profile_hits', 'risk_profile_generation', 'risk_profile_versions', 'risk_profiles']) await db.schema.dropTable(t).execute();
    },
  },
};
