/**
 * Work a process does once at start (migrations, the profiles folder), run again when the
 * database connection it used was lost: a PostgreSQL restart or an administrator terminating
 * backends then delays the start instead of ending the process. Anything else fails at once.
 */

/** PostgreSQL's codes for a connection the server ended or refused, and the socket errors of one that went away. */
const LOST_CODES = new Set(['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

export function isConnectionLost(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (LOST_CODES.has(code) || code.startsWith('08'))) return true;
  // pg's own words for a connection closed under a query (it carries no code).
  return error instanceof Error && /Connection terminated/.test(error.message);
}

export interface RetryOptions {
  /** Attempts in all, the first included. */
  attempts?: number;
  /** Wait before the first retry; doubled each time, at most 5 s. */
  delayMs?: number;
  onRetry?: (error: unknown, attempt: number) => void;
}

export async function retryWhileConnectionLost<T>(work: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 10;
  let delay = options.delayMs ?? 200;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isConnectionLost(error)) throw error;
      options.onRetry?.(error, attempt);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 5000);
    }
  }
}

/** Retry options that tell the log of each retry, for work a process does at start. */
export const warningOfRetries = (logger: { warn: (fields: object, message: string) => void }): RetryOptions => ({
  onRetry: (error) => logger.warn({ err: (error as Error).message }, 'database connection lost at start; trying again'),
});
