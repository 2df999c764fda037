// Deliveries per second of one worker process (load, POST to a simulated agency in another
// process, check the receipt, settle the status, log the provenance record) against a no-op BullMQ worker draining the
// same number of jobs in the same run: `npm run bench:delivery`. BENCH_JOBS (default 3000).
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load.js';
import { loadMappings } from '../src/mapping/catalogue.js';
import { deliver } from '../src/pipeline/deliver.js';
import { DeliveryQueues, startDeliveryWorkers, stopWorkers } from '../src/routing/queues.js';
import { post } from '../src/routing/transport.js';
import { loadOrCreateLogKey } from '../src/provenance/checkpoint.js';
import { createProvenanceLog } from '../src/provenance/log.js';
import { buildRecord, type RecordInput } from '../src/provenance/record.js';
import { type ProvenanceTables, provenanceMigrations } from '../src/provenance/store.js';
import { openDatabase, tablesOf } from '../src/store/db.js';
import { exchangeMigrations, type ExchangeTables } from '../src/store/exchange-tables.js';
import { insertAcceptedExchange, newId, type Store } from '../src/store/exchanges.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { sha256Hex } from '../src/hashing.js';

const jobs = Number(process.env.BENCH_JOBS ?? 3000);
const concurrency = 32;
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `swgate-bench-delivery-${process.pid}`;
const config = loadConfig({});
const agreement = config.agreements.find((a) => a.destination === 'customs')!;
const body = readFileSync('test/fixtures/wco-dm/samples/customs-declarations/import/TT_IM036a__TT_IM036a.xml', 'utf8');

const rssMb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);

async function drain(run: (onDone: () => void) => Promise<() => Promise<void>>): Promise<number> {
  let done = 0;
  let finish!: () => void;
  const all = new Promise<void>((r) => (finish = r));
  const started = performance.now();
  const stop = await run(() => {
    if (++done === jobs) finish();
  });
  await all;
  const seconds = (performance.now() - started) / 1000;
  await stop();
  return jobs / seconds;
}

const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });

// Baseline: the same number of jobs, carrying the same references, drained by a worker that does nothing.
const noopQueue = new Queue('noop', { connection, prefix });
await Promise.all(Array.from({ length: jobs }, (_, i) => noopQueue.add('deliver', { exchangeId: `x${i}`, destination: 'customs' }, { jobId: `x${i}.customs` })));
const noopRate = await drain(async (onDone) => {
  const worker = new Worker('noop', async () => {}, { connection, prefix, concurrency });
  worker.on('completed', onDone);
  return () => worker.close();
});
await noopQueue.obliterate({ force: true });
await noopQueue.close();

// The real thing: exchanges stored once, jobs carrying references, deliveries over HTTP.
const dir = mkdtempSync(join(tmpdir(), 'swgate-bench-'));
const db = openDatabase<ExchangeTables & ProvenanceTables>({ kind: 'sqlite', location: join(dir, 'bench.sqlite') });
const store: Store = { db: tablesOf<ExchangeTables>(db), kind: 'sqlite' };
await migrateToLatest(db, { ...exchangeMigrations, ...provenanceMigrations });
const log = createProvenanceLog({ db: tablesOf<ProvenanceTables>(db), kind: 'sqlite', signer: loadOrCreateLogKey(join(dir, 'log')), origin: 'bench/swgate', checkpointEvery: { entries: 1000, seconds: 60 } });
const port = 18_082;
const destination = fork('bench/destination-server.ts', [], { env: { ...process.env, PORT: String(port) }, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
await new Promise((r) => destination.once('message', r));

const now = () => new Date();
const ids: string[] = [];
for (let i = 0; i < jobs; i++) {
  const id = newId();
  ids.push(id);
  const at = now().toISOString();
  await insertAcceptedExchange(store, {
    exchange: { id, sender: 'trader-demo', kind: 'declaration', format: 'wco-xml', status: 'routed', content_sha256: sha256Hex(body), message_id: null, idempotency_key: null, scenario: null, facts: '{}', findings: '[]', received_at: at, updated_at: at },
    documents: [{ exchange_id: id, name: 'original', media_type: 'application/xml', sha256: sha256Hex(body), content: body, created_at: at }],
    deliveries: [{ exchange_id: id, destination: 'customs', agreement_id: agreement.id, format: 'wco-xml', mapping: null, status: 'queued', attempts: 0, last_error: null, sent_sha256: null, receipt: null, updated_at: at }],
    events: [],
  });
}
const queues = new DeliveryQueues({ connection, prefix });
await Promise.all(ids.map((exchangeId) => queues.enqueue({ exchangeId, destination: 'customs' }, agreement.delivery)));
const rssBefore = rssMb();
const deps = {
  store,
  mappings: await loadMappings(),
  trustStoreOf: () => undefined,
  participants: new Map(config.participants.map((p) => [p.id, p])),
  agreements: new Map(config.agreements.map((a) => [a.id, a])),
  sandboxUrl: (id: string) => `http://127.0.0.1:${port}/sandbox/destinations/${id}/deliveries`,
  send: post,
  onExchangeEnded: async () => {},
  recordProvenance: (records: RecordInput[]) => log.append(records.map(buildRecord)),
  now,
};
const deliveryRate = await drain(async (onDone) => {
  const workers = startDeliveryWorkers(['customs'], (job, attempt) => deliver(deps, job, attempt), { connection, prefix, concurrency, ratePerSecondOf: () => undefined });
  for (const w of workers) w.on('completed', onDone);
  return () => stopWorkers(workers);
});
const delivered = await store.db.selectFrom('deliveries').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'acknowledged').executeTakeFirstOrThrow();

console.log(`delivery of a ${(body.length / 1024).toFixed(1)} KB declaration to a simulated agency over HTTP, ${jobs} jobs, concurrency ${concurrency}, one worker process:`);
console.log(`no-op BullMQ worker (same jobs)      ${noopRate.toFixed(0).padStart(6)} jobs/s`);
console.log(`swgate delivery worker               ${deliveryRate.toFixed(0).padStart(6)} deliveries/s   (${Number(delivered.n)} acknowledged, RSS ${rssBefore} → ${rssMb()} MB)`);
console.log(`ratio delivery/no-op: ${(deliveryRate / noopRate).toFixed(2)}`);

await queues.close();
const cleanup = new Queue('deliveries-customs', { connection, prefix });
await cleanup.obliterate({ force: true });
await cleanup.close();
connection.disconnect();
destination.kill();
await log.close();
await db.destroy();
rmSync(dir, { recursive: true, force: true });
