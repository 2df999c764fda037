import { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agreement } from '../../src/config/types.js';
import { reconcile, type ReconcileDeps } from '../../src/pipeline/reconcile.js';
import type { EndedExchange } from '../../src/pipeline/end.js';
import { DeliveryQueues } from '../../src/runtime/queues.js';
import { messageIdOf } from '../../src/pipeline/vocabulary.js';
import { openDatabase } from '../../src/store/db.js';
import { exchangeMigrations, type ExchangeStatus, type ExchangeTables } from '../../src/store/exchange-tables.js';
import { deliveriesOf, eventsOf, findExchange, insertEvents, reconcilerActionCounts, type Store } from '../../src/store/exchanges.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { createTestDatabase, databaseKinds, type TestDatabase, useExchangeStore } from '../support/databases.js';
import { type DeliverySpec, storeRoutedExchange } from '../support/exchanges.js';
import { type MemoryQueue, memoryQueue } from '../support/queue.js';
import { TEST_REDIS_URL, testRedisPrefix } from '../support/redis.js';

const long = '2026-12-01T00:00:00.000Z';
const agreement = (destination: string, receiptTimeoutMs: number): Agreement => ({
  id: `to-${destination}`,
  description: '',
  when: {},
  destination,
  format: 'wco-xml',
  transport: 'swgate',
  delivery: { attempts: 3, backoffMs: 1000, timeoutMs: 1000, retry: 'automatic', receiptTimeoutMs },
});

