import { describe, expect, it } from 'vitest';
import { gaps, linkFindingsOf, linkFindingsOfExchange, linkFindingsWith, linkOf, markUnmatched } from '../../src/ecommerce/links.js';
import { insertSource, sideOf, sourceOf, type Consignment } from '../../src/ecommerce/sources.js';
import { ecommerceMigrations } from '../../src/ecommerce/tables.js';
import { newId } from '../../src/store/exchanges.js';
import { writeInBatch } from '../../src/store/write-batches.js';
import { databaseKinds, useExchangeStore } from '../support/databases.js';
import { platformConsignment, postConsignment } from './support.js';

const HOUR = 3_600_000;
const order = (c: Consignment = platformConsignment()) => sourceOf(c, 'order');
const shipping = (c: Consignment = postConsignment()) => sourceOf(c, 'shipping');
const codes = (findings: Array<{ code: string }>) => findings.map((f) => f.code).sort();

describe('holding a platform order against the carrier shipment', () => {
  it("takes the side from the sender's kind, never from the body", () => {
    expect(sideOf('platform')).toBe('order');
    expect(sideOf('post')).toBe('shipping');
    expect(sideOf('express')).toBe('shipping');
    for (const kind of ['trader', 'customs', 'pga', 'partner-customs'] as const) expect(sideOf(kind)).toBeUndefined();
  });

  it('finds nothing when the two sources agree', () => {
    expect(gaps(order().facts, shipping().facts)).toEqual([]);
  });

  it('finds each kind of gap, each beyond its tolerance only', () => {
    const c = postConsignment();
    // Paid 41.50; declared 12.00: undervalued for shipping.
    const under = { ...c, items: c.items.map((i) => ({ ...i, value: { ...i.value, amount: '6.00' } })) };
    expect(codes(gaps(order().facts, shipping(under).facts))).toEqual(['value-gap']);
    // Within a tenth and a unit (shipping fees): 41.50 against 37.50 is no gap.
    const fees = { ...c, items: [{ ...c.items[0]!, value: { amount: '25.00', currency: 'GBP' } }, c.items[1]!] };
    expect(gaps(order().facts, shipping(fees).facts)).toEqual([]);
    expect(codes(gaps(order().facts, shipping({ ...c, shipment: { ...c.shipment, grossWeight: { value: '3.1', unitCode: 'KGM' } } }).facts))).toEqual([
      'weight-gap',
    ]);
    // 1250 g against 1.3 kg: within the scales' tenth.
    expect(gaps(order().facts, shipping({ ...c, shipment: { ...c.shipment, grossWeight: { value: '1.3', unitCode: 'KGM' } } }).facts)).toEqual([]);
    expect(codes(gaps(order().facts, shipping({ ...c, shipment: { ...c.shipment, pieces: '3' } }).facts))).toEqual(['pieces-gap']);
    const other = { ...c, items: c.items.map((i) => ({ ...i, description: 'Lithium batteries, spare' })) };
    expect(codes(gaps(order().facts, shipping(other).facts))).toEqual(['description-gap']);
    const origin = { ...c, items: c.items.map((i) => ({ ...i, origin: 'VN' })) };
    expect(codes(gaps(order().facts, shipping(origin).facts))).toEqual(['origin-gap']);
  });
});

