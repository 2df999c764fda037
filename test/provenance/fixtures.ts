import { createHash, generateKeyPairSync } from 'node:crypto';
import type { Kysely } from 'kysely';
import { logSigner, type LogSigner } from '../../src/provenance/checkpoint.js';
import { createProvenanceLog, type ProvenanceLog, type ProvenanceLogOptions } from '../../src/provenance/log.js';
import { hashLeaf, nodesAddedByAppend } from '../../src/provenance/merkle.js';
import { buildRecord, type ProvenanceEvent, type ProvenanceRecord, recordBytes } from '../../src/provenance/record.js';
import { insertNodes, provenanceMigrations, type ProvenanceTables } from '../../src/provenance/store.js';
import { type DatabaseTarget, openDatabase } from '../../src/store/db.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { createTestDatabase } from '../support/databases.js';

export const hex = (text: string) => createHash('sha256').update(text).digest('hex');

export function sampleRecord(exchangeId: string, event: ProvenanceEvent = 'received', n = 0): ProvenanceRecord {
  return buildRecord({
    exchangeId,
    event,
    time: new Date(Date.UTC(2026, 10, 29, 5, 0, n % 60)),
    entity: { contentSha256: hex(`${exchangeId} ${event} ${n}`), name: 'original', mediaType: 'application/xml' },
    agent: { participant: 'KE-KRA', certificateFingerprint: hex('cert') },
  });
}

export const newSigner = (): LogSigner => logSigner(generateKeyPairSync('ed25519').privateKey);

export interface TestLog {
  log: ProvenanceLog;
  db: Kysely<ProvenanceTables>;
  target: DatabaseTarget;
  signer: LogSigner;
  /** Another log instance on the same database, as after a restart or on a second gateway. */
  open(overrides?: Partial<ProvenanceLogOptions>): { log: ProvenanceLog; db: Kysely<ProvenanceTables> };
  close(): Promise<void>;
}

/**
 * A migrated private database of the given kind with a log on it; close() drops everything.
 * `legacy` records are logged first as the log did before migration 033: in clear, the record
 * itself as leaf input, written under the schema of 010, then migrated.
 */
export async function createTestLog(
  kind: 'sqlite' | 'postgres',
  overrides: Partial<ProvenanceLogOptions> = {},
  legacy: ProvenanceRecord[] = [],
): Promise<TestLog> {
  const database = await createTestDatabase(kind);
  const signer = newSigner();
  const opened: Array<{ log: ProvenanceLog; db: Kysely<ProvenanceTables> }> = [];
  const open = (more: Partial<ProvenanceLogOptions> = {}) => {
    const db = openDatabase<ProvenanceTables>(database.target);
    const log = createProvenanceLog({
      db,
      kind,
      signer,
      origin: 'swgate.test/provenance',
      checkpointEvery: { entries: 1000, seconds: 3600 },
      ...overrides,
      ...more,
    });
    opened.push({ log, db });
    return { log, db };
  };
  const first = open();
  if (legacy.length > 0) {
    await migrateToLatest(first.db, { '010-provenance-log': provenanceMigrations['010-provenance-log']! });
    const inputs = legacy.map(recordBytes);
    const rows = legacy.map((record, i) => ({ leaf_index: i, exchange_id: record.exchangeId, leaf_input: inputs[i]!.toString('utf8') }));
    await first.db
      .insertInto('provenance_leaves')
      .values(rows as never)
      .execute();
    await insertNodes(first.db, nodesAddedByAppend(0, new Map(), inputs.map(hashLeaf)));
  }
  await migrateToLatest(first.db, provenanceMigrations);
  return {
    ...first,
    target: database.target,
    signer,
    open,
    async close() {
      for (const { log, db } of opened) {
        await log.close();
        await db.destroy();
      }
      await database.drop();
    },
  };
}
