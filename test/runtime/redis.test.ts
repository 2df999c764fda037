import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { redisAnswers, RedisUnavailableError, resolveRedis } from '../../src/runtime/redis.js';
import { TEST_REDIS_URL } from '../support/redis.js';
import { REDIS_SERVER, toolsPresent } from '../support/tools.js';

const dataDir = mkdtempSync(join(tmpdir(), 'swgate-redis-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const NOTHING_LISTENS = 'redis://127.0.0.1:1';

describe('resolveRedis', () => {
  it('uses REDIS_URL when it answers', async () => {
    expect(await resolveRedis(TEST_REDIS_URL, dataDir)).toEqual({ url: TEST_REDIS_URL });
  });

  it('refuses a REDIS_URL that does not answer, in one sentence', async () => {
    await expect(resolveRedis(NOTHING_LISTENS, dataDir)).rejects.toThrow(
      new RedisUnavailableError(`No Redis answers at REDIS_URL=${NOTHING_LISTENS}: start it, or unset REDIS_URL to let swgate use or start a local one.`),
    );
  });

  it.runIf(toolsPresent(REDIS_SERVER))('starts a private redis-server under the data directory when the default does not answer, and stops it', async () => {
    const endpoint = await resolveRedis(undefined, dataDir, NOTHING_LISTENS);
    expect(endpoint.url).not.toBe(NOTHING_LISTENS);
    expect(await redisAnswers(endpoint.url)).toBe(true);
    expect(existsSync(join(dataDir, 'redis'))).toBe(true);
    // Its append-only file holds the queued jobs: no other local user may read the directory.
    expect(statSync(join(dataDir, 'redis')).mode & 0o777).toBe(0o700);
    await endpoint.stop?.();
    expect(await redisAnswers(endpoint.url, 300)).toBe(false);
  });
});
