import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isPublicAddress, send, TransportError } from '../src/http-client.js';
import { startHostileServer, type HostileServer } from './support/hostile-server.js';

let server: HostileServer;
const received: Array<{ method: string; headers: Record<string, unknown>; body: string }> = [];

beforeAll(async () => {
  server = await startHostileServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ method: request.method ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(201, { 'content-type': 'text/plain' }).end('answered');
    });
  });
});
afterAll(() => server.close());

const limits = { timeoutMs: 1000, maxAnswerBytes: 1024 };

/** The request's failure, which it must have. */
async function failure(request: Promise<unknown>): Promise<TransportError> {
  const error = await request.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TransportError);
  return error as TransportError;
}

describe('an outbound request', () => {
  it('POSTs a body with its headers and GETs without one; the answer comes back as it was, whatever its status', async () => {
    expect(await send({ url: `${server.origin}/echo?x=1`, body: 'Ünïcode', headers: { 'content-type': 'text/plain', 'x-test': 'yes' }, ...limits })).toEqual({
      status: 201,
      mediaType: 'text/plain',
      body: Buffer.from('answered'),
    });
    await send({ url: `${server.origin}/echo`, ...limits });
    expect(received.slice(-2)).toMatchObject([
      { method: 'POST', headers: { 'x-test': 'yes' }, body: 'Ünïcode' },
      { method: 'GET', body: '' },
    ]);
    expect(server.asked.slice(-2)).toEqual(['/echo?x=1', '/echo']);
  });

  it('reads no more of an answer than the cap', async () => {
    expect((await send({ url: `${server.origin}/huge?bytes=1024`, ...limits })).body.length).toBe(1024);
    const error = await failure(send({ url: `${server.origin}/huge?bytes=${4 * 1024 * 1024}`, ...limits }));
    expect(error.reason).toBe('too-large');
    expect(error.message).toMatch(/larger than 1024 bytes/);
  });

  it('gives up on silence, and on an answer that trickles in, once the whole request has taken timeoutMs', async () => {
    for (const path of ['/silent', '/trickle']) {
      const started = Date.now();
      const error = await failure(send({ url: `${server.origin}${path}`, timeoutMs: 300, maxAnswerBytes: 1024 * 1024 }));
      expect(error.reason, path).toBe('timeout');
      expect(error.message).toMatch(/timeout/i);
      expect(Date.now() - started, path).toBeLessThan(1500);
    }
  });

  it('does not follow a redirect: the 302 is the answer', async () => {
    const answer = await send({ url: `${server.origin}/redirect?to=/echo-after-redirect`, ...limits });
    expect(answer.status).toBe(302);
    expect(server.asked).not.toContain('/echo-after-redirect');
  });

  it('an unreachable address is a transport failure', async () => {
    expect((await failure(send({ url: 'http://127.0.0.1:1/', ...limits }))).message).toMatch(/ECONNREFUSED/);
  });

  it("names only the URL's origin when it fails: its user, path and query may hold the endpoint's secret", async () => {
    const secretly = (origin: string, path: string) => `${origin.replace('http://', 'http://user:secret@')}${path}`;
    const failures = [
      await failure(send({ url: secretly(server.origin, '/silent?token=secret'), ...limits, timeoutMs: 200 })),
      await failure(send({ url: secretly(server.origin, '/huge?bytes=4096&token=secret'), ...limits })),
      await failure(send({ url: secretly('http://127.0.0.1:1', '/secret?token=secret'), ...limits })),
    ];
    expect(failures.map((error) => error.reason)).toEqual(['timeout', 'too-large', 'unreachable']);
    for (const error of failures) expect(error.message).toMatch(/^http:\/\/127\.0\.0\.1:\d+: /);
    expect(failures.filter((error) => error.message.includes('secret'))).toEqual([]);
    expect((await failure(send({ url: 'file:///etc/secret', ...limits }))).message).toMatch(/^a URL that is not http\(s\): /);
    expect((await failure(send({ url: 'not a url with a secret', ...limits }))).message).toMatch(/^a URL that is not http\(s\): /);
  });

  it('a TLS file that cannot be read is a transport failure naming it: nothing is sent, no deadline is left running', async () => {
    const tls = { cert: '/nonexistent/client.pem', key: '/nonexistent/client.key' };
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const error = await failure(send({ url: `${server.origin}/with-tls`, tls, ...limits }));
      expect(error.message).toMatch(/ENOENT.*\/nonexistent\/client\.pem/);
      expect(vi.getTimerCount(), 'no deadline left running').toBe(0);
    } finally {
      vi.useRealTimers();
    }
    expect(server.asked).not.toContain('/with-tls');
  });
});

describe('public addresses only', () => {
  it('refuses a host name that resolves to an internal address, before any byte is sent; allowed, it connects', async () => {
    const byName = `${server.origin.replace('127.0.0.1', 'localhost')}/by-name`;
    const error = await failure(send({ url: byName, publicAddressesOnly: true, ...limits }));
    expect(error.message).toMatch(/localhost resolves only to internal addresses/);
    expect(server.asked).not.toContain('/by-name');
    expect((await send({ url: byName, ...limits })).status).toBe(201);
    expect(server.asked).toContain('/by-name');
  });

  it('connects to a literal address as written: whoever wrote it chose it', async () => {
    expect((await send({ url: `${server.origin}/literal`, publicAddressesOnly: true, ...limits })).status).toBe(201);
  });

  it('counts loopback, private, link-local, shared, multicast, unspecified and IPv4-mapped internal addresses as internal', () => {
    const internal = [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '224.0.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fc00::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
    ];
    expect(internal.filter(isPublicAddress)).toEqual([]);
    expect(['8.8.8.8', '2001:4860:4860::8888', '::ffff:8.8.8.8'].every(isPublicAddress)).toBe(true);
    expect(isPublicAddress('not an address')).toBe(false);
  });
});
