/** The RejectionError a step throws, for tests that look at its status and findings. */
import { expect } from 'vitest';
import { RejectionError } from '../../src/findings.js';

/** The RejectionError `run` throws; fails the test when it throws nothing or something else. */
export function rejectionOf(run: () => unknown): RejectionError {
  try {
    run();
  } catch (err) {
    if (err instanceof RejectionError) return err;
    throw err;
  }
  throw new Error('expected a RejectionError, nothing was thrown');
}

/** The RejectionError `promise` rejects with; fails the test when it settles otherwise. */
export async function rejected(promise: Promise<unknown>): Promise<RejectionError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (err instanceof RejectionError) return err;
  throw new Error(`expected a RejectionError, got ${String(err)}`);
}

/** The RejectionError `promise` rejects with, once it is shown to carry `status` and `code` as its first finding. */
export async function rejectedWith(promise: Promise<unknown>, status: number, code: string): Promise<RejectionError> {
  const err = await rejected(promise);
  expect(err.findings[0]?.code, err.message).toBe(code);
  expect(err.status).toBe(status);
  return err;
}
