import { createHash, hash } from 'node:crypto';

/**
 * RFC 9162 Merkle tree hashing and proofs over stored nodes.
 *
 * The store keeps every perfect subtree hash, keyed (level, index): the subtree of 2^level
 * leaves starting at leaf index·2^level, stored under one integer, nodeId. Those never change once complete, so appends only add
 * rows. Any subtree an RFC 9162 proof names is either perfect or a right-edge subtree made of
 * at most log2(n) perfect ones, so a proof is: plan the subtrees, read their perfect parts in
 * one query, fold.
 */

export interface NodeKey {
  level: number;
  index: number;
}

export interface StoredNode extends NodeKey {
  hash: Buffer;
}

/** Leaves [start, end) of the tree. */
export interface Range {
  start: number;
  end: number;
}

/** Reads stored perfect-subtree hashes by nodeId; must return every requested key. */
export type NodeReader = (keys: NodeKey[]) => Promise<Map<number, Buffer>>;

/**
 * The node's position in an in-order walk of the infinite tree (leaf i at 2i, its parent at
 * 4⌊i/2⌋+1, …): unique over all levels, so the store needs one integer key and one index.
 */
export const nodeId = (key: NodeKey) => key.index * 2 ** (key.level + 1) + 2 ** key.level - 1;

export const EMPTY_ROOT = createHash('sha256').digest();

// One-shot crypto.hash: half the cost of createHash for inputs this small.
export function hashLeaf(input: Uint8Array): Buffer {
  return hash('sha256', Buffer.concat([LEAF_PREFIX, input]), 'buffer');
}

function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  return hash('sha256', Buffer.concat([NODE_PREFIX, left, right]), 'buffer');
}

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** The k of RFC 9162: the largest power of two smaller than n (n > 1). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The perfect subtrees that make up a range, largest first. Ranges of RFC 9162 proofs start on
 * a multiple of a power of two at least their length, so this is the binary form of the length.
 */
export function perfectSubtrees(range: Range): NodeKey[] {
  const keys: NodeKey[] = [];
  let start = range.start;
  while (start < range.end) {
    let size = 1;
    let level = 0;
    while (start % (size * 2) === 0 && start + size * 2 <= range.end) {
      size *= 2;
      level += 1;
    }
    keys.push({ level, index: start / size });
    start += size;
  }
  return keys;
}

/** MTH of a range from its perfect subtrees: RFC 9162 splits off the largest one first. */
function foldRange(range: Range, nodes: Map<number, Buffer>): Buffer {
  const hashes = perfectSubtrees(range).map((key) => requireNode(nodes, key));
  if (hashes.length === 0) return EMPTY_ROOT;
  return hashes.reduceRight((right, left) => hashChildren(left, right));
}

function requireNode(nodes: Map<number, Buffer>, key: NodeKey): Buffer {
  const hash = nodes.get(nodeId(key));
  if (!hash) throw new Error(`Merkle node (level ${key.level}, index ${key.index}) is missing from the store`);
  return hash;
}

/** Hashes of the given ranges with one read of the store. */
async function rangeHashes(ranges: Range[], read: NodeReader): Promise<Buffer[]> {
  const keys = new Map<number, NodeKey>();
  for (const range of ranges) for (const key of perfectSubtrees(range)) keys.set(nodeId(key), key);
  const nodes = keys.size > 0 ? await read([...keys.values()]) : new Map<number, Buffer>();
  return ranges.map((range) => foldRange(range, nodes));
}

export async function rootHash(size: number, read: NodeReader): Promise<Buffer> {
  const [root] = await rangeHashes([{ start: 0, end: size }], read);
  return root!;
}

/** The subtrees of RFC 9162 §2.1.3.1 PATH(m, D[start:end]), leaf side first. */
function inclusionRanges(index: number, size: number): Range[] {
  const walk = (m: number, start: number, end: number): Range[] => {
    if (end - start <= 1) return [];
    const k = splitPoint(end - start);
    return m < k ? [...walk(m, start, start + k), { start: start + k, end }] : [...walk(m - k, start + k, end), { start, end: start + k }];
  };
  return walk(index, 0, size);
}

