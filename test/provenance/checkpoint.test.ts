import { createHash, createPublicKey, verify } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkpointNote, loadOrCreateLogKey, parseCheckpointNote, signCheckpoint, signedNoteText } from '../../src/provenance/checkpoint.js';
import { EMPTY_ROOT } from '../../src/provenance/merkle.js';

const dir = mkdtempSync(join(tmpdir(), 'swgate-logkey-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const body = { origin: 'swgate.example/provenance', treeSize: 42, rootHash: EMPTY_ROOT.toString('base64'), timestamp: '2026-11-29T05:30:00.000Z' };

describe('checkpoint', () => {
  it('creates the log key once, private key readable by the owner only, and reloads it', () => {
    const first = loadOrCreateLogKey(join(dir, 'keys'));
    expect(statSync(join(dir, 'keys', 'log.key.pem')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'keys', 'log.pub.pem'), 'utf8')).toBe(first.publicKeyPem);
    expect(loadOrCreateLogKey(join(dir, 'keys')).publicKeyPem).toBe(first.publicKeyPem);
  });

  it('is created once when processes start together on one directory: each finds the whole key, all the same one', async () => {
    const keys = join(dir, 'raced');
    // Each process loads the module, then waits for one common instant, so that all look for the key together.
    const startAt = Date.now() + 5000;
    const script = `import { loadOrCreateLogKey } from './src/provenance/checkpoint.ts'; while (Date.now() < ${startAt}); process.stdout.write(loadOrCreateLogKey(${JSON.stringify(keys)}).publicKeyPem);`;
    const run = () => promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
    const answers = await Promise.all(Array.from({ length: 6 }, run));
    const keysSeen = new Set(answers.map((a) => a.stdout));
    expect(keysSeen.size).toBe(1);
    expect([...keysSeen][0]).toBe(readFileSync(join(keys, 'log.pub.pem'), 'utf8'));
    expect(readdirSync(keys).sort()).toEqual(['log.key.pem', 'log.pub.pem']);
  }, 60_000);

  it('signs the note text: origin, size, base64 root, timestamp line', () => {
    const signer = loadOrCreateLogKey(join(dir, 'keys'));
    const checkpoint = signCheckpoint(body, signer);
    expect(checkpoint.note).toBe(`swgate.example/provenance\n42\n${body.rootHash}\ntimestamp 2026-11-29T05:30:00.000Z\n`);
    expect(verify(null, Buffer.from(checkpoint.note), createPublicKey(signer.publicKeyPem), Buffer.from(checkpoint.signature, 'base64'))).toBe(true);
    expect(parseCheckpointNote(checkpoint.note)).toEqual(body);
  });

  it('reads only notes of its own format', () => {
    expect(parseCheckpointNote(checkpointNote(body).replace('\n42\n', '\n042\n'))).toBeUndefined();
    expect(parseCheckpointNote(checkpointNote(body).slice(0, -1))).toBeUndefined();
    expect(() => checkpointNote({ ...body, origin: 'two\nlines' })).toThrow(/one non-empty line/);
  });

  it('renders a C2SP signed note whose key hash and signature check', () => {
    const signer = loadOrCreateLogKey(join(dir, 'keys'));
    const checkpoint = signCheckpoint(body, signer);
    const text = signedNoteText(checkpoint, signer.publicKeyPem);
    const [note, signatureLine] = text.split('\n\n');
    expect(`${note}\n`).toBe(checkpoint.note);
    const match = /^\u2014 swgate\.example\/provenance ([A-Za-z0-9+/=]+)\n$/.exec(signatureLine!);
    const blob = Buffer.from(match![1]!, 'base64');
    const rawKey = Buffer.from(createPublicKey(signer.publicKeyPem).export({ format: 'jwk' }).x!, 'base64url');
    const keyHash = createHash('sha256')
      .update(Buffer.concat([Buffer.from('swgate.example/provenance\n'), Buffer.from([1]), rawKey]))
      .digest()
      .subarray(0, 4);
    expect(blob.subarray(0, 4)).toEqual(keyHash);
    expect(blob.subarray(4).toString('base64')).toBe(checkpoint.signature);
  });
});
