import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';
import { DeliveryQueues } from '../../src/runtime/queues.js';

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix of its own per suite, so parallel runs on one Redis never collide. */
export function testRedisPrefix(): string {
  return `swgate-test-${randomBytes(5).toString('hex')}`;
}

/** Delivery queues over the test Redis, under a prefix of their own, closed and their keys deleted after the calling suite. */
export function useDeliveryQueues(): { redis: Redis; prefix: string; queues: DeliveryQueues } {
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const prefix = testRedisPrefix();
  const queues = new DeliveryQueues({ connection: redis, prefix });
  afterAll(async () => {
    await queues.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });
  return { redis, prefix, queues };
}
