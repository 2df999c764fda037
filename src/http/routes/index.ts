import type { FastifyInstance } from 'fastify';

/**
 * `GET /`: where a newcomer (or a browser) lands. Public, and says nothing a caller could not
 * learn from the public documentation: the name, the version, whether it runs as a sandbox
 * (whose keys the README publishes) and where to go next.
 */
export function indexRoutes(app: FastifyInstance, deps: { version: string; sandbox: boolean }): void {
  app.get('/', { schema: { hide: true }, config: { public: true } }, async () => ({
    name: 'swgate',
    description: 'Single Window interoperability gateway',
    version: deps.version,
    // The console's login page names the sandbox keys only where they work.
    sandbox: deps.sandbox,
    authentication:
      'Every /v1 route needs "Authorization: Bearer <api-key>" (or a registered client certificate); GET /v1/participants/me says whom a key belongs to.',
    links: { console: '/console', docs: '/docs', openapi: '/openapi.json', live: '/health/live', ready: '/health/ready' },
  }));
}
