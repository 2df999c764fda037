import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { type Checkpoint, parseCheckpointNote } from './checkpoint.js';
import { hashLeaf, verifyConsistency, verifyInclusion } from './merkle.js';
import { leafInputOf, type ProvenanceRecord, SALT_HEX } from './record.js';
import type { ConsistencyProof, InclusionProof, ProvenanceReceipt } from './shapes.js';

/**
 * Offline verification: nothing here reads the gateway's database or network. Inputs come from
 * files a third party holds, so shapes are checked before anything is trusted.
 */
export interface Verdict {
  ok: boolean;
  /** A plain sentence for a person. */
  reason: string;
}

const fail = (reason: string): Verdict => ({ ok: false, reason });

export function verifyCheckpoint(checkpoint: unknown, publicKeyPem: string): Verdict {
  if (!isCheckpoint(checkpoint)) return fail('The checkpoint is not a checkpoint object (origin, treeSize, rootHash, timestamp, note, signature).');
  const stated = parseCheckpointNote(checkpoint.note);
  if (!stated) return fail('The checkpoint note is not in the log checkpoint format.');
  for (const field of ['origin', 'treeSize', 'rootHash', 'timestamp'] as const) {
    if (stated[field] !== checkpoint[field]) return fail(`The checkpoint's ${field} differs from what its signed note says.`);
  }
  const key = publicKey(publicKeyPem);
  if (!key) return fail('The public key is not a PEM public key.');
  // Ed25519 signs the message itself; an ECDSA P-256 log key signs its SHA-256.
  const algorithm = key.asymmetricKeyType === 'ed25519' ? null : 'sha256';
  if (!verify(algorithm, Buffer.from(checkpoint.note, 'utf8'), key, Buffer.from(checkpoint.signature, 'base64'))) {
    return fail(`The checkpoint signature of ${checkpoint.origin} at tree size ${checkpoint.treeSize} does not verify with the given public key.`);
  }
  return { ok: true, reason: `The checkpoint of ${checkpoint.origin} at tree size ${checkpoint.treeSize} is signed by the given key.` };
}

export function verifyReceipt(receipt: unknown, publicKeyPem: string): Verdict {
  if (!isReceipt(receipt)) return fail('The file is not a provenance receipt (exchangeId, entries, checkpoint, proofs).');
  const checkpointVerdict = verifyCheckpoint(receipt.checkpoint, publicKeyPem);
  if (!checkpointVerdict.ok) return checkpointVerdict;
  const { checkpoint } = receipt;
  if (receipt.entries.length === 0) return fail('The receipt has no entries.');
  const root = Buffer.from(checkpoint.rootHash, 'base64');
  for (const entry of receipt.entries) {
    const at = `Entry ${entry.leafIndex}`;
    if (entry.record.exchangeId !== receipt.exchangeId) return fail(`${at} belongs to exchange ${String(entry.record.exchangeId)}, not ${receipt.exchangeId}.`);
    if (entry.salt !== undefined && !SALT_HEX.test(entry.salt)) return fail(`${at}: the salt is not 32 bytes of lowercase hex.`);
    // The leaf commits to the record with its salt (or, logged before commitments, is the record).
    const input = leafInputBytes(entry.record, entry.salt);
    if (!input) return fail(`${at}: the record has no RFC 8785 canonical form (a lone surrogate in a string).`);
    const leafHash = hashLeaf(input);
    if (!leafHash.equals(Buffer.from(entry.leafHash, 'base64')))
      return fail(`${at}: the record and salt do not hash to the stated leaf hash; one of them was changed.`);
    const proof = receipt.proofs.find((p) => p.index === entry.leafIndex);
    if (!proof) return fail(`${at} has no inclusion proof.`);
    if (proof.treeSize !== checkpoint.treeSize)
      return fail(`${at}: the inclusion proof is for tree size ${proof.treeSize}, the checkpoint for ${checkpoint.treeSize}.`);
    if (!verifyInclusion(leafHash, entry.leafIndex, proof.treeSize, proof.auditPath.map(fromBase64), root)) {
      return fail(`${at} is not included in the log at tree size ${checkpoint.treeSize}: the inclusion proof does not lead to the signed root.`);
    }
  }
  return {
    ok: true,
    reason: `The receipt verifies: ${receipt.entries.length} event(s) of exchange ${receipt.exchangeId} are in the log ${checkpoint.origin}, whose checkpoint at tree size ${checkpoint.treeSize} (${checkpoint.timestamp}) is signed by the given key.`,
  };
}

