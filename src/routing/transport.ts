import { send, type TlsFiles } from '../http-client.js';

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

/** A destination's answer is a receipt or a problem: more than this is not one, and is not read. */
export const MAX_ANSWER_BYTES = 1024 * 1024;

/**
 * One HTTP POST of a delivery or notification, over the shared client; the caller decides what
 * the answer means. No answer in time, or a larger one, is a TransportError: worth a retry.
 */
export async function post(message: OutboundMessage): Promise<TransportAnswer> {
  const answer = await send({
    url: message.url,
    method: 'POST',
    body: message.body,
    headers: { 'content-type': message.mediaType, ...message.headers },
    timeoutMs: message.timeoutMs,
    maxAnswerBytes: MAX_ANSWER_BYTES,
    ...(message.tls ? { tls: message.tls } : {}),
  });
  return { status: answer.status, mediaType: answer.mediaType, body: answer.body.toString('utf8') };
}
