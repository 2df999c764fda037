/**
 * The description classifier (descriptions.ts) over the analytics store: trained on every goods
 * item's description and declared chapter, measured on a held-out fifth, kept in
 * `description_models`; and the goods items of a period whose description points elsewhere.
 */
import { type DuckDBConnection, listValue } from '@duckdb/node-api';
import {
  chapterOf,
  type DescriptionModel,
  descriptionMismatch,
  type LabelledDescription,
  measureDescriptionModel,
  trainDescriptionModel,
} from './descriptions.js';

/** Distinct descriptions scored per request at most: the most frequent first. */
export const MAX_MISCLASSIFICATIONS = 1000;
const MAX_SCORED = 200_000;

/** Trains on the whole store, measures on a held-out fifth, and keeps the model as the current one. */
export async function trainDescriptions(connection: DuckDBConnection, now: Date): Promise<DescriptionModel> {
  const reader = await connection.runAndReadAll(`
    SELECT description, substr(commodity, 1, 2) AS chapter, count(*) AS count FROM items
    WHERE description IS NOT NULL AND regexp_matches(commodity, '^[0-9]{2}')
    GROUP BY ALL`);
  const examples: LabelledDescription[] = reader
    .getRowObjectsJS()
    .map((r) => ({ description: String(r.description), chapter: String(r.chapter), count: Number(r.count) }));
  const model = { ...trainDescriptionModel(examples, now), measured: measureDescriptionModel(examples, now) };
  await connection.run('INSERT INTO description_models VALUES ($1, $2)', [model.trainedAt, JSON.stringify(model)]);
  return model;
}

let cached: DescriptionModel | undefined;

/** The newest model trained, or undefined before the first training. */
export async function currentDescriptionModel(connection: DuckDBConnection): Promise<DescriptionModel | undefined> {
  const newest = (await connection.runAndReadAll('SELECT max(trained_at) AS at FROM description_models')).getRowObjectsJS()[0]?.at;
  if (newest == null) return undefined;
  if (cached?.trainedAt === newest) return cached;
  const body = (await connection.runAndReadAll('SELECT body FROM description_models WHERE trained_at = $1 LIMIT 1', [String(newest)])).getRowObjectsJS()[0]
    ?.body;
  cached = JSON.parse(String(body)) as DescriptionModel;
  return cached;
}

export interface Misclassification {
  /** The exchange id, or the legacy system's sgd.id (`source` history). */
  declaration: string;
  source: string;
  item: number;
  date: string;
  description: string;
  commodity: string;
  suggestedChapter: string;
  confidence: number;
}

/** Goods items declared between `from` and `to` (ISO dates, inclusive) that the model flags, most confident first. */
export async function misclassifications(connection: DuckDBConnection, model: DescriptionModel, from: string, to: string): Promise<Misclassification[]> {
  const reader = await connection.runAndReadAll(
    `SELECT description, commodity, count(*) AS n FROM items
     WHERE date BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE) AND description IS NOT NULL AND regexp_matches(commodity, '^[0-9]{2}')
     GROUP BY ALL ORDER BY n DESC LIMIT ${MAX_SCORED}`,
    [from, to],
  );
  const flagged = reader
    .getRowObjectsJS()
    .map((r) => ({
      description: String(r.description),
      commodity: String(r.commodity),
      mismatch: descriptionMismatch(model, String(r.description), String(r.commodity)),
    }))
    .filter((r) => r.mismatch !== undefined)
    .sort((a, b) => (b.mismatch?.confidence ?? 0) - (a.mismatch?.confidence ?? 0));
  if (flagged.length === 0) return [];
  const items = await connection.runAndReadAll(
    `WITH flagged AS (SELECT unnest($3::VARCHAR[]) AS description, unnest($4::VARCHAR[]) AS commodity)
     SELECT source, declaration, item, CAST(date AS VARCHAR) AS date, description, commodity FROM items JOIN flagged USING (description, commodity)
     WHERE date BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)
     ORDER BY date, declaration, item LIMIT ${MAX_MISCLASSIFICATIONS * 4}`,
    [from, to, listValue(flagged.map((f) => f.description)), listValue(flagged.map((f) => f.commodity))],
  );
  const byPair = new Map(flagged.map((f) => [`${f.description}\u0000${f.commodity}`, f.mismatch]));
  return items
    .getRowObjectsJS()
    .map((r) => {
      const mismatch = byPair.get(`${String(r.description)}\u0000${String(r.commodity)}`);
      return {
        declaration: String(r.declaration),
        source: String(r.source),
        item: Number(r.item),
        date: String(r.date),
        description: String(r.description),
        commodity: String(r.commodity),
        suggestedChapter: mismatch?.suggested ?? chapterOf(String(r.commodity)),
        confidence: Math.round((mismatch?.confidence ?? 0) * 1000) / 1000,
      };
    })
    .sort((a, b) => b.confidence - a.confidence)
    .slice(0, MAX_MISCLASSIFICATIONS);
}
