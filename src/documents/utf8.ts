import { RejectionError, finding } from '../findings.js';

/**
 * Bytes → string, accepting UTF-8 only (a BOM is allowed and dropped). The size limit is
 * checked first so nothing larger is ever decoded. `format` prefixes the finding codes
 * (`xml.encoding`, `json.too-large`, …).
 */
export function decodeUtf8(input: Buffer | string, maxBytes: number, format: 'xml' | 'json'): string {
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > maxBytes) {
    throw new RejectionError(413, 'Document too large', [finding(`${format}.too-large`, `Document is ${size} bytes; the limit is ${maxBytes}`)]);
  }
  if (typeof input === 'string') return input.startsWith('\uFEFF') ? input.slice(1) : input;
  const notUtf8 = (message: string): RejectionError => new RejectionError(400, 'Malformed document', [finding(`${format}.encoding`, message)]);
  if ((input[0] === 0xfe && input[1] === 0xff) || (input[0] === 0xff && input[1] === 0xfe)) {
    throw notUtf8('Document is UTF-16 (byte order mark); only UTF-8 is accepted');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    throw notUtf8('Document is not valid UTF-8');
  }
}
