import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  EMPTY_ROOT,
  hashLeaf,
  inclusionProof,
  type NodeReader,
  nodeId,
  nodesAddedByAppend,
  perfectSubtrees,
  rootHash,
  verifyConsistency,
  verifyInclusion,
} from '../../src/provenance/merkle.js';
import { mth, path, proof as referenceConsistency } from './reference-tree.js';

// Compared as base64: deep equality of Buffers byte by byte makes the exhaustive tests crawl.
const b64 = (hashes: Buffer[]) => hashes.map((h) => h.toString('base64'));

const inputs = Array.from({ length: 64 }, (_, i) => Buffer.from(`leaf ${i}`));

/** A node store filled the way the log fills it: in uneven batches, counting reads. */
function storeOf(leaves: Buffer[]) {
  const nodes = new Map<number, Buffer>();
  let size = 0;
  for (const batchSize of [1, 2, 5, 3, 17, 7, 29]) {
    const batch = leaves.slice(size, size + batchSize).map(hashLeaf);
    const frontier = new Map(perfectSubtrees({ start: 0, end: size }).map((key) => [nodeId(key), nodes.get(nodeId(key))!]));
    for (const node of nodesAddedByAppend(size, frontier, batch)) nodes.set(nodeId(node), node.hash);
    size += batch.length;
  }
  const reads: number[] = [];
  const read: NodeReader = async (keys) => {
    reads.push(keys.length);
    return new Map(keys.map((key) => [nodeId(key), nodes.get(nodeId(key))!]));
  };
  return { nodes, read, reads, size };
}

describe('Merkle tree (RFC 9162)', () => {
  const store = storeOf(inputs);

  it('stores exactly the perfect subtrees: 2n − popcount(n) nodes', () => {
    expect(store.size).toBe(64);
    expect(store.nodes.size).toBe(127);
  });

  it('gives every node of every level its own id', () => {
    const ids = new Set<number>();
    for (let level = 0; level <= 10; level++) for (let index = 0; index < 2 ** (10 - level); index++) ids.add(nodeId({ level, index }));
    expect(ids.size).toBe(2 ** 11 - 1);
    expect(Math.max(...ids)).toBe(2 ** 11 - 2);
  });

  it('computes the root of every size like the reference', async () => {
    expect(b64([await rootHash(0, store.read)])).toEqual(b64([EMPTY_ROOT]));
    for (let n = 1; n <= 64; n++) expect(b64([await rootHash(n, store.read)])).toEqual(b64([mth(inputs.slice(0, n))]));
  });

  it('gives the reference inclusion proof for every (index, size) up to 64, and it verifies', async () => {
    for (let n = 1; n <= 64; n++) {
      const root = mth(inputs.slice(0, n));
      for (let m = 0; m < n; m++) {
        const proof = await inclusionProof(m, n, store.read);
        expect(b64(proof)).toEqual(b64(path(m, inputs.slice(0, n))));
        expect(verifyInclusion(hashLeaf(inputs[m]!), m, n, proof, root)).toBe(true);
      }
    }
  });

  it('gives the reference consistency proof for every (m, n) up to 64, and it verifies', async () => {
    for (let n = 1; n <= 64; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = await consistencyProof(m, n, store.read);
        expect(b64(proof)).toEqual(b64(referenceConsistency(m, inputs.slice(0, n))));
        expect(verifyConsistency(m, n, mth(inputs.slice(0, m)), mth(inputs.slice(0, n)), proof)).toBe(true);
      }
    }
  });

  it('reads the store once per proof, at most 2·log2(n) nodes', async () => {
    store.reads.length = 0;
    await inclusionProof(21, 63, store.read);
    await consistencyProof(21, 63, store.read);
    expect(store.reads).toHaveLength(2);
    for (const count of store.reads) expect(count).toBeLessThanOrEqual(12);
  });

  it('rejects an inclusion proof for another leaf, index, size, root or a forged path', async () => {
    const n = 37;
    const root = mth(inputs.slice(0, n));
    const proof = await inclusionProof(9, n, store.read);
    const leaf = hashLeaf(inputs[9]!);
    expect(verifyInclusion(hashLeaf(inputs[10]!), 9, n, proof, root)).toBe(false);
    expect(verifyInclusion(leaf, 8, n, proof, root)).toBe(false);
    // The tree size is bound by the signed checkpoint; the path only has to disagree with its shape.
    expect(verifyInclusion(leaf, 9, 16, proof, root)).toBe(false);
    expect(verifyInclusion(leaf, 9, n, proof, mth(inputs.slice(0, n - 1)))).toBe(false);
    expect(verifyInclusion(leaf, 9, n, proof.slice(0, -1), root)).toBe(false);
    expect(verifyInclusion(leaf, 9, n, [...proof, EMPTY_ROOT], root)).toBe(false);
    expect(verifyInclusion(leaf, 9, n, [proof[1]!, proof[0]!, ...proof.slice(2)], root)).toBe(false);
    const forged = proof.map((p, i) => (i === 2 ? Buffer.from(p.map((b, j) => (j === 0 ? b ^ 1 : b))) : p));
    expect(verifyInclusion(leaf, 9, n, forged, root)).toBe(false);
    expect(verifyInclusion(leaf, n, n, proof, root)).toBe(false);
  });

  it('rejects consistency between a log and a rewritten, reordered or truncated one', async () => {
    const [m, n] = [13, 40];
    const proof = await consistencyProof(m, n, store.read);
    const oldRoot = mth(inputs.slice(0, m));
    const newRoot = mth(inputs.slice(0, n));
    const rewritten = inputs.slice(0, n).map((x, i) => (i === 5 ? Buffer.from('changed') : x));
    const reordered = [inputs[1]!, inputs[0]!, ...inputs.slice(2, n)];
    expect(verifyConsistency(m, n, oldRoot, mth(rewritten), proof)).toBe(false);
    expect(verifyConsistency(m, n, oldRoot, mth(reordered), proof)).toBe(false);
    expect(verifyConsistency(m, n - 1, oldRoot, mth(inputs.slice(0, n - 1)), proof)).toBe(false);
    expect(verifyConsistency(n, m, newRoot, oldRoot, proof)).toBe(false);
    expect(verifyConsistency(m, n, oldRoot, newRoot, proof.slice(1))).toBe(false);
    expect(verifyConsistency(m, n, oldRoot, newRoot, [])).toBe(false);
    expect(verifyConsistency(m, m, oldRoot, newRoot, [])).toBe(false);
  });
});
