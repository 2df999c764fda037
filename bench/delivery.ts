// Deliveries per second of one worker process on the full path of a sandbox delivery — load,
// map (or convert), seal in a signed envelope, POST to a simulated agency in another process,
// verify its signed receipt against its trust store, settle the status, log the provenance
// records — against no-op BullMQ workers draining the same number of jobs from the same
// queues in the same run: `npm run bench:delivery`. BENCH_EXCHANGES (default 1500), each with
// two deliveries: to customs (WCO XML in XML-DSig) and to the plant health agency (mapped JSON in JWS).
// A third run, the floor, does only what the issue names and cannot be skipped — seal, POST,
// verify the signed receipt — storing nothing: what is left for storage, status and provenance.
// The floor and the full path each run once unmeasured first, on jobs of their own: measured cold,
// 3,000 deliveries paid 0.3-0.5 ms each for compiling and first-time work (1.0-1.2 ms against
// 0.5-0.65 ms warm for the floor).
// BENCH_PROFILE=file.cpuprofile writes a CPU profile of the worker process while it delivers.
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load.js';
import { wcoXmlToJson } from '../src/documents/wco/codec.js';
import { loadMappings } from '../src/mapping/catalogue.js';
import { deliver, interpret } from '../src/pipeline/deliver.js';
import { renderFor } from '../src/pipeline/render.js';
import { seal } from '../src/pipeline/seal.js';
import { messageIdOf, recordingIn, WCO_JSON_DOCUMENT } from '../src/pipeline/vocabulary.js';
import { DeliveryQueues, startDeliveryWorkers, stopWorkers } from '../src/runtime/queues.js';
import { post } from '../src/routing/transport.js';
import { loadOrCreateLogKey } from '../src/provenance/checkpoint.js';
import { createProvenanceLog } from '../src/provenance/log.js';
import { type ProvenanceTables, provenanceMigrations } from '../src/provenance/store.js';
import { loadGatewayTrust } from '../src/runtime/trust.js';
import { SANDBOX_DELIVERY_HEADER } from '../src/sandbox/destinations.js';
import { openDatabase, tablesOf } from '../src/store/db.js';
import { exchangeMigrations, type ExchangeTables } from '../src/store/exchange-tables.js';
import { insertAcceptedExchange, newId, type Store } from '../src/store/exchanges.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { sha256Hex } from '../src/hashing.js';
import { acceptedExchange } from '../test/support/exchanges.js';

