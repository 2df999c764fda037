import type { FastifyInstance } from 'fastify';
import type { Finding } from '../../findings.js';
import type { DocumentFormat } from '../../pipeline/vocabulary.js';
import { acceptRawDocuments, bodyOf, documentBody, formatOf } from '../documents-in.js';
import { bearerSecurity, findingSchema, problems } from '../schemas.js';

export type DocumentValidator = (body: Buffer, format: DocumentFormat) => { findings: Finding[] };

/** The validation that POST /v1/declarations applies, without storing or routing anything. */
export function validateRoutes(app: FastifyInstance, deps: { validators: Record<string, DocumentValidator>; bodyLimit: number }): void {
  const kinds = Object.keys(deps.validators);
  app.register(async (scope) => {
    acceptRawDocuments(scope, deps.bodyLimit);
    scope.post<{ Querystring: { kind: string } }>(
      '/v1/validate',
      {
        schema: {
          tags: ['documents'],
          operationId: 'validateDocument',
          summary: 'Validate a document without sending it: findings only, nothing stored',
          security: bearerSecurity,
          querystring: { type: 'object', properties: { kind: { type: 'string', enum: kinds, default: 'declaration' } } },
          ...documentBody('The document: XML, or its JSON form'),
          response: {
            200: {
              type: 'object',
              required: ['valid', 'findings'],
              properties: { valid: { type: 'boolean', description: 'no finding is an error' }, findings: { type: 'array', items: findingSchema } },
            },
            ...problems(400, 401, 413, 415),
          },
        },
      },
      async (request) => {
        const validator = deps.validators[request.query.kind] as DocumentValidator;
        const { findings } = validator(bodyOf(request), formatOf(request));
        return { valid: !findings.some((f) => f.severity === 'error'), findings };
      },
    );
  });
}