describe.each(await databaseKinds())('the reconciler (%s)', (kind) => {
  let database: TestDatabase;
  const pools: Array<Kysely<ExchangeTables>> = [];
  let store: Store;
  let redis: Redis;
  let queues: DeliveryQueues;
  const ended: Array<{ exchangeId: string; status: ExchangeStatus }> = [];
  const recorded: string[] = [];
  const failures: string[] = [];
  /** Exchanges whose end fails (a webhook queue down): the pass must go on without them. */
  const endFails = new Set<string>();
  const agreements = new Map([agreement('agency-a', 60_000), agreement('agency-b', 3_600_000)].map((a) => [a.id, a]));
  // Each worker process has its own pool; on SQLite one process is the deployment.
  const workerDeps = (): ReconcileDeps => {
    const db = kind === 'postgres' ? openDatabase<ExchangeTables>(database.target) : store.db;
    if (db !== store.db) pools.push(db);
    return {
      store: { db, kind },
      now: () => new Date(),
      agreements,
      onExchangeEnded: async (exchangeId: string, settled: EndedExchange) => {
        if (endFails.has(exchangeId)) throw new Error('webhook queue unavailable');
        ended.push({ exchangeId, status: settled.exchangeStatus });
      },
      requeue: (job, policy) => queues.requeue(job, policy),
      recordProvenance: async (_transaction, records) => {
        recorded.push(...records.map((r) => `${r.exchangeId} ${r.event}:${r.destination}`));
        return [];
      },
      onAction: () => {},
      onError: (subject, error) => void failures.push(`${subject.exchangeId}: ${(error as Error).message}`),
    };
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const db = openDatabase<ExchangeTables>(database.target);
    pools.push(db);
    store = { db, kind };
    await migrateToLatest(db, exchangeMigrations);
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    queues = new DeliveryQueues({ connection: redis, prefix: testRedisPrefix() });
  });
  afterAll(async () => {
    await queues?.close();
    redis?.disconnect();
    for (const db of pools) await db.destroy();
    await database?.drop();
  });

  /** An exchange received long ago, with its deliveries where the test puts them. */
  const exchange = async (status: ExchangeStatus, deliveries: DeliverySpec[], endHandledAt: string | null = null): Promise<string> =>
    (await storeRoutedExchange(store, deliveries, { status, at: long, endHandledAt })).id;

  it('finishes an exchange whose deliveries have all ended, once, however many workers look at it together', async () => {
    const finished = await exchange('routed', [
      { destination: 'agency-a', status: 'acknowledged', receipt: JSON.stringify({ status: 'accepted' }) },
      { destination: 'agency-b', status: 'rejected' },
    ]);
    const pending = await exchange('routed', [
      { destination: 'agency-a', status: 'acknowledged' },
      { destination: 'agency-b', status: 'in-flight', updatedAt: new Date().toISOString() },
    ]);
    const summaries = await Promise.all([reconcile(workerDeps(), { idleMs: 60_000 }), reconcile(workerDeps(), { idleMs: 60_000 })]);

    expect(summaries.reduce((n, s) => n + s['exchange-finished'], 0)).toBe(1);
    expect((await findExchange(store, finished))?.status).toBe('rejected');
    expect((await findExchange(store, finished))?.end_handled_at).not.toBeNull();
    expect(ended.filter((e) => e.exchangeId === finished)).toEqual([{ exchangeId: finished, status: 'rejected' }]);
    expect((await eventsOf(store, finished)).map((e) => e.event)).toEqual(['rejected']);
    expect((await findExchange(store, pending))?.status).toBe('routed');
    expect(ended.some((e) => e.exchangeId === pending)).toBe(false);
  });

  it("does an exchange's end again when a crash came between its final status and the end's actions, and only once it has been idle", async () => {
    const failing = await exchange('failed', [{ destination: 'agency-a', status: 'failed' }]);
    endFails.add(failing);
    const unhandled = await exchange('delivered', [{ destination: 'agency-a', status: 'acknowledged' }]);
    const handled = await exchange('delivered', [{ destination: 'agency-a', status: 'acknowledged' }], long);
    await reconcile(workerDeps(), { idleMs: 60_000 });
    // The one whose end fails is told of, left unmarked for the next pass, and does not hold up the others.
    expect(failures).toEqual([`${failing}: webhook queue unavailable`]);
    expect((await findExchange(store, failing))?.end_handled_at).toBeNull();
    endFails.delete(failing);
    expect(ended.filter((e) => e.exchangeId === unhandled)).toEqual([{ exchangeId: unhandled, status: 'delivered' }]);
    expect(ended.some((e) => e.exchangeId === handled)).toBe(false);
    expect((await findExchange(store, unhandled))?.end_handled_at).not.toBeNull();

    // Just ended: the normal path is still at it.
    const fresh = await exchange('delivered', [{ destination: 'agency-a', status: 'acknowledged' }]);
    await store.db.updateTable('exchanges').set({ updated_at: new Date().toISOString() }).where('id', '=', fresh).execute();
    await reconcile(workerDeps(), { idleMs: 60_000 });
    expect(ended.some((e) => e.exchangeId === fresh)).toBe(false);
  });

  it("sends again a delivery whose receipt is overdue by its agreement's receiptTimeoutMs, once across workers, with the same message id", async () => {
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
    const overdue = await exchange('routed', [{ destination: 'agency-a', status: 'delivered', updatedAt: minutesAgo(2) }]);
    const withinTimeout = await exchange('routed', [{ destination: 'agency-b', status: 'delivered', updatedAt: minutesAgo(2) }]);
    const summaries = await Promise.all([reconcile(workerDeps(), { idleMs: 60_000 }), reconcile(workerDeps(), { idleMs: 60_000 })]);

    expect(summaries.reduce((n, s) => n + s['receipt-overdue-resent'], 0)).toBe(1);
    const [resent] = await deliveriesOf(store, overdue);
    expect(resent).toMatchObject({ status: 'retrying', last_error: 'no receipt within 60 s; sent again' });
    // biome-ignore lint/complexity/useLiteralKeys: reads the job as BullMQ holds it, through the queue DeliveryQueues keeps private
    const job = await queues['queueFor']('agency-a').getJob(messageIdOf({ exchangeId: overdue, destination: 'agency-a' }));
    expect(job?.data).toEqual({ exchangeId: overdue, destination: 'agency-a' });
    expect((await deliveriesOf(store, withinTimeout))[0]?.status).toBe('delivered');
  });

  it("stops asking a destination that never sends a receipt: after the agreement's attempts the delivery ends failed, logged", async () => {
    const overdue = await exchange('routed', [{ destination: 'agency-a', status: 'delivered', updatedAt: new Date(Date.now() - 120_000).toISOString() }]);
    await insertEvents(
      store,
      overdue,
      [1, 2].map(() => ({ event: 'retrying', at: long, destination: 'agency-a', detail: { error: 'no receipt within 60 s; sent again' } })),
    );
    const summary = await reconcile(workerDeps(), { idleMs: 60_000 });
    expect(summary['receipt-overdue-failed']).toBe(1);
    expect((await deliveriesOf(store, overdue))[0]).toMatchObject({ status: 'failed', last_error: 'no receipt after 3 sends, 60 s apart' });
    expect((await findExchange(store, overdue))?.status).toBe('failed');
    expect(recorded).toContain(`${overdue} failed:agency-a`);
    expect(ended).toContainEqual({ exchangeId: overdue, status: 'failed' });
  });

  it('queues again a delivery whose job is gone or finished, and leaves one whose job waits', async () => {
    const lost = await exchange('routed', [{ destination: 'agency-b', status: 'queued' }]);
    const waiting = await exchange('routed', [{ destination: 'agency-b', status: 'retrying' }]);
    const finishedJob = await exchange('routed', [{ destination: 'agency-b', status: 'in-flight' }]);
    const policy = agreements.get('to-agency-b')!.delivery;
    await queues.enqueue({ exchangeId: waiting, destination: 'agency-b' }, policy);
    // biome-ignore lint/complexity/useLiteralKeys: reads the job as BullMQ holds it, through the queue DeliveryQueues keeps private
    const queue = queues['queueFor']('agency-b');
    await queues.enqueue({ exchangeId: finishedJob, destination: 'agency-b' }, policy);
    // A job that completed while its delivery still counts as unfinished (a crash before the settlement committed): moved by hand.
    await redis.zadd(`${queue.opts.prefix}:${queue.name}:completed`, Date.now(), messageIdOf({ exchangeId: finishedJob, destination: 'agency-b' }));
    await redis.lrem(`${queue.opts.prefix}:${queue.name}:wait`, 0, messageIdOf({ exchangeId: finishedJob, destination: 'agency-b' }));

    const summary = await reconcile(workerDeps(), { idleMs: 60_000 });
    expect(summary['delivery-requeued']).toBe(2);
    expect(await queue.getJobState(messageIdOf({ exchangeId: lost, destination: 'agency-b' }))).toBe('waiting');
    expect(await queue.getJobState(messageIdOf({ exchangeId: finishedJob, destination: 'agency-b' }))).toBe('waiting');
    expect(await queue.getJobState(messageIdOf({ exchangeId: waiting, destination: 'agency-b' }))).toBe('waiting');
  });

  it('keeps counts of what it did, for /metrics', async () => {
    const counts = Object.fromEntries((await reconcilerActionCounts(store)).map((c) => [c.action, c.count]));
    expect(counts).toMatchObject({ 'exchange-finished': 1, 'receipt-overdue-resent': 1, 'delivery-requeued': 2 });
    expect(counts['exchange-end-handled']).toBeGreaterThanOrEqual(1);
  });
});

