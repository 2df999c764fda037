import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';

/**
 * A directory of swgate's own (the data directory, the private Redis's) that other local
 * users may not read: created with mode 0700, and tightened to it if it already exists.
 */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/**
 * A file only this user may read or write (mode 0600), created empty if missing. Missing
 * parent directories are created 0700; existing ones are left alone (they may be shared on purpose).
 */
export function makePrivateFile(file: string, parent: string): void {
  mkdirSync(parent, { recursive: true, mode: 0o700 });
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
}
