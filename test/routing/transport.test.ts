import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransportError } from '../../src/http-client.js';
import { MAX_ANSWER_BYTES, post } from '../../src/routing/transport.js';

/** A destination on loopback whose answer each test chooses by path. */
let server: Server;
let base = '';
const received: Array<{ path: string; headers: Record<string, unknown>; body: Buffer }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      if (req.url === '/receipt') res.writeHead(200, { 'content-type': 'application/jose' }).end('eyJ.signed.receipt');
      else if (req.url === '/problem?strict=1') res.writeHead(422, { 'content-type': 'application/problem+json' }).end('{"title":"no"}');
      else if (req.url === '/huge') res.writeHead(200, { 'content-type': 'application/json' }).end(Buffer.alloc(MAX_ANSWER_BYTES + 1, 32));
      else if (req.url === '/silent') setTimeout(() => res.writeHead(200).end(), 2_000);
    });
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const message = (path: string, body: string | Uint8Array = '<Declaration/>') => ({
  url: `${base}${path}`,
  body,
  mediaType: 'application/xml',
  headers: { 'x-swgate-message-id': 'm1' },
  timeoutMs: 500,
});

describe('posting a delivery', () => {
  it('sends the bytes with their media type and headers, and returns the answer as it came', async () => {
    const bytes = Buffer.from('<Envelope>Ünïcode</Envelope>');
    expect(await post(message('/receipt', bytes))).toEqual({ status: 200, mediaType: 'application/jose', body: 'eyJ.signed.receipt' });
    const last = received.at(-1)!;
    expect(last.body.equals(bytes)).toBe(true);
    expect(last.headers).toMatchObject({ 'content-type': 'application/xml', 'x-swgate-message-id': 'm1' });
  });

  it('returns a refusal as an answer, with its query string sent', async () => {
    expect(await post(message('/problem?strict=1'))).toEqual({ status: 422, mediaType: 'application/problem+json', body: '{"title":"no"}' });
  });

  it('gives up on an answer larger than a receipt could be, as a transport failure (retried)', async () => {
    await expect(post(message('/huge'))).rejects.toThrow(TransportError);
    await expect(post(message('/huge'))).rejects.toThrow(/larger than 1048576 bytes/);
  });

  it('takes silence past the timeout and an unreachable destination as transport failures', async () => {
    await expect(post(message('/silent'))).rejects.toThrow(TransportError);
    await expect(post(message('/silent'))).rejects.toThrow(/timeout/i);
    await expect(post({ ...message('/'), url: 'http://127.0.0.1:1/' })).rejects.toThrow(/ECONNREFUSED/);
  });
});
