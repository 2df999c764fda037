import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { describedApp, OPENAPI_FILE, openApiDocument, renderOpenApi } from '../../src/http/openapi.js';

describe('the OpenAPI document', () => {
  it('is checked in as generated from the route schemas (run `npm run openapi` after changing a route)', async () => {
    const generated = renderOpenApi(await openApiDocument(loadConfig({})));
    expect(readFileSync(OPENAPI_FILE, 'utf8')).toBe(generated);
  });

  it('is what the gateway serves, to anyone, at /openapi.json', async () => {
    const app = await describedApp(loadConfig({}));
    const served = await app.inject({ method: 'GET', url: '/openapi.json' });
    await app.close();
    expect(served.statusCode).toBe(200);
    expect(renderOpenApi(served.json())).toBe(readFileSync(OPENAPI_FILE, 'utf8'));
  });

  it('describes the public contract of API.md', async () => {
    const document = (await openApiDocument(loadConfig({}))) as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/v1/declarations', '/v1/exchanges/{id}', '/v1/exchanges', '/v1/agreements', '/v1/participants/me', '/health/ready', '/metrics']),
    );
    expect(Object.keys(document.paths['/v1/declarations']?.post?.responses ?? {})).toEqual(expect.arrayContaining(['202', '401', '413', '415', '422']));
  });

  type Operation = {
    operationId?: string;
    security?: unknown[];
    responses: Record<string, { content?: Record<string, unknown> }>;
    requestBody?: { content: Record<string, { schema?: unknown; example?: unknown }> };
  };
  const operationsOf = (document: { paths: Record<string, Record<string, Operation>> }) =>
    Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })));

  it('names every operation once, and answers every error as problem+json', async () => {
    const document = (await openApiDocument(loadConfig({}))) as { paths: Record<string, Record<string, Operation>> };
    const operations = operationsOf(document);
    const ids = operations.map((o) => o.operation.operationId);
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, method, operation } of operations) {
      const errors = Object.entries(operation.responses).filter(([status]) => Number(status) >= 400 && Number(status) !== 503);
      if (!path.startsWith('/health/')) expect(errors.length, `${method} ${path} declares its 4xx answers`).toBeGreaterThan(0);
      for (const [status, response] of errors) {
        // An AS4 access point answers its failures as the profile says: an ebMS Error signal (SOAP) on 500.
        if (path.endsWith('/as4') && status === '500') {
          expect(Object.keys(response.content ?? {}), `${method} ${path} ${status}`).toEqual(['application/soap+xml']);
          continue;
        }
        expect(Object.keys(response.content ?? {}), `${method} ${path} ${status}`).toEqual(['application/problem+json', 'application/problem+xml']);
      }
    }
  });

  it('marks public exactly the routes whose definition says so, from the same flag authentication obeys', async () => {
    const document = (await openApiDocument(loadConfig({}))) as { security: unknown[]; paths: Record<string, Record<string, Operation>> };
    expect(document.security).toEqual([{ apiKey: [] }]);
    const open = operationsOf(document)
      .filter((o) => Array.isArray(o.operation.security) && o.operation.security.length === 0)
      .map((o) => `${o.method} ${o.path}`);
    // POST /as4 is authenticated by the partner's WS-Security signature (SECURITY.md, "AS4"); the sandbox's by its secret.
    expect(open.sort()).toEqual([
      'get /health/live',
      'get /health/ready',
      'post /as4',
      'post /sandbox/destinations/{participant}/as4',
      'post /sandbox/destinations/{participant}/deliveries',
    ]);
    const metricsOpen = (await openApiDocument(loadConfig({ SWGATE_METRICS_PUBLIC: 'true' }))) as { paths: Record<string, Record<string, Operation>> };
    expect(metricsOpen.paths['/metrics']?.get?.security).toEqual([]);
  });

  it('takes documents as they are served, with examples from the sandbox, and says what the gateway sends (webhooks)', async () => {
    const document = (await openApiDocument(loadConfig({}))) as {
      paths: Record<string, Record<string, Operation>>;
      webhooks: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    const declaration = document.paths['/v1/declarations']?.post?.requestBody?.content ?? {};
    expect(declaration['application/json']?.schema).toEqual({ $ref: '#/components/schemas/WcoDeclaration' });
    expect(String(declaration['application/xml']?.example)).toContain('<Declaration');
    expect(Object.keys(document.paths['/v1/inbound']?.post?.requestBody?.content ?? {}).sort()).toEqual(['application/jose', 'application/xml']);
    expect(Object.keys(document.paths['/v1/exchanges/{id}/documents/{name}']?.get?.responses['200']?.content ?? {})).toEqual(
      expect.arrayContaining(['application/xml', 'application/jose']),
    );
    expect(Object.keys(document.webhooks).sort()).toEqual(['analyticsAlert', 'delivery', 'exchangeEnded', 'movementMessage']);
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(['Problem', 'Receipt', 'WcoDeclaration', 'Consignment', 'ExchangeNotification']),
    );
  });
});
