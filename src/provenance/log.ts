import type { Kysely } from 'kysely';
import { finding, RejectionError } from '../findings.js';
import type { DatabaseKind } from '../store/db.js';
import { type Checkpoint, type LogSigner, signCheckpoint } from './checkpoint.js';
import { groupCommit } from '../group-commit.js';
import { consistencyProof, hashLeaf, inclusionProof, type NodeReader, nodeId, nodesAddedByAppend, perfectSubtrees, rootHash } from './merkle.js';
import { type ProvenanceRecord, type SealedRecord, sealRecord } from './record.js';
import type { ConsistencyProof, InclusionProof, ProvenanceReceipt, StoredEntry } from './shapes.js';
import { insertBeforeCommit } from '../store/bulk-insert.js';
import { inWriteTransaction } from '../store/write-lock.js';
import {
  insertCheckpoint,
  nodeRow,
  type ProvenanceLeafRow,
  type ProvenanceTables,
  readCheckpoint,
  readCheckpoints,
  readExchangeLeaves,
  readLeaves,
  readNodes,
  readTreeSize,
} from './store.js';

export interface ProvenanceLogOptions {
  db: Kysely<ProvenanceTables>;
  kind: DatabaseKind;
  signer: LogSigner;
  /** The checkpoint origin line, e.g. `swgate.example.gov/provenance`. */
  origin: string;
  /** Publish a checkpoint once this many entries or this many seconds are unsigned. */
  checkpointEvery: { entries: number; seconds: number };
  clock?: () => Date;
  /** Failures of background checkpoint publication (retried on the next append or tick). */
  onError?: (error: unknown) => void;
}

export interface AppendedLeaf {
  leafIndex: number;
  /** Base64 RFC 9162 leaf hash. */
  leafHash: string;
}

export interface ProvenanceLog {
  /** Appends in order; concurrent calls share one transaction. */
  append(records: ProvenanceRecord[]): Promise<AppendedLeaf[]>;
  /**
   * Appends in order inside the caller's transaction, which must hold the write lock
   * (store/write-lock.ts): the records commit with the state change they record, or not at all.
   */
  appendIn(transaction: Kysely<ProvenanceTables>, records: ProvenanceRecord[]): Promise<AppendedLeaf[]>;
  treeSize(): Promise<number>;
  /** The entry with its record and salt: callers decide what of it a reader may see. */
  entry(index: number): Promise<StoredEntry>;
  inclusionProof(index: number, treeSize: number): Promise<InclusionProof>;
  consistencyProof(from: number, to: number): Promise<ConsistencyProof>;
  latestCheckpoint(): Promise<Checkpoint | undefined>;
  /** Checkpoints published, largest tree first: an older one to check consistency against. */
  checkpoints(limit: number, belowSize?: number): Promise<Checkpoint[]>;
  publishCheckpoint(): Promise<Checkpoint>;
  /** A receipt for entries of one exchange, against a checkpoint covering them (published if needed). */
  receiptFor(leafIndexes: number[]): Promise<ProvenanceReceipt>;
  /** A receipt for the exchange's entries whose records `only` keeps (all by default); 404 when none. */
  receiptForExchange(exchangeId: string, only?: (record: ProvenanceRecord) => boolean): Promise<ProvenanceReceipt>;
  /** Stops the checkpoint timer and waits for a checkpoint being published. */
  close(): Promise<void>;
}

/**
 * The provenance log over the database: all state is in the tables of store.ts, so a restarted
 * instance, or several instances on one PostgreSQL database, continue the same tree.
 */