describe.each(await databaseKinds())('e-commerce links on %s', (kind) => {
  const holder = useExchangeStore(kind, ecommerceMigrations);
  const at = (hours: number) => new Date(Date.UTC(2026, 0, 8) + hours * HOUR);
  const store = () => holder.store;
  const insert = (source: ReturnType<typeof order>, participant: string, hours = 0) => {
    const id = newId();
    return insertSource(store(), source, { id, sender: participant, receivedAt: at(hours).toISOString() }).then(() => id);
  };
  const tracked = (c: Consignment, trackingNumber: string) => ({ ...c, shipment: { ...c.shipment, trackingNumber } });

  it('links the two sources of a parcel in either order of arrival, with the gaps between them', async () => {
    const under = (c: Consignment) => ({ ...c, items: c.items.map((i) => ({ ...i, value: { ...i.value, amount: '6.00' } })) });
    const shippingFirst = await insert(shipping(under(tracked(postConsignment(), 'AA000000001CN'))), 'post-demo');
    expect((await linkOf(store(), 'AA000000001CN'))?.findings).toEqual([]);
    const orderSecond = await insert(order(tracked(platformConsignment(), 'aa-000000001-cn')), 'platform-demo', 1);
    const link = await linkOf(store(), 'AA000000001CN');
    expect(link?.sources).toEqual([
      { participant: 'post-demo', exchangeId: shippingFirst },
      { participant: 'platform-demo', exchangeId: orderSecond },
    ]);
    expect(codes(link?.findings ?? [])).toEqual(['value-gap']);

    await insert(order(tracked(platformConsignment(), 'AA000000002CN')), 'platform-demo');
    await insert(shipping(under(tracked(postConsignment(), 'AA000000002CN'))), 'post-demo', 1);
    expect(codes(await linkFindingsOf(store(), 'AA000000002CN'))).toEqual(['value-gap']);
    expect(await linkOf(store(), 'ZZ999')).toBeUndefined();
    expect(await linkFindingsOf(store(), 'ZZ999')).toEqual([]);
  });

  it('gives an arriving source the findings of the link it completes, before its own row is written, and the stored ones by exchange', async () => {
    const under = (c: Consignment) => ({ ...c, items: c.items.map((i) => ({ ...i, value: { ...i.value, amount: '6.00' } })) });
    const arriving = (id: string) => ({ id, sender: 'post-demo', receivedAt: at(1).toISOString() });
    const alone = shipping(under(tracked(postConsignment(), 'AA000000009CN')));
    expect(await linkFindingsWith(store(), alone, arriving(newId()))).toEqual([]);
    const first = await insert(order(tracked(platformConsignment(), 'AA000000009CN')), 'platform-demo');
    expect(codes(await linkFindingsWith(store(), alone, arriving(newId())))).toEqual(['value-gap']);
    // Another carrier's parcel with the same number is another parcel.
    const elsewhere = { ...alone, carrier: 'another carrier' };
    expect(await linkFindingsWith(store(), elsewhere, arriving(newId()))).toEqual([]);
    expect(await linkFindingsOfExchange(store(), first)).toEqual([]);
    await insert(alone, 'post-demo', 1);
    expect(codes((await linkFindingsOfExchange(store(), first)) ?? [])).toEqual(['value-gap']);
    expect(await linkFindingsOfExchange(store(), newId())).toBeUndefined();
  });

  it("keeps a side to the participant that sent it first: another post's data for it hides no gap, and is a finding", async () => {
    const under = (c: Consignment) => ({ ...c, items: c.items.map((i) => ({ ...i, value: { ...i.value, amount: '6.00' } })) });
    const platform = await insert(order(tracked(platformConsignment(), 'AA000000007CN')), 'platform-demo');
    await insert(shipping(under(tracked(postConsignment(), 'AA000000007CN'))), 'post-demo', 1);
    // A second post, with a valid key, sends the same parcel "at the price paid": the gap stands.
    await insert(shipping(tracked(postConsignment(), 'AA000000007CN')), 'post-other', 2);
    expect(codes(await linkFindingsOf(store(), 'AA000000007CN'))).toEqual(['source-conflict', 'value-gap']);
    expect(codes((await linkFindingsOfExchange(store(), platform)) ?? [])).toEqual(['source-conflict', 'value-gap']);
    // The first post amending its own data does replace it.
    await insert(shipping(tracked(postConsignment(), 'AA000000007CN')), 'post-demo', 3);
    expect(codes(await linkFindingsOf(store(), 'AA000000007CN'))).toEqual(['source-conflict']);
  });

  it('does not link sources of one tracking number with two different carriers', async () => {
    await insert(order(tracked(platformConsignment(), 'AA000000003CN')), 'platform-demo');
    const c = tracked(postConsignment(), 'AA000000003CN');
    await insert(shipping({ ...c, shipment: { ...c.shipment, pieces: '4', carrier: { name: 'Other Express' } } }), 'post-demo');
    const link = await linkOf(store(), 'AA000000003CN');
    expect(link?.sources).toHaveLength(2);
    expect(link?.findings).toEqual([]);
  });

  it('marks a source unmatched once the window passes without the other side, once, and never a linked one', async () => {
    await insert(order(tracked(platformConsignment(), 'AA000000004CN')), 'platform-demo', 100);
    await insert(order(tracked(platformConsignment(), 'AA000000005CN')), 'platform-demo', 100);
    await insert(shipping(tracked(postConsignment(), 'AA000000005CN')), 'post-demo', 101);
    const window = 72 * HOUR;
    // The earlier test's two sources of AA000000003CN, by two carriers, are each alone since hour 0.
    expect(await markUnmatched(store(), at(171), window)).toBe(2);
    expect(await linkFindingsOf(store(), 'AA000000004CN')).toEqual([]);
    expect(await markUnmatched(store(), at(173), window)).toBe(1);
    const [unmatched] = await linkFindingsOf(store(), 'AA000000004CN');
    expect(unmatched).toMatchObject({ code: 'unmatched' });
    expect(unmatched?.text).toContain('no shipping data from a post or express carrier');
    expect(await linkFindingsOf(store(), 'AA000000005CN')).toEqual([]);
    expect(await markUnmatched(store(), at(200), window)).toBe(0);
    // The other side arriving late links the parcel: its gaps are what counts now.
    await insert(shipping(tracked(postConsignment(), 'AA000000004CN')), 'post-demo', 201);
    expect(await linkFindingsOf(store(), 'AA000000004CN')).toEqual([]);
  });

  it('links two sources committed at the same moment by concurrent write batches', async () => {
    const ids = await Promise.all([
      writeInBatch(store(), (t) =>
        insertSource(t, order(tracked(platformConsignment(), 'AA000000006CN')), { id: newId(), sender: 'platform-demo', receivedAt: at(0).toISOString() }),
      ),
      writeInBatch(store(), (t) =>
        insertSource(t, shipping(tracked(postConsignment(), 'AA000000006CN')), { id: newId(), sender: 'post-demo', receivedAt: at(0).toISOString() }),
      ),
    ]);
    expect(ids).toHaveLength(2);
    const link = await linkOf(store(), 'AA000000006CN');
    expect(link?.sources.map((s) => s.participant).sort()).toEqual(['platform-demo', 'post-demo']);
  });
});
