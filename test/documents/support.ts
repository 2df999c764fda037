import { readFileSync } from 'node:fs';

const FIXTURES = new URL('../fixtures/wco-dm/', import.meta.url);

/** A file under test/fixtures/wco-dm/, as bytes. */
export function fixture(path: string): Buffer {
  return readFileSync(new URL(path, FIXTURES));
}

export { rejectionOf } from '../support/rejections.js';
