/** The simulated agencies' delivery endpoint receives only the gateway's own deliveries. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_DELIVERY_HEADER } from '../../src/sandbox/destinations.js';
import { sample, startTestGateway, type TestGateway } from '../support/gateway.js';

const asCustoms = { authorization: 'Bearer sandbox-customs' };

describe('POST /sandbox/destinations/:participant/deliveries', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway('sqlite');
  });
  afterAll(async () => t?.stop());

  const deliver = (headers: Record<string, string>) =>
    fetch(`${t.url}/sandbox/destinations/customs/deliveries`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml', 'x-swgate-message-id': 'forged.customs', 'x-swgate-exchange-id': 'forged', ...headers },
      body: sample('import/TT_IM036a__TT_IM036a.xml'),
    });
  const received = async () =>
    ((await (await fetch(`${t.url}/v1/sandbox/destinations/customs/received`, { headers: asCustoms })).json()) as { items: unknown[] }).items;

  it('refuses a delivery without the sandbox secret, or with a wrong one, and signs nothing', async () => {
    const before = t.gateway.sandbox!.held();
    for (const headers of [
      {},
      { [SANDBOX_DELIVERY_HEADER]: 'guess' },
      { [SANDBOX_DELIVERY_HEADER]: '' },
      { authorization: 'Bearer sandbox-trader-demo' },
    ] as Array<Record<string, string>>) {
      const res = await deliver(headers);
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(((await res.json()) as { findings: Array<{ code: string }> }).findings.map((f) => f.code)).toEqual(['sandbox.not-gateway']);
    }
    // The same for a destination that does not exist: nothing tells an outsider which ones do.
    expect(
      (await fetch(`${t.url}/sandbox/destinations/nobody/deliveries`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<a/>' })).status,
    ).toBe(401);
    expect(t.gateway.sandbox!.held()).toEqual(before);
    expect(await received()).not.toContainEqual(expect.objectContaining({ messageId: 'forged.customs' }));
  });

  it("still receives the gateway's own deliveries, with signed receipts", async () => {
    const res = await fetch(`${t.url}/v1/declarations`, {
      method: 'POST',
      headers: { authorization: 'Bearer sandbox-trader-demo', 'content-type': 'application/xml' },
      body: sample('import/TT_IM036a__TT_IM036a.xml'),
    });
    expect(res.status).toBe(202);
    const { exchangeId } = (await res.json()) as { exchangeId: string };
    let view: { status: string; deliveries: Array<{ destination: string; status: string }> } | undefined;
    for (let i = 0; i < 200 && view?.status !== 'delivered'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      view = (await (await fetch(`${t.url}/v1/exchanges/${exchangeId}`, { headers: { authorization: 'Bearer sandbox-trader-demo' } })).json()) as typeof view;
    }
    // acknowledged: the gateway checked the agency's signed receipt for what it sent.
    expect(view?.deliveries.find((d) => d.destination === 'customs')?.status).toBe('acknowledged');
    expect(await received()).toContainEqual(expect.objectContaining({ exchangeId, copies: 1 }));
  });
});
