/**
 * The transport forms an AS4 message arrives in: bare SOAP XML, MIME multipart/related (SOAP
 * with Attachments), or an HTTP dump of either (headers, blank line, body: the `.as4in` and
 * `.as4out` files access points write). Parsing is bounded: a part count, a header size and a
 * total size, so a part bomb costs a refusal, not memory.
 */
import { randomUUID } from 'node:crypto';
import { as4Error } from './errors.js';

export interface Attachment {
  /** Content-ID without angle brackets; `cid:<this>` is how the header refers to it. */
  contentId: string;
  contentType: string;
  /** Every MIME header of the part, lower-cased names. */
  headers: Record<string, string>;
  /** The part's content after its Content-Transfer-Encoding is undone. */
  content: Buffer;
}

export interface As4Transport {
  /** The SOAP envelope's bytes. */
  soap: Buffer;
  /** The SOAP part's media type (application/soap+xml or text/xml). */
  soapContentType: string;
  attachments: Attachment[];
}

export interface MimeLimits {
  maxParts: number;
  /** Largest header block of one part (or of the HTTP dump), in bytes. */
  maxHeaderBytes: number;
  maxTotalBytes: number;
}

export const DEFAULT_MIME_LIMITS: MimeLimits = { maxParts: 64, maxHeaderBytes: 16 * 1024, maxTotalBytes: 512 * 1024 * 1024 };

/** Splits `name: value` header lines (folded lines joined) into lower-cased names. */
function parseHeaderBlock(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) {
      if (/^HTTP\/\d|^[A-Z]+ \S+ HTTP\/\d/.test(line)) continue;
      throw as4Error('EBMS:0007', `Malformed MIME header line: ${line.slice(0, 80)}`);
    }
    const name = line.slice(0, colon).trim().toLowerCase();
    if (Object.hasOwn(headers, name) && name !== 'content-type' && name !== 'content-id' && name !== 'content-transfer-encoding') continue;
    if (Object.hasOwn(headers, name)) throw as4Error('EBMS:0007', `The MIME header ${name} appears twice`);
    headers[name] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** A parameter of a structured header value (`boundary`, `type`, `start`), quotes removed. */
function headerParameter(value: string, name: string): string | undefined {
  const re = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i');
  const m = re.exec(value);
  return m ? (m[1] ?? m[2]) : undefined;
}

function mediaType(value: string): string {
  return (value.split(';')[0] ?? '').trim().toLowerCase();
}

/** Index of the blank line ending a header block, and the length of its terminator. */
function headerEnd(bytes: Buffer, from: number, limit: number): { at: number; length: number } | undefined {
  const window = bytes.subarray(from, Math.min(bytes.length, from + limit));
  const crlf = window.indexOf('\r\n\r\n');
  const lf = window.indexOf('\n\n');
  if (crlf === -1 && lf === -1) return undefined;
  if (lf === -1 || (crlf !== -1 && crlf < lf)) return { at: from + crlf, length: 4 };
  return { at: from + lf, length: 2 };
}

function looksLikeXml(bytes: Buffer): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return bytes[i] === 0x3c;
}

function decodeTransfer(content: Buffer, encoding: string | undefined): Buffer {
  switch ((encoding ?? 'binary').toLowerCase()) {
    case 'binary':
    case '8bit':
    case '7bit':
      return content;
    case 'base64':
      return Buffer.from(content.toString('latin1').replace(/[\r\n\t ]/g, ''), 'base64');
    default:
      throw as4Error('EBMS:0007', `Content-Transfer-Encoding ${encoding} is not supported`);
  }
}

