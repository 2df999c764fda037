import Fastify from 'fastify';
import { connect, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { capConnectionsPerClient } from '../../src/http/connections.js';
import { installProblemHandlers } from '../../src/http/problem.js';
import { useTestGateway, waitFor } from '../support/gateway.js';
import { rawRequest, requestHead } from '../support/routes.js';
import { testPki } from '../support/tls.js';

const CAP = 4;

/** A loopback connection from `localAddress`, open once the server side has it. */
function open(port: number, localAddress = '127.0.0.1'): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** What the server wrote on a socket until it closed it (the tests never close theirs: a close is the server's). */
function untilClosed(socket: Socket): Promise<string> {
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString('latin1')));
  socket.on('error', () => {});
  return new Promise((resolve) => socket.once('close', () => resolve(received)));
}

/** The status of the first answer on a socket (0 if it closed without one). */
function firstStatus(socket: Socket): Promise<number> {
  return new Promise((resolve) => {
    socket.once('data', (chunk) => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(chunk.toString('latin1'))?.[1] ?? 0)));
    socket.on('error', () => {});
    socket.once('close', () => resolve(0));
  });
}

/** A keep-alive request: the connection stays open after its answer, held by the client. */
const keptAlive = (port: number) => requestHead('GET', '/health/live', port).replace('Connection: close\r\n', '');

describe('connections are bounded in time and number', () => {
  const gateway = useTestGateway({
    SWGATE_REQUEST_TIMEOUT_MS: '1500',
    SWGATE_HEADERS_TIMEOUT_MS: '1000',
    SWGATE_IDLE_TIMEOUT_MS: '1500',
    SWGATE_MAX_CONNECTIONS_PER_CLIENT: String(CAP),
  });

  it('cuts off a slow upload: 408 problem+json, and the server closes the connection', async () => {
    const socket = await open(gateway.port);
    const closed = untilClosed(socket);
    socket.write(
      requestHead('POST', '/v1/validate', gateway.port, {
        authorization: 'Bearer sandbox-trader-demo',
        'content-type': 'application/xml',
        'content-length': '100000',
      }),
    );
    // One byte every 100 ms keeps the connection busy (an idle timeout alone never fires) and would take hours to finish.
    let sent = 0;
    const drip = setInterval(() => {
      if (!socket.destroyed) {
        socket.write('<');
        sent++;
      }
    }, 100);
    const received = await closed;
    clearInterval(drip);
    expect(sent).toBeLessThan(100_000);
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(received).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(received.slice(received.indexOf('\r\n\r\n') + 4)).findings[0].code).toBe('request.timeout');
  });

  it('closes a connection whose headers never end, with a 408 problem', async () => {
    const socket = await open(gateway.port);
    const closed = untilClosed(socket);
    socket.write('GET /health/live HTTP/1.1\r\nHost: x\r\n');
    const drip = setInterval(() => !socket.destroyed && socket.write('X-Slow: 1\r\n'), 100);
    expect(await closed).toMatch(/^HTTP\/1\.1 408 /);
    clearInterval(drip);
  });

  it('closes a connection that never sends anything, with a 408 problem', async () => {
    expect(await untilClosed(await open(gateway.port))).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('caps the connections one client holds, while another client is still answered', async () => {
    const flood: Socket[] = [];
    const statuses: number[] = [];
    // One after the other, each kept open after its answer, as a client holding connections does.
    for (let i = 0; i < CAP + 3; i++) {
      const socket = await open(gateway.port);
      flood.push(socket);
      const status = firstStatus(socket);
      socket.write(keptAlive(gateway.port));
      statuses.push(await status);
    }
    expect(statuses).toEqual([...Array<number>(CAP).fill(200), 429, 429, 429]);
    // Another address (all of 127.0.0.0/8 is loopback) is not held back by the first one's flood.
    const other = await rawRequest(gateway.port, requestHead('GET', '/health/live', gateway.port), '', { localAddress: '127.0.0.2' });
    expect(other.status).toBe(200);
    // Once its connections are closed (the server sees it a moment later), the first client is served again.
    for (const socket of flood) socket.destroy();
    expect(
      await waitFor(
        async () => (await rawRequest(gateway.port, requestHead('GET', '/health/live', gateway.port))).status,
        (s) => s === 200,
      ),
    ).toBe(200);
  });

  it('answers a too-many connection with a 429 problem', async () => {
    const held: Socket[] = [];
    for (let i = 0; i < CAP; i++) {
      const socket = await open(gateway.port);
      const status = firstStatus(socket);
      socket.write(keptAlive(gateway.port));
      expect(await status).toBe(200);
      held.push(socket);
    }
    const extra = await rawRequest(gateway.port, requestHead('GET', '/health/live', gateway.port));
    for (const socket of held) socket.destroy();
    expect(extra.status).toBe(429);
    expect(extra.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(extra.body).findings[0].code).toBe('request.too-many-connections');
  });

  it('answers headers over the size limit with a 431 problem', async () => {
    const answer = await rawRequest(gateway.port, requestHead('GET', '/health/live', gateway.port, { 'x-big': 'a'.repeat(20_000) }));
    expect(answer.status).toBe(431);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(answer.body)).toMatchObject({ status: 431, findings: [{ code: 'request.headers-too-large' }] });
  });

  it('answers a request Node cannot parse with a 400 problem', async () => {
    const answer = await rawRequest(gateway.port, 'GET /health/live HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n');
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toBe('application/problem+json');
  });
});

describe('the connection cap over TLS', () => {
  it('counts established TLS sessions and answers the one beyond with a 429 problem inside TLS', async () => {
    const pki = testPki([]);
    const app = Fastify({ https: { cert: pki.server.cert, key: pki.server.key } });
    installProblemHandlers(app);
    capConnectionsPerClient(app, 1, true);
    app.get('/x', async () => ({ ok: true }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    const ask = () =>
      new Promise<{ socket: Socket; answer: string }>((resolve, reject) => {
        const socket = connectTls({ port, host: '127.0.0.1', ca: pki.caPem }, () => socket.write('GET /x HTTP/1.1\r\nHost: x\r\n\r\n'));
        socket.once('data', (chunk) => resolve({ socket, answer: chunk.toString('latin1') }));
        socket.once('error', reject);
      });
    const first = await ask();
    const second = await ask();
    expect(first.answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(second.answer).toMatch(/^HTTP\/1\.1 429 /);
    expect(second.answer).toMatch(/request\.too-many-connections/);
    first.socket.destroy();
    second.socket.destroy();
    await app.close();
  });
});
