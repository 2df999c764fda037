/**
 * Rows inserted many to a statement, with SQL built once per table, columns and row count.
 * Kysely builds and compiles an insert anew on every call, a cost that grows with its rows;
 * the rows of a write batch's accepted exchanges (ingest) went in as a dozen small inserts each.
 *
 * `insertBeforeCommit` defers rows to the end of the write transaction (write-lock.ts
 * beforeCommit): every write of a batch adds its rows, and each table gets one insert for all of
 * them. Tables are flushed in the order the transaction first deferred rows to them, so a
 * table whose rows refer to another's (documents to exchanges) is named after it. A write that
 * reads a table it or its neighbours deferred rows to calls flushBeforeCommit first, or looks at
 * `pendingRows`.
 */
import { CompiledQuery } from 'kysely';
import type { Target } from './prepared.js';
import { beforeCommit } from './write-lock.js';

/** Below both databases' limits on the parameters of one statement: SQLite 32,766, PostgreSQL 65,535. */
const MAX_PARAMETERS = 30_000;

const sqlByShape = new Map<string, string>();

type TableName<Tables> = keyof Tables & string;

/**
 * Inserts `rows` of `table`, in as few statements as the parameter limits allow. The columns are
 * every row's (a row written by one module may give a column another leaves out); a column a row
 * does not give, or gives as undefined, is stored as null.
 */
export async function insertRows<Tables, T extends TableName<Tables>>(target: Target<Tables>, table: T, rows: readonly Tables[T][]): Promise<void> {
  if (rows.length === 0) return;
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row as object)))];
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const parameters: unknown[] = [];
    for (const row of chunk) for (const column of columns) parameters.push((row as Record<string, unknown>)[column] ?? null);
    await target.db.executeQuery(CompiledQuery.raw(insertSql(target.kind, table, columns, chunk.length), parameters));
  }
}

function insertSql(kind: Target<unknown>['kind'], table: string, columns: string[], rowCount: number): string {
  const shape = `${kind}:${table}:${columns.join(',')}:${rowCount}`;
  let sql = sqlByShape.get(shape);
  if (!sql) {
    let n = 0;
    const placeholder = kind === 'postgres' ? () => `$${++n}` : () => '?';
    const row = () => `(${columns.map(placeholder).join(', ')})`;
    sql = `insert into ${quoted(table)} (${columns.map(quoted).join(', ')}) values ${Array.from({ length: rowCount }, row).join(', ')}`;
    sqlByShape.set(shape, sql);
  }
  return sql;
}

/** Names come from the code's own table types, never from input; quoted all the same. */
const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Rows deferred to the end of a transaction, by transaction and table. */
const pendingByTransaction = new WeakMap<object, Map<string, unknown[]>>();

/** Inserts `rows` just before `transaction` commits, in one statement with the rows the batch's other writes defer to `table`. */
export function insertBeforeCommit<Tables, T extends TableName<Tables>>(transaction: Target<Tables>, table: T, rows: readonly Tables[T][]): void {
  let pending = pendingByTransaction.get(transaction.db);
  if (!pending) {
    pending = new Map();
    pendingByTransaction.set(transaction.db, pending);
  }
  let tableRows = pending.get(table) as Tables[T][] | undefined;
  if (!tableRows) {
    const deferred: Tables[T][] = [];
    const tables = pending;
    beforeCommit(transaction.db, () => {
      // Rows deferred after this flush (a write that flushed early to read) get a flush of their own.
      tables.delete(table);
      return insertRows(transaction, table, deferred);
    });
    tableRows = deferred;
    pending.set(table, tableRows);
  }
  tableRows.push(...rows);
}

/** The rows deferred to `table` in `transaction` and not yet written (none outside a write transaction). */
export function pendingRows<Tables, T extends TableName<Tables>>(transaction: Target<Tables>, table: T): readonly Tables[T][] {
  return (pendingByTransaction.get(transaction.db)?.get(table) ?? []) as Tables[T][];
}
