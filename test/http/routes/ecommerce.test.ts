import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformConsignment, postConsignment } from '../../ecommerce/support.js';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';

const as = (participant: string) => ({ authorization: `Bearer sandbox-${participant}`, 'content-type': 'application/json' });

describe('e-commerce sources linked across senders over HTTP', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway('sqlite');
  });
  afterAll(async () => t?.stop());

  const lodge = (participant: string, body: unknown) =>
    fetch(`${t.url}/v1/consignments`, { method: 'POST', headers: as(participant), body: JSON.stringify(body) });
  const link = (participant: string, trackingNumber: string) =>
    fetch(`${t.url}/v1/ecommerce/links/${encodeURIComponent(trackingNumber)}`, { headers: as(participant) });

  it("accepts a post's shipping data without order or payment, and links it to the platform's order that came first", async () => {
    const order = platformConsignment();
    const shipping = postConsignment();
    shipping.items = shipping.items.map((i) => ({ ...i, value: { ...i.value, amount: '5.00' } }));
    shipping.shipment = { ...shipping.shipment, pieces: '2' };
    const platform = await lodge('platform-demo', order);
    expect(platform.status).toBe(202);
    const post = await lodge('post-demo', shipping);
    expect(post.status).toBe(202);
    const res = await link('customs', 'LX123456785CN');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      trackingNumber: string;
      sources: Array<{ participant: string; exchangeId: string }>;
      findings: Array<{ code: string }>;
    };
    expect(body.trackingNumber).toBe('LX123456785CN');
    expect(body.sources).toEqual([
      { participant: 'platform-demo', exchangeId: ((await platform.json()) as { exchangeId: string }).exchangeId },
      { participant: 'post-demo', exchangeId: ((await post.json()) as { exchangeId: string }).exchangeId },
    ]);
    expect(body.findings.map((f) => f.code).sort()).toEqual(['pieces-gap', 'value-gap']);
  });

  it('links the other way round too: the shipment first, the order second', async () => {
    const trackingNumber = 'RR000000002GB';
    const shipping = postConsignment();
    shipping.shipment = { ...shipping.shipment, trackingNumber };
    shipping.items = shipping.items.map((i) => ({ ...i, origin: 'VN', description: 'USB cable' }));
    expect((await lodge('post-demo', shipping)).status).toBe(202);
    expect(((await (await link('customs', trackingNumber)).json()) as { findings: unknown[] }).findings).toEqual([]);
    const order = platformConsignment();
    order.shipment = { ...order.shipment, trackingNumber };
    expect((await lodge('platform-demo', order)).status).toBe(202);
    const body = (await (await link('customs', trackingNumber)).json()) as { sources: unknown[]; findings: Array<{ code: string }> };
    expect(body.sources).toHaveLength(2);
    expect(body.findings.map((f) => f.code).sort()).toEqual(['description-gap', 'origin-gap']);
  });

  it("refuses a platform's consignment without its order, payment or platform, naming each, and stores nothing", async () => {
    const before = await t.exchangeCount();
    const { order: _order, payment: _payment, ...withoutOrder } = platformConsignment();
    const res = await lodge('platform-demo', { ...withoutOrder, shipment: { ...withoutOrder.shipment, trackingNumber: 'RR000000003GB' } });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const { findings } = (await res.json()) as { findings: Array<{ code: string; path: string }> };
    expect(findings).toEqual([
      expect.objectContaining({ code: 'consignment.order-data-missing', path: '/order' }),
      expect.objectContaining({ code: 'consignment.order-data-missing', path: '/payment' }),
    ]);
    expect(await t.exchangeCount()).toBe(before);
    expect((await link('customs', 'RR000000003GB')).status).toBe(404);
  });

  it('answers customs only: 403 for traders, platforms, posts and agencies; 404 for an unknown parcel; 400 for a hostile tracking number', async () => {
    for (const participant of ['trader-demo', 'platform-demo', 'post-demo', 'pga-plant', 'partner-xb']) {
      const res = await link(participant, 'LX123456785CN');
      expect(res.status, participant).toBe(403);
      expect(((await res.json()) as { findings: Array<{ code: string }> }).findings[0]?.code).toBe('analytics.customs-only');
    }
    expect((await link('customs', 'NO0000000000XX')).status).toBe(404);
    expect((await link('customs', 'A'.repeat(36))).status).toBe(400);
    expect((await link('customs', 'LX 1234')).status).toBe(400);
    expect((await fetch(`${t.url}/v1/ecommerce/links/LX123456785CN`)).status).toBe(401);
  });
});
