import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTestGateway } from '../support/gateway.js';
import { concretePath, ENCODINGS, isPublic, rawRequest, registeredRoutes, requestHead } from '../support/routes.js';

/**
 * Random requests at every route: fixed seed and a bounded number of runs, so CI time is known
 * and a failure reproduces (SWGATE_FUZZ_SEED and SWGATE_FUZZ_RUNS change them; fast-check
 * prints the seed and the shrunk counter-example when a property fails).
 */
const SEED = Number(process.env.SWGATE_FUZZ_SEED ?? 20261206);
const RUNS = Number(process.env.SWGATE_FUZZ_RUNS ?? 300);

const VALID_KEY = 'Bearer sandbox-trader-demo';
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND', 'get', 'G3T'];
const MEDIA_TYPES = [
  'application/json',
  'application/xml',
  'text/xml',
  'application/jose',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/xml; charset=utf-8',
  '',
];
/** Printable ASCII without CR and LF: header values a client can send (others make the request itself malformed, which the parser answers 400). */
const headerValue = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 });
const headerName = fc
  .stringMatching(/^[a-z][a-z0-9-]{0,15}$/)
  .filter((n) => !['content-length', 'transfer-encoding', 'connection', 'host', 'authorization', 'expect', 'upgrade'].includes(n));
const body = fc.oneof(
  fc.constant(''),
  fc.json({ maxDepth: 3 }),
  fc.string({ maxLength: 200 }),
  fc.constantFrom(
    '<a/>',
    '<?xml version="1.0"?><Declaration xmlns="urn:wco:datamodel:WCO:DEC-DMS:2"/>',
    '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>',
    '{"messageId":"m","receipt":"x.y.z"}',
    '{"status":"withdrawn","reason":"r"}',
  ),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);
const authorization = fc.constantFrom(
  undefined,
  VALID_KEY,
  'Bearer not-a-key',
  'Bearer',
  'Basic dXNlcjpwYXNz',
  'bearer sandbox-customs x',
  `${VALID_KEY}\u00e9`,
);
const paramValue = fc.oneof(
  fc.constantFrom('customs', '0', '-1', '99999999999', '01JAAAAAAAAAAAAAAAAAAAAAAA', '..', '%2e%2e', '%00', 'a'.repeat(300)),
  fc.stringMatching(/^[A-Za-z0-9._~%-]{1,20}$/),
);

describe('the HTTP edge under random requests', () => {
  const gateway = useTestGateway();

  it('never answers 500, never 2xx without credentials on a non-public route, and stays responsive', async () => {
    const routes = registeredRoutes(gateway.t.gateway.app!);
    const request = fc.record({
      route: fc.constantFrom(...routes),
      method: fc.oneof(fc.constant(undefined), fc.constantFrom(...METHODS)),
      params: fc.array(paramValue, { minLength: 3, maxLength: 3 }),
      encodings: fc.array(fc.constantFrom(...Object.keys(ENCODINGS)), { maxLength: 3 }),
      query: fc.oneof(
        fc.constant(''),
        fc.constantFrom('?index=0&size=1', '?from=0&to=1', '?limit=1000000', '?kind=__proto__', '?status=x&status=y', '?a[b]=c'),
        fc.stringMatching(/^\?[a-z=&%0-9]{0,30}$/),
      ),
      authorization,
      mediaType: fc.constantFrom(...MEDIA_TYPES),
      headers: fc.dictionary(headerName, headerValue, { maxKeys: 4 }),
      body,
    });
    console.log(`edge fuzz: seed ${SEED}, ${RUNS} runs over ${routes.length} routes (SWGATE_FUZZ_SEED / SWGATE_FUZZ_RUNS to change)`);

    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        let i = 0;
        let path = r.route.url.replace(/:\w+/g, () => r.params[i++] ?? 'x');
        path = concretePath(path);
        for (const name of r.encodings) path = ENCODINGS[name]!(path, gateway.port);
        const method = r.method ?? r.route.method;
        const bytes = Buffer.from(r.body, 'latin1');
        const headers: Record<string, string> = {
          ...r.headers,
          'content-length': String(bytes.length),
          ...(r.mediaType ? { 'content-type': r.mediaType } : {}),
          ...(r.authorization ? { authorization: r.authorization } : {}),
        };
        const answer = await rawRequest(gateway.port, requestHead(method, `${path}${r.query}`, gateway.port, headers), bytes);
        const label = `${method} ${path}${r.query} → ${answer.status}`;
        expect(answer.status, label).toBeGreaterThanOrEqual(100);
        expect(answer.status, label).toBeLessThan(500);
        if (r.authorization !== VALID_KEY && !isPublic(r.route) && answer.status < 300) expect.fail(`${label} without credentials`);
      }),
      { seed: SEED, numRuns: RUNS },
    );

    expect((await rawRequest(gateway.port, requestHead('GET', '/health/live', gateway.port))).status).toBe(200);
    expect((await rawRequest(gateway.port, requestHead('GET', '/health/ready', gateway.port))).status).toBe(200);
  }, 300_000);
});
