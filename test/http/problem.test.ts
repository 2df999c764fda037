/**
 * The refusals a newcomer meets in the first hour, each as problem+json whose findings say what
 * came, what was expected, and (for the limits) how much.
 */
import { describe, expect, it } from 'vitest';
import { sample, useTestGateway } from '../support/gateway.js';

interface Problem {
  status: number;
  title: string;
  detail: string;
  findings: Array<{ code: string; message: string }>;
}

const asTrader = { authorization: 'Bearer sandbox-trader-demo' };

async function problemOf(res: Response): Promise<Problem> {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await res.json()) as Problem;
}

describe('the errors a newcomer meets first', () => {
  const gateway = useTestGateway({ SWGATE_BODY_LIMIT: '65536' });
  const url = (path: string) => `${gateway.t.url}${path}`;

  it('a POST without Content-Type: 415 naming that none came and what the route accepts', async () => {
    const res = await fetch(url('/v1/declarations'), { method: 'POST', headers: asTrader, body: new Uint8Array(sample('import/TT_IM036a__TT_IM036a.xml')) });
    expect(res.status).toBe(415);
    const problem = await problemOf(res);
    expect(problem.findings[0]).toMatchObject({ code: 'request.media-type' });
    expect(problem.findings[0]!.message).toBe('The request has no Content-Type; this route accepts application/xml, text/xml, application/json.');
  });

  it('a form post to a document route: 415 naming the type that came', async () => {
    const res = await fetch(url('/v1/declarations'), {
      method: 'POST',
      headers: { ...asTrader, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    expect(res.status).toBe(415);
    expect((await problemOf(res)).findings[0]!.message).toBe(
      'The request is application/x-www-form-urlencoded; this route accepts application/xml, text/xml, application/json.',
    );
  });

  it('a wrong type on a JSON route: 415 naming application/json', async () => {
    const res = await fetch(url('/v1/acknowledgements'), { method: 'POST', headers: { ...asTrader, 'content-type': 'application/xml' }, body: '<a/>' });
    expect(res.status).toBe(415);
    expect((await problemOf(res)).findings[0]!.message).toBe('The request is application/xml; this route accepts application/json.');
  });

  it('a hostile Content-Type is cut short in the answer, and stays inert text in JSON and XML', async () => {
    const hostile = `text/<script>alert(1)</script>${'x'.repeat(5000)}`;
    const res = await fetch(url('/v1/declarations'), { method: 'POST', headers: { ...asTrader, 'content-type': hostile }, body: 'a' });
    expect(res.status).toBe(415);
    const message = (await problemOf(res)).findings[0]!.message;
    expect(message.length).toBeLessThan(250);
    expect(message.startsWith('The request is text/<script>alert(1)</script>xxx')).toBe(true);
    const xml = await fetch(url('/v1/declarations'), {
      method: 'POST',
      headers: { ...asTrader, accept: 'application/xml', 'content-type': hostile },
      body: 'a',
    });
    const text = await xml.text();
    expect(text).not.toContain('<script>');
    expect(text).toContain('&#60;script&#62;');
  });

  it('XML to /v1/consignments: 415 (consignments are JSON), not a JSON parse error', async () => {
    const res = await fetch(url('/v1/consignments'), {
      method: 'POST',
      headers: { authorization: 'Bearer sandbox-platform-demo', 'content-type': 'application/xml' },
      body: '<Consignment/>',
    });
    expect(res.status).toBe(415);
    expect((await problemOf(res)).findings[0]!.message).toBe('The request is application/xml; this route accepts application/json.');
  });

  it('a trader posting an e-LPCO: 403, it is not an issuer (not a routing failure)', async () => {
    const res = await fetch(url('/v1/lpcos'), {
      method: 'POST',
      headers: { ...asTrader, 'content-type': 'application/json' },
      body: '{"documentCode":"N851"}',
    });
    expect(res.status).toBe(403);
    const problem = await problemOf(res);
    expect(problem.findings.map((f) => f.code)).toEqual(['lpco.not-an-issuer']);
    expect(problem.findings[0]!.message).toContain('trader-demo');
  });

  it('413 states the limit', async () => {
    const res = await fetch(url('/v1/declarations'), {
      method: 'POST',
      headers: { ...asTrader, 'content-type': 'application/xml' },
      body: `<a>${'x'.repeat(70_000)}</a>`,
    });
    expect(res.status).toBe(413);
    const problem = await problemOf(res);
    expect(problem.findings[0]).toMatchObject({ code: 'request.too-large' });
    expect(problem.findings[0]!.message).toBe('The body exceeds the limit of 65536 bytes (64 KiB) this gateway accepts (SWGATE_BODY_LIMIT).');
  });

  it('GET / answers anyone with where to go next', async () => {
    const res = await fetch(url('/'));
    expect(res.status).toBe(200);
    const index = (await res.json()) as { name: string; sandbox: boolean; links: Record<string, string> };
    expect(index.sandbox).toBe(true);
    expect(index.links).toMatchObject({ docs: '/docs', openapi: '/openapi.json', live: '/health/live', ready: '/health/ready' });
    for (const link of Object.values(index.links)) expect((await fetch(url(link))).status, link).toBe(200);
  });

  it('a known path with a wrong method: 405 with Allow for a known caller; 401 for an anonymous one, as for any path', async () => {
    const res = await fetch(url('/v1/declarations'), { method: 'GET', headers: asTrader });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    const problem = await problemOf(res);
    expect(problem.findings[0]).toMatchObject({ code: 'request.method-not-allowed', message: 'GET is not allowed on /v1/declarations; it allows POST.' });

    const withParam = await fetch(url('/v1/exchanges/01ABC'), { method: 'DELETE', headers: asTrader });
    expect(withParam.status).toBe(405);
    expect(withParam.headers.get('allow')).toBe('GET, HEAD');

    // Anonymous: the same answer as for a path that does not exist, so nothing about routes leaks.
    const anonymous = await fetch(url('/v1/declarations'), { method: 'GET' });
    const unknown = await fetch(url('/v1/no-such-route'), { method: 'GET' });
    expect([anonymous.status, unknown.status]).toEqual([401, 401]);
    expect(anonymous.headers.get('allow')).toBeNull();

    expect((await fetch(url('/v1/no-such-route'), { headers: asTrader })).status).toBe(404);
    // A public path with a wrong method is not a public route: credentials first, as anywhere.
    expect((await fetch(url('/health/live'), { method: 'POST' })).status).toBe(401);
    const known = await fetch(url('/health/live'), { method: 'POST', headers: asTrader });
    expect(known.status).toBe(405);
    expect(known.headers.get('allow')).toBe('GET, HEAD');
  });
});
