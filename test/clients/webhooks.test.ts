import { spawnSync } from 'node:child_process';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook, startWebhookWorker, WebhookQueue } from '../../src/runtime/webhooks.js';
import { TEST_REDIS_URL, testRedisPrefix } from '../support/redis.js';
import { PYTHON3, toolsPresent } from '../support/tools.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const SECRET = 'a-webhook-secret-of-the-participant';

/** The examples as an integrator runs them: a command given the two headers, the raw body on stdin. */
function verify(command: string[], received: Received, change: { body?: Buffer; timestamp?: string; secret?: string } = {}) {
  const run = spawnSync(
    command[0] as string,
    [...command.slice(1), change.timestamp ?? String(received.headers['x-swgate-timestamp']), String(received.headers['x-swgate-signature'])],
    {
      input: change.body ?? received.body,
      env: { ...process.env, SWGATE_WEBHOOK_SECRET: change.secret ?? SECRET },
      encoding: 'utf8',
    },
  );
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('the webhook verification examples (clients/webhooks), against a notification the gateway signed and sent', () => {
  let received: Received;
  const close: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    const arrived = new Promise<Received>((resolve) => {
      const server = createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (c: Buffer) => chunks.push(c));
        request.on('end', () => {
          response.writeHead(204).end();
          resolve({ headers: request.headers, body: Buffer.concat(chunks) });
        });
      });
      server.listen(0, '127.0.0.1');
      close.push(() => new Promise((r) => server.close(r)));
      server.on('listening', () => {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
        const settings = { connection: { url: TEST_REDIS_URL }, prefix: testRedisPrefix() };
        const worker = startWebhookWorker((id) => (id === 'trader-demo' ? { url, secret: SECRET } : undefined), settings);
        const queue = new WebhookQueue(settings);
        close.push(
          () => worker.close(),
          () => queue.close(),
        );
        void queue.notify('trader-demo', {
          event: 'exchange.ended',
          exchangeId: '01JD3Y8Q6W0000000000000000',
          status: 'completed',
          at: new Date().toISOString(),
        });
      });
    });
    received = await arrived;
  });
  afterAll(async () => {
    for (const c of close.reverse()) await c();
  });

  const languages: Array<[string, string[], boolean]> = [
    ['JavaScript', [process.execPath, 'clients/webhooks/verify.mjs'], true],
    ['Python', ['python3', 'clients/webhooks/verify.py'], toolsPresent(PYTHON3)],
  ];
  for (const [language, command, present] of languages) {
    describe.runIf(present)(language, () => {
      it('accepts the genuine notification', () => {
        expect(JSON.parse(received.body.toString('utf8'))).toMatchObject({ event: 'exchange.ended', exchangeId: '01JD3Y8Q6W0000000000000000' });
        const run = verify(command, received);
        expect(run.output).toContain('genuine');
        expect(run.status).toBe(0);
      });

      it('refuses a changed body, another secret, a moved timestamp and a replay from long ago', () => {
        const changed = Buffer.from(received.body.toString('utf8').replace('completed', 'rejected'));
        expect(verify(command, received, { body: changed }).status).toBe(1);
        expect(verify(command, received, { secret: 'someone-else' }).status).toBe(1);
        expect(verify(command, received, { timestamp: String(Number(received.headers['x-swgate-timestamp']) + 1) }).status).toBe(1);
        expect(verify(command, received, { timestamp: 'not-a-number' }).status).toBe(1);
        // Signed by the gateway's own function, but an hour ago: a captured notification cannot be replayed.
        const hourAgo = String(Math.floor(Date.now() / 1000) - 3600);
        const stale = {
          headers: { 'x-swgate-timestamp': hourAgo, 'x-swgate-signature': signWebhook(SECRET, hourAgo, received.body.toString('utf8')) },
          body: received.body,
        };
        expect(verify(command, stale).status).toBe(1);
      });
    });
  }
});
