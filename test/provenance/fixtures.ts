import { createHash, generateKeyPairSync } from 'node:crypto';
import type { Kysely } from 'kysely';
import { logSigner, type LogSigner } from '../../src/provenance/checkpoint.js';
import { createProvenanceLog, type ProvenanceLog, type ProvenanceLogOptions } from '../../src/provenance/log.js';
import { buildRecord, type ProvenanceEvent, type ProvenanceRecord } from '../../src/provenance/record.js';
import { provenanceMigrations, type ProvenanceTables } from '../../src/provenance/store.js';
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

/** A migrated private database of the given kind with a log on it; close() drops everything. */
export async function createTestLog(kind: 'sqlite' | 'postgres', overrides: Partial<ProvenanceLogOptions> = {}): Promise<TestLog> {
  const database = await createTestDatabase(kind);
  const signer = newSigner();
  const opened: Array<{ log: ProvenanceLog; db: Kysely<ProvenanceTables> }> = [];
  const open = (more: Partial<ProvenanceLogOptions> = {}) => {
    const db = openDatabase<ProvenanceTables>(database.target);
    const log = createProvenanceLog({ db, kind, signer, origin: 'swgate.test/provenance', checkpointEvery: { entries: 1000, seconds: 3600 }, ...overrides, ...more });
    opened.push({ log, db });
    return { log, db };
  };
  const first = open();
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
