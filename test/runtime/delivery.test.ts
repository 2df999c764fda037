import { sandboxConfigWith } from '../support/sandbox-config.js';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../src/runtime/webhooks.js';
import { sandboxPaths } from '../../src/trust/pki/sandbox-ca.js';
import { signReceipt } from '../../src/trust/receipt.js';
import { loadSigningKey } from '../../src/trust/pki/signing-key.js';
import { databaseKinds } from '../support/databases.js';
import { sample, startTestGateway, TEST_PKI_DIR, type TestGateway, waitFor } from '../support/gateway.js';

const kinds = await databaseKinds();
const trader = { authorization: 'Bearer sandbox-trader-demo' };
const WEBHOOK_SECRET = 'trader-demo-webhook-secret';

interface ExchangeView {
  status: string;
  deliveries: Array<{ destination: string; status: string; attempts: number; receipt?: { status: string; findings?: Array<{ code: string }> } }>;
  timeline: Array<{ event: string; destination?: string }>;
}

/** The sandbox configuration with a webhook for the trader, pointing at a server of the test. */
function configWithWebhook(url: string): string {
  return sandboxConfigWith((yaml) =>
    yaml.replace(
      '  - id: trader-demo\n    kind: trader\n',
      `  - id: trader-demo\n    kind: trader\n    webhook: { url: "${url}", secret: "${WEBHOOK_SECRET}" }\n`,
    ),
  );
}

