import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestDocument } from '../../src/pipeline/ingest.js';
import type { Receipt } from '../../src/pipeline/receipts.js';
import { deriveExchangeStatus, settleAndRecord, type SettleDeps, settleDelivery } from '../../src/pipeline/settle.js';
import { endExchange } from '../../src/pipeline/end.js';
import { type RecordProvenance, recordingIn } from '../../src/pipeline/vocabulary.js';
import { tablesOf } from '../../src/store/db.js';
import { exchangeMigrations, type ExchangeTables } from '../../src/store/exchange-tables.js';
import { deliveriesOf, eventsOf, findExchange, insertAcceptedExchange, newId, type Store } from '../../src/store/exchanges.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { provenanceMigrations } from '../../src/provenance/store.js';
import type { Kysely } from 'kysely';
import { createProvenanceLog, type ProvenanceLog } from '../../src/provenance/log.js';
import type { ProvenanceTables } from '../../src/provenance/store.js';
import { openDatabase } from '../../src/store/db.js';
import { createTestDatabase, databaseKinds, type TestDatabase, useExchangeStore } from '../support/databases.js';
import { acceptedExchange, storeRoutedExchange } from '../support/exchanges.js';
import { hex, newSigner } from '../provenance/fixtures.js';
import { agreementFor, participant } from './support.js';

const at = '2026-12-06T10:00:00.000Z';

/** An exchange routed to the given destinations, each delivery in flight. */
async function routedExchange(store: Store, destinations: string[]): Promise<string> {
  const id = newId();
  await insertAcceptedExchange(
    store,
    acceptedExchange(id, {
      at,
      original: { sha256: hex(id) },
      deliveries: destinations.map((destination) => ({ destination, status: 'in-flight', attempts: 1, sent_sha256: hex(id) })),
    }),
  );
  return id;
}

class Crash extends Error {}

