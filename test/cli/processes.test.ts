import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresReachable, type TestDatabase } from '../support/databases.js';
import { loadConfig } from '../../src/config/load.js';
import { ensureSandboxPki } from '../../src/trust/pki/sandbox-ca.js';
import { TEST_PKI_DIR, waitFor } from '../support/gateway.js';
import { deliverDeclaration, exited, freePort, portAnswers, type Spawned, spawnKept, swgate, waitReady } from '../support/processes.js';
import { TEST_REDIS_URL, testRedisPrefix } from '../support/redis.js';

const dataDirs: string[] = [];
function sandboxEnv(port: number): Record<string, string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'swgate-proc-'));
  dataDirs.push(dataDir);
  return {
    PORT: String(port),
    HOST: '127.0.0.1',
    REDIS_URL: TEST_REDIS_URL,
    SWGATE_REDIS_PREFIX: testRedisPrefix(),
    SWGATE_DATA_DIR: dataDir,
    SWGATE_CERTS_DIR: TEST_PKI_DIR,
    LOG_LEVEL: 'warn',
  };
}

beforeAll(async () => {
  await ensureSandboxPki(
    TEST_PKI_DIR,
    loadConfig({}).participants.map((p) => p.id),
  );
}, 60_000);
afterAll(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

describe.runIf(await postgresReachable())(
  'the production split: `swgate serve` and `swgate worker` as separate processes on one Redis and one PostgreSQL',
  () => {
    let database: TestDatabase;
    let api: Spawned;
    let worker: Spawned;
    let url: string;

    beforeAll(async () => {
      database = await createTestDatabase('postgres');
      const port = await freePort();
      url = `http://127.0.0.1:${port}`;
      // Both processes must sign with the same keys: the PKI is made once, before either starts.
      const env = { ...sandboxEnv(port), DATABASE_URL: database.target.location, SWGATE_PUBLIC_URL: url };
      api = swgate(['serve'], env);
      worker = swgate(['worker'], env);
      await waitReady(url, [api, worker]);
    }, 90_000);

    afterAll(async () => {
      for (const p of [api, worker]) if (p?.child.exitCode === null) p.child.kill('SIGKILL');
      await database?.drop();
    });

    it('delivers what the API accepted through the separate worker, and both stop cleanly on SIGTERM', async () => {
      expect(await deliverDeclaration(url)).toBe('delivered');
      api.child.kill('SIGTERM');
      worker.child.kill('SIGTERM');
      expect(await Promise.all([exited(api.child), exited(worker.child)])).toEqual([0, 0]);
    }, 40_000);
  },
);

describe('starting and stopping as an operator does', () => {
  it('`npm start` stops, port freed, when the npm process itself gets SIGTERM', async () => {
    const port = await freePort();
    const npm = spawnKept('npm', ['start', '--silent'], { env: { ...process.env, ...sandboxEnv(port) } });
    try {
      await waitReady(`http://127.0.0.1:${port}`, [npm]);
      npm.child.kill('SIGTERM');
      await exited(npm.child);
      // npm has gone; the gateway it ran must not outlive it (before: npm → sh → tsx → node kept serving).
      expect(
        await waitFor(
          () => portAnswers(port),
          (answers) => !answers,
          15_000,
        ),
      ).toBe(false);
    } finally {
      if (npm.child.exitCode === null) npm.child.kill('SIGKILL');
    }
  }, 90_000);

  it('a busy port is one clear line on standard error and exit status 1, not a stack', async () => {
    const holder: Server = await new Promise((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => resolve(s));
    });
    const port = (holder.address() as { port: number }).port;
    try {
      const gateway = swgate(['start'], sandboxEnv(port));
      expect(await exited(gateway.child)).toBe(1);
      expect(gateway.stderr().trim()).toBe(
        `swgate: port ${port} on 127.0.0.1 is already in use (another swgate?): stop what holds it, or choose another with PORT=…`,
      );
    } finally {
      holder.close();
    }
  }, 90_000);
});
