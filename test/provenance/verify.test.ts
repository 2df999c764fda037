import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointNote } from '../../src/provenance/checkpoint.js';
import type { ProvenanceReceipt } from '../../src/provenance/shapes.js';
import { verifyCheckpoint, verifyCheckpointConsistency, verifyReceipt } from '../../src/provenance/verify.js';
import { createTestLog, newSigner, sampleRecord, type TestLog } from './fixtures.js';

const copy = <T>(x: T): T => structuredClone(x);
const flipFirstByte = (b64: string) => {
  const bytes = Buffer.from(b64, 'base64');
  bytes[0]! ^= 1;
  return bytes.toString('base64');
};

describe('offline verification', () => {
  let t: TestLog;
  let receipt: ProvenanceReceipt;
  let key: string;
  beforeAll(async () => {
    t = await createTestLog('sqlite');
    key = t.signer.publicKeyPem;
    for (let i = 0; i < 9; i++) await t.log.append([sampleRecord(`N${i}`), sampleRecord('X', (['received', 'validated', 'delivered'] as const)[i % 3], i)]);
    receipt = await t.log.receiptForExchange('X');
  });
  afterAll(() => t.close());

  it('accepts an untouched receipt, in a plain sentence', () => {
    const verdict = verifyReceipt(copy(receipt), key);
    expect(verdict).toEqual({
      ok: true,
      reason: expect.stringMatching(/^The receipt verifies: 9 event\(s\) of exchange X are in the log swgate\.test\/provenance/),
    });
  });

  it('rejects a changed entry, with or without a recomputed leaf hash', () => {
    const changed = copy(receipt);
    changed.entries[3]!.record.entity.contentSha256 = '0'.repeat(64);
    expect(verifyReceipt(changed, key)).toMatchObject({ ok: false, reason: expect.stringMatching(/changed/) });

    const rehashed = copy(receipt);
    rehashed.entries[3]!.leafHash = receipt.entries[4]!.leafHash;
    rehashed.entries[3]!.record = receipt.entries[4]!.record;
    rehashed.entries[3]!.salt = receipt.entries[4]!.salt!;
    expect(verifyReceipt(rehashed, key)).toMatchObject({ ok: false, reason: expect.stringMatching(/not included/) });
  });

  it('opens each commitment with the record and its salt: a changed clear value, a changed or missing salt fails', () => {
    expect(receipt.entries.every((e) => /^[0-9a-f]{64}$/.test(e.salt ?? ''))).toBe(true);
    const renamed = copy(receipt);
    renamed.entries[0]!.record.agent.participant = 'someone-else';
    expect(verifyReceipt(renamed, key)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^Entry \d+: the record and salt do not hash to the stated leaf hash/),
    });
    // Claiming the records for another exchange: consistent in itself, but the commitments were to X.
    const moved = copy(receipt);
    moved.exchangeId = 'Y';
    for (const entry of moved.entries) entry.record.exchangeId = 'Y';
    expect(verifyReceipt(moved, key)).toMatchObject({ ok: false, reason: expect.stringMatching(/do not hash/) });
    const salted = copy(receipt);
    const salt = receipt.entries[2]!.salt!;
    salted.entries[2]!.salt = `${salt[0] === '0' ? '1' : '0'}${salt.slice(1)}`;
    expect(verifyReceipt(salted, key)).toMatchObject({ ok: false, reason: expect.stringMatching(/do not hash to the stated leaf hash/) });
    const swapped = copy(receipt);
    [swapped.entries[0]!.salt, swapped.entries[1]!.salt] = [receipt.entries[1]!.salt!, receipt.entries[0]!.salt!];
    expect(verifyReceipt(swapped, key).ok).toBe(false);
    const unsalted = copy(receipt);
    delete unsalted.entries[0]!.salt;
    expect(verifyReceipt(unsalted, key).ok).toBe(false);
    const malformed = copy(receipt);
    malformed.entries[0]!.salt = 'AB'.repeat(32);
    expect(verifyReceipt(malformed, key)).toMatchObject({ ok: false, reason: expect.stringMatching(/salt is not 32 bytes of lowercase hex/) });
    expect(verifyReceipt({ ...copy(receipt), entries: [{ ...copy(receipt.entries[0]!), salt: 7 }] }, key).reason).toMatch(/not a provenance receipt/);
  });

  it('rejects a reordered log: entries claiming each other’s positions', () => {
    const reordered = copy(receipt);
    [reordered.entries[0]!.leafIndex, reordered.entries[1]!.leafIndex] = [receipt.entries[1]!.leafIndex, receipt.entries[0]!.leafIndex];
    expect(verifyReceipt(reordered, key).ok).toBe(false);
  });

  it('rejects a truncated log: a checkpoint claiming a smaller tree', () => {
    const truncated = copy(receipt);
    truncated.checkpoint.treeSize = 10;
    expect(verifyReceipt(truncated, key)).toMatchObject({ ok: false, reason: expect.stringMatching(/differs from what its signed note says/) });
    truncated.checkpoint.note = checkpointNote(truncated.checkpoint);
    expect(verifyReceipt(truncated, key)).toMatchObject({ ok: false, reason: expect.stringMatching(/signature .* does not verify/) });
  });

  it('rejects a forged proof, a missing proof, a record with no canonical form and an entry of another exchange', () => {
    const forged = copy(receipt);
    forged.proofs[2]!.auditPath[1] = flipFirstByte(forged.proofs[2]!.auditPath[1]!);
    expect(verifyReceipt(forged, key).ok).toBe(false);
    const missing = copy(receipt);
    missing.proofs.pop();
    expect(verifyReceipt(missing, key)).toMatchObject({ ok: false, reason: expect.stringMatching(/no inclusion proof/) });
    const unpaired = copy(receipt);
    unpaired.entries[0]!.record.agent.participant = 'lone \ud800';
    expect(verifyReceipt(unpaired, key)).toMatchObject({ ok: false, reason: expect.stringMatching(/no RFC 8785 canonical form/) });
    const foreign = copy(receipt);
    foreign.exchangeId = 'Y';
    expect(verifyReceipt(foreign, key)).toMatchObject({ ok: false, reason: expect.stringMatching(/belongs to exchange X/) });
  });

  it('rejects the wrong key, a forged signature and things that are not receipts', () => {
    expect(verifyReceipt(copy(receipt), newSigner().publicKeyPem)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/does not verify with the given public key/),
    });
    const forged = copy(receipt);
    forged.checkpoint.signature = flipFirstByte(forged.checkpoint.signature);
    expect(verifyReceipt(forged, key).ok).toBe(false);
    expect(verifyReceipt(copy(receipt), 'not a key').reason).toMatch(/not a PEM public key/);
    expect(verifyReceipt({ exchangeId: 'X' }, key).reason).toMatch(/not a provenance receipt/);
    expect(verifyReceipt({ ...copy(receipt), entries: [] }, key).reason).toMatch(/no entries/);
  });

  it('accepts a checkpoint signed with an ECDSA P-256 log key', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const note = checkpointNote(receipt.checkpoint);
    const checkpoint = { ...receipt.checkpoint, note, signature: sign('sha256', Buffer.from(note), privateKey).toString('base64') };
    expect(verifyCheckpoint(checkpoint, publicKey.export({ type: 'spki', format: 'pem' }).toString()).ok).toBe(true);
  });

  describe('checkpoint consistency', () => {
    it('accepts a later checkpoint of the same log and rejects it the wrong way round', async () => {
      const older = receipt.checkpoint;
      await t.log.append([sampleRecord('Z')]);
      const newer = await t.log.publishCheckpoint();
      const proof = await t.log.consistencyProof(older.treeSize, newer.treeSize);
      expect(verifyCheckpointConsistency(older, newer, proof, key)).toMatchObject({ ok: true, reason: expect.stringMatching(/extends/) });
      expect(verifyCheckpointConsistency(newer, older, proof, key).ok).toBe(false);
      expect(verifyCheckpointConsistency(older, newer, { ...proof, path: proof.path.slice(1) }, key).ok).toBe(false);
      expect(verifyCheckpointConsistency(older, newer, { ...proof, from: 1 }, key).ok).toBe(false);
    });

    it('rejects a rewritten log signed with the same key (a fork)', async () => {
      const fork = await createTestLog('sqlite');
      try {
        const forkedLog = fork.open({ signer: t.signer }).log;
        const records = Array.from({ length: receipt.checkpoint.treeSize + 1 }, (_, i) => sampleRecord(i === 4 ? 'EVIL' : 'F', 'received', i));
        await forkedLog.append(records);
        const forked = await forkedLog.publishCheckpoint();
        const proof = await forkedLog.consistencyProof(receipt.checkpoint.treeSize, forked.treeSize);
        expect(verifyCheckpointConsistency(receipt.checkpoint, forked, proof, key)).toMatchObject({
          ok: false,
          reason: expect.stringMatching(/does not extend/),
        });
      } finally {
        await fork.close();
      }
    });
  });
});