describe.each(await databaseKinds())('a state change and its log records commit together (%s)', (kind) => {
  let database: TestDatabase;
  const opened: Array<{ log: ProvenanceLog; db: Kysely<ProvenanceTables> }> = [];
  /** A process's view of the database: its own pool, its own log instance. */
  const open = () => {
    const db = openDatabase<ProvenanceTables>(database.target);
    const log = createProvenanceLog({ db, kind, signer: newSigner(), origin: 'swgate.test/provenance', checkpointEvery: { entries: 1000, seconds: 3600 } });
    opened.push({ log, db });
    return { log, db };
  };
  let t: { log: ProvenanceLog; db: Kysely<ProvenanceTables>; open: typeof open };
  let store: Store;
  const ended: string[] = [];
  const deps = (recordProvenance: RecordProvenance): SettleDeps => ({
    store,
    now: () => new Date(),
    recordProvenance,
    onExchangeEnded: async (id) => void ended.push(id),
  });
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    t = { ...open(), open };
    store = { db: tablesOf<ExchangeTables>(t.db), kind };
    await migrateToLatest(t.db, { ...exchangeMigrations, ...provenanceMigrations });
  });
  afterAll(async () => {
    for (const { log, db } of opened) {
      await log.close();
      await db.destroy();
    }
    await database?.drop();
  });

  const settle = (d: SettleDeps, exchangeId: string, destination: string) =>
    settleAndRecord(d, exchangeId, destination, {
      status: 'delivered',
      lastError: null,
      sentSha256: hex(exchangeId),
      originalSha256: hex(exchangeId),
      from: ['in-flight'],
    });
  const logged = async (exchangeId: string) =>
    (await t.db.selectFrom('provenance_leaves').select('record').where('exchange_id', '=', exchangeId).execute()).map(
      (r) => JSON.parse(r.record ?? '{}').event as string,
    );

  it('a settlement commits its status, its exchange status and its log record at once', async () => {
    const id = await routedExchange(store, ['agency-a']);
    const settled = await settleAndRecord(deps(recordingIn(t.log)), id, 'agency-a', {
      status: 'acknowledged',
      lastError: null,
      sentSha256: hex(id),
      originalSha256: hex(id),
      from: ['in-flight'],
    });
    expect(settled).toMatchObject({ applied: true, changed: true, exchangeStatus: 'delivered' });
    expect((await deliveriesOf(store, id))[0]?.status).toBe('acknowledged');
    expect(await logged(id)).toEqual(['acknowledged']);
    // Its end was handled and marked so: the reconciler has nothing to finish.
    expect(ended).toContain(id);
    expect((await findExchange(store, id))?.end_handled_at).not.toBeNull();
  });

  it('a crash after the log append, before the commit, leaves neither the status nor the record', async () => {
    const id = await routedExchange(store, ['agency-a']);
    const sizeBefore = await t.log.treeSize();
    const appendThenCrash: RecordProvenance = async (transaction, records) => {
      await recordingIn(t.log)(transaction, records);
      throw new Crash('killed between the log append and the commit');
    };
    await expect(settle(deps(appendThenCrash), id, 'agency-a')).rejects.toThrow(Crash);
    expect((await deliveriesOf(store, id))[0]?.status).toBe('in-flight');
    expect(await logged(id)).toEqual([]);
    expect(await t.log.treeSize()).toBe(sizeBefore);

    // Done again (the job is retried), it commits both; the log stays one consistent tree.
    await settle(deps(recordingIn(t.log)), id, 'agency-a');
    expect((await deliveriesOf(store, id))[0]?.status).toBe('delivered');
    expect(await logged(id)).toEqual(['delivered']);
    const checkpoint = await t.log.publishCheckpoint();
    expect(checkpoint.treeSize).toBe(sizeBefore + 1);
  });

  it('a log that cannot take the record keeps the status from changing', async () => {
    const id = await routedExchange(store, ['agency-a']);
    const broken: RecordProvenance = async () => {
      throw new Crash('log unavailable');
    };
    await expect(settle(deps(broken), id, 'agency-a')).rejects.toThrow(Crash);
    expect((await deliveriesOf(store, id))[0]?.status).toBe('in-flight');
  });

  it('ingest stores an exchange with its received, validated and routed records, or neither', async () => {
    const sender = participant('trader-demo');
    const agreements = [{ ...agreementFor('declaration', 'agency-a'), format: 'wco-xml' }];
    const queued: string[] = [];
    const ingest = (recordProvenance: RecordProvenance, idempotencyKey: string) =>
      ingestDocument(
        {
          store,
          agreements,
          enqueue: async (job) => void queued.push(job.exchangeId),
          onEnqueueFailed: () => {},
          recordProvenance,
          unknownLpco: 'warning',
          now: () => new Date(),
        },
        {
          sender,
          documentKind: 'declaration',
          body: Buffer.from(`<d>${idempotencyKey}</d>`),
          mediaType: 'application/xml',
          idempotencyKey,
          read: () => ({ facts: {}, findings: [], document: { content: `<d>${idempotencyKey}</d>`, mediaType: 'application/xml' } }),
        },
      );
    const appendThenCrash: RecordProvenance = async (transaction, records) => {
      await recordingIn(t.log)(transaction, records);
      throw new Crash('killed before the commit');
    };
    await expect(ingest(appendThenCrash, 'crash-1')).rejects.toThrow(Crash);
    expect(await store.db.selectFrom('exchanges').select('id').where('idempotency_key', '=', 'crash-1').execute()).toEqual([]);
    expect(queued).toEqual([]);

    const accepted = await ingest(recordingIn(t.log), 'crash-1');
    expect(await logged(accepted.exchangeId)).toEqual(['received', 'validated', 'routed']);
    expect(accepted.provenance?.leafIndex).toBeGreaterThanOrEqual(0);
    expect(queued).toEqual([accepted.exchangeId]);
  });

  it.skipIf(kind === 'sqlite')('several processes settling the same exchanges at once never deadlock, and the log gets every record once', async () => {
    // Two pools on one database stand for an API and a worker process.
    const other = t.open();
    const otherStore: Store = { db: tablesOf<ExchangeTables>(other.db), kind };
    const destinations = ['agency-a', 'agency-b', 'agency-c', 'agency-d'];
    const ids = await Promise.all(Array.from({ length: 10 }, () => routedExchange(store, destinations)));
    const work = ids.flatMap((id) =>
      destinations.map((destination, i) => settle({ ...deps(recordingIn(i % 2 ? other.log : t.log)), store: i % 2 ? otherStore : store }, id, destination)),
    );
    const outcomes = await Promise.allSettled(work);
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    for (const id of ids) expect((await logged(id)).sort()).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
    const leaves = await t.db.selectFrom('provenance_leaves').select('leaf_index').orderBy('leaf_index').execute();
    expect(leaves.map((l) => l.leaf_index)).toEqual(leaves.map((_, i) => i));
  });
});

