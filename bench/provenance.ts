/**
 * Provenance log benchmark (issue 7): `npx tsx bench/provenance.ts [entries]`.
 * SQLite in a temporary directory, the same WAL / synchronous=NORMAL settings as the gateway.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { logSigner } from '../src/provenance/checkpoint.js';
import { createProvenanceLog, type ProvenanceLogOptions } from '../src/provenance/log.js';
import { buildRecord, type ProvenanceRecord } from '../src/provenance/record.js';
import { provenanceMigrations, type ProvenanceTables } from '../src/provenance/store.js';
import { openDatabase } from '../src/store/db.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { sha256Hex } from '../src/hashing.js';

const LARGE_TREE = Number(process.argv[2] ?? 1_000_000);
const NEVER = { entries: Number.MAX_SAFE_INTEGER, seconds: 86_400 };
const signer = logSigner(generateKeyPairSync('ed25519').privateKey);
const dir = mkdtempSync(join(tmpdir(), 'swgate-bench-provenance-'));

function record(i: number): ProvenanceRecord {
  return buildRecord({
    exchangeId: `01JBENCH${String(Math.floor(i / 4)).padStart(18, '0')}`,
    event: (['received', 'validated', 'routed', 'delivered'] as const)[i % 4]!,
    time: new Date(1_795_000_000_000 + i),
    entity: { contentSha256: sha256Hex(String(i)), name: 'original', mediaType: 'application/xml' },
    agent: { participant: 'KE-KRA', certificateFingerprint: sha256Hex('cert') },
  });
}

async function openLog(name: string, checkpointEvery: ProvenanceLogOptions['checkpointEvery'] = NEVER) {
  const db = openDatabase<ProvenanceTables>({ kind: 'sqlite', location: join(dir, `${name}.sqlite`) });
  await migrateToLatest(db, provenanceMigrations);
  const log = createProvenanceLog({ db, kind: 'sqlite', signer, origin: 'bench.swgate/provenance', checkpointEvery });
  const close = async () => {
    await log.close();
    await db.destroy();
  };
  return { log, close };
}

/** `clients` concurrent callers, each appending one record at a time: the gateway's shape. */
async function appendsPerSecond(name: string, total: number, clients: number, checkpointEvery?: ProvenanceLogOptions['checkpointEvery']) {
  const records = Array.from({ length: total }, (_, i) => record(i));
  const { log, close } = await openLog(name, checkpointEvery);
  let next = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) await log.append([records[next++]!]);
    }),
  );
  const { user, system } = process.cpuUsage(cpu);
  const result = { rate: total / ((performance.now() - started) / 1000), cpuMicros: (user + system) / total };
  await close();
  return result;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

// CPU time per append as well: on a shared machine the wall-clock rate says more about the neighbours.
const line = (what: string, r: { rate: number; cpuMicros: number }) =>
  `${what}: ${fmt(r.rate)} appends/s (${r.cpuMicros.toFixed(1)} µs CPU per append, i.e. ${fmt(1e6 / r.cpuMicros)}/s on one free core)`;
const baseline = await appendsPerSecond('baseline', 3_000, 1);
const grouped = await appendsPerSecond('grouped', 100_000, 1_000);
console.log(line('one transaction per append (1 caller)', baseline));
console.log(`${line('group commit (1000 concurrent callers)', grouped)}; ${(grouped.rate / baseline.rate).toFixed(1)}x the baseline; target >= 20,000/s`);
const withCheckpoints = await appendsPerSecond('checkpointed', 100_000, 1_000, { entries: 1_000, seconds: 60 });
console.log(
  `${line('group commit, checkpoint every 1000 entries', withCheckpoints)}; ${(withCheckpoints.cpuMicros - grouped.cpuMicros).toFixed(1)} µs CPU more per append`,
);

const large = await openLog('large');
let started = performance.now();
for (let i = 0; i < LARGE_TREE; i += 10_000) await large.log.append(Array.from({ length: Math.min(10_000, LARGE_TREE - i) }, (_, j) => record(i + j)));
console.log(`built a ${fmt(LARGE_TREE)}-entry tree in ${((performance.now() - started) / 1000).toFixed(1)} s (10,000-entry appends)`);

const samples: number[] = [];
const proofCpu = process.cpuUsage();
for (let i = 0; i < 2_000; i++) {
  const index = Math.floor(Math.random() * LARGE_TREE);
  const t0 = performance.now();
  await large.log.inclusionProof(index, LARGE_TREE);
  samples.push(performance.now() - t0);
}
const { user, system } = process.cpuUsage(proofCpu);
samples.sort((a, b) => a - b);
const at = (q: number) => samples[Math.floor(q * (samples.length - 1))]!.toFixed(3);
console.log(
  `inclusion proof at ${fmt(LARGE_TREE)} entries: median ${at(0.5)} ms, p99 ${at(0.99)} ms, ${((user + system) / 1000 / samples.length).toFixed(3)} ms CPU each (target < 1 ms)`,
);

started = performance.now();
const checkpoints = 200;
for (let i = 0; i < checkpoints; i++) {
  await large.log.append([record(LARGE_TREE + i)]);
  await large.log.publishCheckpoint();
}
const appendOnly = performance.now();
for (let i = 0; i < checkpoints; i++) await large.log.append([record(LARGE_TREE + checkpoints + i)]);
const perCheckpoint = (2 * appendOnly - started - performance.now()) / checkpoints;
console.log(`one checkpoint (root from stored nodes, Ed25519 signature, insert) at ${fmt(LARGE_TREE)} entries: ${perCheckpoint.toFixed(3)} ms`);

await large.close();
rmSync(dir, { recursive: true, force: true });
