/**
 * Queries built and compiled once, then run with new values. Kysely builds and compiles a query
 * on every call — 15 to 35 µs, more than SQLite takes to run most of them — and a delivery runs
 * about a dozen (bench/delivery.ts). The SQL of a prepared query is kept per dialect and per
 * shape (which of its values are defined), so optional columns still work.
 *
 * The builder is handed placeholders, not values: it may look at which values are defined, never
 * at what they are. Anything computed from a value (JSON text, a count) is computed by the caller
 * and passed in as a value of its own.
 */
import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { DatabaseKind } from './db.js';

export interface Target<Tables> {
  db: Kysely<Tables>;
  kind: DatabaseKind;
}

class Placeholder {
  constructor(readonly name: string) {}
}

interface Compiled<Row> {
  query: CompiledQuery<Row>;
  /** For each parameter of the SQL: the name of the value it takes, or a constant the builder wrote. */
  slots: Array<{ value: string } | { constant: unknown }>;
}

export type Prepared<Tables, Values, Row> = (target: Target<Tables>, values: Values) => Promise<QueryResult<Row>>;

export function prepare<Tables, Values extends object, Row>(
  build: (db: Kysely<Tables>, values: Values, kind: DatabaseKind) => Compilable<Row>,
): Prepared<Tables, Values, Row> {
  const compiledByShape = new Map<string, Compiled<Row>>();
  return (target, values) => {
    const defined = definedNames(values);
    const shape = `${target.kind}:${defined.join(',')}`;
    let compiled = compiledByShape.get(shape);
    if (!compiled) {
      compiled = compile(build(target.db, placeholdersFor(defined), target.kind));
      compiledByShape.set(shape, compiled);
    }
    const parameters = compiled.slots.map((slot) => ('value' in slot ? (values as Record<string, unknown>)[slot.value] : slot.constant));
    const { sql, query, queryId } = compiled.query;
    return target.db.executeQuery({ sql, query, queryId, parameters });
  };
}

function definedNames(values: object): string[] {
  const names: string[] = [];
  for (const [name, value] of Object.entries(values)) if (value !== undefined) names.push(name);
  return names;
}

function placeholdersFor<Values>(names: string[]): Values {
  return Object.fromEntries(names.map((name) => [name, new Placeholder(name)])) as Values;
}

function compile<Row>(query: Compilable<Row>): Compiled<Row> {
  const compiled = query.compile();
  return { query: compiled, slots: compiled.parameters.map((p) => (p instanceof Placeholder ? { value: p.name } : { constant: p })) };
}

/** The first row of a prepared query's result. */
export async function firstRow<Row>(result: Promise<QueryResult<Row>>): Promise<Row | undefined> {
  return (await result).rows[0];
}

/** How many rows a prepared insert, update or delete changed. */
export async function changedRows(result: Promise<QueryResult<unknown>>): Promise<number> {
  return Number((await result).numAffectedRows ?? 0n);
}
