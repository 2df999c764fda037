/**
 * Fault injection with real processes (issue 15): the gateway as `swgate start` on SQLite, or
 * `swgate serve` + two `swgate worker` on PostgreSQL, a private Redis, an agency process
 * (agency.ts), load running, and a seeded schedule of faults — SIGKILL of a gateway process,
 * Redis killed and started again empty, the agency killed and started again, PostgreSQL's
 * connections to the run's database terminated. Then, with the faults stopped, it waits for the
 * gateway to finish and checks what an operator of a system of record would: every exchange
 * answered 202 is final, its provenance receipt holds all its events and verifies, the agency
 * took each message id at most once as new (and with the bytes the gateway says it sent), and
 * the log's checkpoints seen during the run are consistent with its last one.
 *
 * Used by test/runtime/faults.test.ts (short, in CI) and scripts/faults.ts (long).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import type { Checkpoint } from '../../src/provenance/checkpoint.js';
import type { ProvenanceReceipt } from '../../src/provenance/shapes.js';
import { verifyCheckpointConsistency, verifyReceipt } from '../../src/provenance/verify.js';
import { redisAnswers } from '../../src/runtime/redis.js';
import { openDatabase } from '../../src/store/db.js';
import type { LpcoTables } from '../../src/lpco/tables.js';
import type { ExchangeStatus, ExchangeTables } from '../../src/store/exchange-tables.js';
import { createTestDatabase, TEST_PG_URL } from './databases.js';
import { seededRandom } from './random.js';

export interface FaultRunOptions {
  database: 'sqlite' | 'postgres';
  seed: number;
  /** How long faults are injected under load. */
  faultMs: number;
  /** Mean pause between two faults. */
  faultEveryMs?: number;
  /** Pause of each of the two senders between declarations, ms (drawn from this range). */
  pauseMs?: [number, number];
  /** How long the gateway may take to finish everything once the faults stop. */
  settleMs?: number;
  print?: (line: string) => void;
}

export interface FaultRunReport {
  seed: number;
  database: 'sqlite' | 'postgres';
  faults: Record<string, number>;
  /** Exchanges answered 202; all exchanges stored (some requests die with a killed API unanswered). */
  accepted: number;
  exchanges: number;
  statuses: Record<string, number>;
  reconciler: Record<string, number>;
  checkpointsChecked: number;
  /** e-LPCO reservations made by the run's declarations, and how many of them were written off. */
  reservations: number;
  writtenOff: number;
  /** Copies the agency recognised are not counted: only what it took as new. */
  agencyMessages: number;
  problems: string[];
}

const FINAL_STATUSES: ExchangeStatus[] = ['delivered', 'delivered-with-warnings', 'rejected', 'failed'];
const FINAL = new Set<string>(FINAL_STATUSES);
const DELIVERY_EVENT: Record<string, string> = { acknowledged: 'acknowledged', rejected: 'rejected', failed: 'failed' };
const TRADER_TOKEN = 'faults-trader';
const AGENCY_TOKEN = 'faults-agency';
const ISSUER_TOKEN = 'faults-issuer';
/** Sees every exchange and its provenance. */
const OPERATOR_TOKEN = 'faults-operator';
const asOperator = { authorization: `Bearer ${OPERATOR_TOKEN}` };
/**
 * TT_EX004a (exporter GB896458895015) writes off 102 KGM of licence X002 GBSIEXYK3ZZZPADR-0002
 * and 5 + 5 KGM of 9104 GBSIEXYK3ZZZ-0001; the licences hold enough for every declaration of a run.
 */