const exchanges = Number(process.env.BENCH_EXCHANGES ?? 1500);
const concurrency = 32;
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `swgate-bench-delivery-${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'swgate-bench-'));
const config = { ...loadConfig({}), certsDir: join(dir, 'certs') };
const routes = ['declarations-to-customs', 'plant-health'].map((id) => config.agreements.find((a) => a.id === id)!);
const destinations = routes.map((a) => a.destination);
const jobs = exchanges * routes.length;
// An aggregated supplementary declaration of live plants: customs takes it as WCO XML, the plant health agency its mapped JSON view.
const body = readFileSync(
  'test/fixtures/wco-dm/samples/customs-declarations/import/IMY_Aggregated_Supplementary_Declaration__IMY_Aggregated_Supplementary_Declaration.xml',
  'utf8',
);
const wcoJson = JSON.stringify(wcoXmlToJson(body).json);

const rssMb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);

/** Jobs per second, and this process's CPU milliseconds per job (steadier than rates when the machine is busy). */
async function drain(run: (onDone: () => void) => Promise<() => Promise<void>>): Promise<{ rate: number; cpuMs: number }> {
  let done = 0;
  let finish!: () => void;
  const all = new Promise<void>((r) => (finish = r));
  const started = performance.now();
  const cpu = process.cpuUsage();
  const stop = await run(() => {
    if (++done === jobs) finish();
  });
  await all;
  const seconds = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  await stop();
  return { rate: jobs / seconds, cpuMs: (user + system) / 1000 / jobs };
}

function countEnded(workers: Worker[], onDone: () => void): void {
  for (const w of workers) {
    w.on('completed', onDone);
    w.on('failed', (job, error) => {
      console.error(`delivery ${job?.id} failed: ${error.message}`);
      onDone();
    });
  }
}

const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
const trust = await loadGatewayTrust(config);

/** Drains the same number of jobs, carrying the same references, from queues of their own through `processor`. */
async function drainJobs(name: string, processor: (job: { data: { exchangeId: string; destination: string } }) => Promise<void>) {
  const jobQueues = destinations.map((d) => new Queue(`${name}-${d}`, { connection, prefix }));
  for (const [q, queue] of jobQueues.entries()) {
    await queue.addBulk(
      Array.from({ length: exchanges }, (_, i) => ({
        name: 'deliver',
        data: { exchangeId: `x${i}`, destination: destinations[q]! },
        opts: { jobId: messageIdOf({ exchangeId: `x${i}`, destination: destinations[q]! }) },
      })),
    );
  }
  const drained = await drain(async (onDone) => {
    const workers = jobQueues.map((q) => new Worker(q.name, processor, { connection, prefix, concurrency }));
    countEnded(workers, onDone);
    return () => stopWorkers(workers);
  });
  for (const q of jobQueues) {
    await q.obliterate({ force: true });
    await q.close();
  }
  return drained;
}

// Baseline: workers that do nothing.
const noop = await drainJobs('noop', async () => {});

// The real thing: exchanges stored once as ingest stores them, jobs carrying references, deliveries over HTTP.
const db = openDatabase<ExchangeTables & ProvenanceTables>({ kind: 'sqlite', location: join(dir, 'bench.sqlite') });
const store: Store = { db: tablesOf<ExchangeTables>(db), kind: 'sqlite' };
await migrateToLatest(db, { ...exchangeMigrations, ...provenanceMigrations });
const log = createProvenanceLog({
  db: tablesOf<ProvenanceTables>(db),
  kind: 'sqlite',
  signer: loadOrCreateLogKey(join(dir, 'log')),
  origin: 'bench/swgate',
  checkpointEvery: { entries: 1000, seconds: 60 },
});
const port = 18_082;
const destination = fork('bench/destination-server.ts', [], {
  env: { ...process.env, PORT: String(port), CERTS_DIR: config.certsDir },
  execArgv: ['--import', 'tsx'],
  stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
});
await new Promise((r) => destination.once('message', r));

const now = () => new Date();
const mappings = await loadMappings();

// The floor of the path as the issue names it, with nothing stored: seal what each destination
// takes (mapped once, beforehand, for the plant health agency), POST it, verify the signed receipt.
const plantHealthJson = (
  await renderFor(
    mappings,
    { original: { media_type: 'application/xml', sha256: sha256Hex(body) }, name: WCO_JSON_DOCUMENT, content: wcoJson },
    { destination: 'pga-plant', format: 'json', mapping: routes[1]!.mapping ?? null },
  )
).body;
const floorDelivery =
  (run: string) =>
  async ({ data: { exchangeId, destination: to } }: { data: { exchangeId: string; destination: string } }) => {
    const messageId = `${run}-${exchangeId}.${to}`;
    const document = to === 'pga-plant' ? { body: plantHealthJson, mediaType: 'application/json' } : { body, mediaType: 'application/xml' };
    const sealed = await seal(trust.keys!, document, {
      messageId,
      conversationId: exchangeId,
      from: 'gateway',
      to,
      documentKind: 'declaration',
      createdAt: now().toISOString(),
    });
    const answer = await post({
      url: `http://127.0.0.1:${port}/sandbox/destinations/${to}/deliveries`,
      body: sealed.body,
      mediaType: sealed.mediaType,
      headers: { 'x-swgate-exchange-id': exchangeId, 'x-swgate-message-id': messageId, [SANDBOX_DELIVERY_HEADER]: trust.sandboxDeliverySecret! },
      timeoutMs: 10_000,
    });
    const outcome = await interpret(answer, { messageId, destination: to, sentSha256: sealed.sha256, now, trustStore: trust.storeOf(to) });
    if (outcome.kind !== 'receipt') throw new Error(`floor delivery ${messageId}: ${JSON.stringify(outcome)}`);
  };
// Once unmeasured first: the first run of a path pays for compiling it, and the full path, which
// runs after the floor, would otherwise be compared with a floor measured cold.
await drainJobs('floor-warm-up', floorDelivery('floor-warm-up'));
const floor = await drainJobs('floor', floorDelivery('floor'));

