import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { describedApp } from '../../src/http/openapi.js';
import { registeredRoutes } from '../support/routes.js';

/** `METHOD /path` as docs/API.md writes it: in a table row (`| GET | `/v1/x` |`) or in running text (`GET /v1/x`). */
function routesNamedIn(markdown: string): string[] {
  const named = new Set<string>();
  const patterns = [/^\| (GET|POST|PUT|PATCH|DELETE) \| `([^`]+)`/gm, /`(GET|POST|PUT|PATCH|DELETE) (\/[^`\s]*)`/g];
  for (const pattern of patterns) {
    for (const [, method, path] of markdown.matchAll(pattern)) named.add(`${method} ${(path as string).split('?')[0]}`);
  }
  return [...named].sort();
}

describe('docs/API.md', () => {
  it("names exactly the routes the gateway registers (Swagger UI's own assets aside)", async () => {
    const app = await describedApp(loadConfig({}));
    const registered = registeredRoutes(app)
      .filter((r) => r.method !== 'HEAD' && !r.url.startsWith('/docs/'))
      .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
    await app.close();
    const named = routesNamedIn(readFileSync('docs/API.md', 'utf8'));
    expect(
      named.filter((r) => !registered.includes(r)),
      'named in API.md but not registered',
    ).toEqual([]);
    expect([...new Set(registered)].filter((r) => !named.includes(r)).sort(), 'registered but not in API.md').toEqual([]);
  });

  it('is read the way the test above assumes: it finds routes in tables and in running text', () => {
    expect(routesNamedIn('| POST | `/v1/validate?kind=declaration` | x |\nthen `GET /health/live` and `GET /v1/exchanges/{id}`')).toEqual([
      'GET /health/live',
      'GET /v1/exchanges/{id}',
      'POST /v1/validate',
    ]);
  });
});
