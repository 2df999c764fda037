import { readFileSync } from 'node:fs';
import { RejectionError } from '../../src/findings.js';

const FIXTURES = new URL('../fixtures/wco-dm/', import.meta.url);

/** A file under test/fixtures/wco-dm/, as bytes. */
export function fixture(path: string): Buffer {
  return readFileSync(new URL(path, FIXTURES));
}

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
