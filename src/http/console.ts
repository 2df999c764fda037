import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { finding, RejectionError } from '../findings.js';

/**
 * The operator console (issue 19): the static files `npm run build:console` writes to
 * console/dist, served at /console. The console is a client of the public API like any other:
 * these routes serve files and nothing else, so they are public; every call the page makes
 * carries the key the operator typed in.
 */

/** console/dist beside src/ (from src/http in a checkout, from dist/http in the image). */
export const CONSOLE_DIST = fileURLToPath(new URL('../../console/dist', import.meta.url));

const BASE = '/console';

// No inline script or style element, no eval, nothing from elsewhere: the page talks to this
// origin only. Styles set through the DOM (the charts do) are not inline styles in CSP's sense.
const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

interface ConsoleFile {
  body: Buffer;
  type: string;
  etag: string;
  /** Vite names what it bundles by content hash (assets/…): those never change under their name. */
  immutable: boolean;
}

/** Every file of the build by its URL path under /console/: a request can only name one of these, never a path on disk. */
function readBuild(dir: string): Map<string, ConsoleFile> | undefined {
  if (!existsSync(join(dir, 'index.html'))) return undefined;
  const files = new Map<string, ConsoleFile>();
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) {
        walk(path);
        continue;
      }
      const key = relative(dir, path).split(sep).join('/');
      const body = readFileSync(path);
      files.set(key, {
        body,
        type: TYPES[extname(name)] ?? 'application/octet-stream',
        etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
        immutable: key.startsWith('assets/'),
      });
    }
  };
  walk(dir);
  return files;
}

function send(reply: FastifyReply, file: ConsoleFile, ifNoneMatch: string | undefined): FastifyReply {
  reply
    .header('content-security-policy', CONSOLE_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY')
    .header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
    .header('etag', file.etag)
    .type(file.type);
  if (ifNoneMatch === file.etag) return reply.code(304).send();
  return reply.send(file.body);
}

/**
 * GET /console and everything under it. A path that names a file of the build gets it; any
 * other path under /console is one of the console's own screens (/console/exchanges/…), answered
 * with index.html, whose script reads the path. A missing asset is 404, not the page: a stale
 * tab asking for last build's script must fail visibly rather than parse HTML as JavaScript.
 * The build is read once, on first use (the tests build it before any gateway starts; `npm
 * start` builds it in prestart).
 */
export function consoleRoutes(app: FastifyInstance, options: { dir?: string } = {}): void {
  const dir = options.dir ?? CONSOLE_DIST;
  let build: Map<string, ConsoleFile> | undefined;
  const files = () => {
    build ??= readBuild(dir);
    if (!build) {
      throw new RejectionError(503, 'Console not built', [
        finding('console.not-built', 'The console has not been built: run `npm run build:console` (npm start does it).'),
      ]);
    }
    return build;
  };
  const route = { schema: { hide: true }, config: { public: true } } as const;

  const page = async (request: FastifyRequest, reply: FastifyReply) => send(reply, files().get('index.html')!, request.headers['if-none-match']);
  app.get(BASE, route, page);
  app.get(`${BASE}/`, route, page);
  app.get<{ Params: { '*': string } }>(`${BASE}/*`, route, async (request, reply) => {
    const all = files();
    const path = request.params['*'];
    const file = all.get(path);
    if (file) return send(reply, file, request.headers['if-none-match']);
    if (path.startsWith('assets/') || extname(path) !== '') {
      throw new RejectionError(404, 'Not found', [finding('console.not-found', `The console has no file ${JSON.stringify(path.slice(0, 200))}.`)]);
    }
    return send(reply, all.get('index.html')!, request.headers['if-none-match']);
  });
}
