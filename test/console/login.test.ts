import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runsAsSandbox } from '../../console/src/sandbox.js';
import { indexRoutes } from '../../src/http/routes/index.js';

/**
 * The login page names the sandbox's operator key only when the gateway's public GET / says it
 * runs as the sandbox: asked of GET / as the gateway serves it, sandbox or not, and of a server
 * that is not a gateway at all.
 */
describe('the login hint', () => {
  const servers: FastifyInstance[] = [];
  const origins: Record<string, string> = {};
  beforeAll(async () => {
    const serve = async (name: string, register: (app: FastifyInstance) => void) => {
      const app = Fastify();
      register(app);
      servers.push(app);
      origins[name] = (await app.listen({ host: '127.0.0.1', port: 0 })).replace(/\/$/, '');
    };
    await serve('sandbox', (app) => indexRoutes(app, { version: 'test', sandbox: true }));
    await serve('production', (app) => indexRoutes(app, { version: 'test', sandbox: false }));
    await serve('older', (app) => app.get('/', async () => ({ name: 'swgate' })));
    await serve('html', (app) => app.get('/', async (_request, reply) => reply.type('text/html').send('<html>"sandbox": true</html>')));
    await serve('string', (app) => app.get('/', async (_request, reply) => reply.type('application/json').send('{"sandbox":"true"}')));
  });
  afterAll(async () => {
    for (const app of servers) await app.close();
  });

  it('is shown by a sandbox gateway only', async () => {
    expect(await runsAsSandbox(origins.sandbox)).toBe(true);
    for (const name of ['production', 'older', 'html', 'string']) expect(await runsAsSandbox(origins[name]), name).toBe(false);
    expect(await runsAsSandbox('http://127.0.0.1:1')).toBe(false);
  });
});
