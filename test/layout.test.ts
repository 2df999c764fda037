/**
 * Tests mirror the source layout: `src/pipeline/x.ts` has `test/pipeline/x.test.ts`, and a test
 * there names a source file that exists, so a newcomer finds a stage's behaviour beside its code.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const filesUnder = (dir: string, suffix: string) =>
  readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => relative(join(root, dir), join(entry.parentPath, entry.name)))
    .sort();

describe('test/pipeline mirrors src/pipeline', () => {
  const sources = filesUnder('src/pipeline', '.ts');
  const tests = filesUnder('test/pipeline', '.test.ts');
  const testOf = (source: string) => source.replace(/\.ts$/, '.test.ts');

  it('has a test file for every pipeline source file', () => {
    expect(sources.filter((source) => !tests.includes(testOf(source)))).toEqual([]);
  });

  it('has no test file whose source file is gone or was moved', () => {
    expect(tests.filter((test) => !sources.includes(test.replace(/\.test\.ts$/, '.ts')))).toEqual([]);
  });
});
