import { readFileSync } from 'node:fs';
import { Agent, errors, request } from 'undici';
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

/** One HTTP POST of a delivery; the caller decides what the answer means. */
export async function post(message: OutboundMessage): Promise<TransportAnswer> {
  try {
    const res = await request(message.url, {
      method: 'POST',
      dispatcher: agentFor(message.tls),
      body: message.body,
      headers: { 'content-type': message.mediaType, ...message.headers },
      headersTimeout: message.timeoutMs,
      bodyTimeout: message.timeoutMs,
    });
    const body = await res.body.text();
    return { status: res.statusCode, mediaType: String(res.headers['content-type'] ?? ''), body };
  } catch (error) {
    if (error instanceof errors.UndiciError || (error as NodeJS.ErrnoException).code !== undefined) {
      throw new TransportError(`${message.url}: ${(error as Error).message}`);
    }
    throw error;
  }
}
