import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresReachable, type TestDatabase } from '../support/databases.js';
import { loadConfig } from '../../src/config/load.js';
import { ensureSandboxPki } from '../../src/trust/pki.js';
import { sample, TEST_PKI_DIR, waitFor } from '../support/gateway.js';
import { TEST_REDIS_URL, testRedisPrefix } from '../support/redis.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

function swgate(verb: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['bin/swgate.js', verb], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

describe.runIf(await postgresReachable())('the production split: `swgate serve` and `swgate worker` as separate processes on one Redis and one PostgreSQL', () => {
  let database: TestDatabase;
  let dataDir: string;
  let api: ChildProcess;
  let worker: ChildProcess;
  let url: string;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    dataDir = mkdtempSync(join(tmpdir(), 'swgate-split-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    // Both processes must sign with the same keys: the PKI is made once, before either starts.
    await ensureSandboxPki(TEST_PKI_DIR, loadConfig({}).participants.map((p) => p.id));
    const env = { PORT: String(port), HOST: '127.0.0.1', REDIS_URL: TEST_REDIS_URL, SWGATE_REDIS_PREFIX: testRedisPrefix(), DATABASE_URL: database.target.location, SWGATE_DATA_DIR: dataDir, SWGATE_PUBLIC_URL: url, SWGATE_CERTS_DIR: TEST_PKI_DIR, LOG_LEVEL: 'warn' };
    api = swgate('serve', env);
    worker = swgate('worker', env);
    await waitFor(() => fetch(`${url}/health/ready`).then((r) => r.status).catch(() => 0), (s) => s === 200, 60_000);
  }, 90_000);

  afterAll(async () => {
    for (const child of [api, worker]) if (child?.exitCode === null) child.kill('SIGKILL');
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers what the API accepted through the separate worker, and both stop cleanly on SIGTERM', async () => {
    const res = await fetch(`${url}/v1/declarations`, { method: 'POST', headers: { authorization: 'Bearer sandbox-trader-demo', 'content-type': 'application/xml' }, body: sample('import/TT_IM036a__TT_IM036a.xml') });
    expect(res.status).toBe(202);
    const { exchangeId } = (await res.json()) as { exchangeId: string };
    const status = await waitFor(
      async () => ((await (await fetch(`${url}/v1/exchanges/${exchangeId}`, { headers: { authorization: 'Bearer sandbox-trader-demo' } })).json()) as { status: string }).status,
      (s) => s === 'delivered',
      20_000,
    );
    expect(status).toBe('delivered');

    api.kill('SIGTERM');
    worker.kill('SIGTERM');
    expect(await Promise.all([exited(api), exited(worker)])).toEqual([0, 0]);
  }, 40_000);
});
