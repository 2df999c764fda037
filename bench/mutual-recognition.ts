/**
 * What mutual recognition adds to one declaration's ingest: aeoHolders for 20 operators and
 * partnerControls for 3 export references, in a write transaction, against a register and a
 * partner-control table of 100 rows (the baseline) and of 100,000, in the same run. A ratio near
 * 1 is what one indexed statement each buys.  npx tsx bench/mutual-recognition.ts [sqlite|postgres]
 */
import { sql } from 'kysely';
import { performance } from 'node:perf_hooks';
import type { GatewayConfig } from '../src/config/types.js';
import { mutualRecognitionIn } from '../src/risk/mutual-recognition.js';
import { recognitionMigrations, type RecognitionTables } from '../src/risk/recognition-tables.js';
import { type DatabaseKind, openDatabase, tablesOf } from '../src/store/db.js';
import { exchangeMigrations, type ExchangeTables } from '../src/store/exchange-tables.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { inWriteTransaction } from '../src/store/write-lock.js';
import { createTestDatabase } from '../test/support/databases.js';

const kind: DatabaseKind = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
const CALLS = 2000;
const participants = [
  { id: 'customs', kind: 'customs', name: 'C', apiKeySha256: [], certificateFingerprints: [], operator: false, actsFor: [], issues: [] },
  {
    id: 'partner-xb',
    kind: 'partner-customs',
    name: 'XB',
    country: 'XB',
    apiKeySha256: [],
    certificateFingerprints: [],
    operator: false,
    actsFor: [],
    issues: [],
  },
] as GatewayConfig['participants'];
const recognition = mutualRecognitionIn({ participants, mutualRecognition: { arrangements: [{ partner: 'partner-xb', aeo: true, controlResults: true }] } });

async function measure(rows: number): Promise<{ median: number; p99: number }> {
  const database = await createTestDatabase(kind);
  const db = openDatabase<ExchangeTables & RecognitionTables>(database.target);
  await migrateToLatest(db, { ...exchangeMigrations, ...recognitionMigrations });
  const r = tablesOf<RecognitionTables>(db);
  for (let start = 0; start < rows; start += 500) {
    const ids = Array.from({ length: Math.min(500, rows - start) }, (_, i) => start + i);
    const at = '2026-01-01T00:00:00.000Z';
    await r
      .insertInto('aeo_authorisations')
      .values(
        ids.map((i) => ({
          authority: i % 2 ? 'customs' : 'partner-xb',
          operator_id: `XA${i}`,
          version: 1,
          status: 'granted' as const,
          type: 'AEOF' as const,
          valid_from: '2026-01-01',
          valid_to: null,
          changed_at: at,
          changed_by: 'customs',
        })),
      )
      .execute();
    await r
      .insertInto('partner_controls')
      .values(
        ids.map((i) => ({
          id: `C${i}`,
          partner: 'partner-xb',
          message_id: `M${i}`,
          outcome: 'compliant' as const,
          findings: '[]',
          controlled_at: at,
          received_at: at,
        })),
      )
      .execute();
    await r
      .insertInto('partner_control_references')
      .values(ids.map((i) => ({ reference: `MRN${i}`, control_id: `C${i}` })))
      .execute();
  }
  // As autovacuum would have by then: the planner's statistics of the filled tables.
  if (kind === 'postgres') await sql`analyze`.execute(db);
  const at = new Date('2026-12-06T10:00:00Z');
  const times: number[] = [];
  for (let n = 0; n < CALLS; n++) {
    const operators = Array.from({ length: 20 }, (_, i) => `XA${(n * 20 + i) % rows}`);
    const references = [`MRN${n % rows}`, `MRN${(n * 7) % rows}`, 'MRN-none'];
    const start = performance.now();
    await inWriteTransaction(db, kind, async (trx) => {
      const transaction = { db: tablesOf<ExchangeTables>(trx), kind };
      await recognition.aeoHolders(transaction, operators, at);
      await recognition.partnerControls(transaction, references);
    });
    times.push(performance.now() - start);
  }
  await db.destroy();
  await database.drop();
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, p99: times[Math.floor(times.length * 0.99)]! };
}

const small = await measure(100);
const large = await measure(100_000);
console.log(`mutual recognition (${kind}), ${CALLS} declarations, 20 operators + 3 references each, in a write transaction:`);
console.log(`  100 rows:     median ${small.median.toFixed(3)} ms, p99 ${small.p99.toFixed(3)} ms`);
console.log(`  100,000 rows: median ${large.median.toFixed(3)} ms, p99 ${large.p99.toFixed(3)} ms`);
console.log(`  ratio 100,000 / 100 rows (median): ${(large.median / small.median).toFixed(2)}`);
