import { Redis } from 'ioredis';

/** Deletes every key a benchmark's gateway wrote under its own prefix, so runs leave the shared Redis as they found it. */
export async function deleteKeysWithPrefix(prefix: string, url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'): Promise<void> {
  const redis = new Redis(url);
  for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 1000 }) as AsyncIterable<string[]>) {
    if (keys.length > 0) await redis.del(...keys);
  }
  redis.disconnect();
}
