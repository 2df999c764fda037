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

export function problemFrom(error: FastifyError | Error): Problem {
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

const slug = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** RFC 9457 appendix B's XML rendering, for callers that asked for XML. */
export function problemAsXml(p: Problem): string {
  const findings = p.findings
    .map((f) => `<finding><severity>${f.severity}</severity><code>${escapeXml(f.code)}</code><message>${escapeXml(f.message)}</message><path>${escapeXml(f.path)}</path>${f.xpath ? `<xpath>${escapeXml(f.xpath)}</xpath>` : ''}</finding>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><problem xmlns="urn:ietf:rfc:7807"><type>${escapeXml(p.type)}</type><title>${escapeXml(p.title)}</title><status>${p.status}</status><detail>${escapeXml(p.detail)}</detail><findings>${findings}</findings></problem>`;
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, p: Problem): FastifyReply {
  p.instance = request.url;
  if (prefersXml(request.headers.accept)) {
    return reply.code(p.status).type('application/problem+xml').send(problemAsXml(p));
  }
  return reply.code(p.status).type('application/problem+json').send(JSON.stringify(p));
}

export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const p = problemFrom(error);
    if (p.status >= 500 && p.status !== 503) request.log.error({ err: error }, 'request failed');
    else request.log.info({ status: p.status, findings: p.findings.map((f) => f.code) }, 'request refused');
    if (p.status === 401) reply.header('www-authenticate', 'Bearer realm="swgate"');
    return sendProblem(request, reply, p);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, problem(404, 'Not found', [finding('request.not-found', `There is no ${request.method} ${request.url.split('?')[0]}.`)])),
  );
}

/** Errors Node's HTTP parser meets before Fastify has a request (headers over maxHeaderSize, a request not in within its timeout). */
const CLIENT_ERRORS: Record<string, { status: number; title: string; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, title: 'Request headers too large', code: 'request.headers-too-large', message: 'The request headers exceed the size the gateway accepts.' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, title: 'Request timeout', code: 'request.timeout', message: 'The request did not arrive whole within the time allowed; the connection is closed.' },
};

/**
 * Fastify's `clientErrorHandler`: the answer to a request Node refused while parsing it, as
 * problem+json like every other refusal, then the connection is closed (its state is unknown).
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const known = (error.code ? CLIENT_ERRORS[error.code] : undefined) ?? { status: 400, title: 'Malformed request', code: 'request.malformed', message: 'The request is not valid HTTP/1.1.' };
  const body = JSON.stringify(problem(known.status, known.title, [finding(known.code, known.message)]));
  // Node's own rule: answer only if nothing of a response has been written on this connection yet.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    socket.write(`HTTP/1.1 ${known.status} ${STATUS_CODES[known.status]}\r\nConnection: close\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }
  socket.destroy(error);
}
