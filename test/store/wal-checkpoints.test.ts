import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { checkpointInBackground } from '../../src/store/wal-checkpoints.js';
import { waitFor } from '../support/gateway.js';

const dir = mkdtempSync(join(tmpdir(), 'swgate-wal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sizeOf = (path: string) => statSync(path).size;

describe('WAL checkpoints on a thread of their own', () => {
  it('copies what the writer commits into the database file while the writer never checkpoints itself', async () => {
    const path = join(dir, 'opened.sqlite');
    const db = openDatabase<{ pages: { n: number; content: string } }>({ kind: 'sqlite', location: path });
    await sql`create table pages (n integer primary key, content text not null)`.execute(db);
    const content = 'x'.repeat(16_000);
    // 2.4 MB: about 600 pages, far below the writer's own checkpoint at 10,000.
    for (let batch = 0; batch < 15; batch++) {
      await db
        .insertInto('pages')
        .values(Array.from({ length: 10 }, (_, i) => ({ n: batch * 10 + i, content })))
        .execute();
    }
    await waitFor(
      async () => sizeOf(path),
      (size) => size > 2_400_000,
    );
    await db.destroy();
    const reader = new SQLite(path, { readonly: true });
    expect(reader.prepare('select count(*) as n from pages').get()).toEqual({ n: 150 });
    reader.close();
  });

  it('stops when told, leaving the WAL to whoever opens the database next', async () => {
    const path = join(dir, 'stopped.sqlite');
    const writer = new SQLite(path);
    writer.pragma('journal_mode = WAL');
    writer.pragma('wal_autocheckpoint = 0');
    writer.exec('create table t (v text)');
    const insert = writer.prepare('insert into t values (?)');
    const stop = checkpointInBackground(path, 20);
    insert.run('y'.repeat(200_000));
    await waitFor(
      async () => sizeOf(path),
      (size) => size > 200_000,
    );
    stop();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const before = sizeOf(path);
    insert.run('z'.repeat(200_000));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sizeOf(path)).toBe(before);
    writer.close();
  });

  it('leaves the process alone when the database is gone before the thread opens it', async () => {
    const errors: unknown[] = [];
    const onError = (error: unknown) => errors.push(error);
    process.on('uncaughtException', onError);
    try {
      const stop = checkpointInBackground(join(dir, 'never', 'made.sqlite'), 20);
      await new Promise((resolve) => setTimeout(resolve, 500));
      stop();
    } finally {
      process.off('uncaughtException', onError);
    }
    expect(errors).toEqual([]);
  });
});
