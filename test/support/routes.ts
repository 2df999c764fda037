import type { FastifyInstance } from 'fastify';
import { connect } from 'node:net';

export interface RegisteredRoute {
  method: string;
  /** The route's pattern, e.g. `/v1/exchanges/:id`. */
  url: string;
}

/**
 * Every route the app has, read from Fastify's own router (`printRoutes`), so a route added
 * later is in every test that walks this list without anyone listing it.
 */
export function registeredRoutes(app: FastifyInstance): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  const prefixes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/u.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    const url = (prefixes[depth - 1] ?? '') + (match[2] ?? '');
    prefixes[depth] = url;
    prefixes.length = depth + 1;
    for (const method of match[3]?.split(', ') ?? []) routes.push({ method, url });
  }
  return routes;
}

/**
 * The routes that answer without credentials, by pattern. Anything else the router knows must
 * refuse an anonymous caller: a route added later is walked by test/http/auth.test.ts and the
 * edge fuzz without being listed, and making one public means adding it here on purpose.
 */
const PUBLIC_ROUTES = [
  /^\/$/,
  /^\/console(\/|\/\*)?$/,
  /^\/health\/(live|ready)$/,
  /^\/docs(\/.*)?$/,
  /^\/openapi\.json$/,
  /^\/sandbox\/destinations\/:participant\/deliveries$/,
];
export const isPublic = (route: RegisteredRoute) => PUBLIC_ROUTES.some((p) => p.test(route.url));

const percent = (c: string, upper = false) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')[upper ? 'toUpperCase' : 'toLowerCase']()}`;
const encodeFirstLetter = (path: string, upper = false) => path.replace(/[a-z]/i, (c) => percent(c, upper));

/** The ways a request target can be written that a router, a proxy or a URL parser may read as the same path. */
export const ENCODINGS: Record<string, (path: string, port: number) => string> = {
  plain: (p) => p,
  'pct-letter': (p) => encodeFirstLetter(p),
  'pct-letter-upper-hex': (p) => encodeFirstLetter(p, true),
  'pct-every-char': (p) =>
    p
      .split('/')
      .map((s) => [...s].map((c) => percent(c)).join(''))
      .join('/'),
  'pct-slash': (p) => `/${p.slice(1).replace('/', '%2F')}`,
  'pct-slash-upper': (p) => `/${p.slice(1).replace('/', '%2f')}`,
  'dot-segment': (p) => `/x/..${p}`,
  'dot-from-public': (p) => `/health/..${p}`,
  'dot-from-public-2': (p) => `/health/live/../..${p}`,
  'single-dot': (p) => `/.${p}`,
  'pct-dot-segment': (p) => `/x/%2e%2e${p}`,
  'double-slash-lead': (p) => `/${p}`,
  'double-slash-inner': (p) => p.replace(/^(\/[^/]*)\//, '$1//'),
  'upper-case': (p) => p.toUpperCase(),
  'trailing-slash': (p) => `${p}/`,
  'semicolon-end': (p) => `${p};jsessionid=1`,
  'semicolon-segment': (p) => p.replace(/^(\/[^/]*)/, '$1;x=1'),
  'absolute-form': (p, port) => `http://127.0.0.1:${port}${p}`,
  'absolute-form-pct': (p, port) => `http://127.0.0.1:${port}${encodeFirstLetter(p)}`,
  'absolute-form-other-host': (p) => `http://public.example${p}`,
  'query-public-path': (p) => `${p}?/health/live`,
  backslash: (p) => p.replaceAll('/', '\\'),
  'pct-backslash': (p) => `/x%5c..${p}`,
  'null-byte': (p) => `${p}%00`,
  'overlong-slash': (p) => `/${p.slice(1).replace('/', '%c0%af')}`,
};

const SAMPLE_PARAMS: Record<string, string> = {
  id: '01JAAAAAAAAAAAAAAAAAAAAAAA',
  destination: 'customs',
  name: 'original',
  participant: 'customs',
  index: '0',
};

/** A concrete path for a route pattern: each `:param` filled with a plausible value, `*` with a file name. */
export function concretePath(pattern: string): string {
  return pattern.replace(/:(\w+)/g, (_m, name: string) => SAMPLE_PARAMS[name] ?? 'x').replace(/\*$/, 'index.html');
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * One request written as raw bytes on a fresh loopback socket, so the request target reaches
 * the server exactly as written (absolute-form, dot segments and encodings a client library
 * would normalise). The answer is read until the server closes the connection.
 */
export function rawRequest(
  port: number,
  head: string,
  body: string | Buffer = '',
  options: { localAddress?: string; timeoutMs?: number } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', ...(options.localAddress ? { localAddress: options.localAddress } : {}) });
    const chunks: Buffer[] = [];
    socket.setTimeout(options.timeoutMs ?? 10_000, () => socket.destroy(new Error(`no answer to ${head.split('\r\n')[0]}`)));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const [headText = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = headText.split('\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
      const headers = Object.fromEntries(headerLines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status, headers, body: rest.join('\r\n\r\n') });
    });
    // No half-close: Node's server may drop a request whose client has ended before the answer is ready.
    socket.write(head);
    socket.write(body);
  });
}

/** The head of an HTTP/1.1 request that asks the server to close the connection after answering. */
export function requestHead(method: string, target: string, port: number, headers: Record<string, string> = {}): string {
  const lines = [`${method} ${target} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  return `${lines.join('\r\n')}\r\n\r\n`;
}
