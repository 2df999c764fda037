import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makePrivateDir } from '../src/private-files.js';

const root = mkdtempSync(join(tmpdir(), 'swgate-private-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const mode = (path: string) => statSync(path).mode & 0o777;

describe('makePrivateDir', () => {
  it('creates a directory, and its missing parents, that only this user may enter', () => {
    makePrivateDir(join(root, 'a', 'b'));
    expect(mode(join(root, 'a'))).toBe(0o700);
    expect(mode(join(root, 'a', 'b'))).toBe(0o700);
  });

  it('tightens an existing data directory another version left open', () => {
    const dir = join(root, 'var');
    mkdirSync(dir, { mode: 0o755 });
    makePrivateDir(dir);
    expect(mode(dir)).toBe(0o700);
  });
});