const DECLARATION = 'test/fixtures/wco-dm/samples/customs-declarations/export/TT_EX004a__TT_EX004a.xml';
/** One line per HS code: the licence covers goods items of each (the goods-outside-licence check). */
const licence = (documentCode: string, number: string, hsCodes: readonly string[]) => ({
  documentCode,
  number,
  issuer: { agency: 'Export Control Joint Unit', country: 'GB' },
  holder: { id: 'GB896458895015', name: 'Exporter' },
  issuedAt: '2026-01-10T00:00:00Z',
  validFrom: '2026-01-10',
  validUntil: '2099-12-31',
  status: 'issued',
  exportCountry: 'GB',
  importCountry: 'US',
  lines: hsCodes.map((hsCode, i) => ({
    sequence: String(i + 1),
    description: 'Controlled goods',
    hsCode,
    quantity: '10000000.000',
    unit: 'KGM',
    origin: 'GB',
  })),
});
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** A process kept running: started again after it dies, unless stopped. */
class Supervised {
  child?: ChildProcess;
  private stopped = false;
  private killed = new WeakSet<ChildProcess>();
  /** Exits nobody asked for: a process that dies of a fault it should survive (a lost database connection, say). */
  readonly selfExits: string[] = [];
  constructor(
    readonly name: string,
    private readonly launch: () => ChildProcess,
    private readonly restartDelayMs: () => number,
  ) {}
  start(): void {
    const child = this.launch();
    this.child = child;
    let said = '';
    child.stderr?.on('data', (chunk: Buffer) => (said = (said + chunk.toString('utf8')).slice(-2000)));
    child.on('exit', (code, signal) => {
      if (this.stopped || this.child !== child) return;
      // Refusing to start while Redis is down is what swgate does on purpose; its supervisor starts it again.
      const refusedToStart = said.includes('No Redis answers');
      if (!this.killed.has(child) && !refusedToStart)
        this.selfExits.push(
          `${this.name} exited by itself (${signal ?? `code ${code}`}) at ${new Date().toISOString()}: ${said.trim().split('\n').at(-1) ?? ''}`,
        );
      setTimeout(() => !this.stopped && this.child === child && this.start(), this.restartDelayMs());
    });
  }
  kill9(): void {
    if (this.child?.exitCode === null && this.child.signalCode === null) {
      this.killed.add(this.child);
      this.child.kill('SIGKILL');
    }
  }
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    this.stopped = true;
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      await Promise.race([once(child, 'exit'), sleep(15_000).then(() => child.kill('SIGKILL'))]);
    }
  }
}

