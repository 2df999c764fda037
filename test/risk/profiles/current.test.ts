import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { currentProfileSet } from '../../../src/risk/profiles/current.js';
import type { RiskProfile } from '../../../src/risk/profiles/profile.js';
import { deleteProfile, writeProfile } from '../../../src/risk/profiles/store.js';
import { openStores, type Stores } from '../../../src/runtime/stores.js';
import { writeInBatch } from '../../../src/store/write-batches.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.js';
import { TEST_REDIS_URL, testRedisPrefix } from '../../support/redis.js';

const phones: RiskProfile = {
  id: 'phones',
  when: {
    all: [
      { fact: 'origin', in: ['XA', 'XB'] },
      { fact: 'commodity', startsWith: '8517' },
    ],
  },
  lane: 'red',
};
const AT = new Date();

describe.each(await databaseKinds())('the current profile set (%s)', (kind) => {
  let database: TestDatabase;
  let dataDir: string;
  /** Two instances of the gateway's stores on one database. */
  let one: Stores;
  let two: Stores;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    dataDir = mkdtempSync(join(tmpdir(), 'swgate-profile-set-'));
    const config = loadConfig({
      SWGATE_DATA_DIR: dataDir,
      DATABASE_URL: database.target.location,
      REDIS_URL: TEST_REDIS_URL,
      SWGATE_REDIS_PREFIX: testRedisPrefix(),
      LOG_LEVEL: 'silent',
    });
    one = await openStores(config, pino({ level: 'silent' }));
    two = await openStores(config, pino({ level: 'silent' }));
    await writeProfile(one, 'customs', phones, 'create', 'api');
    await writeProfile(one, 'pga-plant', { ...phones, lane: 'yellow' }, 'create', 'api');
  }, 30_000);
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('applies a change on every instance sharing the database, from the next declaration on', async () => {
    const before = await currentProfileSet(two.store);
    expect(await currentProfileSet(two.store)).toBe(before); // unchanged: not compiled again
    const item = { origin: 'XA', commodity: '851712' };
    expect(before.evaluate([item], 'e1', AT).map((h) => `${h.owner}/${h.profile}`)).toEqual(['customs/phones', 'pga-plant/phones']);

    await writeProfile(one, 'customs', { ...phones, id: 'new-one', when: { fact: 'origin', equals: 'XA' } }, 'create', 'api');
    const after = await currentProfileSet(two.store);
    expect(after.version).not.toBe(before.version);
    expect(after.evaluate([item], 'e1', AT).map((h) => `${h.owner}/${h.profile}`)).toContain('customs/new-one');

    // Inside the write batch of a declaration (what the ingest path does), on the other instance.
    await deleteProfile(one, 'customs', 'new-one');
    const inBatch = await writeInBatch(two.store, async (transaction) => (await currentProfileSet(transaction)).evaluate([item], 'e2', AT));
    expect(inBatch.map((h) => h.profile)).not.toContain('new-one');
  });
});
