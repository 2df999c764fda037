import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Checkpoints in the C2SP signed-note style (c2sp.org/tlog-checkpoint). The signed text is
 *
 *     <origin>\n<tree size>\n<base64 root hash>\ntimestamp <ISO 8601 UTC>\n
 *
 * — the three lines of tlog-checkpoint plus one extension line carrying the publication time,
 * which tlog-checkpoint allows after the root. `signature` is Ed25519 over exactly those bytes.
 */
export interface Checkpoint {
  origin: string;
  treeSize: number;
  /** Base64 RFC 9162 root hash. */
  rootHash: string;
  timestamp: string;
  /** The exact signed text. */
  note: string;
  /** Base64 signature over the UTF-8 bytes of `note`. */
  signature: string;
}

export type CheckpointBody = Pick<Checkpoint, 'origin' | 'treeSize' | 'rootHash' | 'timestamp'>;

export interface LogSigner {
  publicKeyPem: string;
  sign(message: Buffer): Buffer;
}

export function checkpointNote(body: CheckpointBody): string {
  if (!body.origin || /[\n\r]/.test(body.origin)) throw new TypeError('a checkpoint origin is one non-empty line');
  return `${body.origin}\n${body.treeSize}\n${body.rootHash}\ntimestamp ${body.timestamp}\n`;
}

/** The fields a note states, or undefined when it is not a checkpoint note of this log format. */
export function parseCheckpointNote(note: string): CheckpointBody | undefined {
  const match = /^([^\n]+)\n(0|[1-9][0-9]*)\n([A-Za-z0-9+/]{43}=)\ntimestamp ([^\n]+)\n$/.exec(note);
  if (!match) return undefined;
  return { origin: match[1]!, treeSize: Number(match[2]), rootHash: match[3]!, timestamp: match[4]! };
}

export function signCheckpoint(body: CheckpointBody, signer: LogSigner): Checkpoint {
  const note = checkpointNote(body);
  return { ...body, note, signature: signer.sign(Buffer.from(note, 'utf8')).toString('base64') };
}

/**
 * The checkpoint as a C2SP signed note (text/plain), readable by Go's sumdb/note and other
 * tlog tooling: the note, a blank line, and `— <origin> base64(key hash ‖ signature)`.
 */
export function signedNoteText(checkpoint: Checkpoint, publicKeyPem: string): string {
  const rawKey = Buffer.from(createPublicKey(publicKeyPem).export({ format: 'jwk' }).x ?? '', 'base64url');
  // C2SP signed-note key hash for Ed25519: SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key)[:4].
  const keyHash = createHash('sha256')
    .update(`${checkpoint.origin}\n`)
    .update(Buffer.from([0x01]))
    .update(rawKey)
    .digest()
    .subarray(0, 4);
  const signature = Buffer.concat([keyHash, Buffer.from(checkpoint.signature, 'base64')]).toString('base64');
  return `${checkpoint.note}\n\u2014 ${checkpoint.origin} ${signature}\n`;
}

/** The log key in `dir`, created on first use: `log.key.pem` (PKCS#8, mode 0600) and `log.pub.pem`. */
export function loadOrCreateLogKey(dir: string): LogSigner {
  const keyPath = join(dir, 'log.key.pem');
  const pubPath = join(dir, 'log.pub.pem');
  if (!existsSync(keyPath)) {
    mkdirSync(dir, { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    placeOnce(keyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  }
  const signer = logSigner(createPrivateKey(readFileSync(keyPath)));
  if (!existsSync(pubPath)) {
    // Every process derives the same public key from the one private key: whoever renames last writes the same bytes.
    const temporary = temporaryBeside(pubPath);
    writeFileSync(temporary, signer.publicKeyPem);
    renameSync(temporary, pubPath);
  }
  return signer;
}

const temporaryBeside = (path: string) => `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;

/**
 * Writes `path` whole, unless another process placed it first, whose file then stands. Processes
 * started together on one data directory (`swgate serve` and `swgate worker`) each find no key and
 * make one: written under a temporary name and linked in place, a reader finds no file or a whole
 * one, never a part, and the link of the second fails (EEXIST) instead of replacing the first.
 */
function placeOnce(path: string, content: string | Buffer): void {
  const temporary = temporaryBeside(path);
  writeFileSync(temporary, content, { mode: 0o600 });
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}

export function logSigner(privateKey: KeyObject): LogSigner {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new TypeError('the log key must be Ed25519');
  return {
    publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(),
    sign: (message) => sign(null, message, privateKey),
  };
}