/** multipart/related body → parts; the first part (or the `start` one) is the SOAP envelope. */
function parseMultipart(body: Buffer, contentType: string, limits: Partial<MimeLimits> = {}): As4Transport {
  const { maxParts, maxHeaderBytes } = { ...DEFAULT_MIME_LIMITS, ...limits };
  const boundary = headerParameter(contentType, 'boundary');
  if (!boundary || boundary.length > 200) throw as4Error('EBMS:0007', 'multipart/related without a usable boundary parameter');
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Array<{ headers: Record<string, string>; content: Buffer }> = [];
  let at = body.indexOf(delimiter);
  if (at === -1) throw as4Error('EBMS:0007', 'The MIME boundary does not occur in the body');
  for (;;) {
    let cursor = at + delimiter.length;
    if (body[cursor] === 0x2d && body[cursor + 1] === 0x2d) break;
    while (body[cursor] === 0x20 || body[cursor] === 0x09) cursor++;
    if (body[cursor] === 0x0d) cursor++;
    if (body[cursor] !== 0x0a) throw as4Error('EBMS:0007', 'A MIME boundary line is not followed by a line break');
    cursor++;
    if (parts.length >= maxParts) throw as4Error('EBMS:0007', `More than ${maxParts} MIME parts`);
    let headers: Record<string, string> = {};
    let contentStart = cursor;
    if (body[cursor] === 0x0d && body[cursor + 1] === 0x0a) contentStart = cursor + 2;
    else if (body[cursor] === 0x0a) contentStart = cursor + 1;
    else {
      const end = headerEnd(body, cursor, maxHeaderBytes);
      if (!end) throw as4Error('EBMS:0007', `A MIME part's headers are missing their end or exceed ${maxHeaderBytes} bytes`);
      headers = parseHeaderBlock(body.toString('latin1', cursor, end.at));
      contentStart = end.at + end.length;
    }
    const next = body.indexOf(delimiter, contentStart);
    if (next === -1) throw as4Error('EBMS:0007', 'The MIME body ends without its closing boundary');
    let contentEnd = next;
    if (body[contentEnd - 1] === 0x0a) contentEnd--;
    if (body[contentEnd - 1] === 0x0d) contentEnd--;
    parts.push({ headers, content: body.subarray(contentStart, Math.max(contentStart, contentEnd)) });
    at = next;
  }
  if (parts.length === 0) throw as4Error('EBMS:0007', 'The multipart body has no parts');
  const start = headerParameter(contentType, 'start');
  const startId = start?.replace(/^<|>$/g, '');
  const soapIndex = startId ? parts.findIndex((p) => stripId(p.headers['content-id']) === startId) : 0;
  if (soapIndex === -1) throw as4Error('EBMS:0007', `No MIME part has the start Content-ID ${start}`);
  const soap = parts[soapIndex]!;
  const attachments: Attachment[] = [];
  const seen = new Set<string>();
  parts.forEach((part, i) => {
    if (i === soapIndex) return;
    const contentId = stripId(part.headers['content-id']);
    if (!contentId) throw as4Error('EBMS:0007', 'A MIME attachment has no Content-ID');
    if (seen.has(contentId)) throw as4Error('EBMS:0007', `Two MIME parts have the Content-ID ${contentId}`);
    seen.add(contentId);
    attachments.push({
      contentId,
      contentType: part.headers['content-type'] ?? 'application/octet-stream',
      headers: part.headers,
      content: decodeTransfer(part.content, part.headers['content-transfer-encoding']),
    });
  });
  return {
    soap: decodeTransfer(soap.content, soap.headers['content-transfer-encoding']),
    soapContentType: soap.headers['content-type'] ?? headerParameter(contentType, 'type') ?? 'application/soap+xml',
    attachments,
  };
}

function stripId(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value.trim().replace(/^<|>$/g, '');
}

/**
 * Whatever form the bytes are in: bare XML; a body with its Content-Type given (as the HTTP
 * edge knows it); or an HTTP dump / MIME message with headers first.
 */
