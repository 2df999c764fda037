/**
 * gzip for payload parts (CompressionType application/gzip, eDelivery AS4 §1.4.3.1), with a
 * bounded inflate: a gzip bomb stops at the limit with EBMS:0303 DecompressionFailure instead
 * of filling memory.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { as4Error } from './errors.js';

export const DEFAULT_MAX_INFLATED_BYTES = 256 * 1024 * 1024;

export function gzipPayload(content: Buffer): Buffer {
  return gzipSync(content);
}

/** Inflates at most `maxBytes`; more, or anything not gzip, is EBMS:0303. */
export function gunzipPayload(content: Buffer, maxBytes = DEFAULT_MAX_INFLATED_BYTES, refToMessageInError?: string): Buffer {
  try {
    return gunzipSync(content, { maxOutputLength: maxBytes });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? `it inflates beyond ${maxBytes} bytes` : (error as Error).message;
    throw as4Error('EBMS:0303', `The payload cannot be decompressed: ${reason}`, refToMessageInError);
  }
}
