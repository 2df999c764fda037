import type { FastifyInstance, FastifyRequest } from 'fastify';
import { finding, RejectionError } from '../findings.js';
import type { DocumentFormat } from '../pipeline/vocabulary.js';

export const XML_TYPES = ['application/xml', 'text/xml'];
export const JSON_TYPES = ['application/json'];
/** What a document route takes unless it says otherwise: WCO DM XML or its JSON form. */
export const DOCUMENT_TYPES = [...XML_TYPES, ...JSON_TYPES];

/**
 * Document routes need the exact bytes (content hash, signatures, lossless storage), so in
 * their scope every supported body arrives as a Buffer; anything else is a 415, and so is any
 * charset but UTF-8, refused before the body is read (a signature or digest over bytes the
 * gateway would read differently is worthless).
 */
export function acceptRawDocuments(scope: FastifyInstance, bodyLimit: number, types: readonly string[] = DOCUMENT_TYPES): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser([...types], { parseAs: 'buffer', bodyLimit }, (_req, body, done) => done(null, body));
  // Named in the 415 of any other type (problem.ts).
  scope.addHook('onRoute', (route) => {
    route.config = { ...route.config, accepts: types };
  });
  scope.addHook('onRequest', async (request) => {
    const charset = mediaTypeOf(request)
      .params.find((p) => p.startsWith('charset='))
      ?.slice(8)
      .replaceAll('"', '');
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      throw new RejectionError(415, 'Unsupported media type', [finding('request.charset', `Documents must be UTF-8 (got charset ${charset}).`)]);
    }
  });
}

function mediaTypeOf(request: FastifyRequest): { type: string; params: string[] } {
  const [type = '', ...params] = String(request.headers['content-type'] ?? '')
    .toLowerCase()
    .split(';')
    .map((s) => s.trim());
  return { type, params };
}

/** The document format a request's media type announces. */
export function formatOf(request: FastifyRequest): DocumentFormat {
  return XML_TYPES.includes(mediaTypeOf(request).type) ? 'wco-xml' : 'wco-json';
}

export function bodyOf(request: FastifyRequest): Buffer {
  const body = request.body;
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw new RejectionError(400, 'Malformed document', [finding('request.empty-body', 'The request has no document in its body.')]);
  }
  return body;
}

/**
 * The request body of a document route, for the OpenAPI document only: the body arrives as
 * raw bytes, which a Fastify body schema would try (and fail) to validate as a string or object.
 * app.ts moves it to `body` when it generates the document.
 */
export const DOCUMENT_BODY_KEY = 'x-document-body';

export function documentBody(
  description: string,
  content: Record<string, { schema: Record<string, unknown> }> = { 'application/xml': XML_BODY, 'application/json': { schema: { type: 'object' } } },
) {
  return { [DOCUMENT_BODY_KEY]: { description, content } };
}

export const XML_BODY = { schema: { type: 'string' } };
/** A schema of the OpenAPI document's components (src/http/contract.ts). */
export const component = (name: string) => ({ schema: { $ref: `#/components/schemas/${name}` } });