export function createProvenanceLog(options: ProvenanceLogOptions): ProvenanceLog {
  const { db, kind, signer, origin, checkpointEvery } = options;
  const clock = options.clock ?? (() => new Date());
  const onError = options.onError ?? ((error: unknown) => console.error('provenance checkpoint failed:', error));
  const readStored: NodeReader = (keys) => readNodes(db, keys);

  type Tree = { size: number; frontier: Map<number, Buffer> };
  // The tree as a transaction that holds the write lock has left it: no other writer can change
  // it before that transaction ends, so the next append in it need not read size and frontier again.
  const treeIn = new WeakMap<Kysely<ProvenanceTables>, Tree>();

  async function appendItems(trx: Kysely<ProvenanceTables>, items: SealedRecord[]): Promise<AppendedLeaf[]> {
    let tree = treeIn.get(trx);
    if (!tree) {
      const size = await readTreeSize(trx);
      tree = { size, frontier: await readNodes(trx, perfectSubtrees({ start: 0, end: size })) };
    }
    const { size, frontier } = tree;
    const hashes = items.map((item) => hashLeaf(item.leafInput));
    const leaves: ProvenanceLeafRow[] = items.map((item, i) => ({
      leaf_index: size + i,
      exchange_id: item.record.exchangeId,
      leaf_input: item.leafInput.toString('utf8'),
      record: item.bytes.toString('utf8'),
      salt: item.salt,
    }));
    const added = nodesAddedByAppend(size, frontier, hashes);
    // Written as the transaction commits, with the batch's other appends: the tree as this
    // transaction leaves it (treeIn) is all a later append in it reads.
    insertBeforeCommit({ db: trx, kind }, 'provenance_leaves', leaves);
    insertBeforeCommit({ db: trx, kind }, 'provenance_nodes', added.map(nodeRow));
    const known = new Map(frontier);
    for (const node of added) known.set(nodeId(node), node.hash);
    const newSize = size + items.length;
    treeIn.set(trx, { size: newSize, frontier: new Map(perfectSubtrees({ start: 0, end: newSize }).map((key) => [nodeId(key), known.get(nodeId(key))!])) });
    return hashes.map((hash, i) => ({ leafIndex: size + i, leafHash: hash.toString('base64') }));
  }

  const commit = groupCommit<SealedRecord, AppendedLeaf>((items) => inWriteTransaction(db, kind, (trx) => appendItems(trx, items)));

  const startedAt = clock().getTime();
  let lastSigned: { treeSize: number; at: number } | undefined;
  let checkpointing: Promise<unknown> | undefined;

  async function publishCheckpoint(): Promise<Checkpoint> {
    const treeSize = await readTreeSize(db);
    const root = await rootHash(treeSize, readStored);
    const made = signCheckpoint({ origin, treeSize, rootHash: root.toString('base64'), timestamp: clock().toISOString() }, signer);
    await insertCheckpoint(db, made);
    // Another instance may have signed this size first; the stored one is the one everybody sees.
    const stored = (await readCheckpoint(db, treeSize)) ?? made;
    lastSigned = { treeSize, at: Date.parse(stored.timestamp) };
    return stored;
  }

  async function publishIfDue(knownSize: number): Promise<void> {
    if (!lastSigned) {
      const latest = await readCheckpoint(db);
      lastSigned = latest ? { treeSize: latest.treeSize, at: Date.parse(latest.timestamp) } : { treeSize: 0, at: startedAt };
    }
    const unsigned = knownSize - lastSigned.treeSize;
    if (unsigned <= 0) return;
    if (unsigned >= checkpointEvery.entries || clock().getTime() - lastSigned.at >= checkpointEvery.seconds * 1000) await publishCheckpoint();
  }

  function checkpointInBackground(knownSize: () => Promise<number>): void {
    checkpointing ??= knownSize()
      .then(publishIfDue)
      .catch(onError)
      .finally(() => (checkpointing = undefined));
  }

  // The timer covers a log that stops receiving appends with entries still unsigned.
  // setInterval takes at most 2^31 − 1 ms and fires every millisecond when given more.
  const timer = setInterval(() => checkpointInBackground(() => readTreeSize(db)), Math.min(checkpointEvery.seconds * 1000, 2 ** 31 - 1));
  timer.unref();

  // The tree only grows, so a size seen once stays valid: proofs within it need no size query.
  let seenTreeSize = 0;
  async function requireTreeSize(size: number): Promise<void> {
    if (size <= seenTreeSize) return;
    seenTreeSize = Math.max(seenTreeSize, await readTreeSize(db));
    if (size > seenTreeSize) throw badRequest('provenance.beyond-tree', `Tree size ${size} is beyond the log's size ${seenTreeSize}.`);
  }

  async function proveInclusion(index: number, treeSize: number): Promise<InclusionProof> {
    await requireTreeSize(treeSize);
    if (index >= treeSize) throw badRequest('provenance.index-outside-tree', `Entry ${index} is not in a tree of size ${treeSize}.`);
    const path = await inclusionProof(index, treeSize, readStored);
    return { index, treeSize, auditPath: path.map((hash) => hash.toString('base64')) };
  }

  /** `entries` in leaf order. */
  async function receiptOf(entries: StoredEntry[]): Promise<ProvenanceReceipt> {
    const exchangeIds = new Set(entries.map((e) => e.exchangeId));
    if (exchangeIds.size > 1) throw badRequest('provenance.mixed-exchanges', 'A receipt covers the entries of one exchange only.');
    const latest = await readCheckpoint(db);
    const checkpoint = latest && latest.treeSize > entries.at(-1)!.index ? latest : await publishCheckpoint();
    return {
      exchangeId: entries[0]!.exchangeId,
      entries: entries.map((e) => ({ leafIndex: e.index, leafHash: e.leafHash, record: e.record, ...(e.salt !== undefined ? { salt: e.salt } : {}) })),
      checkpoint,
      proofs: await Promise.all(entries.map((e) => proveInclusion(e.index, checkpoint.treeSize))),
    };
  }

  async function receiptFor(leafIndexes: number[]): Promise<ProvenanceReceipt> {
    const indexes = [...new Set(leafIndexes)].sort((a, b) => a - b);
    const rows = await readLeaves(db, indexes);
    const missing = indexes.find((index, i) => rows[i]?.leaf_index !== index);
    if (indexes.length === 0 || missing !== undefined) throw notFound(`The log has no entry ${missing ?? '(none asked for)'}.`);
    return receiptOf(rows.map(storedEntry));
  }

  return {
    async append(records) {
      if (records.length === 0) return [];
      const appended = await commit(records.map((record) => sealRecord(record)));
      const knownSize = appended.at(-1)!.leafIndex + 1;
      checkpointInBackground(async () => knownSize);
      return appended;
    },
    async appendIn(transaction, records) {
      if (records.length === 0) return [];
      const appended = await appendItems(
        transaction,
        records.map((record) => sealRecord(record)),
      );
      // Not committed yet: the background check reads the committed size and signs at most that.
      checkpointInBackground(() => readTreeSize(db));
      return appended;
    },
    treeSize: () => readTreeSize(db),
    async entry(index) {
      const [row] = await readLeaves(db, [index]);
      if (!row) throw notFound(`The log has no entry ${index}.`);
      return storedEntry(row);
    },
    inclusionProof: proveInclusion,
    async consistencyProof(from, to) {
      await requireTreeSize(to);
      if (from > to)
        throw badRequest('provenance.from-after-to', `A consistency proof goes from a smaller tree to a larger one; ${from} is larger than ${to}.`);
      const path = await consistencyProof(from, to, readStored);
      return { from, to, path: path.map((hash) => hash.toString('base64')) };
    },
    latestCheckpoint: () => readCheckpoint(db),
    checkpoints: (limit, belowSize) => readCheckpoints(db, limit, belowSize),
    publishCheckpoint,
    receiptFor,
    async receiptForExchange(exchangeId, only = () => true) {
      const entries = (await readExchangeLeaves(db, exchangeId)).map(storedEntry).filter((e) => only(e.record));
      if (entries.length === 0) throw notFound(`The log has no entries for exchange ${exchangeId}.`);
      return receiptOf(entries);
    },
    async close() {
      clearInterval(timer);
      await checkpointing;
    },
  };
}

function storedEntry(row: ProvenanceLeafRow): StoredEntry {
  const input = Buffer.from(row.leaf_input, 'utf8');
  return {
    index: row.leaf_index,
    exchangeId: row.exchange_id,
    leafInput: input,
    leafHash: hashLeaf(input).toString('base64'),
    record: JSON.parse(row.record ?? row.leaf_input) as ProvenanceRecord,
    ...(row.salt !== null ? { salt: row.salt } : {}),
  };
}

const badRequest = (code: string, message: string) => new RejectionError(400, 'Bad request', [finding(code, message)]);
const notFound = (message: string) => new RejectionError(404, 'Not found', [finding('provenance.not-found', message)]);
