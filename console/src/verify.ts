import canonicalize from 'canonicalize';

/**
 * The provenance log checked in the browser, with WebCrypto only: nothing here trusts what the
 * gateway says it verified. RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency), the
 * salted commitment of docs/API.md ("Provenance log") and the checkpoint's Ed25519 signature.
 * The gateway's own implementation is src/provenance/{merkle,verify}.ts; the tests hold the two
 * to the same answers.
 */

export interface Checkpoint {
  origin: string;
  treeSize: number;
  rootHash: string;
  timestamp: string;
  note: string;
  signature: string;
}

export interface ReceiptEntry {
  leafIndex: number;
  leafHash: string;
  record: { exchangeId: string; event: string; time: string; activity: { destination?: string } } & Record<string, unknown>;
  salt?: string;
}

export interface Receipt {
  exchangeId: string;
  entries: ReceiptEntry[];
  checkpoint: Checkpoint;
  proofs: Array<{ index: number; treeSize: number; auditPath: string[] }>;
}

/**
 * verified: every check held, the signature included. not-verified: the proofs held but this
 * browser could not check the signature (or the log's key is not the one it pinned): never shown
 * as verified. failed: a check failed.
 */
export interface Verdict {
  ok: boolean;
  status: 'verified' | 'not-verified' | 'failed';
  reason: string;
}

const failed = (reason: string): Verdict => ({ ok: false, status: 'failed', reason });

const utf8 = (text: string) => new TextEncoder().encode(text);

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

const fromHex = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (b) => Number.parseInt(b, 16));
const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', concat(bytes)));
}

const hashLeaf = (input: Uint8Array) => sha256(concat(new Uint8Array([0]), input));
const hashChildren = (left: Uint8Array, right: Uint8Array) => sha256(concat(new Uint8Array([1]), left, right));
const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
const half = (n: number) => Math.floor(n / 2);
const isPowerOfTwo = (n: number) => n > 0 && 2 ** Math.round(Math.log2(n)) === n;

export async function verifyInclusion(leafHash: Uint8Array, index: number, treeSize: number, path: Uint8Array[], root: Uint8Array): Promise<boolean> {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize) || index < 0 || index >= treeSize) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = await hashChildren(p, r);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      r = await hashChildren(r, p);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && equal(r, root);
}

export async function verifyConsistency(oldSize: number, newSize: number, oldRoot: Uint8Array, newRoot: Uint8Array, path: Uint8Array[]): Promise<boolean> {
  if (!Number.isSafeInteger(oldSize) || !Number.isSafeInteger(newSize) || oldSize < 0 || oldSize > newSize) return false;
  if (oldSize === newSize) return path.length === 0 && equal(oldRoot, newRoot);
  if (oldSize === 0) return path.length === 0 && equal(oldRoot, await sha256(new Uint8Array()));
  if (path.length === 0) return false;
  const proof = isPowerOfTwo(oldSize) ? [oldRoot, ...path] : path;
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) [fn, sn] = [half(fn), half(sn)];
  let fr = proof[0]!;
  let sr = proof[0]!;
  for (const c of proof.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = await hashChildren(c, fr);
      sr = await hashChildren(c, sr);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      sr = await hashChildren(sr, c);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && equal(fr, oldRoot) && equal(sr, newRoot);
}

/** The leaf input of a record: {"commitment": SHA-256(salt ‖ JCS(record))} in JCS, or the record itself when logged before commitments. */
async function leafInput(record: unknown, salt: string | undefined): Promise<Uint8Array> {
  const bytes = utf8(canonicalize(record) ?? '');
  if (salt === undefined) return bytes;
  const commitment = toHex(await sha256(concat(fromHex(salt), bytes)));
  return utf8(canonicalize({ commitment }) ?? '');
}

function pemBody(pem: string): Uint8Array {
  return fromBase64(pem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, ''));
}

/**
 * The checkpoint's signature over its note. 'unsupported' only when this browser's WebCrypto lacks
 * Ed25519 (NotSupportedError); any other failure to import the key (a malformed one) is a failed
 * check, not a pass.
 */
