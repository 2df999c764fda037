import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { redisAnswers } from '../../src/runtime/redis.js';
import { sample, waitFor } from '../support/gateway.js';
import { REDIS_SERVER, toolsPresent } from '../support/tools.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const dir = mkdtempSync(join(tmpdir(), 'swgate-durability-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function startRedis(port: number): Promise<ChildProcess> {
  mkdirSync(join(dir, 'redis'), { recursive: true });
  const redis = spawn(
    REDIS_SERVER.command,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', join(dir, 'redis'), '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''],
    { stdio: 'ignore' },
  );
  children.push(redis);
  await waitFor(() => redisAnswers(`redis://127.0.0.1:${port}`, 200), Boolean, 10_000);
  return redis;
}

/** An agency outside the gateway: it recognises a message id it has seen, as the contract asks of destinations. */
function startDestination(port: number) {
  const seen = new Map<string, { sha256: string; copies: number }>();
  let down = false;
  const server: Server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (down) return void res.writeHead(503).end();
      const body = Buffer.concat(chunks);
      const messageId = String(req.headers['x-swgate-message-id']);
      const sha256 = createHash('sha256').update(body).digest('hex');
      const earlier = seen.get(messageId);
      if (earlier) earlier.copies += 1;
      else seen.set(messageId, { sha256, copies: 1 });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'accepted', receivedSha256: sha256 }));
    });
  }).listen(port, '127.0.0.1');
  return { seen, server, setDown: (value: boolean) => (down = value) };
}

function startGateway(port: number, redisPort: number, configFile: string): ChildProcess {
  const gateway = spawn(process.execPath, ['bin/swgate.js', 'start'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      SWGATE_DATA_DIR: join(dir, 'data'),
      SWGATE_CONFIG: configFile,
      SWGATE_CERTS_DIR: join(dir, 'no-certs'),
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  children.push(gateway);
  return gateway;
}

describe.runIf(toolsPresent(REDIS_SERVER))('durability: an exchange answered 202 is never lost', () => {
  it('survives SIGKILL of the gateway mid-load, a Redis that comes back empty and a destination outage, and no destination takes a copy it cannot recognise', async () => {
    const [gatewayPort, redisPort, agencyPort] = await Promise.all([freePort(), freePort(), freePort()]);
    const configFile = join(dir, 'config.yaml');
    writeFileSync(
      configFile,
      `participants:
  - { id: agency-x, kind: pga, name: An external agency, endpoint: "http://127.0.0.1:${agencyPort}/deliveries" }
  - { id: trader-demo, kind: trader, name: Trader, apiKeySha256: [b9c71a091ec5483e374fd6ee700d5bc00c461c05d6c6212c5d94c86a39ceb761], actsFor: [{ id: XI553202734852, as: declarant }] }
agreements:
  - { id: all-to-agency, when: { documentKinds: [declaration] }, destination: agency-x, format: wco-xml, delivery: { attempts: 40, backoffMs: 200, timeoutMs: 2000 } }
`,
    );
    let redis = await startRedis(redisPort);
    const agency = startDestination(agencyPort);
    const url = `http://127.0.0.1:${gatewayPort}`;
    const gatewayReady = () =>
      waitFor(
        () =>
          fetch(`${url}/health/ready`)
            .then((r) => r.status)
            .catch(() => 0),
        (s) => s === 200,
        30_000,
      );
    let gateway = startGateway(gatewayPort, redisPort, configFile);
    await gatewayReady();

    // Load, and kill the gateway with SIGKILL while requests and deliveries are in flight.
    const body = sample('import/TT_IM036a__TT_IM036a.xml');
    const accepted: string[] = [];
    const lodge = async (i: number) => {
      const res = await fetch(`${url}/v1/declarations`, {
        method: 'POST',
        headers: { authorization: 'Bearer sandbox-trader-demo', 'content-type': 'application/xml', 'idempotency-key': `durable-${i}` },
        body,
      }).catch(() => undefined);
      if (res?.status === 202) accepted.push(((await res.json()) as { exchangeId: string }).exchangeId);
    };
    const load = Promise.all(Array.from({ length: 60 }, (_, i) => new Promise((r) => setTimeout(r, i * 15)).then(() => lodge(i))));
    await waitFor(
      async () => accepted.length,
      (n) => n >= 20,
      20_000,
    );
    gateway.kill('SIGKILL');
    await load;
    expect(accepted.length).toBeGreaterThanOrEqual(20);

    // Redis goes down hard and comes back with nothing (its data lost: every job gone); the
    // destination is down meanwhile. The database alone must be enough to finish the work.
    agency.setDown(true);
    redis.kill('SIGKILL');
    await once(redis, 'exit');
    rmSync(join(dir, 'redis'), { recursive: true, force: true });
    redis = await startRedis(redisPort);
    gateway = startGateway(gatewayPort, redisPort, configFile);
    await gatewayReady();
    await new Promise((r) => setTimeout(r, 3000));
    agency.setDown(false);

    const statuses = await waitFor(
      () =>
        Promise.all(
          accepted.map(
            async (id) =>
              ((await (await fetch(`${url}/v1/exchanges/${id}`, { headers: { authorization: 'Bearer sandbox-trader-demo' } })).json()) as { status: string })
                .status,
          ),
        ),
      (all) => all.every((s) => s === 'delivered'),
      60_000,
    );
    expect(new Set(statuses)).toEqual(new Set(['delivered']));
    for (const id of accepted) expect(agency.seen.get(`${id}.agency-x`)?.sha256).toBe(createHash('sha256').update(body).digest('hex'));

    gateway.kill('SIGTERM');
    expect(await once(gateway, 'exit')).toEqual([0, null]);
    agency.server.close();
  }, 150_000);
});
