import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COLLECTION_FILE, collection, renderCollection } from '../../../clients/postman/collection.js';
import { OPENAPI_FILE } from '../../../src/http/openapi.js';
import { useTestGateway, waitFor } from '../../support/gateway.js';

type Item = ReturnType<typeof collection>['item'][number];

const expectedStatus = (item: Item) => Number(/have\.status\((\d{3})\)/.exec(item.event[0]?.script.exec.join('\n') ?? '')?.[1]);
const contentType = (item: Item) => item.request.header.find((h) => h.key === 'Content-Type')?.value;
const fill = (raw: string, vars: Record<string, string>) => raw.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => vars[name] ?? '');

describe('the Postman collection of the README walk-through (clients/postman)', () => {
  it('is checked in as generated from the sandbox examples (run `npm run postman`)', () => {
    expect(readFileSync(COLLECTION_FILE, 'utf8')).toBe(renderCollection());
  });

  it('names only routes of the OpenAPI document, with the methods and media types they take', () => {
    const document = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>;
    };
    const templates = Object.keys(document.paths).map((template) => ({ template, pattern: new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`) }));
    for (const item of collection().item) {
      const path = fill(item.request.url.raw, { baseUrl: '', exchangeId: '01JD3Y8Q6W0000000000000000' }).split('?')[0] as string;
      const template = templates.find((t) => t.pattern.test(path))?.template;
      expect(template, `${item.name}: ${path}`).toBeDefined();
      const operation = document.paths[template as string]?.[item.request.method.toLowerCase()];
      expect(operation, `${item.name}: ${item.request.method} ${template}`).toBeDefined();
      const mediaType = contentType(item);
      if (mediaType) expect(Object.keys(operation?.requestBody?.content ?? {}), item.name).toContain(mediaType);
      expect(expectedStatus(item), item.name).toBeGreaterThanOrEqual(200);
    }
  });

  describe('run in order against a sandbox gateway', () => {
    const gw = useTestGateway();

    it('answers every request with the status its test script expects', async () => {
      const vars: Record<string, string> = { baseUrl: gw.t.url };
      const statuses: Array<[string, number]> = [];
      for (const item of collection().item) {
        const { request } = item;
        const mediaType = contentType(item);
        const send = () =>
          fetch(fill(request.url.raw, vars), {
            method: request.method,
            headers: { authorization: `Bearer ${request.auth.bearer[0]?.value}`, ...(mediaType ? { 'content-type': mediaType } : {}) },
            ...(request.body ? { body: request.body.raw } : {}),
          });
        // As the Collection Runner's delay does: a delivery is read once it has been made.
        const answer = await waitFor(send, (r) => r.status === expectedStatus(item));
        statuses.push([item.name, answer.status]);
        if (item.event[0]?.script.exec.some((line) => line.includes("set('exchangeId'")))
          vars.exchangeId = ((await answer.json()) as { exchangeId: string }).exchangeId;
        else await answer.arrayBuffer();
      }
      expect(statuses).toEqual(collection().item.map((item) => [item.name, expectedStatus(item)]));
      expect(vars.exchangeId).toMatch(/^[0-9A-Z]{26}$/);
    });
  });
});