describe.each(kinds)('routing and delivery (%s)', (kind) => {
  let t: TestGateway;
  let hooks: Server;
  /** Every webhook request, with the status the test's receiver answered: the first per exchange fails. */
  const notifications: Array<{ body: string; headers: IncomingMessage['headers']; answered: number }> = [];

  beforeAll(async () => {
    hooks = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const exchangeId = (JSON.parse(body) as { exchangeId: string }).exchangeId;
        const answered = notifications.some((n) => n.body.includes(exchangeId)) ? 204 : 500;
        notifications.push({ body, headers: req.headers, answered });
        res.writeHead(answered).end();
      });
    }).listen(0, '127.0.0.1');
    await once(hooks, 'listening');
    const { port } = hooks.address() as { port: number };
    t = await startTestGateway(kind, { SWGATE_CONFIG: configWithWebhook(`http://127.0.0.1:${port}/hooks`) });
  });
  afterAll(async () => {
    await t?.stop();
    hooks?.close();
  });

  const lodge = async (scenario?: string) => {
    const res = await fetch(`${t.url}/v1/declarations`, {
      method: 'POST',
      headers: { ...trader, 'content-type': 'application/xml', ...(scenario ? { 'x-sandbox-scenario': scenario } : {}) },
      body: sample('import/TT_IM036a__TT_IM036a.xml'),
    });
    expect(res.status).toBe(202);
    return ((await res.json()) as { exchangeId: string }).exchangeId;
  };
  const view = async (id: string) => (await (await fetch(`${t.url}/v1/exchanges/${id}`, { headers: trader })).json()) as ExchangeView;
  const settled = (id: string) =>
    waitFor(
      () => view(id),
      (e) => !['received', 'validated', 'routed'].includes(e.status),
      20_000,
    );

  it('ends every sandbox scenario as the contract says, failing within 20 s when the destinations never answer', async () => {
    const expected: Record<string, string> = {
      accept: 'delivered',
      warn: 'delivered-with-warnings',
      reject: 'rejected',
      slow: 'delivered',
      'fail-once': 'delivered',
      'fail-always': 'failed',
    };
    const started = Date.now();
    const ids = Object.fromEntries(await Promise.all(Object.keys(expected).map(async (s) => [s, await lodge(s)] as const)));
    const views = Object.fromEntries(await Promise.all(Object.entries(ids).map(async ([s, id]) => [s, await settled(id)] as const)));
    expect(Object.fromEntries(Object.entries(views).map(([s, v]) => [s, v.status]))).toEqual(expected);
    expect(Date.now() - started).toBeLessThan(20_000);

    expect(views.warn?.deliveries[0]?.receipt).toMatchObject({ status: 'accepted-with-warnings', findings: [{ code: 'sandbox.warning' }] });
    expect(views['fail-once']?.deliveries.map((d) => d.attempts)).toEqual([2, 2]);
    expect(views['fail-always']?.deliveries.map((d) => [d.status, d.attempts])).toEqual([
      ['failed', 4],
      ['failed', 4],
    ]);
    // slow: the destination answered 202 first and acknowledged later through POST /v1/acknowledgements
    const slowEvents = views.slow?.timeline.filter((e) => e.destination === 'customs').map((e) => e.event);
    expect(slowEvents?.slice(-2)).toEqual(['delivered', 'acknowledged']);
  });

  it('lets an operator, and only an operator, re-queue a failed delivery', async () => {
    const id = await lodge('fail-always');
    await settled(id);
    const retry = (who: string, destination = 'customs') =>
      fetch(`${t.url}/v1/exchanges/${id}/deliveries/${destination}/retry`, { method: 'POST', headers: { authorization: `Bearer sandbox-${who}` } });
    expect((await retry('trader-demo')).status).toBe(403);
    expect((await retry('customs', 'pga-food')).status).toBe(404);
    expect((await retry('customs')).status).toBe(202);
    const after = await view(id);
    expect(after.status).toBe('routed');
    expect(after.timeline.filter((e) => e.destination === 'customs').map((e) => e.event)).toContain('queued');
    expect((await retry('customs')).status).toBe(409);
  });

  it('takes an acknowledgement only from the destination, signed by it, for the bytes sent, and never changes one', async () => {
    const id = await lodge('slow');
    const sent = await waitFor(
      () => view(id),
      (e) => e.deliveries.every((d) => d.status === 'delivered' || d.status === 'acknowledged'),
    );
    expect(sent.deliveries.length).toBe(2);
    const ack = (who: string, body: unknown) =>
      fetch(`${t.url}/v1/acknowledgements`, {
        method: 'POST',
        headers: { authorization: `Bearer sandbox-${who}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const customsKey = loadSigningKey(sandboxPaths(TEST_PKI_DIR, ['customs']).entities.customs!.ecdsa);
    const signed = (status: 'accepted' | 'rejected', receivedSha256: string) =>
      signReceipt(
        { messageId: `${id}.customs`, from: 'customs', to: 'gateway', status, receivedSha256, receivedAt: new Date().toISOString(), findings: [] },
        customsKey,
      );
    const plain = { status: 'accepted', receivedSha256: 'f'.repeat(64) };

    expect((await ack('pga-food', { messageId: `${id}.customs`, receipt: plain })).status).toBe(403);
    expect((await ack('customs', { messageId: `01AAAAAAAAAAAAAAAAAAAAAAAA.customs`, receipt: plain })).status).toBe(404);
    expect((await ack('customs', { messageId: `${id}.customs` })).status).toBe(400);
    const unsigned = await ack('customs', { messageId: `${id}.customs`, receipt: plain });
    expect([409, 422]).toContain(unsigned.status); // 422 while awaiting; 409 if the sandbox's own acknowledgement came first
    expect((await ack('customs', { messageId: `${id}.customs`, receipt: await signed('accepted', 'f'.repeat(64)) })).status).toBe(422);

    const done = await settled(id);
    expect(done.status).toBe('delivered');
    const sentSha256 =
      (
        (await (await fetch(`${t.url}/v1/exchanges/${id}`, { headers: trader })).json()) as { documents: Array<{ name: string; sha256: string }> }
      ).documents.find((d) => d.name === 'to-customs')?.sha256 ?? '';
    expect((await ack('customs', { messageId: `${id}.customs`, receipt: await signed('accepted', sentSha256) })).status).toBe(202);
    expect((await ack('customs', { messageId: `${id}.customs`, receipt: await signed('rejected', sentSha256) })).status).toBe(409);
  });

  it('notifies the sender through its webhook, signed, once per ending, retrying until the webhook takes it', async () => {
    const id = await lodge('accept');
    await settled(id);
    const mine = await waitFor(
      async () => notifications.filter((n) => n.body.includes(id)),
      (n) => n.some((h) => h.answered === 204),
    );
    // The receiver refused the first attempt; the same notification came again and was taken, and no more came.
    expect(mine.map((h) => h.answered)).toEqual([500, 204]);
    expect(mine[1]?.body).toBe(mine[0]?.body);
    await new Promise((r) => setTimeout(r, 1500));
    expect(notifications.filter((n) => n.body.includes(id))).toHaveLength(2);
    const hook = mine[1];
    expect(JSON.parse(hook?.body ?? '')).toMatchObject({ event: 'exchange.ended', exchangeId: id, status: 'delivered' });
    const timestamp = String(hook?.headers['x-swgate-timestamp']);
    expect(verifyWebhook(WEBHOOK_SECRET, timestamp, hook?.body ?? '', String(hook?.headers['x-swgate-signature']))).toBe(true);
    expect(verifyWebhook('another-secret-of-16', timestamp, hook?.body ?? '', String(hook?.headers['x-swgate-signature']))).toBe(false);
  });

  it('refuses an unknown sandbox scenario', async () => {
    const res = await fetch(`${t.url}/v1/declarations`, {
      method: 'POST',
      headers: { ...trader, 'content-type': 'application/xml', 'x-sandbox-scenario': 'explode' },
      body: sample('import/TT_IM036a__TT_IM036a.xml'),
    });
    expect(res.status).toBe(400);
  });
});
