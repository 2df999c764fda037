// Ingest throughput of the real gateway (SQLite, Redis) against a floor measured in the same run:
// `swgate serve` (the API alone; its deliveries wait in the queue) and `swgate start` (API and
// workers in one process). `npm run bench:ingest`. BENCH_SECONDS (default 10) and
// BENCH_CONNECTIONS (default 20, the figure issue 17 names).
import autocannon from 'autocannon';
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deleteKeysWithPrefix } from './redis-keys.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const body = readFileSync('test/fixtures/wco-dm/samples/customs-declarations/import/TT_IM036a__TT_IM036a.xml');

interface Figures {
  perSecond: number;
  p99Ms: number;
  rssMb: number;
  errors: number;
}

function rssMb(pid: number): number {
  const line =
    readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:')) ?? '';
  return Math.round(Number(line.replace(/\D+/g, '')) / 1024);
}

async function load(url: string, duration: number): Promise<autocannon.Result> {
  return autocannon({
    url: `${url}/v1/declarations`,
    method: 'POST',
    connections,
    duration,
    headers: { 'content-type': 'application/xml', authorization: 'Bearer sandbox-trader-demo' },
    body,
  });
}

async function measure(server: ChildProcess, url: string): Promise<Figures> {
  await load(url, 2); // warm-up: JIT, connection pools, SQLite pages
  const result = await load(url, seconds);
  return {
    perSecond: result.requests.average,
    p99Ms: result.latency.p99,
    rssMb: rssMb(server.pid as number),
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

function start(script: string, args: string[], env: Record<string, string>): Promise<ChildProcess> {
  const child = fork(script, args, { env: { ...process.env, ...env }, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

async function waitReady(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (
      (await fetch(`${url}/health/ready`)
        .then((r) => r.status)
        .catch(() => 0)) === 200
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the gateway did not become ready');
}

const line = (name: string, f: Figures) =>
  `${name.padEnd(34)} ${f.perSecond.toFixed(0).padStart(7)} declarations/s   p99 ${String(f.p99Ms).padStart(4)} ms   RSS ${String(f.rssMb).padStart(4)} MB   errors ${f.errors}`;

const floorPort = 18_080;
const floor = await start('bench/floor-server.ts', [], { PORT: String(floorPort) });
const floorFigures = await measure(floor, `http://127.0.0.1:${floorPort}`);
floor.kill();

/** The gateway run as `command` (serve or start) on a fresh data directory and Redis prefix, measured, then stopped and cleaned up. */
async function measureGateway(command: 'serve' | 'start', port: number): Promise<Figures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'swgate-bench-'));
  const redisPrefix = `swgate-bench-${process.pid}-${command}`;
  const url = `http://127.0.0.1:${port}`;
  const gateway = fork('bin/swgate.js', [command], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SWGATE_DATA_DIR: dataDir, SWGATE_REDIS_PREFIX: redisPrefix, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  try {
    await waitReady(url);
    return await measure(gateway, url);
  } finally {
    gateway.kill('SIGTERM');
    await new Promise((r) => gateway.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
    await deleteKeysWithPrefix(redisPrefix);
  }
}

const serveFigures = await measureGateway('serve', 18_081);
const startFigures = await measureGateway('start', 18_082);

console.log(`ingest of a ${(body.length / 1024).toFixed(1)} KB WCO DM declaration, ${connections} connections, ${seconds} s, same run:`);
console.log(line('floor (Fastify + fast-xml-parser)', floorFigures));
console.log(line('swgate serve (API alone)', serveFigures));
console.log(line('swgate start (API + workers)', startFigures));
console.log(
  `ratio serve/floor: ${(serveFigures.perSecond / floorFigures.perSecond).toFixed(2)}   ratio start/floor: ${(startFigures.perSecond / floorFigures.perSecond).toFixed(2)}`,
);
