import { afterEach, describe, expect, it, vi } from 'vitest';
import { RejectionError } from '../../src/findings.js';
import { verifyInclusion } from '../../src/provenance/merkle.js';
import { leafInputOf, type ProvenanceRecord } from '../../src/provenance/record.js';
import { verifyCheckpointConsistency, verifyReceipt } from '../../src/provenance/verify.js';
import { databaseKinds } from '../support/databases.js';
import { provenanceMigrations } from '../../src/provenance/store.js';
import { createTestLog, sampleRecord, type TestLog } from './fixtures.js';
import { mth, path } from './reference-tree.js';

const b64 = (buffer: Buffer) => buffer.toString('base64');

describe.each(await databaseKinds())('provenance log on %s', (kind) => {
  let t: TestLog;
  afterEach(() => t?.close());

  it('gives concurrent appends distinct consecutive indices and builds the reference tree', async () => {
    t = await createTestLog(kind);
    const calls = Array.from({ length: 40 }, (_, i) => Array.from({ length: (i % 3) + 1 }, (_, j) => sampleRecord(`X${i}`, 'received', j)));
    const results = await Promise.all(calls.map((records) => t.log.append(records)));

    const indexes = results.flat().map((leaf) => leaf.leafIndex);
    expect([...indexes].sort((a, b) => a - b)).toEqual(Array.from({ length: indexes.length }, (_, i) => i));
    for (const result of results) {
      for (const [i, leaf] of result.entries()) expect(leaf.leafIndex).toBe(result[0]!.leafIndex + i);
    }

    // Each leaf commits to the record appended at its index, with a salt of its own.
    const inputs: Buffer[] = [];
    const salts = new Set<string>();
    for (const [call, result] of results.entries()) {
      for (const [i, leaf] of result.entries()) {
        const entry = await t.log.entry(leaf.leafIndex);
        expect(entry.record).toEqual(calls[call]![i]);
        expect(entry.leafInput).toEqual(leafInputOf(calls[call]![i]!, entry.salt));
        salts.add(entry.salt!);
        inputs[leaf.leafIndex] = entry.leafInput;
      }
    }
    expect(salts.size).toBe(inputs.length);
    const checkpoint = await t.log.publishCheckpoint();
    expect(checkpoint.treeSize).toBe(inputs.length);
    expect(checkpoint.rootHash).toBe(b64(mth(inputs)));
    const proof = await t.log.inclusionProof(17, inputs.length);
    expect(proof.auditPath).toEqual(path(17, inputs).map(b64));
  });

  // Two SQLite connections in one process would block each other's event loop on busy_timeout;
  // several instances on one database is the PostgreSQL deployment.
  it.skipIf(kind === 'sqlite')('never lets two instances on one database assign the same index', async () => {
    t = await createTestLog(kind);
    const other = t.open();
    const batches = Array.from({ length: 30 }, (_, i) => [sampleRecord(`I${i}`), sampleRecord(`I${i}`, 'validated')]);
    const results = await Promise.all(batches.map((records, i) => (i % 2 ? other.log : t.log).append(records)));
    const indexes = results
      .flat()
      .map((leaf) => leaf.leafIndex)
      .sort((a, b) => a - b);
    expect(indexes).toEqual(Array.from({ length: 60 }, (_, i) => i));
    const checkpoint = await t.log.publishCheckpoint();
    const receipt = await other.log.receiptForExchange('I7');
    expect(verifyReceipt(receipt, t.signer.publicKeyPem)).toMatchObject({ ok: true });
    expect(receipt.checkpoint.treeSize).toBe(checkpoint.treeSize);
  });

  it('survives a restart: the same entries, checkpoint and proofs, and grows consistently', async () => {
    t = await createTestLog(kind);
    const before: ProvenanceRecord[] = Array.from({ length: 21 }, (_, i) => sampleRecord('R1', 'received', i));
    await t.log.append(before);
    const oldCheckpoint = await t.log.publishCheckpoint();
    const oldEntry = await t.log.entry(5);
    await t.log.close();
    await t.db.destroy();

    const restarted = t.open();
    expect(await restarted.log.treeSize()).toBe(21);
    expect(await restarted.log.latestCheckpoint()).toEqual(oldCheckpoint);
    expect(await restarted.log.entry(5)).toEqual(oldEntry);
    expect(oldEntry.record).toEqual(before[5]);

    await restarted.log.append(Array.from({ length: 12 }, (_, i) => sampleRecord('R2', 'delivered', i)));
    const newCheckpoint = await restarted.log.publishCheckpoint();
    expect(newCheckpoint.treeSize).toBe(33);
    const proof = await restarted.log.consistencyProof(21, 33);
    expect(verifyCheckpointConsistency(oldCheckpoint, newCheckpoint, proof, t.signer.publicKeyPem)).toMatchObject({ ok: true });
    const inclusion = await restarted.log.inclusionProof(5, 33);
    const leafHash = Buffer.from(oldEntry.leafHash, 'base64');
    expect(
      verifyInclusion(
        leafHash,
        5,
        33,
        inclusion.auditPath.map((p) => Buffer.from(p, 'base64')),
        Buffer.from(newCheckpoint.rootHash, 'base64'),
      ),
    ).toBe(true);
  });

  it('publishes a checkpoint by itself once enough entries are unsigned', async () => {
    t = await createTestLog(kind, { checkpointEvery: { entries: 10, seconds: 3600 } });
    await t.log.append(Array.from({ length: 6 }, (_, i) => sampleRecord('C', 'received', i)));
    await t.log.close(); // waits for a checkpoint in flight
    expect(await t.log.latestCheckpoint()).toBeUndefined();
    await t.log.append(Array.from({ length: 6 }, (_, i) => sampleRecord('C', 'routed', i)));
    await t.log.close();
    expect((await t.log.latestCheckpoint())?.treeSize).toBe(12);
  });

  it('publishes a checkpoint by itself once the interval has passed', async () => {
    let now = Date.UTC(2026, 10, 29, 6, 0, 0);
    t = await createTestLog(kind, { checkpointEvery: { entries: 1000, seconds: 60 }, clock: () => new Date(now) });
    await t.log.append([sampleRecord('T')]);
    await t.log.close();
    expect(await t.log.latestCheckpoint()).toBeUndefined();
    now += 61_000;
    await t.log.append([sampleRecord('T', 'validated')]);
    await t.log.close();
    expect(await t.log.latestCheckpoint()).toMatchObject({ treeSize: 2, timestamp: '2026-11-29T06:01:01.000Z' });
  });

  it('signs unsigned entries on its timer when appends stop', async () => {
    t = await createTestLog(kind, { checkpointEvery: { entries: 1000, seconds: 0.2 } });
    await t.log.append([sampleRecord('Q')]);
    await vi.waitFor(async () => expect((await t.log.latestCheckpoint())?.treeSize).toBe(1), { timeout: 5000, interval: 50 });
  });

  it('gives a receipt that covers all events of one exchange and verifies offline', async () => {
    t = await createTestLog(kind);
    await t.log.append([sampleRecord('A'), sampleRecord('B'), sampleRecord('A', 'validated'), sampleRecord('B', 'failed'), sampleRecord('A', 'delivered')]);
    const receipt = await t.log.receiptForExchange('A');
    expect(receipt.entries.map((e) => [e.leafIndex, e.record.event])).toEqual([
      [0, 'received'],
      [2, 'validated'],
      [4, 'delivered'],
    ]);
    expect(receipt.checkpoint.treeSize).toBe(5);
    expect(verifyReceipt(JSON.parse(JSON.stringify(receipt)), t.signer.publicKeyPem)).toMatchObject({ ok: true });
  });

  it('gives a receipt of only the records asked for', async () => {
    t = await createTestLog(kind);
    const delivered = (destination: string) => ({
      ...sampleRecord('D', 'delivered'),
      activity: { id: `urn:swgate:D:delivered:${destination}`, type: 'delivered' as const, destination },
    });
    await t.log.append([sampleRecord('D'), delivered('customs'), delivered('pga-food')]);
    const receipt = await t.log.receiptForExchange('D', (record) => record.activity.destination === 'pga-food');
    expect(receipt.entries.map((e) => [e.leafIndex, e.record.activity.destination])).toEqual([[2, 'pga-food']]);
    expect(verifyReceipt(receipt, t.signer.publicKeyPem)).toMatchObject({ ok: true });
    await expect(t.log.receiptForExchange('D', () => false)).rejects.toMatchObject({ status: 404 });
  });

  it('keeps a log written before commitments (migration 033) readable, verifiable and growing', async () => {
    const legacy = [sampleRecord('OLD'), sampleRecord('OTHER'), sampleRecord('OLD', 'validated')];
    t = await createTestLog(kind, {}, legacy);
    const before = await t.log.publishCheckpoint();
    await t.log.append([sampleRecord('NEW'), sampleRecord('OLD', 'delivered')]);
    const after = await t.log.publishCheckpoint();
    expect(verifyCheckpointConsistency(before, after, await t.log.consistencyProof(3, 5), t.signer.publicKeyPem)).toMatchObject({ ok: true });

    const old = await t.log.entry(0);
    expect(old).toMatchObject({ record: legacy[0], exchangeId: 'OLD' });
    expect(old.salt).toBeUndefined();
    const inputs = await Promise.all([0, 1, 2, 3, 4].map(async (i) => (await t.log.entry(i)).leafInput));
    expect(after.rootHash).toBe(b64(mth(inputs)));
    // One exchange's receipt mixes both forms: the clear entries verify as before, the new one by its commitment.
    const receipt = await t.log.receiptForExchange('OLD');
    expect(receipt.entries.map((e) => [e.leafIndex, e.salt === undefined])).toEqual([
      [0, true],
      [2, true],
      [4, false],
    ]);
    expect(verifyReceipt(JSON.parse(JSON.stringify(receipt)), t.signer.publicKeyPem)).toMatchObject({ ok: true });
    // Undoing 033 would lose the salts that alone open the new entries: refused.
    await expect(provenanceMigrations['033-provenance-commitments']!.down!(t.db)).rejects.toThrow(/cannot be undone/);
  });

  it('refuses entries and proofs outside the tree with 404 and 400', async () => {
    t = await createTestLog(kind);
    await t.log.append([sampleRecord('E'), sampleRecord('F')]);
    await expect(t.log.entry(2)).rejects.toMatchObject({ status: 404 });
    await expect(t.log.inclusionProof(0, 3)).rejects.toMatchObject({ status: 400 });
    await expect(t.log.inclusionProof(2, 2)).rejects.toMatchObject({ status: 400 });
    await expect(t.log.consistencyProof(2, 1)).rejects.toBeInstanceOf(RejectionError);
    await expect(t.log.receiptFor([0, 1])).rejects.toMatchObject({ status: 400 });
    await expect(t.log.receiptForExchange('nobody')).rejects.toMatchObject({ status: 404 });
  });
});