/** Stores `exchanges` exchanges as ingest stores them, with their deliveries queued; returns their ids. */
async function storeExchanges(): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < exchanges; i++) {
    const id = newId();
    ids.push(id);
    const at = now().toISOString();
    await insertAcceptedExchange(
      store,
      acceptedExchange(id, {
        at,
        original: { content: body },
        documents: [{ name: WCO_JSON_DOCUMENT, content: wcoJson, media_type: 'application/json' }],
        deliveries: routes.map((a) => ({ destination: a.destination, agreement_id: a.id, format: a.format, mapping: a.mapping ?? null })),
      }),
    );
  }
  for (const a of routes) await Promise.all(ids.map((exchangeId) => queues.enqueue({ exchangeId, destination: a.destination }, a.delivery)));
  return ids;
}

const queues = new DeliveryQueues({ connection, prefix });
const deps = {
  store,
  mappings,
  keys: trust.keys!,
  trustStoreOf: trust.storeOf,
  participants: new Map(config.participants.map((p) => [p.id, p])),
  agreements: new Map(config.agreements.map((a) => [a.id, a])),
  sandboxUrl: (id: string) => `http://127.0.0.1:${port}/sandbox/destinations/${id}/deliveries`,
  sandboxSecret: trust.sandboxDeliverySecret!,
  send: post,
  onExchangeEnded: async () => {},
  recordProvenance: recordingIn(log),
  now,
};
const deliverQueued = () =>
  drain(async (onDone) => {
    const workers = startDeliveryWorkers(destinations, (job, attempt) => deliver(deps, job, attempt), {
      connection,
      prefix,
      concurrency,
      ratePerSecondOf: () => undefined,
    });
    countEnded(workers, onDone);
    return () => stopWorkers(workers);
  });

// As for the floor, a first batch of exchanges is delivered unmeasured.
await storeExchanges();
await deliverQueued();
await storeExchanges();
const rssBefore = rssMb();
const profiler = process.env.BENCH_PROFILE ? new Session() : undefined;
if (profiler) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}
const delivery = await deliverQueued();
if (profiler) writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify((await profiler.post('Profiler.stop')).profile));
const delivered = await store.db
  .selectFrom('deliveries')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .where('status', '=', 'acknowledged')
  .executeTakeFirstOrThrow();
const measuredDelivered = Number(delivered.n) - jobs;

console.log(
  `${exchanges} declarations (${(body.length / 1024).toFixed(1)} KB) × ${destinations.join(' + ')} = ${jobs} deliveries, concurrency ${concurrency} per queue, one worker process; agencies in another process:`,
);
console.log(`no-op BullMQ workers (same jobs)     ${noop.rate.toFixed(0).padStart(6)} jobs/s         CPU ${noop.cpuMs.toFixed(2)} ms/job`);
console.log(
  `floor: seal + POST + receipt only    ${floor.rate.toFixed(0).padStart(6)} deliveries/s   CPU ${floor.cpuMs.toFixed(2)} ms/delivery   (no storage, no status, no provenance; mapped beforehand)`,
);
console.log(
  `swgate delivery workers              ${delivery.rate.toFixed(0).padStart(6)} deliveries/s   CPU ${delivery.cpuMs.toFixed(2)} ms/delivery   (${measuredDelivered} acknowledged with signed receipts, RSS ${rssBefore} → ${rssMb()} MB)`,
);
console.log(
  `ratio delivery/no-op: ${(delivery.rate / noop.rate).toFixed(2)}; CPU per job no-op/delivery: ${(noop.cpuMs / delivery.cpuMs).toFixed(2)}; floor/no-op: ${(noop.cpuMs / floor.cpuMs).toFixed(2)}; delivery/floor: ${(floor.cpuMs / delivery.cpuMs).toFixed(2)}`,
);

await queues.close();
for (const d of destinations) {
  const cleanup = new Queue(`deliveries-${d}`, { connection, prefix });
  await cleanup.obliterate({ force: true });
  await cleanup.close();
}
connection.disconnect();
destination.kill();
await log.close();
await db.destroy();
rmSync(dir, { recursive: true, force: true });
