/**
 * Gateways as separate processes, the way an operator runs them (`swgate serve`, `swgate
 * worker`, `npm start`, the image's entry point): spawned, waited for, driven over HTTP, stopped.
 */
import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';
import { createServer } from 'node:net';
import { expect } from 'vitest';
import { sample, waitFor } from './gateway.js';

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** A child whose standard error is kept, so a failed start says why. */
export interface Spawned {
  child: ChildProcess;
  stderr(): string;
}

export function spawnKept(command: string, args: string[], options: SpawnOptions): Spawned {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  child.stdout?.resume();
  return { child, stderr: () => err };
}

/** `bin/swgate.js VERB…` with the test runner's environment plus `env`. */
export function swgate(args: string[], env: Record<string, string>, options: SpawnOptions = {}): Spawned {
  return spawnKept(process.execPath, ['bin/swgate.js', ...args], {
    ...options,
    env: { ...process.env, ...env, ...(options.env as Record<string, string> | undefined) },
  });
}

export const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code)),
  );

/** Waits until GET /health/ready answers 200, or fails naming what the processes printed. */
export async function waitReady(url: string, processes: Spawned[], timeoutMs = 60_000): Promise<void> {
  const status = await waitFor(
    () =>
      fetch(`${url}/health/ready`)
        .then((r) => r.status)
        .catch(() => 0),
    (s) => s === 200 || processes.some((p) => p.child.exitCode !== null),
    timeoutMs,
  );
  if (status !== 200) throw new Error(`the gateway did not become ready (last status ${status}):\n${processes.map((p) => p.stderr()).join('\n')}`);
}

/** Sends the sandbox's import declaration as the demo trader and waits for its delivery to end. */
export async function deliverDeclaration(url: string): Promise<string> {
  const res = await fetch(`${url}/v1/declarations`, {
    method: 'POST',
    headers: { authorization: 'Bearer sandbox-trader-demo', 'content-type': 'application/xml' },
    body: sample('import/TT_IM036a__TT_IM036a.xml'),
  });
  expect(res.status).toBe(202);
  const { exchangeId } = (await res.json()) as { exchangeId: string };
  return waitFor(
    async () =>
      ((await (await fetch(`${url}/v1/exchanges/${exchangeId}`, { headers: { authorization: 'Bearer sandbox-trader-demo' } })).json()) as { status: string })
        .status,
    (s) => s === 'delivered' || s === 'failed',
    30_000,
  );
}

/** Whether something accepts connections on the port (after a stop: whether it was freed). */
export const portAnswers = (port: number) =>
  fetch(`http://127.0.0.1:${port}/health/live`).then(
    () => true,
    () => false,
  );