/** The subtrees of RFC 9162 §2.1.4.1 PROOF(m, D[n]); empty when m is 0 or m equals n. */
function consistencyRanges(m: number, n: number): Range[] {
  const subproof = (m: number, start: number, end: number, complete: boolean): Range[] => {
    if (m === end - start) return complete ? [] : [{ start, end }];
    const k = splitPoint(end - start);
    return m <= k
      ? [...subproof(m, start, start + k, complete), { start: start + k, end }]
      : [...subproof(m - k, start + k, end, false), { start, end: start + k }];
  };
  return m > 0 && m < n ? subproof(m, 0, n, true) : [];
}

export function inclusionProof(index: number, size: number, read: NodeReader): Promise<Buffer[]> {
  return rangeHashes(inclusionRanges(index, size), read);
}

export function consistencyProof(m: number, n: number, read: NodeReader): Promise<Buffer[]> {
  return rangeHashes(consistencyRanges(m, n), read);
}

/**
 * The nodes that appending leaves adds: the leaves at level 0 and every perfect subtree they
 * complete. `frontier` holds the perfect subtrees of the old tree (perfectSubtrees of [0, oldSize)),
 * the only existing nodes a new one can have as left child.
 */
export function nodesAddedByAppend(oldSize: number, frontier: Map<number, Buffer>, leafHashes: Buffer[]): StoredNode[] {
  const known = new Map(frontier);
  const added: StoredNode[] = [];
  const add = (node: StoredNode) => {
    known.set(nodeId(node), node.hash);
    added.push(node);
  };
  leafHashes.forEach((hash, offset) => {
    let node: StoredNode = { level: 0, index: oldSize + offset, hash };
    add(node);
    while (node.index % 2 === 1) {
      const left = requireNode(known, { level: node.level, index: node.index - 1 });
      node = { level: node.level + 1, index: (node.index - 1) / 2, hash: hashChildren(left, node.hash) };
      add(node);
    }
  });
  return added;
}

/** RFC 9162 §2.1.3.2. */
export function verifyInclusion(leafHash: Uint8Array, index: number, treeSize: number, path: Uint8Array[], root: Uint8Array): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize) || index < 0 || index >= treeSize) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r: Uint8Array = leafHash;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = hashChildren(p, r);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      r = hashChildren(r, p);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && Buffer.from(r).equals(root);
}

/** RFC 9162 §2.1.4.2, plus the trivial cases it leaves out (equal sizes, empty old tree). */
export function verifyConsistency(oldSize: number, newSize: number, oldRoot: Uint8Array, newRoot: Uint8Array, path: Uint8Array[]): boolean {
  if (!Number.isSafeInteger(oldSize) || !Number.isSafeInteger(newSize) || oldSize < 0 || oldSize > newSize) return false;
  if (oldSize === newSize) return path.length === 0 && Buffer.from(oldRoot).equals(newRoot);
  if (oldSize === 0) return path.length === 0 && Buffer.from(oldRoot).equals(EMPTY_ROOT);
  if (path.length === 0) return false;
  const proof = isPowerOfTwo(oldSize) ? [oldRoot, ...path] : path;
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) [fn, sn] = [half(fn), half(sn)];
  let fr: Uint8Array = proof[0]!;
  let sr: Uint8Array = proof[0]!;
  for (const c of proof.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      sr = hashChildren(sr, c);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && Buffer.from(fr).equals(oldRoot) && Buffer.from(sr).equals(newRoot);
}

// Arithmetic rather than >> so sizes beyond 2^31 stay correct.
const half = (n: number) => Math.floor(n / 2);
const isPowerOfTwo = (n: number) => n > 0 && 2 ** Math.round(Math.log2(n)) === n;