/** True when `newer` is an append-only extension of `older`, as the consistency proof shows. */
export function verifyCheckpointConsistency(older: unknown, newer: unknown, proof: unknown, publicKeyPem: string): Verdict {
  for (const [name, checkpoint] of [
    ['old', older],
    ['new', newer],
  ] as const) {
    const verdict = verifyCheckpoint(checkpoint, publicKeyPem);
    if (!verdict.ok) return fail(`The ${name} checkpoint fails: ${verdict.reason}`);
  }
  const [a, b] = [older as Checkpoint, newer as Checkpoint];
  if (a.origin !== b.origin) return fail(`The checkpoints are of different logs (${a.origin}, ${b.origin}).`);
  if (a.treeSize > b.treeSize) return fail(`The old checkpoint (size ${a.treeSize}) is larger than the new one (size ${b.treeSize}).`);
  if (!isConsistencyProof(proof)) return fail('The consistency proof is not a proof object (from, to, path).');
  if (proof.from !== a.treeSize || proof.to !== b.treeSize)
    return fail(`The consistency proof is from ${proof.from} to ${proof.to}, not from ${a.treeSize} to ${b.treeSize}.`);
  if (!verifyConsistency(a.treeSize, b.treeSize, fromBase64(a.rootHash), fromBase64(b.rootHash), proof.path.map(fromBase64))) {
    return fail(
      `The log at size ${b.treeSize} does not extend the log at size ${a.treeSize}: entries were changed, reordered or removed, or the proof is wrong.`,
    );
  }
  return { ok: true, reason: `The checkpoint at size ${b.treeSize} extends the one at size ${a.treeSize} of ${a.origin}: nothing logged before was changed.` };
}

const fromBase64 = (text: string) => Buffer.from(text, 'base64');

function leafInputBytes(record: ProvenanceRecord, salt: string | undefined): Buffer | undefined {
  try {
    return leafInputOf(record, salt);
  } catch {
    return undefined;
  }
}

function publicKey(pem: string): KeyObject | undefined {
  try {
    return createPublicKey(pem);
  } catch {
    return undefined;
  }
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isIndex = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');

function isCheckpoint(x: unknown): x is Checkpoint {
  return (
    isObject(x) &&
    typeof x.origin === 'string' &&
    isIndex(x.treeSize) &&
    typeof x.rootHash === 'string' &&
    typeof x.timestamp === 'string' &&
    typeof x.note === 'string' &&
    typeof x.signature === 'string'
  );
}

function isInclusionProof(x: unknown): x is InclusionProof {
  return isObject(x) && isIndex(x.index) && isIndex(x.treeSize) && isStrings(x.auditPath);
}

function isConsistencyProof(x: unknown): x is ConsistencyProof {
  return isObject(x) && isIndex(x.from) && isIndex(x.to) && isStrings(x.path);
}

function isReceipt(x: unknown): x is ProvenanceReceipt {
  return (
    isObject(x) &&
    typeof x.exchangeId === 'string' &&
    Array.isArray(x.entries) &&
    x.entries.every(
      (e) =>
        isObject(e) && isIndex(e.leafIndex) && typeof e.leafHash === 'string' && isObject(e.record) && (e.salt === undefined || typeof e.salt === 'string'),
    ) &&
    Array.isArray(x.proofs) &&
    x.proofs.every(isInclusionProof) &&
    isObject(x.checkpoint)
  );
}
