import { type Kysely, type Migration, sql } from 'kysely';
import type { Checkpoint } from './checkpoint.js';
import { type NodeKey, nodeId, type StoredNode } from './merkle.js';

export interface ProvenanceLeafRow {
  leaf_index: number;
  exchange_id: string;
  /** The exact leaf input: `{"commitment":"<hex>"}`, or (salt null: logged before 033) the record's RFC 8785 canonical JSON. */
  leaf_input: string;
  /** The record's RFC 8785 canonical JSON, which the commitment covers; null before 033, where leaf_input is the record. */
  record: string | null;
  /** Hex of the 32 random bytes the commitment is salted with; null before 033. Shown only to those who may see the record. */
  salt: string | null;
}

/** A perfect subtree hash (level 0: the leaf hashes), keyed by merkle.ts nodeId. */
export interface ProvenanceNodeRow {
  node_id: number;
  /** Base64 SHA-256. */
  hash: string;
}

export interface ProvenanceCheckpointRow {
  tree_size: number;
  origin: string;
  root_hash: string;
  timestamp: string;
  note: string;
  signature: string;
}

export interface ProvenanceTables {
  provenance_leaves: ProvenanceLeafRow;
  provenance_nodes: ProvenanceNodeRow;
  provenance_checkpoints: ProvenanceCheckpointRow;
}

/**
 * Portable DDL (text and integer only) so one migration serves SQLite and PostgreSQL. Keys are
 * 32-bit integers on PostgreSQL; node ids reach twice the tree size, so the log holds up to
 * 2^30 entries, far above the 10 M it is sized for.
 */
export const provenanceMigrations: Record<string, Migration> = {
  '010-provenance-log': {
    async up(db) {
      await db.schema
        .createTable('provenance_leaves')
        .addColumn('leaf_index', 'integer', (c) => c.primaryKey())
        .addColumn('exchange_id', 'text', (c) => c.notNull())
        .addColumn('leaf_input', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('provenance_leaves_exchange').on('provenance_leaves').columns(['exchange_id', 'leaf_index']).execute();
      await db.schema
        .createTable('provenance_nodes')
        .addColumn('node_id', 'integer', (c) => c.primaryKey())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('provenance_checkpoints')
        .addColumn('tree_size', 'integer', (c) => c.primaryKey())
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('root_hash', 'text', (c) => c.notNull())
        .addColumn('timestamp', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('signature', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db) {
      for (const table of ['provenance_checkpoints', 'provenance_nodes', 'provenance_leaves']) await db.schema.dropTable(table).execute();
    },
  },
  // Leaves from here on are salted commitments to their records (record.ts). Earlier leaves keep
  // their clear records as leaf input — changing them would change the tree every signed
  // checkpoint and every receipt handed out commits to — and are served only to those who may see them.
  '033-provenance-commitments': {
    async up(db) {
      // One column per statement: SQLite adds one at a time.
      await db.schema.alterTable('provenance_leaves').addColumn('record', 'text').execute();
      await db.schema.alterTable('provenance_leaves').addColumn('salt', 'text').execute();
    },
    async down(db) {
      // Dropping the salts would leave the committed entries unopenable for good.
      const committed = await db
        .selectFrom('provenance_leaves' as never)
        .select(sql<number>`count(*)`.as('n'))
        .where(sql.ref('salt'), 'is not', null)
        .executeTakeFirst();
      if (Number(committed?.n ?? 0) > 0)
        throw new Error(`033-provenance-commitments cannot be undone: ${committed?.n} log entries are commitments that only their salts open`);
      await db.schema.alterTable('provenance_leaves').dropColumn('salt').execute();
      await db.schema.alterTable('provenance_leaves').dropColumn('record').execute();
    },
  },
};

type Db = Kysely<ProvenanceTables>;

export async function readTreeSize(db: Db): Promise<number> {
  const row = await db
    .selectFrom('provenance_leaves')
    .select((eb) => eb.fn.max('leaf_index').as('last'))
    .executeTakeFirst();
  return row?.last == null ? 0 : Number(row.last) + 1;
}

export async function readNodes(db: Db, keys: NodeKey[]): Promise<Map<number, Buffer>> {
  if (keys.length === 0) return new Map();
  const rows = await db.selectFrom('provenance_nodes').selectAll().where('node_id', 'in', keys.map(nodeId)).execute();
  return new Map(rows.map((row) => [row.node_id, Buffer.from(row.hash, 'base64')]));
}

/** A perfect subtree's row. */
export const nodeRow = (node: StoredNode): ProvenanceNodeRow => ({ node_id: nodeId(node), hash: node.hash.toString('base64') });

export async function insertNodes(db: Db, nodes: StoredNode[]): Promise<void> {
  for (const chunk of chunks(nodes.map(nodeRow), 5000)) await db.insertInto('provenance_nodes').values(chunk).execute();
}

export function readLeaves(db: Db, indexes: number[]): Promise<ProvenanceLeafRow[]> {
  if (indexes.length === 0) return Promise.resolve([]);
  return db.selectFrom('provenance_leaves').selectAll().where('leaf_index', 'in', indexes).orderBy('leaf_index').execute();
}

export function readExchangeLeaves(db: Db, exchangeId: string): Promise<ProvenanceLeafRow[]> {
  return db.selectFrom('provenance_leaves').selectAll().where('exchange_id', '=', exchangeId).orderBy('leaf_index').execute();
}

/** Keeps the first checkpoint of a size: two instances racing to publish the same size agree on one. */
export async function insertCheckpoint(db: Db, checkpoint: Checkpoint): Promise<void> {
  await db
    .insertInto('provenance_checkpoints')
    .values({
      tree_size: checkpoint.treeSize,
      origin: checkpoint.origin,
      root_hash: checkpoint.rootHash,
      timestamp: checkpoint.timestamp,
      note: checkpoint.note,
      signature: checkpoint.signature,
    })
    .onConflict((oc) => oc.column('tree_size').doNothing())
    .execute();
}

export async function readCheckpoint(db: Db, treeSize?: number): Promise<Checkpoint | undefined> {
  let query = db.selectFrom('provenance_checkpoints').selectAll().orderBy('tree_size', 'desc').limit(1);
  if (treeSize !== undefined) query = query.where('tree_size', '=', treeSize);
  const row = await query.executeTakeFirst();
  return row && { origin: row.origin, treeSize: row.tree_size, rootHash: row.root_hash, timestamp: row.timestamp, note: row.note, signature: row.signature };
}

/** The published checkpoints, largest tree first, `limit` of them below `belowSize` when given. */
export async function readCheckpoints(db: Db, limit: number, belowSize?: number): Promise<Checkpoint[]> {
  let query = db.selectFrom('provenance_checkpoints').selectAll().orderBy('tree_size', 'desc').limit(limit);
  if (belowSize !== undefined) query = query.where('tree_size', '<', belowSize);
  const rows = await query.execute();
  return rows.map((row) => ({
    origin: row.origin,
    treeSize: Number(row.tree_size),
    rootHash: row.root_hash,
    timestamp: row.timestamp,
    note: row.note,
    signature: row.signature,
  }));
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}
