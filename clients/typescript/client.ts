import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './schema.js';

export type { components, operations, paths, webhooks } from './schema.js';

/**
 * Answers typed as JSON: the client asks for JSON (errors come as problem+json; the
 * problem+xml the document also lists is only for callers that ask for XML).
 */
type JsonMedia = 'application/json' | 'application/problem+json';
export type SwgateClient = Client<paths, JsonMedia>;

/**
 * A typed client of a swgate gateway: every path, parameter, body and answer of
 * openapi/openapi.json, checked by the compiler. `apiKey` is a participant's key
 * (`sandbox-<participant>` in the sandbox).
 */
export function swgateClient(options: { baseUrl: string; apiKey: string; fetch?: typeof fetch }): SwgateClient {
  return createClient<paths, JsonMedia>({
    baseUrl: options.baseUrl,
    headers: { authorization: `Bearer ${options.apiKey}`, accept: 'application/json' },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

/** Options that send an XML document as it is (openapi-fetch would otherwise serialise the body as JSON). */
export const asXml = { headers: { 'content-type': 'application/xml' }, bodySerializer: (body: unknown) => body as string } as const;
