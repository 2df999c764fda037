import { randomBytes } from 'node:crypto';

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix of its own per suite, so parallel runs on one Redis never collide. */
export function testRedisPrefix(): string {
  return `swgate-test-${randomBytes(5).toString('hex')}`;
}
