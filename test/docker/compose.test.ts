/**
 * docker/compose.yml without Docker: its topology read from the file (one certs-init run, the
 * gateway, as many workers as its replicas, each with the command and environment it names),
 * started as processes on a private PostgreSQL database and Redis prefix, sharing one certs
 * directory and one data directory as the services share their volumes; a declaration must be
 * delivered end to end.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { parse } from 'yaml';
import { queueName } from '../../src/runtime/queues.js';
import { waitFor } from '../support/gateway.js';
import { createTestDatabase, postgresReachable, type TestDatabase } from '../support/databases.js';
import { deliverDeclaration, exited, freePort, type Spawned, swgate, waitReady } from '../support/processes.js';
import { TEST_REDIS_URL, testRedisPrefix } from '../support/redis.js';

interface Service {
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  deploy?: { replicas?: number };
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
}

const compose = parse(readFileSync('docker/compose.yml', 'utf8'), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const { services } = compose;
const swgateServices = ['certs-init', 'gateway', 'worker'] as const;
const volumeAt = (service: Service, path: string) => service.volumes?.find((v) => v.split(':')[1] === path)?.split(':')[0];

describe('docker/compose.yml', () => {
  it('shares one certs volume and one data volume, made before anything starts, among the gateway and its workers', () => {
    for (const name of swgateServices) {
      expect(volumeAt(services[name]!, '/var/lib/swgate/certs'), name).toBe('certs');
      expect(volumeAt(services[name]!, '/var/lib/swgate/data'), name).toBe('data');
    }
    expect(services['certs-init']?.command).toEqual(['certs', 'init']);
    expect(services.gateway?.depends_on).toMatchObject({
      'certs-init': { condition: 'service_completed_successfully' },
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
    expect(services.worker?.depends_on).toMatchObject({
      'certs-init': { condition: 'service_completed_successfully' },
      gateway: { condition: 'service_healthy' },
    });
    expect(services.worker?.deploy?.replicas).toBe(2);
  });

  it('checks the health of everything others wait for', () => {
    for (const name of ['gateway', 'postgres', 'redis']) expect(services[name]?.healthcheck?.test, name).toBeDefined();
    expect(services.gateway?.healthcheck?.test?.join(' ')).toContain('/health/ready');
  });

  it('publishes the sandbox API on this machine only (its keys are public)', () => {
    expect((services.gateway as { ports?: string[] }).ports).toEqual(['127.0.0.1:8080:8080']);
  });
});

describe.runIf(await postgresReachable())('the compose topology, started from processes', () => {
  let database: TestDatabase;
  const root = mkdtempSync(join(tmpdir(), 'swgate-compose-'));
  const processes: Spawned[] = [];
  let url: string;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const prefix = testRedisPrefix();
    // Compose's service names become this machine's: the private database, Redis prefix and port.
    const envOf = (service: Service) => ({
      ...service.environment,
      DATABASE_URL: database.target.location,
      REDIS_URL: TEST_REDIS_URL,
      SWGATE_REDIS_PREFIX: prefix,
      SWGATE_PUBLIC_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      SWGATE_CERTS_DIR: join(root, 'certs'),
      SWGATE_DATA_DIR: join(root, 'data'),
      LOG_LEVEL: 'warn',
    });

    const init = swgate(services['certs-init']!.command!, envOf(services['certs-init']!));
    expect(await exited(init.child), init.stderr()).toBe(0);
    const gateway = swgate(services.gateway!.command!, envOf(services.gateway!));
    processes.push(gateway);
    await waitReady(url, [gateway]);
    const replicas = services.worker!.deploy!.replicas!;
    for (let i = 0; i < replicas; i++) processes.push(swgate(services.worker!.command!, envOf(services.worker!)));
    // Every replica is a worker on the customs queue before anything is sent (and before a SIGTERM could find one still starting).
    const customs = new Queue(queueName('customs'), { connection: { url: TEST_REDIS_URL }, prefix });
    try {
      expect(
        await waitFor(
          () => customs.getWorkersCount(),
          (n) => n >= replicas,
          60_000,
        ),
      ).toBe(replicas);
    } finally {
      await customs.close();
    }
  }, 120_000);

  afterAll(async () => {
    for (const p of processes) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await database?.drop();
    rmSync(root, { recursive: true, force: true });
  });

  it('delivers declarations end to end with the keys certs-init made, and every process stops on SIGTERM', async () => {
    expect(readdirSync(join(root, 'certs'))).toContain('gateway.key.pem');
    const outcomes = await Promise.all([deliverDeclaration(url), deliverDeclaration(url), deliverDeclaration(url)]);
    expect(outcomes).toEqual(['delivered', 'delivered', 'delivered']);
    expect(processes).toHaveLength(3);
    for (const p of processes) p.child.kill('SIGTERM');
    expect(await Promise.all(processes.map((p) => exited(p.child)))).toEqual([0, 0, 0]);
  }, 90_000);
});
