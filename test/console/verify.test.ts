/**
 * The console's browser-side verification (console/src/verify.ts, WebCrypto) against the
 * gateway's own (src/provenance): the same answers for every proof of small trees, and a
 * receipt the gateway's code seals verifies in the console's code, and fails when touched.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { verifyCheckpoints, verifyConsistency, verifyInclusion, verifyReceipt, type Receipt } from '../../console/src/verify.js';
import { signCheckpoint } from '../../src/provenance/checkpoint.js';
import {
  consistencyProof,
  hashLeaf,
  inclusionProof,
  type NodeReader,
  nodeId,
  nodesAddedByAppend,
  perfectSubtrees,
  rootHash,
} from '../../src/provenance/merkle.js';
import { type ProvenanceRecord, sealRecord } from '../../src/provenance/record.js';

const SIZE = 21;
const EXCHANGE = '01JAAAAAAAAAAAAAAAAAAAAAAA';

function treeOf(leafInputs: Buffer[]) {
  const nodes = new Map<number, Buffer>();
  const leaves = leafInputs.map(hashLeaf);
  for (const [n, leaf] of leaves.entries()) {
    const frontier = new Map(perfectSubtrees({ start: 0, end: n }).map((key) => [nodeId(key), nodes.get(nodeId(key))!]));
    for (const node of nodesAddedByAppend(n, frontier, [leaf])) nodes.set(nodeId(node), node.hash);
  }
  const read: NodeReader = async (keys) => new Map(keys.map((key) => [nodeId(key), nodes.get(nodeId(key))!]));
  return { leaves, read };
}

const flip = (b: Buffer) => {
  const copy = Buffer.from(b);
  copy[0]! ^= 1;
  return copy;
};

describe('console verification (WebCrypto) agrees with the gateway', () => {
  const tree = treeOf(Array.from({ length: SIZE }, (_, i) => Buffer.from(`leaf ${i}`)));

  it('accepts every inclusion proof of trees up to 21 leaves, and refuses a changed leaf or path', async () => {
    for (let size = 1; size <= SIZE; size++) {
      const root = await rootHash(size, tree.read);
      for (let index = 0; index < size; index++) {
        const path = await inclusionProof(index, size, tree.read);
        expect(await verifyInclusion(tree.leaves[index]!, index, size, path, root), `${index}/${size}`).toBe(true);
        expect(await verifyInclusion(flip(tree.leaves[index]!), index, size, path, root)).toBe(false);
        if (path.length > 0) expect(await verifyInclusion(tree.leaves[index]!, index, size, [flip(path[0]!), ...path.slice(1)], root)).toBe(false);
      }
    }
  });

  it('accepts every consistency proof between sizes up to 21, and refuses a changed root', async () => {
    for (let to = 1; to <= SIZE; to++) {
      const newRoot = await rootHash(to, tree.read);
      for (let from = 1; from <= to; from++) {
        const oldRoot = await rootHash(from, tree.read);
        const path = await consistencyProof(from, to, tree.read);
        expect(await verifyConsistency(from, to, oldRoot, newRoot, path), `${from}→${to}`).toBe(true);
        if (from < to) expect(await verifyConsistency(from, to, flip(oldRoot), newRoot, path)).toBe(false);
      }
    }
    expect(await verifyConsistency(5, 3, Buffer.alloc(32), Buffer.alloc(32), [])).toBe(false);
  });
});

describe('a provenance receipt checked in the console', () => {
  const keys = generateKeyPairSync('ed25519');
  const publicKeyPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const signer = { publicKeyPem, sign: (message: Buffer) => sign(null, message, keys.privateKey) };
  const record = (n: number) =>
    ({
      exchangeId: '01JAAAAAAAAAAAAAAAAAAAAAAA',
      event: n === 0 ? 'received' : 'delivered',
      time: `2026-12-06T10:00:0${n}.000Z`,
      entity: { contentSha256: 'a'.repeat(64), name: 'original', note: 'é ü 𝄞 "quoted"' },
      activity: { id: `act-${n}`, type: 'swgate:event', ...(n > 0 ? { destination: 'customs' } : {}) },
      agent: { participant: 'trader-demo' },
      used: [],
      wasGeneratedBy: `act-${n}`,
    }) as unknown as ProvenanceRecord;

  async function receipt(): Promise<Receipt> {
    const sealed = [0, 1, 2].map((n) => sealRecord(record(n)));
    const others = Array.from({ length: 4 }, (_, i) => Buffer.from(`other ${i}`));
    const inputs = [others[0]!, sealed[0]!.leafInput, others[1]!, sealed[1]!.leafInput, others[2]!, sealed[2]!.leafInput, others[3]!];
    const tree = treeOf(inputs);
    const size = inputs.length;
    const checkpoint = signCheckpoint(
      { origin: 'swgate.test/log', treeSize: size, rootHash: (await rootHash(size, tree.read)).toString('base64'), timestamp: '2026-12-06T10:00:10Z' },
      signer,
    );
    const at = [1, 3, 5];
    return {
      exchangeId: '01JAAAAAAAAAAAAAAAAAAAAAAA',
      checkpoint,
      entries: sealed.map((s, i) => ({ leafIndex: at[i]!, leafHash: tree.leaves[at[i]!]!.toString('base64'), record: s.record as never, salt: s.salt })),
      proofs: await Promise.all(
        at.map(async (index) => ({ index, treeSize: size, auditPath: (await inclusionProof(index, size, tree.read)).map((h) => h.toString('base64')) })),
      ),
    };
  }

  it('verifies what the gateway sealed and signed, signature included', async () => {
    const verdict = await verifyReceipt(await receipt(), publicKeyPem, EXCHANGE);
    expect(verdict).toEqual({ ok: true, status: 'verified', reason: expect.stringContaining('3 event(s)') });
    expect(verdict.reason).toContain('signed by the log key');
  });

  it('refuses a changed record, a changed salt, another signer and a forged root', async () => {
    const changed = await receipt();
    changed.entries[1]!.record.time = '2026-12-06T10:00:09.000Z';
    expect((await verifyReceipt(changed, publicKeyPem, EXCHANGE)).ok).toBe(false);

    const salted = await receipt();
    salted.entries[0]!.salt = 'b'.repeat(64);
    expect((await verifyReceipt(salted, publicKeyPem, EXCHANGE)).ok).toBe(false);

    const otherKey = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(await verifyReceipt(await receipt(), otherKey, EXCHANGE)).toEqual({ ok: false, status: 'failed', reason: expect.stringContaining('not signed') });

    const forged = await receipt();
    forged.checkpoint.rootHash = Buffer.alloc(32).toString('base64');
    expect((await verifyReceipt(forged, publicKeyPem, EXCHANGE)).ok).toBe(false);
  });

  it('fails a receipt for another exchange than the one shown, however well it verifies', async () => {
    const verdict = await verifyReceipt(await receipt(), publicKeyPem, '01JBBBBBBBBBBBBBBBBBBBBBBB');
    expect(verdict).toMatchObject({ ok: false, status: 'failed', reason: expect.stringContaining('not 01JBBBBBBBBBBBBBBBBBBBBBBB') });
  });

  it('says "not verified", never verified, when the browser lacks Ed25519; a malformed key fails', async () => {
    // A browser without Ed25519 cannot run here: its importKey is stood in for, as such a browser answers.
    const importKey = vi.spyOn(crypto.subtle, 'importKey').mockRejectedValue(new DOMException('Ed25519 unsupported', 'NotSupportedError'));
    try {
      expect(await verifyReceipt(await receipt(), publicKeyPem, EXCHANGE)).toMatchObject({ ok: false, status: 'not-verified' });
      importKey.mockRejectedValue(new DOMException('bad key', 'DataError'));
      expect(await verifyReceipt(await receipt(), publicKeyPem, EXCHANGE)).toMatchObject({ ok: false, status: 'failed' });
    } finally {
      importKey.mockRestore();
    }
    const garbled = publicKeyPem.replace(/\n[A-Za-z0-9+/]{8}/, '\nAAAAAAAA');
    expect(await verifyReceipt(await receipt(), garbled, EXCHANGE)).toMatchObject({ ok: false, status: 'failed' });
  });

  it('checks two checkpoints of one log for consistency, and refuses a rewritten history', async () => {
    const tree = treeOf(Array.from({ length: 9 }, (_, i) => Buffer.from(`leaf ${i}`)));
    const rewritten = treeOf(Array.from({ length: 9 }, (_, i) => Buffer.from(i === 2 ? 'changed' : `leaf ${i}`)));
    const checkpointOf = async (read: NodeReader, size: number) =>
      signCheckpoint(
        { origin: 'swgate.test/log', treeSize: size, rootHash: (await rootHash(size, read)).toString('base64'), timestamp: '2026-12-06T10:00:10Z' },
        signer,
      );
    const path = (await consistencyProof(4, 9, tree.read)).map((h) => h.toString('base64'));
    expect((await verifyCheckpoints(await checkpointOf(tree.read, 4), await checkpointOf(tree.read, 9), path, publicKeyPem)).ok).toBe(true);
    const other = (await consistencyProof(4, 9, rewritten.read)).map((h) => h.toString('base64'));
    expect((await verifyCheckpoints(await checkpointOf(tree.read, 4), await checkpointOf(rewritten.read, 9), other, publicKeyPem)).ok).toBe(false);
  });
});
