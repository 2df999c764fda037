import type { DuckDBConnection } from '@duckdb/node-api';
import Fastify, { type FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/load.js';
import { installAuthentication } from '../../src/http/auth.js';
import { installProblemHandlers } from '../../src/http/problem.js';

/**
 * An analytics route plugin served on loopback as the gateway serves it: the sandbox
 * participants' authentication and problem answers around it, over an analytics store the test
 * fills. The composition root registers the same plugins beside the others.
 */
export async function serveAnalyticsRoutes(
  connection: DuckDBConnection,
  register: (app: FastifyInstance, deps: { analytics: DuckDBConnection }) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const app = Fastify({ ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false } } });
  installProblemHandlers(app);
  installAuthentication(app, loadConfig({ SWGATE_DATA_DIR: 'var/test-unused' }).participants);
  register(app, { analytics: connection });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, close: () => app.close() };
}

export const asParticipant = (participant: string) => ({ authorization: `Bearer sandbox-${participant}` });
