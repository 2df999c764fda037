import Fastify from 'fastify';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONSOLE_DIST, consoleRoutes } from '../../src/http/console.js';
import { installProblemHandlers } from '../../src/http/problem.js';
import { useTestGateway } from '../support/gateway.js';
import { rawRequest, requestHead } from '../support/routes.js';

const index = readFileSync(join(CONSOLE_DIST, 'index.html'), 'utf8');
const script = /<script[^>]*src="(\/console\/assets\/[^"]+\.js)"/.exec(index)?.[1] ?? '';

describe('the console at /console', () => {
  const gateway = useTestGateway();
  const get = (path: string, headers: Record<string, string> = {}) => rawRequest(gateway.port, requestHead('GET', path, gateway.port, headers));

  it('is built with no inline script: every script element names a file of the build', () => {
    expect(script).not.toBe('');
    const scripts = [...index.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/console\/assets\//);
      expect(body!.trim()).toBe('');
    }
    expect(index).not.toMatch(/\son[a-z]+=/i); // no inline event handler
  });

  it('serves the page without credentials, under a strict Content-Security-Policy, never cached stale', async () => {
    const page = await get('/console');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = page.headers['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.body).toContain(script);
  });

  it("answers each screen's path with the page (the script routes), and hashed assets as immutable", async () => {
    for (const path of ['/console/', '/console/exchanges', '/console/exchanges/01JAAAAAAAAAAAAAAAAAAAAAAA', '/console/log?x=1']) {
      const answer = await get(path);
      expect([path, answer.status, answer.body.includes(script)]).toEqual([path, 200, true]);
    }
    const asset = await get(script);
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const again = await get(script, { 'if-none-match': asset.headers.etag! });
    expect(again.status).toBe(304);
  });

  it('answers a missing asset 404 problem+json, not the page', async () => {
    for (const path of ['/console/assets/index-gone.js', '/console/favicon.png']) {
      const answer = await get(path);
      expect([path, answer.status]).toEqual([path, 404]);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('serves only files of the build, however the path is written', async () => {
    const secrets = ['"name": "swgate"', 'BEGIN', 'apiKeySha256', 'compilerOptions'];
    for (const path of [
      '/console/../package.json',
      '/console/%2e%2e/package.json',
      '/console/assets/..%2f..%2f..%2fpackage.json',
      '/console/..%5c..%5cpackage.json',
      '/console/%2e%2e%2f%2e%2e%2fconfig%2fsandbox.yaml',
      '/console/assets/%00',
      '/console//etc/passwd',
      `/console/${'a/'.repeat(2000)}`,
      '/console/assets/../../tsconfig.json',
    ]) {
      const answer = await get(path);
      expect(answer.status, path).not.toBeGreaterThanOrEqual(500);
      for (const secret of secrets) expect(answer.body, path).not.toContain(secret);
    }
  });

  it('is no way around authentication: a dot segment out of /console reaches the page, never the API', async () => {
    const answer = await get('/console/../v1/participants/me');
    // The router does not resolve dot segments: this is a console path, answered with the page.
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.body).not.toContain('"operator"');
    expect((await get('/v1/participants/me')).status).toBe(401);
  });
});

describe('the console not built', () => {
  it('answers 503 console.not-built, naming the command', async () => {
    const app = Fastify();
    installProblemHandlers(app);
    consoleRoutes(app, { dir: mkdtempSync(join(tmpdir(), 'swgate-console-')) });
    const answer = await app.inject({ method: 'GET', url: '/console/exchanges' });
    expect(answer.statusCode).toBe(503);
    expect(answer.json().findings[0].code).toBe('console.not-built');
    await app.close();
  });
});