describe.each(await databaseKinds())('the reconciler and the delivery queue (%s)', (kind) => {
  const holder = useExchangeStore(kind);
  const agreements = new Map([agreement('agency-a', 60_000), agreement('agency-b', 3_600_000)].map((a) => [a.id, a]));
  const policyOf = (destination: string) => agreements.get(`to-${destination}`)!.delivery;
  const pass = (queue: MemoryQueue, options: { idleMs: number; requeueIdleMs?: number } = { idleMs: 60_000 }) =>
    reconcile(
      {
        store: holder.store,
        now: () => new Date(),
        agreements,
        requeue: (job, policy) => queue.requeue(job, policy),
        recordProvenance: async () => [],
        onExchangeEnded: async () => {},
        onAction: () => {},
        onError: (subject, error) => {
          throw new Error(`${subject.exchangeId}: ${(error as Error).message}`);
        },
      },
      options,
    );
  const callsFor = (queue: MemoryQueue, exchangeId: string) => queue.calls.filter((c) => c.job.exchangeId === exchangeId);

  it("queues a lost delivery again under its own agreement's policy, once while its job lives, and never one whose agreement is gone", async () => {
    const queue = memoryQueue();
    const { id } = await storeRoutedExchange(holder.store, [
      { destination: 'agency-a', status: 'queued' },
      { destination: 'agency-b', status: 'retrying' },
      { destination: 'agency-gone', status: 'in-flight' },
    ]);
    expect((await pass(queue))['delivery-requeued']).toBe(2);
    expect(callsFor(queue, id)).toEqual(
      ['agency-a', 'agency-b'].map((destination) => ({ method: 'requeue', job: { exchangeId: id, destination }, policy: policyOf(destination) })),
    );

    expect((await pass(queue))['delivery-requeued']).toBe(0);
    expect(queue.live()).toHaveLength(2);
  });

  it('sends again an overdue delivery under its own policy, and leaves one within its receipt timeout', async () => {
    const queue = memoryQueue();
    const twoMinutesAgo = new Date(Date.now() - 120_000).toISOString();
    const { id } = await storeRoutedExchange(holder.store, [
      { destination: 'agency-a', status: 'delivered', updatedAt: twoMinutesAgo },
      { destination: 'agency-b', status: 'delivered', updatedAt: twoMinutesAgo },
    ]);
    expect((await pass(queue))['receipt-overdue-resent']).toBe(1);
    expect(callsFor(queue, id)).toEqual([{ method: 'requeue', job: { exchangeId: id, destination: 'agency-a' }, policy: policyOf('agency-a') }]);
  });

  it('leaves a delivery just written to the normal path, unless told at a worker start to take deliveries at once', async () => {
    const queue = memoryQueue();
    const { id } = await storeRoutedExchange(holder.store, [{ destination: 'agency-a', status: 'queued', updatedAt: new Date().toISOString() }]);
    await pass(queue);
    expect(callsFor(queue, id)).toEqual([]);
    await pass(queue, { idleMs: 60_000, requeueIdleMs: 0 });
    expect(callsFor(queue, id)).toEqual([{ method: 'requeue', job: { exchangeId: id, destination: 'agency-a' }, policy: policyOf('agency-a') }]);
  });
});