export function readTransport(bytes: Buffer, contentType?: string, limits: Partial<MimeLimits> = {}): As4Transport {
  const { maxHeaderBytes, maxTotalBytes } = { ...DEFAULT_MIME_LIMITS, ...limits };
  if (bytes.length > maxTotalBytes) throw as4Error('EBMS:0007', `The message is ${bytes.length} bytes; the limit is ${maxTotalBytes}`);
  if (contentType === undefined) {
    if (looksLikeXml(bytes)) return { soap: bytes, soapContentType: 'application/soap+xml', attachments: [] };
    const end = headerEnd(bytes, 0, maxHeaderBytes);
    if (!end) throw as4Error('EBMS:0007', `Neither XML nor headers ending within ${maxHeaderBytes} bytes`);
    const headers = parseHeaderBlock(bytes.toString('latin1', 0, end.at));
    const type = headers['content-type'];
    if (!type) throw as4Error('EBMS:0007', 'The message headers have no Content-Type');
    const body = bytes.subarray(end.at + end.length);
    const chunked = /\bchunked\b/i.test(headers['transfer-encoding'] ?? '') && /^[0-9a-fA-F]{1,8}[ \t;]*[^\r\n]*\r?\n/.test(body.toString('latin1', 0, 64));
    return readTransport(chunked ? dechunk(body) : body, type, limits);
  }
  const type = mediaType(contentType);
  if (type === 'multipart/related') return parseMultipart(bytes, contentType, limits);
  if (type === 'application/soap+xml' || type === 'text/xml' || type === 'application/xml') {
    return { soap: bytes, soapContentType: contentType, attachments: [] };
  }
  throw as4Error('EBMS:0007', `Content-Type ${type} is not an AS4 message`);
}

/**
 * An HTTP/1.1 chunked body as a dump may hold it (most dump tools write it decoded, and then the
 * header is left as it was: the caller only comes here when the body starts like a chunk).
 */
function dechunk(body: Buffer): Buffer {
  const chunks: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = body.indexOf('\n', at);
    if (lineEnd === -1 || lineEnd - at > 80) throw as4Error('EBMS:0007', 'A chunked body with a malformed chunk size line');
    const size = Number.parseInt(body.toString('latin1', at, lineEnd).split(';')[0]!.trim(), 16);
    if (!Number.isSafeInteger(size) || size < 0) throw as4Error('EBMS:0007', 'A chunked body with a malformed chunk size');
    at = lineEnd + 1;
    if (size === 0) return Buffer.concat(chunks);
    if (at + size > body.length) throw as4Error('EBMS:0007', 'A chunked body ends inside a chunk');
    chunks.push(body.subarray(at, at + size));
    at += size;
    if (body[at] === 0x0d) at++;
    if (body[at] !== 0x0a) throw as4Error('EBMS:0007', 'A chunk is not followed by a line break');
    at++;
  }
}

export interface MimeMessage {
  contentType: string;
  body: Buffer;
}

/** Writes SOAP with Attachments: the envelope first (the `start` part), then each attachment, binary. */
export function writeMultipart(soap: Buffer | string, soapVersion: '1.1' | '1.2', attachments: readonly Attachment[]): MimeMessage {
  const boundary = `----=_swgate_${randomUUID()}`;
  const soapType = soapVersion === '1.2' ? 'application/soap+xml' : 'text/xml';
  const soapId = `soap-${randomUUID()}@swgate`;
  const chunks: Buffer[] = [
    Buffer.from(`--${boundary}\r\nContent-Type: ${soapType}; charset=UTF-8\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <${soapId}>\r\n\r\n`),
    typeof soap === 'string' ? Buffer.from(soap) : soap,
  ];
  for (const attachment of attachments) {
    if (/[\r\n<>]/.test(attachment.contentId) || /[\r\n]/.test(attachment.contentType)) throw new Error('attachment id or type with a line break');
    chunks.push(
      Buffer.from(
        `\r\n--${boundary}\r\nContent-Type: ${attachment.contentType}\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <${attachment.contentId}>\r\n\r\n`,
      ),
      attachment.content,
    );
  }
  chunks.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return {
    contentType: `multipart/related; boundary="${boundary}"; type="${soapType}"; start="<${soapId}>"`,
    body: Buffer.concat(chunks),
  };
}
