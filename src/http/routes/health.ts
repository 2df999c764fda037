import type { FastifyInstance } from 'fastify';
import { within } from '../../deadline.js';
import { callerOf } from '../auth.js';

export type ReadinessCheck = () => Promise<void>;

const CHECK_MS = 2000;

const checkSchema = {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string' }, checks: { type: 'object', additionalProperties: { type: 'string' } } },
} as const;

export function healthRoutes(app: FastifyInstance, deps: { checks: Record<string, ReadinessCheck> }): void {
  app.get(
    '/health/live',
    { config: { public: true }, schema: { tags: ['operations'], operationId: 'getLiveness', summary: 'The process answers', response: { 200: checkSchema } } },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/health/ready',
    {
      config: { public: true },
      schema: {
        tags: ['operations'],
        operationId: 'getReadiness',
        summary: 'Redis and the database answer',
        description:
          'Each check is "ok" or "failing"; an operator that sends its credentials also sees why a check fails (error text can name internal hosts, so anonymous callers do not).',
        response: { 200: checkSchema, 503: checkSchema },
      },
    },
    async (request, reply) => {
      const detailed = callerOf(request)?.operator === true;
      const entries = await Promise.all(
        Object.entries(deps.checks).map(async ([name, check]) => {
          try {
            if (!(await within(check(), CHECK_MS))) throw new Error(`no answer within ${CHECK_MS} ms`);
            return [name, 'ok'] as const;
          } catch (error) {
            return [name, detailed ? `failing: ${(error as Error).message}` : 'failing'] as const;
          }
        }),
      );
      const ready = entries.every(([, state]) => state === 'ok');
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(entries) });
    },
  );
}
