// Ingest throughput of the real gateway (SQLite, Redis) against a floor measured in the same run:
// `swgate serve` (the API alone; its deliveries wait in the queue) and `swgate start` (API and
// workers in one process). `npm run bench:ingest`. BENCH_SECONDS (default 10) and
// BENCH_CONNECTIONS (default 20, the figure issue 17 names).
import autocannon from 'autocannon';
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rssMb, startBenchGateway } from './gateway-process.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const body = readFileSync('test/fixtures/wco-dm/samples/customs-declarations/import/TT_IM036a__TT_IM036a.xml');

interface Figures {
  perSecond: number;
  p99Ms: number;
  rssMb: number;
  errors: number;
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

async function measure(pid: number, url: string): Promise<Figures> {
  await load(url, 2); // warm-up: JIT, connection pools, SQLite pages
  const result = await load(url, seconds);
  return {
    perSecond: result.requests.average,
    p99Ms: result.latency.p99,
    rssMb: rssMb(pid),
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

const line = (name: string, f: Figures) =>
  `${name.padEnd(34)} ${f.perSecond.toFixed(0).padStart(7)} declarations/s   p99 ${String(f.p99Ms).padStart(4)} ms   RSS ${String(f.rssMb).padStart(4)} MB   errors ${f.errors}`;

const floorPort = 18_080;
const floor = await start('bench/floor-server.ts', [], { PORT: String(floorPort) });
const floorFigures = await measure(floor.pid as number, `http://127.0.0.1:${floorPort}`);
floor.kill();

/** The gateway run as `command` (serve or start), measured, then stopped. */
async function measureGateway(command: 'serve' | 'start', port: number): Promise<Figures> {
  const gateway = await startBenchGateway(command, port, `bench-${command}`);
  try {
    return await measure(gateway.pid, gateway.url);
  } finally {
    await gateway.stop();
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
