import { describe, expect, it } from 'vitest';
import { settleDelivery } from '../../src/pipeline/settle.js';
import { deliveryCounts } from '../../src/store/delivery-lists.js';
import { insertAcceptedExchange, insertOutgoingDocument, saveDeliveryChange } from '../../src/store/exchanges.js';
import { timeRelease } from '../../src/store/time-release.js';
import { bucketOf } from '../../src/store/time-release-buckets.js';
import { databaseKinds, useExchangeStore } from '../support/databases.js';
import { acceptedExchange } from '../support/exchanges.js';

const at = (minutes: number) => new Date(Date.parse('2026-11-30T10:00:00.000Z') + minutes * 60_000);

/** The tallies follow the deliveries where they are inserted and where they settle, in the same transaction. */
describe.each(await databaseKinds())('delivery tallies (%s)', (kind) => {
  const holder = useExchangeStore(kind);

  it('count a delivery settled twice once per measure, its first delivered and first final time', async () => {
    const { store } = holder;
    const lodged = at(0).toISOString();
    await insertAcceptedExchange(
      store,
      acceptedExchange('E1', {
        at: lodged,
        deliveries: [
          { destination: 'customs', received_at: lodged },
          { destination: 'pga-plant', received_at: lodged },
        ],
      }),
    );
    await insertAcceptedExchange(store, acceptedExchange('E2', { at: lodged, deliveries: [{ destination: 'customs', received_at: lodged }] }));
    expect(await deliveryCounts(store)).toEqual([
      { destination: 'customs', status: 'queued', count: 2 },
      { destination: 'pga-plant', status: 'queued', count: 1 },
    ]);

    const settle = (id: string, destination: string, status: 'delivered' | 'acknowledged' | 'failed' | 'queued', minutes: number) =>
      settleDelivery(store, id, destination, { status }, () => at(minutes));
    // Delivered at 2 minutes, then acknowledged at 5: delivered once (120 s), final once (300 s).
    await settle('E1', 'customs', 'delivered', 2);
    await settle('E1', 'customs', 'acknowledged', 5);
    // Acknowledged at 7 minutes, and a second receipt at 20: final at its first word.
    await settle('E2', 'customs', 'acknowledged', 7);
    await settle('E2', 'customs', 'acknowledged', 20);
    // Failed at 3 minutes, re-queued, then delivered and acknowledged at 10: the failure leaves the figures.
    await settle('E1', 'pga-plant', 'failed', 3);
    expect((await timeRelease(store, { from: '2026-11-30', to: '2026-12-01', destination: 'pga-plant' }))[0]?.failedShare).toBe(1);
    await settle('E1', 'pga-plant', 'queued', 4);
    await settle('E1', 'pga-plant', 'acknowledged', 10);

    const buckets = await store.db
      .selectFrom('time_release_day_buckets')
      .select(['destination', 'measure', 'bucket', 'count'])
      .where('count', '!=', 0)
      .orderBy('destination')
      .orderBy('measure')
      .orderBy('bucket')
      .execute();
    expect(buckets).toEqual([
      { destination: 'customs', measure: 'delivered', bucket: bucketOf(120), count: 1 },
      { destination: 'customs', measure: 'delivered', bucket: bucketOf(420), count: 1 },
      { destination: 'customs', measure: 'final', bucket: bucketOf(300), count: 1 },
      { destination: 'customs', measure: 'final', bucket: bucketOf(420), count: 1 },
      { destination: 'pga-plant', measure: 'delivered', bucket: bucketOf(600), count: 1 },
      { destination: 'pga-plant', measure: 'final', bucket: bucketOf(600), count: 1 },
    ]);
    const rows = await timeRelease(store, { from: '2026-11-30', to: '2026-12-01' });
    expect(rows.map((r) => [r.destination, r.day, r.count, r.rejectedShare, r.failedShare])).toEqual([
      ['customs', '2026-11-30', 2, 0, 0],
      ['pga-plant', '2026-11-30', 1, 0, 0],
    ]);
    expect(await deliveryCounts(store)).toEqual([
      { destination: 'customs', status: 'acknowledged', count: 2 },
      { destination: 'pga-plant', status: 'acknowledged', count: 1 },
    ]);
    const e2 = await store.db.selectFrom('deliveries').select(['delivered_at', 'final_at']).where('exchange_id', '=', 'E2').executeTakeFirstOrThrow();
    expect(e2).toEqual({ delivered_at: at(7).toISOString(), final_at: at(7).toISOString() });
  });

  it('equal a count of the delivery rows as they stand, after settlements in any order', async () => {
    const { store } = holder;
    const lodged = (n: number) => at(24 * 60 * (n % 3)).toISOString();
    // Destinations the other tests leave alone.
    const destinations = ['pga-food', 'pga-health', 'pga-wildlife'];
    for (let n = 0; n < 12; n++)
      await insertAcceptedExchange(
        store,
        acceptedExchange(`R${n}`, { at: lodged(n), deliveries: destinations.map((destination) => ({ destination, received_at: lodged(n) })) }),
      );
    // A fixed walk through the statuses, re-queues and second receipts included.
    const walk = ['in-flight', 'delivered', 'failed', 'queued', 'acknowledged', 'rejected', 'acknowledged', 'retrying', 'failed'] as const;
    for (let step = 0; step < 60; step++) {
      const n = (step * 7) % 12;
      const status = walk[(step * 5) % walk.length] as (typeof walk)[number];
      await settleDelivery(store, `R${n}`, destinations[step % 3] as string, { status }, () => at(24 * 60 * (n % 3) + step * 3));
    }
    const rows = await store.db.selectFrom('deliveries').selectAll().where('exchange_id', 'like', 'R%').execute();
    const expected = new Map<string, number>();
    const add = (key: string) => expected.set(key, (expected.get(key) ?? 0) + 1);
    for (const d of rows) {
      const day = (d.received_at as string).slice(0, 10);
      const lodgedMs = Date.parse(d.received_at as string);
      add(`day ${d.destination} ${day} count`);
      if (d.status === 'rejected' || d.status === 'failed') add(`day ${d.destination} ${day} ${d.status}`);
      if (d.delivered_at) add(`bucket ${d.destination} ${day} delivered ${bucketOf((Date.parse(d.delivered_at) - lodgedMs) / 1000)}`);
      if (d.final_at && ['acknowledged', 'rejected', 'failed'].includes(d.status))
        add(`bucket ${d.destination} ${day} final ${bucketOf((Date.parse(d.final_at) - lodgedMs) / 1000)}`);
    }
    const tallied = new Map<string, number>();
    const set = (key: string, n: number) => n !== 0 && tallied.set(key, n);
    for (const t of await store.db.selectFrom('time_release_days').selectAll().where('destination', 'in', destinations).execute()) {
      set(`day ${t.destination} ${t.day} count`, Number(t.count));
      set(`day ${t.destination} ${t.day} rejected`, Number(t.rejected));
      set(`day ${t.destination} ${t.day} failed`, Number(t.failed));
    }
    for (const b of await store.db.selectFrom('time_release_day_buckets').selectAll().where('destination', 'in', destinations).execute())
      set(`bucket ${b.destination} ${b.day} ${b.measure} ${b.bucket}`, Number(b.count));
    const keys = [...expected.keys()];
    // The walk leaves deliveries in every kind of figure: not a comparison of two empty maps.
    for (const kind of [/ delivered \d+$/, / final \d+$/, / rejected$/, / failed$/]) expect(keys.some((k) => kind.test(k))).toBe(true);
    expect(Object.fromEntries([...tallied].sort())).toEqual(Object.fromEntries([...expected].sort()));
  });

  it('leave nothing counted when the insert fails', async () => {
    const { store } = holder;
    const before = await deliveryCounts(store);
    const lodged = at(0).toISOString();
    // E1 exists: the exchange row's insert fails at commit, and its delivery's tallies with it.
    await expect(
      insertAcceptedExchange(store, acceptedExchange('E1', { at: lodged, deliveries: [{ destination: 'pga-food', received_at: lodged }] })),
    ).rejects.toThrow();
    expect(await deliveryCounts(store)).toEqual(before);
  });

  it('move an attempt that starts (in-flight) out of queued, as the deliveries summary reads them', async () => {
    const { store } = holder;
    const lodged = at(0).toISOString();
    const deliveries = [{ destination: 'partner-xb', received_at: lodged }];
    await insertAcceptedExchange(store, acceptedExchange('A1', { at: lodged, deliveries }));
    await insertAcceptedExchange(store, acceptedExchange('A2', { at: lodged, deliveries }));
    const starting = { status: 'in-flight' as const, attempts: 1, sentSha256: 'a'.repeat(64), at: at(1).toISOString() };
    await saveDeliveryChange(store, 'A1', 'partner-xb', starting);
    const document = {
      exchange_id: 'A2',
      name: 'to-partner-xb',
      media_type: 'application/json',
      sha256: 'b'.repeat(64),
      created_at: starting.at,
      content: '{}',
    };
    expect(await insertOutgoingDocument(store, document, { destination: 'partner-xb', ...starting })).toBe(true);
    const counts = async () => (await deliveryCounts(store)).filter((c) => c.destination === 'partner-xb');
    expect(await counts()).toEqual([{ destination: 'partner-xb', status: 'in-flight', count: 2 }]);
    await settleDelivery(store, 'A1', 'partner-xb', { status: 'acknowledged' }, () => at(2));
    expect(await counts()).toEqual([
      { destination: 'partner-xb', status: 'acknowledged', count: 1 },
      { destination: 'partner-xb', status: 'in-flight', count: 1 },
    ]);
  });
});
