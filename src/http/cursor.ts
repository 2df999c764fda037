import { finding, RejectionError } from '../findings.js';

/**
 * Opaque cursors of the lists whose position is more than one id: the position's parts as JSON,
 * base64url. A client hands back what it was given; anything else is refused 400, never read.
 */
export function encodeCursor(parts: readonly string[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor(cursor: string, parts: number): string[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (!Array.isArray(decoded) || decoded.length !== parts || !decoded.every((p) => typeof p === 'string' && p.length <= 200))
    throw new RejectionError(400, 'Malformed request', [
      finding('cursor.invalid', 'The cursor is not one this list gave: pass nextCursor as it came.', '/cursor'),
    ]);
  return decoded as string[];
}
