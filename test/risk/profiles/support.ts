import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import type { RiskProfile } from '../../../src/risk/profiles/profile.js';
import { openStores, type Stores } from '../../../src/runtime/stores.js';
import { createTestDatabase, type TestDatabase } from '../../support/databases.js';
import { TEST_REDIS_URL, testRedisPrefix } from '../../support/redis.js';

/** Two instances of the gateway's stores on one fresh database of `kind`, for the calling suite: opened before its tests, closed and dropped after. */
export function useTwoInstances(kind: 'sqlite' | 'postgres'): { one: Stores; two: Stores } {
  const holder = {} as { one: Stores; two: Stores };
  let database: TestDatabase | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'swgate-profiles-'));
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const config = loadConfig({
      SWGATE_DATA_DIR: dataDir,
      DATABASE_URL: database.target.location,
      REDIS_URL: TEST_REDIS_URL,
      SWGATE_REDIS_PREFIX: testRedisPrefix(),
      LOG_LEVEL: 'silent',
    });
    holder.one = await openStores(config, pino({ level: 'silent' }));
    holder.two = await openStores(config, pino({ level: 'silent' }));
  }, 30_000);
  afterAll(async () => {
    await holder.one?.close();
    await holder.two?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return holder;
}

/** The example, shortened: phones from XA or XB. */
export const phones: RiskProfile = {
  id: 'phones',
  when: {
    all: [
      { fact: 'origin', in: ['XA', 'XB'] },
      { fact: 'commodity', startsWith: '8517' },
    ],
  },
  lane: 'red',
  instruction: 'count',
};