export async function verifyCheckpoint(checkpoint: Checkpoint, publicKeyPem: string): Promise<boolean | 'unsupported'> {
  const expected = `${checkpoint.origin}\n${checkpoint.treeSize}\n${checkpoint.rootHash}\ntimestamp ${checkpoint.timestamp}\n`;
  if (checkpoint.note !== expected) return false;
  let key: Awaited<ReturnType<typeof crypto.subtle.importKey>>;
  try {
    key = await crypto.subtle.importKey('spki', concat(pemBody(publicKeyPem)), { name: 'Ed25519' }, false, ['verify']);
  } catch (error) {
    return (error as { name?: unknown } | null)?.name === 'NotSupportedError' ? 'unsupported' : false;
  }
  try {
    return await crypto.subtle.verify({ name: 'Ed25519' }, key, concat(fromBase64(checkpoint.signature)), concat(utf8(checkpoint.note)));
  } catch {
    return false;
  }
}

/** The SHA-256 of the log key's SPKI, hex: what the browser pins on first use. */
export async function keyFingerprint(publicKeyPem: string): Promise<string> {
  return toHex(await sha256(pemBody(publicKeyPem)));
}

/** A receipt for the exchange shown (`exchangeId`): one for another exchange fails, however well it verifies. */
export async function verifyReceipt(receipt: Receipt, publicKeyPem: string, exchangeId: string): Promise<Verdict> {
  const { checkpoint } = receipt;
  if (receipt.exchangeId !== exchangeId) return failed(`The receipt is for exchange ${receipt.exchangeId}, not ${exchangeId}.`);
  const signed = await verifyCheckpoint(checkpoint, publicKeyPem);
  if (signed === false) return failed(`The checkpoint at tree size ${checkpoint.treeSize} is not signed by the log's key.`);
  if (receipt.entries.length === 0) return failed('The receipt has no entries.');
  const root = fromBase64(checkpoint.rootHash);
  for (const entry of receipt.entries) {
    const at = `Entry ${entry.leafIndex}`;
    if (entry.record.exchangeId !== receipt.exchangeId) return failed(`${at} belongs to another exchange.`);
    const leafHash = await hashLeaf(await leafInput(entry.record, entry.salt));
    if (!equal(leafHash, fromBase64(entry.leafHash))) return failed(`${at}: the record and salt do not hash to the stated leaf hash.`);
    const proof = receipt.proofs.find((p) => p.index === entry.leafIndex);
    if (!proof || proof.treeSize !== checkpoint.treeSize) return failed(`${at} has no inclusion proof at tree size ${checkpoint.treeSize}.`);
    if (!(await verifyInclusion(leafHash, entry.leafIndex, proof.treeSize, proof.auditPath.map(fromBase64), root))) {
      return failed(`${at} is not included in the log at tree size ${checkpoint.treeSize}.`);
    }
  }
  const proved = `${receipt.entries.length} event(s) are in the log ${checkpoint.origin} at tree size ${checkpoint.treeSize}`;
  if (signed === 'unsupported')
    return {
      ok: false,
      status: 'not-verified',
      reason: `Not verified: ${proved}, but this browser cannot check Ed25519, so the checkpoint's signature was not checked.`,
    };
  return { ok: true, status: 'verified', reason: `Verified in this browser: ${proved}, signed by the log key.` };
}

export async function verifyCheckpoints(older: Checkpoint, newer: Checkpoint, path: string[], publicKeyPem: string): Promise<Verdict> {
  let unsupported = false;
  for (const checkpoint of [older, newer]) {
    const signed = await verifyCheckpoint(checkpoint, publicKeyPem);
    if (signed === false) return failed(`The checkpoint at size ${checkpoint.treeSize} is not signed by the log's key.`);
    if (signed === 'unsupported') unsupported = true;
  }
  if (older.origin !== newer.origin) return failed('The checkpoints are of different logs.');
  const ok = await verifyConsistency(older.treeSize, newer.treeSize, fromBase64(older.rootHash), fromBase64(newer.rootHash), path.map(fromBase64));
  if (!ok) return failed(`The log at size ${newer.treeSize} does not extend the log at size ${older.treeSize}.`);
  const proved = `the log at size ${newer.treeSize} extends the log at size ${older.treeSize}`;
  if (unsupported)
    return { ok: false, status: 'not-verified', reason: `Not verified: ${proved}, but this browser cannot check Ed25519, so the signatures were not checked.` };
  return { ok: true, status: 'verified', reason: `Verified in this browser: ${proved}; nothing logged before was changed.` };
}
