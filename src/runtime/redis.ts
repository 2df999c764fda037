import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { makePrivateDir } from '../private-files.js';

const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export interface RedisEndpoint {
  url: string;
  /** Set when swgate started this Redis itself: stops it. */
  stop?: () => Promise<void>;
}

/** Raised with one sentence a person can act on. */
export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
}

export async function redisAnswers(url: string, timeoutMs = 1500): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * REDIS_URL when given (it must answer); else the default Redis; else, when `redis-server`
 * is on the PATH, a private one under dataDir that lives as long as this process.
 */
export async function resolveRedis(configured: string | undefined, dataDir: string, defaultUrl = DEFAULT_REDIS_URL): Promise<RedisEndpoint> {
  if (configured !== undefined) {
    if (await redisAnswers(configured)) return { url: configured };
    throw new RedisUnavailableError(`No Redis answers at REDIS_URL=${configured}: start it, or unset REDIS_URL to let swgate use or start a local one.`);
  }
  if (await redisAnswers(defaultUrl)) return { url: defaultUrl };
  if (spawnSync('redis-server', ['--version']).error) {
    throw new RedisUnavailableError(
      `No Redis answers at ${defaultUrl} and redis-server is not installed: install Redis 6.2 or newer (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL.`,
    );
  }
  return startPrivateRedis(dataDir);
}

async function startPrivateRedis(dataDir: string): Promise<RedisEndpoint> {
  const dir = join(dataDir, 'redis');
  // Its append-only file holds queued jobs (exchange ids, destinations): this user's only.
  makePrivateDir(dir);
  const port = await freePort();
  // Append-only persistence: accepted exchanges' jobs survive a restart of the sandbox.
  const child: ChildProcess = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--appendonly', 'yes', '--save', '', '--logfile', 'redis.log'],
    {
      stdio: 'ignore',
    },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    if (await redisAnswers(url, 200)) {
      return {
        url,
        stop: () =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new RedisUnavailableError(`redis-server did not start on port ${port}; see ${join(dir, 'redis.log')}.`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
