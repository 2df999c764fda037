import type { FastifyInstance } from 'fastify';
import { within } from '../../deadline.js';

export type ReadinessCheck = () => Promise<void>;

const CHECK_MS = 2000;

const checkSchema = { type: 'object', required: ['status'], properties: { status: { type: 'string' }, checks: { type: 'object', additionalProperties: { type: 'string' } } } } as const;

export function healthRoutes(app: FastifyInstance, deps: { checks: Record<string, ReadinessCheck> }): void {
  app.get('/health/live', { schema: { tags: ['operations'], summary: 'The process answers', response: { 200: checkSchema } } }, async () => ({ status: 'ok' }));

  app.get(
    '/health/ready',
    { schema: { tags: ['operations'], summary: 'Redis and the database answer', response: { 200: checkSchema, 503: checkSchema } } },
    async (_request, reply) => {
      const entries = await Promise.all(
        Object.entries(deps.checks).map(async ([name, check]) => {
          try {
            if (!(await within(check(), CHECK_MS))) throw new Error(`no answer within ${CHECK_MS} ms`);
            return [name, 'ok'] as const;
          } catch (error) {
            return [name, `failing: ${(error as Error).message}`] as const;
          }
        }),
      );
      const ready = entries.every(([, state]) => state === 'ok');
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(entries) });
    },
  );
}
