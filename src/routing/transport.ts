import { readFileSync } from 'node:fs';
import { Agent, type Dispatcher, errors } from 'undici';
import type { TlsFiles } from '../config/types.js';

export interface OutboundMessage {
  url: string;
  body: string | Uint8Array;
  mediaType: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** mTLS towards this endpoint. */
  tls?: TlsFiles;
}

export interface TransportAnswer {
  status: number;
  mediaType: string;
  body: string;
}

/** Raised when the destination could not be reached or did not answer in time: worth a retry. */
export class TransportError extends Error {
  override name = 'TransportError';
}

const POOL = { keepAliveTimeout: 10_000, connections: 64 };
const plainAgent = new Agent(POOL);
const tlsAgents = new Map<TlsFiles, Agent>();

/** One connection pool per TLS identity; the files are read once. */
function agentFor(tls: TlsFiles | undefined): Agent {
  if (!tls) return plainAgent;
  let agent = tlsAgents.get(tls);
  if (!agent) {
    const read = (file: string | undefined) => (file ? readFileSync(file) : undefined);
    agent = new Agent({ ...POOL, connect: { cert: read(tls.cert), key: read(tls.key), ca: read(tls.ca) } });
    tlsAgents.set(tls, agent);
  }
  return agent;
}

/** A destination's answer is a receipt or a problem: more than this is not one, and is not read. */
export const MAX_ANSWER_BYTES = 1024 * 1024;

/** One HTTP POST of a delivery; the caller decides what the answer means. */
export async function post(message: OutboundMessage): Promise<TransportAnswer> {
  try {
    return await dispatch(message);
  } catch (error) {
    if (error instanceof errors.UndiciError || (error as NodeJS.ErrnoException).code !== undefined) {
      throw new TransportError(`${message.url}: ${(error as Error).message}`);
    }
    throw error;
  }
}

/**
 * undici's dispatch with a handler that collects the answer: `request()` wraps every answer in a
 * readable stream and cost about 30 µs more per delivery (74-85 against 46-49 µs of CPU for a 60 KB
 * POST on loopback, measured side by side).
 */
function dispatch(message: OutboundMessage): Promise<TransportAnswer> {
  const url = new URL(message.url);
  return new Promise((resolve, reject) => {
    let status = 0;
    let mediaType = '';
    let received = 0;
    const chunks: Buffer[] = [];
    const handler: Dispatcher.DispatchHandler = {
      // Its presence is how undici tells this handler interface from the older one.
      onRequestStart() {},
      onResponseStart(_controller, statusCode, headers) {
        status = statusCode;
        mediaType = String(headers['content-type'] ?? '');
      },
      onResponseData(controller, chunk) {
        received += chunk.length;
        if (received > MAX_ANSWER_BYTES) controller.abort(new errors.ResponseExceededMaxSizeError(`the answer is larger than ${MAX_ANSWER_BYTES} bytes`));
        else chunks.push(chunk);
      },
      onResponseEnd() {
        resolve({ status, mediaType, body: Buffer.concat(chunks).toString('utf8') });
      },
      onResponseError(_controller, error) {
        reject(error);
      },
    };
    agentFor(message.tls).dispatch(
      {
        origin: url.origin,
        path: url.pathname + url.search,
        method: 'POST',
        body: message.body,
        headers: { 'content-type': message.mediaType, ...message.headers },
        headersTimeout: message.timeoutMs,
        bodyTimeout: message.timeoutMs,
      },
      handler,
    );
  });
}
