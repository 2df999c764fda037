import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { openAnalyticsStore } from '../../src/analytics/schema.js';
import { loadConfig } from '../../src/config/load.js';
import { installAuthentication } from '../../src/http/auth.js';
import { installProblemHandlers } from '../../src/http/problem.js';

type AnalyticsRoutes = (app: FastifyInstance, deps: { instance: DuckDBInstance }) => void;

/**
 * An analytics route plugin served on loopback for the calling suite as the gateway serves it:
 * the sandbox participants' authentication and problem answers around it, over an analytics
 * store in memory that `plant` fills first. The composition root registers the same plugins.
 */
export function useAnalyticsApi(
  register: AnalyticsRoutes,
  plant: (connection: DuckDBConnection) => Promise<void>,
): { connection: DuckDBConnection; url: string } {
  const holder = {} as { connection: DuckDBConnection; url: string };
  let instance: DuckDBInstance | undefined;
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    ({ instance, connection: holder.connection } = await openAnalyticsStore(':memory:'));
    await plant(holder.connection);
    app = Fastify({ ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false } } });
    installProblemHandlers(app);
    installAuthentication(app, loadConfig({ SWGATE_DATA_DIR: 'var/test-unused' }).participants);
    register(app, { instance: instance as DuckDBInstance });
    holder.url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app?.close();
    instance?.closeSync();
  });
  return holder;
}

export const asParticipant = (participant: string) => ({ authorization: `Bearer sandbox-${participant}` });
