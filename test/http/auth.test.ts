import Fastify from 'fastify';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { installAuthentication } from '../../src/http/auth.js';
import { installProblemHandlers } from '../../src/http/problem.js';
import { useTestGateway } from '../support/gateway.js';
import { concretePath, ENCODINGS, isPublic, rawRequest, registeredRoutes, requestHead } from '../support/routes.js';

function bodyFor(method: string): { headers: Record<string, string>; body: string } {
  if (method === 'GET' || method === 'HEAD') return { headers: {}, body: '' };
  const body = '{"messageId":"m","receipt":"r","status":"withdrawn","reason":"x"}';
  return { headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }, body };
}

describe('authentication is decided per route, never by how the path is written', () => {
  const gateway = useTestGateway();

  it('walks every registered route', () => {
    const urls = registeredRoutes(gateway.t.gateway.app!).map((r) => `${r.method} ${r.url}`);
    // The enumeration itself: if it found nothing (or only the public routes), the walk below would prove nothing.
    expect(urls).toEqual(
      expect.arrayContaining([
        'GET /v1/exchanges/:id',
        'POST /v1/declarations',
        'GET /v1/log/entries/:index',
        'POST /v1/validate',
        'GET /metrics',
        'GET /health/live',
        'POST /v1/inbound',
      ]),
    );
    expect(urls.length).toBeGreaterThan(25);
  });

  it('never answers 2xx to an anonymous caller on a non-public route, nor 500, whatever the encoding', async () => {
    const routes = registeredRoutes(gateway.t.gateway.app!);
    const matrix: Record<string, Record<string, number>> = {};
    const failures: string[] = [];
    for (const route of routes) {
      const path = concretePath(route.url);
      const row: Record<string, number> = {};
      for (const [name, encode] of Object.entries(ENCODINGS)) {
        const { headers, body } = bodyFor(route.method);
        const target = encode(path, gateway.port);
        const answer = await rawRequest(gateway.port, requestHead(route.method, target, gateway.port, headers), body);
        row[name] = answer.status;
        if (answer.status === 0 || answer.status >= 500) failures.push(`${route.method} ${target} → ${answer.status}`);
        else if (!isPublic(route) && answer.status < 300) failures.push(`${route.method} ${target} → ${answer.status} without credentials`);
      }
      matrix[`${route.method} ${route.url}`] = row;
    }
    // SWGATE_EDGE_MATRIX=<file> keeps the whole route × encoding table (for a review or a comparison with an older build).
    if (process.env.SWGATE_EDGE_MATRIX) writeFileSync(process.env.SWGATE_EDGE_MATRIX, JSON.stringify(matrix, null, 1));
    expect(failures).toEqual([]);
  }, 120_000);

  it('answers an unknown path like a protected one: 401 without credentials, 404 only to a participant', async () => {
    const anonymous = await rawRequest(gateway.port, requestHead('GET', '/v1/no-such-thing', gateway.port));
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    const known = await rawRequest(gateway.port, requestHead('GET', '/v1/no-such-thing', gateway.port, { authorization: 'Bearer sandbox-trader-demo' }));
    expect(known.status).toBe(404);
  });

  it('lets a participant through every encoding the router reads as its route, and no further', async () => {
    for (const target of ['/v1/participants/me', '/%76%31/participants/me', `http://127.0.0.1:${gateway.port}/v1/participants/me`, '/v1/participants/me;x=1']) {
      const answer = await rawRequest(gateway.port, requestHead('GET', target, gateway.port, { authorization: 'Bearer sandbox-trader-demo' }));
      // The router reads `me;x=1` as a participant id: that route is for operators, so a trader gets 403 there.
      expect([200, 403, 404], target).toContain(answer.status);
    }
  });
});

describe('request.participant', () => {
  it('is a 401, not a 500, when read where nobody authenticated', async () => {
    const app = Fastify();
    installProblemHandlers(app);
    installAuthentication(app, []);
    app.get('/open', { config: { public: true } }, async (request) => ({ id: request.participant.id }));
    const answer = await app.inject({ method: 'GET', url: '/open' });
    expect(answer.statusCode).toBe(401);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.json().findings[0].code).toBe('auth.missing');
    await app.close();
  });
});
