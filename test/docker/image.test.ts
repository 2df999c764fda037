/**
 * The image without Docker: the final stage of docker/Dockerfile read line by line, its file set
 * reproduced in a temporary /app (the compiled TypeScript from `npm run build`'s compiler and
 * configuration, the rest copied as the Dockerfile names it), its volumes made the way the image
 * makes them, and `node bin/swgate.js start` run there as the image's non-root user, who owns
 * the volumes and nothing else. It must become ready and deliver a declaration.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFinalStage } from '../support/dockerfile.js';
import { deliverDeclaration, freePort, type Spawned, spawnKept, waitReady } from '../support/processes.js';
import { TEST_REDIS_URL, testRedisPrefix } from '../support/redis.js';

const stage = readFinalStage(readFileSync('docker/Dockerfile', 'utf8'));
const [uid, gid] = stage.user.split(':').map(Number) as [number, number];
const asRoot = process.getuid?.() === 0;

describe('docker/Dockerfile', () => {
  it('runs as a numeric non-root user, with its writable directories as volumes and the application read-only', () => {
    expect(uid).toBeGreaterThan(0);
    expect(gid).toBeGreaterThan(0);
    expect(stage.volumes.sort()).toEqual([stage.env.SWGATE_CERTS_DIR, stage.env.SWGATE_DATA_DIR].sort());
    expect(readFileSync('docker/Dockerfile', 'utf8')).not.toMatch(/^COPY .*--chown/m);
    expect(stage.entrypoint.slice(-2)).toEqual(['node', 'bin/swgate.js']);
  });

  it('ships everything the gateway reads at run time', () => {
    const shipped = stage.copies.map((c) => c.dest);
    for (const path of ['mappings', 'config', 'openapi', 'bin', 'dist', 'console/dist', 'node_modules', 'package.json'])
      expect(shipped).toContain(join(stage.workdir, path));
  });
});

describe('the image, reproduced without Docker', () => {
  const root = mkdtempSync(join(tmpdir(), 'swgate-image-'));
  const app = join(root, 'app');
  const volumes = { data: join(root, 'volumes/data'), certs: join(root, 'volumes/certs') };
  let gateway: Spawned | undefined;
  let url: string;
  let before: string[];

  beforeAll(async () => {
    chmodSync(root, 0o755);
    mkdirSync(app);
    for (const { from, source, dest: inImage } of stage.copies) {
      const dest = join(app, inImage.slice(stage.workdir.length));
      if (from === undefined) {
        cpSync(source, dest, { recursive: true });
      } else if (source === '/app/dist') {
        // The build stage's `npm run build`: the same compiler and configuration, written here.
        execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', dest], { stdio: 'inherit' });
      } else if (source === '/app/console/dist') {
        // The build stage's `npm run build:console`: Vitest's globalSetup made the same build here.
        cpSync('console/dist', dest, { recursive: true });
      } else if (source === '/app/node_modules') {
        // The build stage's dependencies (pruned to production there): this checkout's, linked rather than copied.
        symlinkSync(resolve('node_modules'), dest);
      } else {
        throw new Error(`the test does not know how the build stage makes ${source}: teach it`);
      }
    }
    mkdirSync(join(root, 'volumes'), { mode: 0o755 });
    for (const dir of Object.values(volumes)) {
      mkdirSync(dir, { mode: 0o700 });
      if (asRoot) chownSync(dir, uid, gid);
    }
    // The application is root's and read-only to the user, as in the image.
    execFileSync('chmod', ['-R', 'a-w', app]);
    before = readdirSync(app).sort();

    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      ...stage.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      SWGATE_DATA_DIR: volumes.data,
      SWGATE_CERTS_DIR: volumes.certs,
      SWGATE_PUBLIC_URL: url,
      REDIS_URL: TEST_REDIS_URL,
      SWGATE_REDIS_PREFIX: testRedisPrefix(),
      LOG_LEVEL: 'warn',
    };
    const command = [process.execPath, ...stage.entrypoint.slice(stage.entrypoint.indexOf('node') + 1), ...stage.cmd];
    // As root (CI), the image's user and group, with no supplementary groups and no capabilities; otherwise the developer's own, already not root.
    gateway = asRoot
      ? spawnKept('setpriv', [`--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', '--inh-caps=-all', ...command], { cwd: app, env })
      : spawnKept(command[0]!, command.slice(1), { cwd: app, env });
    await waitReady(url, [gateway], 90_000);
  }, 300_000);

  afterAll(() => {
    if (gateway?.child.exitCode === null) gateway.child.kill('SIGKILL');
    execFileSync('chmod', ['-R', 'u+w', root]);
    rmSync(root, { recursive: true, force: true });
  });

  it('starts as the non-root user, makes its certificates in the certs volume, and delivers a declaration', async () => {
    if (asRoot) expect(readFileSync(`/proc/${gateway!.child.pid}/status`, 'utf8')).toMatch(new RegExp(`^Uid:\\s+${uid}\\s`, 'm'));
    expect(await deliverDeclaration(url)).toBe('delivered');
    // The console, built in the build stage, is served from the image.
    const page = await fetch(`${url}/console/exchanges`);
    expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    expect(readdirSync(volumes.certs)).toContain('gateway.key.pem');
    expect(readdirSync(volumes.data).length).toBeGreaterThan(0);
    // Nothing was written into the application.
    expect(readdirSync(app).sort()).toEqual(before);
  }, 60_000);
});
