// A gateway process for a benchmark: `swgate serve` or `swgate start` on a data directory and
// Redis prefix of its own, so runs never share state and leave the shared Redis as they found it.
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deleteKeysWithPrefix } from './redis-keys.js';

export interface BenchGateway {
  url: string;
  pid: number;
  /** Stops the process (SIGTERM, as an operator would), then deletes its data directory and Redis keys. */
  stop(): Promise<void>;
}

/** Resident memory of a process, in MB. */
export function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Math.round(Number(kb) / 1024);
}

/** `cpuProfileDir`: run under `node --cpu-prof`, the profile written there when the process stops. */
/** CPU time (user and system) a process has used so far, in ms: figures per request that hold on a busy machine, where rates do not. */
export function cpuMs(pid: number): number {
  // Fields 14 and 15 of /proc/<pid>/stat, after the command name in parentheses, in clock ticks of 10 ms.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** `swgate <command>` on `port` with a data directory and Redis prefix of its own; `env` adds to (or overrides) the bench's environment. */
export async function startBenchGateway(
  command: 'serve' | 'start',
  port: number,
  name: string,
  options: { cpuProfileDir?: string; env?: Record<string, string> } = {},
): Promise<BenchGateway> {
  const { cpuProfileDir, env = {} } = options;
  const dataDir = mkdtempSync(join(tmpdir(), `swgate-${name}-`));
  const redisPrefix = `swgate-${name}-${process.pid}`;
  const url = `http://127.0.0.1:${port}`;
  const gateway = fork('bin/swgate.js', [command], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SWGATE_DATA_DIR: dataDir, SWGATE_REDIS_PREFIX: redisPrefix, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    ...(cpuProfileDir ? { execArgv: [...process.execArgv, '--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] } : {}),
  });
  const stop = async () => {
    if (gateway.exitCode === null) {
      gateway.kill('SIGTERM');
      await new Promise((r) => gateway.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
    await deleteKeysWithPrefix(redisPrefix);
  };
  for (let i = 0; i < 300; i++) {
    const status = await fetch(`${url}/health/ready`)
      .then((r) => r.status)
      .catch(() => 0);
    if (status === 200) return { url, pid: gateway.pid as number, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`swgate ${command} did not become ready on ${url}`);
}