describe.each(await databaseKinds())('settling a delivery, and what follows for its exchange (%s)', (kind) => {
  const holder = useExchangeStore(kind);
  const now = () => new Date('2026-12-06T10:00:00Z');
  const events = async (id: string) => (await eventsOf(holder.store, id)).map((e) => `${e.event}${e.destination ? `:${e.destination}` : ''}`);

  it("derives the exchange's status from all its deliveries: routed until the last has ended, then final, told once", async () => {
    const { id } = await storeRoutedExchange(holder.store, [
      { destination: 'agency-a', status: 'in-flight' },
      { destination: 'agency-b', status: 'in-flight' },
    ]);
    const receipt: Receipt = {
      messageId: `${id}.agency-a`,
      from: 'agency-a',
      to: 'gateway',
      status: 'accepted-with-warnings',
      receivedSha256: hex(id),
      receivedAt: now().toISOString(),
      findings: [],
    };
    expect(await settleDelivery(holder.store, id, 'agency-a', { status: 'acknowledged', receipt }, now)).toEqual({
      exchangeStatus: 'routed',
      changed: false,
      sender: 'trader-demo',
      applied: true,
    });
    expect(await settleDelivery(holder.store, id, 'agency-b', { status: 'acknowledged' }, now)).toEqual({
      exchangeStatus: 'delivered-with-warnings',
      changed: true,
      sender: 'trader-demo',
      applied: true,
    });
    expect(await events(id)).toEqual(['acknowledged:agency-a', 'acknowledged:agency-b', 'delivered-with-warnings']);
    expect(await findExchange(holder.store, id)).toMatchObject({ status: 'delivered-with-warnings', updated_at: now().toISOString() });
  });

  it('writes nothing when the delivery has moved on from the states it may be settled from, or changed since it was read', async () => {
    const { id } = await storeRoutedExchange(holder.store, [{ destination: 'agency-a', status: 'acknowledged', updatedAt: '2026-12-06T09:00:00.000Z' }]);
    const unapplied = { exchangeStatus: 'routed', changed: false, sender: 'trader-demo', applied: false };
    const alsoWritten: string[] = [];
    const alsoWrite = async () => void alsoWritten.push('record');
    expect(
      await settleDelivery(holder.store, id, 'agency-a', { status: 'failed', lastError: 'late', from: ['in-flight', 'retrying'] }, now, alsoWrite),
    ).toEqual(unapplied);
    expect(
      await settleDelivery(holder.store, id, 'agency-a', { status: 'failed', lastError: 'late', unchangedSince: '2026-12-06T08:00:00.000Z' }, now, alsoWrite),
    ).toEqual(unapplied);
    expect(await settleDelivery(holder.store, id, 'agency-z', { status: 'failed' }, now, alsoWrite)).toEqual(unapplied);
    expect(alsoWritten).toEqual([]);
    expect(await events(id)).toEqual([]);
    expect((await deliveriesOf(holder.store, id))[0]).toMatchObject({ status: 'acknowledged', last_error: null });

    expect(
      await settleDelivery(
        holder.store,
        id,
        'agency-a',
        { status: 'failed', lastError: 'given up', unchangedSince: '2026-12-06T09:00:00.000Z' },
        now,
        alsoWrite,
      ),
    ).toMatchObject({ applied: true, exchangeStatus: 'failed' });
    expect(alsoWritten).toEqual(['record']);
  });

  it('refuses to settle a delivery of an exchange that does not exist', async () => {
    await expect(settleDelivery(holder.store, newId(), 'agency-a', { status: 'failed' }, now)).rejects.toThrow(/does not exist/);
  });

  it('records a status its deliveries imply but a settlement did not, once', async () => {
    const { id } = await storeRoutedExchange(holder.store, [
      { destination: 'agency-a', status: 'rejected' },
      { destination: 'agency-b', status: 'failed' },
    ]);
    expect(await deriveExchangeStatus(holder.store, id, now)).toEqual({ exchangeStatus: 'failed', changed: true, sender: 'trader-demo', applied: true });
    expect(await deriveExchangeStatus(holder.store, id, now)).toEqual({ exchangeStatus: 'failed', changed: false, sender: 'trader-demo', applied: false });
    expect(await events(id)).toEqual(['failed']);
  });

  it("marks an exchange's end handled only once what it sets off has been done", async () => {
    const { id } = await storeRoutedExchange(holder.store, [{ destination: 'agency-a', status: 'failed' }], { status: 'failed' });
    const settled = { exchangeStatus: 'failed', changed: true, sender: 'trader-demo', applied: true } as const;
    const down = { store: holder.store, now, onExchangeEnded: async () => Promise.reject(new Error('webhook queue unavailable')) };
    await expect(endExchange(down, id, settled)).rejects.toThrow('webhook queue unavailable');
    expect((await findExchange(holder.store, id))?.end_handled_at).toBeNull();
    const told: string[] = [];
    await endExchange({ ...down, onExchangeEnded: async (exchangeId, s) => void told.push(`${exchangeId} ${s.exchangeStatus}`) }, id, settled);
    expect(told).toEqual([`${id} failed`]);
    expect((await findExchange(holder.store, id))?.end_handled_at).toBe(now().toISOString());
  });
});
