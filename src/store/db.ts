import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type SqliteDatabase, SqliteDialect } from 'kysely';
import pg from 'pg';
import { dirname } from 'node:path';
import { makePrivateFile } from '../private-files.js';
import { checkpointInBackground } from './wal-checkpoints.js';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface DatabaseTarget {
  kind: DatabaseKind;
  /** File path for SQLite (":memory:" allowed), connection string for PostgreSQL. */
  location: string;
}

/** `postgres://…` selects PostgreSQL; anything else is a SQLite file path. */
export function databaseTarget(databaseUrl: string | undefined, sqlitePath: string): DatabaseTarget {
  if (databaseUrl && /^postgres(ql)?:\/\//.test(databaseUrl)) return { kind: 'postgres', location: databaseUrl };
  return { kind: 'sqlite', location: databaseUrl ?? sqlitePath };
}

export interface DatabaseOptions {
  /** Told of a connection the server closed (a restart, a failover, an administrator). */
  onConnectionError?: (error: Error) => void;
}

export function openDatabase<T>(target: DatabaseTarget, options: DatabaseOptions = {}): Kysely<T> {
  if (target.kind === 'postgres') {
    const onConnectionError = options.onConnectionError ?? (() => {});
    const pool = new pg.Pool({ connectionString: target.location, max: 10 });
    // A connection the server closes is dropped from the pool and the next query opens a new one.
    // pg emits the loss as an `error` event, which with no listener kills the process: the pool
    // listens for its idle connections, and each connection listens for itself while it is lent
    // out (inside a transaction waiting between two queries), where the pool does not.
    pool.on('error', onConnectionError);
    pool.on('connect', (client) => void client.on('error', onConnectionError));
    return new Kysely<T>({ dialect: new PostgresDialect({ pool }) });
  }
  // Declarations and certificates are in there: other local users may not read it. SQLite gives
  // its -wal and -shm files the database file's mode.
  if (target.location !== ':memory:') makePrivateFile(target.location, dirname(target.location));
  const sqlite = new SQLite(target.location);
  // WAL lets readers run beside the single writer; NORMAL sync is durable across process crashes.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  // Reads of the database file through a memory map rather than a read call per page: a 42 KB
  // document read as bytes took 16-19 µs instead of 36-63 µs.
  sqlite.pragma('mmap_size = 268435456');
  let stopCheckpoints = () => {};
  if (target.location !== ':memory:') {
    // Checkpoints on a thread of their own (wal-checkpoints.ts); the writer's only as a backstop, at 40 MB of WAL.
    sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
    stopCheckpoints = checkpointInBackground(target.location, CHECKPOINT_EVERY_MS);
  }
  return new Kysely<T>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite, stopCheckpoints) }) });
}

const STATEMENTS_CACHED = 1000;
const BACKSTOP_CHECKPOINT_PAGES = 10_000;
const CHECKPOINT_EVERY_MS = 200;

/**
 * Kysely prepares every query anew; better-sqlite3 statements are reusable, and preparing
 * was an eighth of the delivery worker's time. Sharing one is safe: Kysely's single SQLite
 * connection runs one query at a time.
 */
function withStatementCache(sqlite: SQLite.Database, onClose: () => void): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      onClose();
      sqlite.close();
    },
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (cache.size < STATEMENTS_CACHED) cache.set(sql, statement);
      }
      return statement;
    },
  };
}

/**
 * One database holds every module's tables; each module is handed a Kysely that knows only
 * its own. Kysely's table map is invariant, hence the cast, made here once.
 */
// biome-ignore lint/suspicious/noExplicitAny: a database of any tables, as Kysely's own migration API takes it
export function tablesOf<T>(db: Kysely<any>): Kysely<T> {
  return db as Kysely<T>;
}
