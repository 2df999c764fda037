import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { type Finding, finding, RejectionError } from '../findings.js';
import { prefersXml } from './negotiation.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  findings: Finding[];
}

const PROBLEM_BASE = 'https://swgate.dev/problems/';

/** Fastify's own errors that are the caller's doing, with the status and finding code they mean. */
const FASTIFY_ERRORS: Record<string, { status: number; title: string; code: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, title: 'Document too large', code: 'request.too-large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, title: 'Unsupported media type', code: 'request.media-type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, title: 'Malformed request', code: 'request.content-length' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, title: 'Malformed request', code: 'request.empty-body' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, title: 'Malformed request', code: 'request.invalid-json' },
};

function problemFrom(error: FastifyError | Error): Problem {
  if (error instanceof RejectionError) {
    return { type: PROBLEM_BASE + slug(error.title), title: error.title, status: error.status, detail: error.message, findings: error.findings };
  }
  const fe = error as FastifyError;
  const known = fe.code ? FASTIFY_ERRORS[fe.code] : undefined;
  if (known) return problem(known.status, known.title, [finding(known.code, fe.message)]);
  if (fe.validation) {
    const findings = fe.validation.map((v) =>
      finding('request.schema', `${fe.validationContext ?? 'request'}${v.instancePath || ''} ${v.message ?? 'is invalid'}`, v.instancePath || ''),
    );
    return problem(400, 'Malformed request', findings);
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return problem(fe.statusCode, 'Bad request', [finding('request.invalid', fe.message)]);
  return problem(500, 'Internal error', [finding('internal', 'The gateway failed while handling the request; it has been logged.')]);
}

function problem(status: number, title: string, findings: Finding[]): Problem {
  return { type: PROBLEM_BASE + slug(title), title, status, detail: findings[0]?.message ?? title, findings };
}

const slug = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** RFC 9457 appendix B's XML rendering, for callers that asked for XML. */
function problemAsXml(p: Problem): string {
  const findings = p.findings
    .map(
      (f) =>
        `<finding><severity>${f.severity}</severity><code>${escapeXml(f.code)}</code><message>${escapeXml(f.message)}</message><path>${escapeXml(f.path)}</path>${f.xpath ? `<xpath>${escapeXml(f.xpath)}</xpath>` : ''}</finding>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><problem xmlns="urn:ietf:rfc:7807"><type>${escapeXml(p.type)}</type><title>${escapeXml(p.title)}</title><status>${p.status}</status><detail>${escapeXml(p.detail)}</detail><findings>${findings}</findings></problem>`;
}

function sendProblem(request: FastifyRequest, reply: FastifyReply, p: Problem): FastifyReply {
  p.instance = request.url;
  if (prefersXml(request.headers.accept)) {
    return reply.code(p.status).type('application/problem+xml').send(problemAsXml(p));
  }
  return reply.code(p.status).type('application/problem+json').send(JSON.stringify(p));
}

/** A body size for people: bytes, and KiB or MiB when that is what the limit is made of. */
function sizeOf(bytes: number): string {
  const unit = bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes (${unit})`;
}

/**
 * Fastify's refusals of a body, told with what the request itself shows: the type that came
 * (or that none did) and the types the route accepts; the limit a body went over.
 */
function bodyProblem(error: FastifyError, request: FastifyRequest): Problem | undefined {
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    const type = request.headers['content-type']?.split(';')[0]?.trim().slice(0, 100);
    const accepts = request.routeOptions.config.accepts ?? ['application/json'];
    const came = type ? `The request is ${type}` : 'The request has no Content-Type';
    return problem(415, 'Unsupported media type', [finding('request.media-type', `${came}; this route accepts ${accepts.join(', ')}.`)]);
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    const limit = request.routeOptions.bodyLimit;
    return problem(413, 'Document too large', [
      finding('request.too-large', `The body exceeds the limit of ${sizeOf(limit)} this gateway accepts (SWGATE_BODY_LIMIT).`),
    ]);
  }
  return undefined;
}

/**
 * The methods the router has for a path, by the patterns of its routes (`:param` one segment,
 * `*` the rest); empty when no route has the path at all.
 */
function methodsFor(routes: ReadonlyArray<{ methods: string[]; pattern: RegExp }>, path: string): string[] {
  const methods = new Set(routes.filter((r) => r.pattern.test(path)).flatMap((r) => r.methods));
  return [...methods].sort();
}

function patternOf(url: string): RegExp {
  const escaped = url
    .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
    .replace(/:[^/]+/g, '[^/]+')
    .replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

export function installProblemHandlers(app: FastifyInstance): void {
  const routes: Array<{ methods: string[]; pattern: RegExp }> = [];
  app.addHook('onRoute', (route) => {
    routes.push({ methods: [route.method].flat().map((m) => m.toUpperCase()), pattern: patternOf(route.url ?? route.path) });
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const p = bodyProblem(error, request) ?? problemFrom(error);
    if (p.status >= 500 && p.status !== 503) request.log.error({ err: error }, 'request failed');
    else request.log.info({ status: p.status, findings: p.findings.map((f) => f.code) }, 'request refused');
    if (p.status === 401) reply.header('www-authenticate', 'Bearer realm="swgate"');
    return sendProblem(request, reply, p);
  });
  // Reached only by a known caller: authentication runs first (auth.ts), so an anonymous one
  // gets the same 401 for a wrong method as for a path that does not exist.
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = methodsFor(routes, path);
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '));
      return sendProblem(
        request,
        reply,
        problem(405, 'Method not allowed', [
          finding('request.method-not-allowed', `${request.method} is not allowed on ${path}; it allows ${allowed.join(', ')}.`),
        ]),
      );
    }
    return sendProblem(request, reply, problem(404, 'Not found', [finding('request.not-found', `There is no ${request.method} ${path}.`)]));
  });
}

/** Errors Node's HTTP parser meets before Fastify has a request (headers over maxHeaderSize, a request not in within its timeout). */
const CLIENT_ERRORS: Record<string, { status: number; title: string; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    title: 'Request headers too large',
    code: 'request.headers-too-large',
    message: 'The request headers exceed the size the gateway accepts.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    title: 'Request timeout',
    code: 'request.timeout',
    message: 'The request did not arrive whole within the time allowed; the connection is closed.',
  },
};

/**
 * Fastify's `clientErrorHandler`: the answer to a request Node refused while parsing it, as
 * problem+json like every other refusal, then the connection is closed (its state is unknown).
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const known = (error.code ? CLIENT_ERRORS[error.code] : undefined) ?? {
    status: 400,
    title: 'Malformed request',
    code: 'request.malformed',
    message: 'The request is not valid HTTP/1.1.',
  };
  const body = JSON.stringify(problem(known.status, known.title, [finding(known.code, known.message)]));
  // Node's own rule: answer only if nothing of a response has been written on this connection yet.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    socket.write(
      `HTTP/1.1 ${known.status} ${STATUS_CODES[known.status]}\r\nConnection: close\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