export async function runFaults(options: FaultRunOptions): Promise<FaultRunReport> {
  const print = options.print ?? (() => {});
  // One stream for the fault schedule, others for what timing decides how often it draws: the seed reproduces the schedule.
  const [schedule, restarts, pauses] = [0, 1, 2].map((n) => seededRandom(options.seed * 3 + n)) as [() => number, () => number, () => number];
  const drawn = (random: () => number) => (min: number, max: number) => Math.round(min + random() * (max - min));
  const [between, restartAfter, pause] = [drawn(schedule), drawn(restarts), drawn(pauses)];
  const dir = mkdtempSync(join(tmpdir(), `swgate-faults-${options.database}-`));
  print(`fault run: seed ${options.seed}, ${options.database}, ${options.faultMs} ms of faults, files in ${dir}`);
  const [apiPort, redisPort, agencyPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const url = `http://127.0.0.1:${apiPort}`;
  const database =
    options.database === 'postgres'
      ? await createTestDatabase('postgres')
      : { target: { kind: 'sqlite' as const, location: join(dir, 'data', 'swgate.sqlite') }, drop: async () => {} };
  const processes: Supervised[] = [];
  const logFile = (name: string) => createWriteStream(join(dir, `${name}.log`), { flags: 'a' });
  const spawnLogged = (name: string, command: string, args: string[], env: Record<string, string>) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = logFile(name);
    child.stdout?.pipe(out);
    child.stderr?.pipe(out);
    return child;
  };

  writeFileSync(
    join(dir, 'config.yaml'),
    `participants:
  - { id: agency-x, kind: customs, name: A customs system outside the gateway, endpoint: "http://127.0.0.1:${agencyPort}/deliveries", apiKeySha256: [${sha256(AGENCY_TOKEN)}] }
  - { id: trader-x, kind: trader, name: Trader, apiKeySha256: [${sha256(TRADER_TOKEN)}], actsFor: [{ id: GB150454489082, as: declarant }, { id: GB896458895015, as: declarant }] }
  - { id: operator-x, kind: customs, name: Operator, operator: true, apiKeySha256: [${sha256(OPERATOR_TOKEN)}] }
  - { id: issuer-x, kind: pga, name: Licensing authority, endpoint: "http://127.0.0.1:${agencyPort}/deliveries", apiKeySha256: [${sha256(ISSUER_TOKEN)}], issues: [{ documentCodes: [X002, "9104"], inNameOf: [{ country: GB }] }] }
agreements:
  - { id: declarations-to-agency, when: { documentKinds: [declaration] }, destination: agency-x, format: wco-xml, delivery: { attempts: 50, backoffMs: 200, timeoutMs: 2000, receiptTimeoutMs: 3000 } }
  - { id: lpcos-to-agency, when: { documentKinds: [lpco] }, destination: agency-x, format: json, delivery: { attempts: 50, backoffMs: 200, timeoutMs: 2000, receiptTimeoutMs: 3000 } }
`,
  );
  const gatewayEnv = {
    HOST: '127.0.0.1',
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    SWGATE_REDIS_PREFIX: `faults-${options.seed}`,
    SWGATE_DATA_DIR: join(dir, 'data'),
    SWGATE_CONFIG: join(dir, 'config.yaml'),
    SWGATE_CERTS_DIR: join(dir, 'no-certs'),
    SWGATE_PUBLIC_URL: url,
    SWGATE_RECONCILE_EVERY_MS: '1000',
    SWGATE_RECONCILE_IDLE_MS: '3000',
    LOG_LEVEL: 'info',
    ...(options.database === 'postgres' ? { DATABASE_URL: database.target.location } : {}),
  };
  const swgate = (name: string, command: string, port: number) =>
    new Supervised(
      name,
      () => spawnLogged(name, process.execPath, ['bin/swgate.js', command], { ...gatewayEnv, PORT: String(port) }),
      () => restartAfter(200, 1500),
    );

  const redis = new Supervised(
    'redis',
    () => {
      // Started empty every time: no snapshot, no append-only file.
      rmSync(join(dir, 'redis'), { recursive: true, force: true });
      mkdirSync(join(dir, 'redis'), { recursive: true });
      return spawnLogged(
        'redis',
        'redis-server',
        ['--port', String(redisPort), '--bind', '127.0.0.1', '--dir', join(dir, 'redis'), '--save', '', '--appendonly', 'no'],
        {},
      );
    },
    () => restartAfter(300, 2000),
  );
  const agency = new Supervised(
    'agency',
    () =>
      spawnLogged('agency', process.execPath, ['--import', 'tsx', 'test/support/agency.ts'], {
        PORT: String(agencyPort),
        AGENCY_STORE: join(dir, 'agency.jsonl'),
        GATEWAY_URL: url,
        AGENCY_TOKEN,
        AGENCY_ID: 'agency-x',
      }),
    () => restartAfter(500, 3000),
  );
  const api = swgate(options.database === 'sqlite' ? 'gateway' : 'api', options.database === 'sqlite' ? 'start' : 'serve', apiPort);
  const workers = options.database === 'postgres' ? [1, 2].map((n) => swgate(`worker-${n}`, 'worker', 0)) : [];
  processes.push(redis, agency, api, ...workers);

  const ready = () =>
    fetch(`${url}/health/ready`).then(
      (r) => r.status === 200,
      () => false,
    );
  const waitUntil = async (probe: () => Promise<boolean>, ms: number) => {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (await probe()) return true;
      await sleep(100);
    }
    return false;
  };

  const faults: Record<string, number> = {};
  const accepted = new Set<string>();
  const checkpoints: Checkpoint[] = [];
  const problems: string[] = [];
  let db: Kysely<ExchangeTables> | undefined;
  try {
    redis.start();
    await waitUntil(() => redisAnswers(`redis://127.0.0.1:${redisPort}`, 200), 10_000);
    agency.start();
    api.start();
    if (!(await waitUntil(ready, 60_000))) throw new Error(`the gateway did not become ready; see ${dir}`);
    for (const w of workers) w.start();
    for (const [code, number, hs] of [
      ['X002', 'GBSIEXYK3ZZZPADR-0002', ['930591']],
      ['9104', 'GBSIEXYK3ZZZ-0001', ['930190', '930591']],
    ] as const) {
      const res = await fetch(`${url}/v1/lpcos`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ISSUER_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(licence(code, number, hs)),
      });
      if (res.status !== 202) throw new Error(`licence ${number} was not registered: ${res.status} ${await res.text()}`);
    }

    // Load: two senders, each request with its own idempotency key, retried while the API is down.
    const body = readFileSync(DECLARATION);
    let loading = true;
    let sent = 0;
    const sender = async (n: number) => {
      while (loading) {
        const key = `faults-${n}-${sent++}`;
        for (let tries = 0; tries < 20 && loading; tries++) {
          const res = await fetch(`${url}/v1/declarations`, {
            method: 'POST',
            headers: { authorization: `Bearer ${TRADER_TOKEN}`, 'content-type': 'application/xml', 'idempotency-key': key },
            body,
            signal: AbortSignal.timeout(10_000),
          }).catch(() => undefined);
          if (res?.status === 202) {
            accepted.add(((await res.json()) as { exchangeId: string }).exchangeId);
            break;
          }
          await res?.body?.cancel();
          await sleep(300);
        }
        await sleep(pause(...(options.pauseMs ?? [20, 120])));
      }
    };
    const load = Promise.all([sender(1), sender(2)]);

    // A receipt is given against a checkpoint covering it, published when none does: asking for
    // the latest exchange's receipt every second makes the log sign checkpoints all through the run.
    const watchCheckpoints = async () => {
      while (loading) {
        const latest = [...accepted].at(-1);
        const res = latest ? await fetch(`${url}/v1/exchanges/${latest}/provenance`, { headers: asOperator }).catch(() => undefined) : undefined;
        if (res?.status === 200) checkpoints.push(((await res.json()) as ProvenanceReceipt).checkpoint);
        else await res?.body?.cancel();
        await sleep(1000);
      }
    };
    const watching = watchCheckpoints();

    const terminateBackends = async () => {
      const admin = new pg.Client({ connectionString: TEST_PG_URL });
      await admin.connect();
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [
        new URL(database.target.location).pathname.slice(1),
      ]);
      await admin.end();
    };
    const faultKinds: Array<[string, () => Promise<void> | void]> = [
      ['kill -9 api', () => api.kill9()],
      ['kill -9 api', () => api.kill9()],
      ['restart redis empty', () => redis.kill9()],
      ['agency down and up', () => agency.kill9()],
      ...workers.map((w): [string, () => void] => [`kill -9 ${w.name}`, () => w.kill9()]),
      ...(options.database === 'postgres' ? [['terminate database connections', terminateBackends] as [string, () => Promise<void>]] : []),
    ];
    const faultEvery = options.faultEveryMs ?? 3000;
    const faultsEnd = Date.now() + options.faultMs;
    while (Date.now() < faultsEnd) {
      await sleep(between(faultEvery / 3, (faultEvery * 5) / 3));
      const [name, inject] = faultKinds[Math.floor(schedule() * faultKinds.length)]!;
      faults[name] = (faults[name] ?? 0) + 1;
      print(`  ${new Date().toISOString()} ${name}`);
      await inject();
    }
    loading = false;
    await load;
    await watching;

    // Faults over: everything comes back and the gateway finishes its work.
    if (!(await waitUntil(ready, 60_000))) problems.push('the gateway was not ready again after the faults');
    db = openDatabase<ExchangeTables>(database.target);
    const store = db;
    // Unfinished: not final yet, or final with what its end sets off (e-LPCO write-off, release) not yet done: a
    // worker killed between the settlement and the end leaves that to the reconciler's next pass.
    const unfinished = async () =>
      (
        await store
          .selectFrom('exchanges')
          .select(['id', 'status'])
          .where((eb) => eb.or([eb('status', 'not in', FINAL_STATUSES), eb('end_handled_at', 'is', null)]))
          .execute()
      ).length;
    await waitUntil(async () => (await unfinished()) === 0 && [...accepted].length > 0, options.settleMs ?? 90_000);

    // 1. Every exchange answered 202 is final, and so is every other exchange stored.
    const exchanges = await db.selectFrom('exchanges').select(['id', 'status']).execute();
    const statusOf = new Map(exchanges.map((e) => [e.id, e.status]));
    const statuses: Record<string, number> = {};
    for (const e of exchanges) statuses[e.status] = (statuses[e.status] ?? 0) + 1;
    for (const id of accepted) {
      const status = statusOf.get(id);
      if (!status) problems.push(`exchange ${id} was answered 202 and is not stored`);
      else if (!FINAL.has(status)) problems.push(`exchange ${id} was answered 202 and is still ${status}`);
    }
    for (const e of exchanges) if (!FINAL.has(e.status)) problems.push(`exchange ${e.id} is still ${e.status}`);

    // 2. Each exchange's provenance receipt holds all its events and verifies offline.
    const publicKey = await (await fetch(`${url}/v1/log/public-key`, { headers: asOperator })).text();
    const deliveries = await db.selectFrom('deliveries').select(['exchange_id', 'destination', 'status', 'sent_sha256']).execute();
    for (const e of exchanges) {
      const res = await fetch(`${url}/v1/exchanges/${e.id}/provenance`, { headers: asOperator });
      if (res.status !== 200) {
        problems.push(`exchange ${e.id}: its provenance receipt answered ${res.status}`);
        continue;
      }
      const receipt = (await res.json()) as ProvenanceReceipt;
      const verdict = verifyReceipt(receipt, publicKey);
      if (!verdict.ok) problems.push(`exchange ${e.id}: its provenance receipt does not verify: ${verdict.reason}`);
      const events = new Set(
        receipt.entries.map((entry) => `${entry.record.event}${entry.record.activity.destination ? `:${entry.record.activity.destination}` : ''}`),
      );
      const expected = [
        'received',
        'validated',
        'routed',
        ...deliveries.filter((d) => d.exchange_id === e.id && DELIVERY_EVENT[d.status]).map((d) => `${DELIVERY_EVENT[d.status]}:${d.destination}`),
      ];
      for (const event of expected) if (!events.has(event)) problems.push(`exchange ${e.id} (${e.status}): its provenance receipt lacks "${event}"`);
    }

    // 3. The agency took each message id at most once as new, with the bytes the gateway recorded sending.
    const taken = readFileSync(join(dir, 'agency.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line.endsWith('}'))
      .map((line) => JSON.parse(line) as { messageId: string; sha256: string });
    const timesNew = new Map<string, number>();
    for (const t of taken) timesNew.set(t.messageId, (timesNew.get(t.messageId) ?? 0) + 1);
    for (const [messageId, n] of timesNew) if (n > 1) problems.push(`the agency took message ${messageId} as new ${n} times`);
    for (const d of deliveries) {
      const took = taken.find((t) => t.messageId === `${d.exchange_id}.${d.destination}`);
      if (d.status === 'acknowledged' && !took) problems.push(`delivery ${d.exchange_id}.${d.destination} is acknowledged but the agency never took it`);
      if (took && d.sent_sha256 !== took.sha256)
        problems.push(`delivery ${d.exchange_id}.${d.destination}: the agency took bytes ${took.sha256}, the gateway recorded sending ${d.sent_sha256}`);
    }

    // 4. Every checkpoint seen during the run is consistent with the last one.
    const last = (await (await fetch(`${url}/v1/log/checkpoint`, { headers: asOperator })).json()) as Checkpoint;
    const sizes = [...new Set(checkpoints.map((c) => c.treeSize))];
    for (const older of checkpoints.filter((c, i) => checkpoints.findIndex((o) => o.treeSize === c.treeSize) === i)) {
      const proof = await (await fetch(`${url}/v1/log/proofs/consistency?from=${older.treeSize}&to=${last.treeSize}`, { headers: asOperator })).json();
      const verdict = verifyCheckpointConsistency(older, last, proof, publicKey);
      if (!verdict.ok) problems.push(`checkpoint of size ${older.treeSize} is not consistent with the last (${last.treeSize}): ${verdict.reason}`);
    }

    // Killed processes come back; none may die of a fault on its own (a restarted Redis or database).
    for (const p of processes) problems.push(...p.selfExits);

    // 5. e-LPCO quantities are what the final states imply: a delivered declaration's reservations
    // written off, a rejected one's released, a failed one's still held; each line's remaining
    // quantity is its quantity less what is held or written off; nothing was ever reserved for a
    // declaration never stored (the reservation commits in its exchange's transaction).
    const lpcoDb = db as unknown as Kysely<LpcoTables>;
    const reservations = await lpcoDb.selectFrom('lpco_reservations').selectAll().execute();
    const expectedState: Record<string, string> = {
      delivered: 'written-off',
      'delivered-with-warnings': 'written-off',
      rejected: 'released',
      failed: 'reserved',
    };
    for (const r of reservations) {
      const status = statusOf.get(r.declaration_exchange_id);
      if (!status) problems.push(`reservation ${r.id} (${r.state}) exists for declaration ${r.declaration_exchange_id}, which was never stored`);
      else if (status && expectedState[status] !== r.state)
        problems.push(`reservation ${r.id} of ${status} declaration ${r.declaration_exchange_id} is ${r.state}, not ${expectedState[status]}`);
    }
    for (const line of await lpcoDb.selectFrom('lpco_lines').selectAll().execute()) {
      const held = reservations
        .filter((r) => r.lpco_id === line.lpco_id && r.line_sequence === line.sequence && r.state !== 'released')
        .reduce((sum, r) => sum + BigInt(r.quantity), 0n);
      if (BigInt(line.quantity) - held !== BigInt(line.remaining))
        problems.push(
          `e-LPCO ${line.lpco_id} line ${line.sequence}: ${line.remaining} remaining, but its quantity less what is held is ${BigInt(line.quantity) - held}`,
        );
    }
    const writtenOff = reservations.filter((r) => r.state === 'written-off').length;

    const reconciler = Object.fromEntries((await db.selectFrom('reconciler_actions').selectAll().execute()).map((r) => [r.action, Number(r.count)]));
    return {
      seed: options.seed,
      database: options.database,
      faults,
      accepted: accepted.size,
      reservations: reservations.length,
      writtenOff,
      exchanges: exchanges.length,
      statuses,
      reconciler,
      checkpointsChecked: sizes.length,
      agencyMessages: taken.length,
      problems,
    };
  } finally {
    await db?.destroy();
    for (const p of [...processes].reverse()) await p.stop(p === redis || p === agency ? 'SIGKILL' : 'SIGTERM');
    await database.drop();
    if (problems.length === 0) rmSync(dir, { recursive: true, force: true });
    else print(`files of the failed run kept in ${dir}`);
  }
}

export function describeReport(report: FaultRunReport): string {
  const faults = Object.entries(report.faults)
    .map(([name, n]) => `${name} ×${n}`)
    .join(', ');
  const reconciler =
    Object.entries(report.reconciler)
      .map(([action, n]) => `${action} ${n}`)
      .join(', ') || 'nothing';
  const statuses = Object.entries(report.statuses)
    .map(([status, n]) => `${status} ${n}`)
    .join(', ');
  return [
    `seed ${report.seed} on ${report.database}: faults ${faults || 'none'}`,
    `  ${report.accepted} exchanges answered 202, ${report.exchanges} stored (${statuses}); the agency took ${report.agencyMessages} messages as new`,
    `  e-LPCO reservations ${report.reservations}, written off ${report.writtenOff}`,
    `  reconciler: ${reconciler}; ${report.checkpointsChecked} checkpoints checked for consistency`,
    report.problems.length === 0
      ? '  nothing stuck, nothing missing'
      : `  ${report.problems.length} problems:\n${report.problems
          .slice(0, 50)
          .map((p) => `    ${p}`)
          .join('\n')}`,
  ].join('\n');
}
