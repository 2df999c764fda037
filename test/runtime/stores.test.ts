import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { openStores } from '../../src/runtime/stores.js';
import { writeAcceptedExchange, newId } from '../../src/store/exchanges.js';
import { writeInBatch } from '../../src/store/write-batches.js';
import { acceptedExchange } from '../support/exchanges.js';
import { TEST_REDIS_URL, testRedisPrefix } from '../support/redis.js';

describe("the gateway's stores", () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'swgate-stores-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const config = loadConfig({
    SWGATE_DATA_DIR: join(dataDir, 'var'),
    SWGATE_LOG_KEY_DIR: join(dataDir, 'log-key'),
    REDIS_URL: TEST_REDIS_URL,
    SWGATE_REDIS_PREFIX: testRedisPrefix(),
    LOG_LEVEL: 'silent',
  });

  it('open one migrated, private database for exchanges, log and registry, and Redis under the configured prefix; close releases them all', async () => {
    const stores = await openStores(config, pino({ level: 'silent' }));
    expect(statSync(config.dataDir).mode & 0o077).toBe(0);
    expect(stores.queueSettings.prefix).toBe(config.redisPrefix);
    expect(await stores.redis.ping()).toBe('PONG');
    expect(await stores.lpcoDb.selectFrom('lpcos').select('id').execute()).toEqual([]);

    // An exchange and its provenance record commit in one transaction of the one database.
    const id = newId();
    const at = new Date().toISOString();
    const [leaf] = await writeInBatch(stores.store, async (transaction) => {
      await writeAcceptedExchange(transaction, acceptedExchange(id, { at, deliveries: [{ destination: 'customs' }], events: [{ event: 'received', at }] }));
      return stores.recordProvenance(transaction, [
        {
          exchangeId: id,
          event: 'received',
          time: new Date(at),
          entity: { contentSha256: '0'.repeat(64), name: 'original' },
          agent: { participant: 'trader-demo' },
        },
      ]);
    });
    expect(leaf?.leafIndex).toBe(0);
    expect((await stores.log.entry(0)).exchangeId).toBe(id);

    const redisEnded = new Promise((resolve) => stores.redis.once('end', resolve));
    await stores.close();
    await redisEnded;
    await expect(stores.store.db.selectFrom('exchanges').select('id').execute()).rejects.toThrow();
  });
});
