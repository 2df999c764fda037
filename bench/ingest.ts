// Ingest throughput of the real gateway (SQLite, Redis) against a floor measured in the same run:
// `swgate serve` (the API alone; its deliveries wait in the queue) and `swgate start` (API and
// workers in one process). `npm run bench:ingest`. BENCH_SECONDS (default 10) and
// BENCH_CONNECTIONS (default 20, the figure issue 17 names).
// Then where `swgate serve`'s time goes, per request and by step: one more run of it, under
// `node --cpu-prof` (which slows it, so it is not the run measured above), its samples during the
// load summarised by step (cpu-profile.ts). BENCH_PROFILE_KEEP=dir keeps the profile there.
import autocannon from 'autocannon';
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readProfile, type StepTimes, stepTimes } from './cpu-profile.js';
import { cpuMs, rssMb, startBenchGateway } from './gateway-process.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const body = readFileSync('test/fixtures/wco-dm/samples/customs-declarations/import/TT_IM036a__TT_IM036a.xml');

interface Figures {
  perSecond: number;
  p99Ms: number;
  rssMb: number;
  errors: number;
  /** The answering process's CPU time per request. */
  cpuUs: number;
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
  const cpuBefore = cpuMs(pid);
  const result = await load(url, seconds);
  return {
    cpuUs: ((cpuMs(pid) - cpuBefore) * 1000) / result.requests.total,
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
  `${name.padEnd(34)} ${f.perSecond.toFixed(0).padStart(7)} declarations/s   p99 ${String(f.p99Ms).padStart(4)} ms   RSS ${String(f.rssMb).padStart(4)} MB   CPU ${f.cpuUs.toFixed(0).padStart(5)} µs/declaration   errors ${f.errors}`;

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

/** `swgate serve` under the CPU profiler: its time by step during the load, and the requests it answered meanwhile. */
async function profileServe(port: number): Promise<{ times: StepTimes; requests: number }> {
  const dir = process.env.BENCH_PROFILE_KEEP ?? mkdtempSync(join(tmpdir(), 'swgate-bench-profile-'));
  const forkedAt = performance.now();
  const gateway = await startBenchGateway('serve', port, 'bench-profile', { cpuProfileDir: dir });
  try {
    let window: { from: number; to: number; requests: number };
    try {
      await load(gateway.url, 2);
      const from = performance.now() - forkedAt;
      const result = await load(gateway.url, seconds);
      window = { from, to: performance.now() - forkedAt, requests: result.requests.total };
    } finally {
      await gateway.stop(); // the profile is written as the process exits
    }
    return { times: stepTimes(readProfile(dir), window.from, window.to), requests: window.requests };
  } finally {
    if (!process.env.BENCH_PROFILE_KEEP) rmSync(dir, { recursive: true, force: true });
  }
}

const serveFigures = await measureGateway('serve', 18_081);
const startFigures = await measureGateway('start', 18_082);
const profiled = await profileServe(18_083);

console.log(`ingest of a ${(body.length / 1024).toFixed(1)} KB WCO DM declaration, ${connections} connections, ${seconds} s, same run:`);
console.log(line('floor (Fastify + fast-xml-parser)', floorFigures));
console.log(line('swgate serve (API alone)', serveFigures));
console.log(line('swgate start (API + workers)', startFigures));
console.log(
  `ratio serve/floor: ${(serveFigures.perSecond / floorFigures.perSecond).toFixed(2)}   ratio start/floor: ${(startFigures.perSecond / floorFigures.perSecond).toFixed(2)}`,
);
// What the rates would be with a core each: on a machine shared with other work, the rates follow the load, the CPU per request much less.
console.log(
  `ratio of CPU per declaration, floor/serve: ${(floorFigures.cpuUs / serveFigures.cpuUs).toFixed(2)}   floor/start: ${(floorFigures.cpuUs / startFigures.cpuUs).toFixed(2)}`,
);

const { times, requests } = profiled;
const perRequest = (ms: number) => ((ms * 1000) / requests).toFixed(0).padStart(5);
console.log(
  `swgate serve under the CPU profiler: ${requests} requests in ${(times.windowMs / 1000).toFixed(1)} s, CPU busy ${((100 * times.busyMs) / times.windowMs).toFixed(0)}%, ${perRequest(times.busyMs)} µs per request:`,
);
for (const [step, ms] of [...times.byStep].sort((a, b) => b[1] - a[1])) {
  console.log(`  ${step.padEnd(44)} ${perRequest(ms)} µs/request  ${((100 * ms) / times.busyMs).toFixed(1).padStart(5)}%`);
}
