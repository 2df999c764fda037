import { isConnectionLost } from './connection-lost.js';
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import { RejectionError } from '../findings.js';

/**
 * Each module owns its tables and hands its migrations to the composition root, which runs
 * them all here: the store knows how to migrate, not what the domain tables are.
 * Names sort in the order they must run ("001-exchanges", "010-provenance", …).
 */
// biome-ignore lint/suspicious/noExplicitAny: the migrations see the database before its tables exist (Kysely's Migrator takes Kysely<any>)
export async function migrateToLatest(db: Kysely<any>, migrations: Record<string, Migration>): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    // A lost connection is not a failed migration: the caller may try again (connection-lost.ts).
    if (isConnectionLost(error)) throw error;
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new RejectionError(503, 'Database migration failed', [], `migration ${failed} failed: ${String(error)}`);
  }
}
