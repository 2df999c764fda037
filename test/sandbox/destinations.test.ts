import { describe, expect, it } from 'vitest';
import type { Participant } from '../../src/config/types.js';
import { SandboxDestinations } from '../../src/sandbox/destinations.js';

const customs = { id: 'customs', kind: 'customs', name: 'Customs', endpoint: 'sandbox' } as Participant;
const limits = { keepPerDestination: 5, rememberedFailures: 3, pendingAcknowledgements: 2 };

function destinations(signed: { count: number } = { count: 0 }) {
  return new SandboxDestinations(new Map([['customs', customs]]), {
    secret: 'the-secret',
    limits,
    sign: async () => `signed-${++signed.count}`,
    acknowledgeLater: () => new Promise(() => {}), // never settles: the acknowledgements stay pending
  });
}

const message = (n: number, scenario?: 'fail-once' | 'fail-always' | 'slow') => ({
  messageId: `m${n}`,
  exchangeId: `x${n}`,
  mediaType: 'application/xml',
  body: Buffer.from(`<d>${n}</d>`),
  ...(scenario ? { scenario } : {}),
});

describe('simulated agencies', () => {
  it('admit only the secret, whatever its length', () => {
    const d = destinations();
    expect(d.admits('the-secret')).toBe(true);
    for (const wrong of [undefined, '', 'the-secre', 'the-secret ', 'THE-SECRET', 'x'.repeat(10_000)])
      expect(d.admits(wrong), String(wrong?.length)).toBe(false);
  });

  it('keep at most keepPerDestination deliveries, the latest', async () => {
    const signed = { count: 0 };
    const d = destinations(signed);
    for (let n = 0; n < 50; n++) expect((await d.receive('customs', message(n))).status).toBe(200);
    expect(d.held().deliveries).toBe(5);
    expect(d.list('customs').map((r) => r.messageId)).toEqual(['m45', 'm46', 'm47', 'm48', 'm49']);
    expect(signed.count).toBe(50);
  });

  it('remember at most rememberedFailures message ids for fail-once', async () => {
    const d = destinations();
    for (let n = 0; n < 50; n++) expect((await d.receive('customs', message(n, 'fail-once'))).status).toBe(503);
    expect(d.held().rememberedFailures).toBe(3);
    expect((await d.receive('customs', message(49, 'fail-once'))).status).toBe(200);
    for (let n = 0; n < 50; n++) await d.receive('customs', message(100 + n, 'fail-always'));
    expect(d.held().rememberedFailures).toBe(3);
  });

  it('hold at most pendingAcknowledgements slow receipts; past that, busy (503) and nothing signed or kept', async () => {
    const signed = { count: 0 };
    const d = destinations(signed);
    const answers = [];
    for (let n = 0; n < 10; n++) answers.push((await d.receive('customs', message(n, 'slow'))).status);
    expect(answers).toEqual([202, 202, 503, 503, 503, 503, 503, 503, 503, 503]);
    expect(d.held()).toMatchObject({ pendingAcknowledgements: 2, deliveries: 2 });
    expect(signed.count).toBe(2);
  });
});
