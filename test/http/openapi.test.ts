import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { OPENAPI_FILE, openApiDocument, renderOpenApi } from '../../src/http/openapi.js';

describe('the OpenAPI document', () => {
  it('is checked in as generated from the route schemas (run `npm run openapi` after changing a route)', async () => {
    const generated = renderOpenApi(await openApiDocument(loadConfig({})));
    expect(readFileSync(OPENAPI_FILE, 'utf8')).toBe(generated);
  });

  it('describes the public contract of API.md', async () => {
    const document = (await openApiDocument(loadConfig({}))) as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/v1/declarations', '/v1/exchanges/{id}', '/v1/exchanges', '/v1/agreements', '/v1/participants/me', '/health/ready', '/metrics']));
    expect(Object.keys(document.paths['/v1/declarations']?.post?.responses ?? {})).toEqual(expect.arrayContaining(['202', '401', '413', '415', '422']));
  });
});
