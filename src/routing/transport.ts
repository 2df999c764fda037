import { Agent, errors, request } from 'undici';

export interface OutboundMessage {
  url: string;
  body: string;
  mediaType: string;
  headers: Record<string, string>;
  timeoutMs: number;
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

const agent = new Agent({ keepAliveTimeout: 10_000, connections: 64 });

/** One HTTP POST of a delivery; the caller decides what the answer means. */
export async function post(message: OutboundMessage): Promise<TransportAnswer> {
  try {
    const res = await request(message.url, {
      method: 'POST',
      dispatcher: agent,
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
