import { Command } from 'commander';
import Fastify, { type FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerVerify, type VerifyIo } from '../../src/cli/commands/verify.js';
import { logRoutes } from '../../src/http/routes/log.js';
import { useExchangeStore } from '../support/databases.js';
import { createTestLog, newSigner, sampleRecord, type TestLog } from './fixtures.js';

describe('swgate verify', () => {
  const dir = mkdtempSync(join(tmpdir(), 'swgate-verify-'));
  const file = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };
  let t: TestLog;
  let app: FastifyInstance;
  let pem: string;
  let receiptFile: string;
  const suite = useExchangeStore('sqlite');
  /** When set, every fetch gets this answer instead of the gateway's. */
  let answerInstead: { status: number; mediaType: string; body: Buffer } | undefined;

  /** Runs the command as the CLI would; the gateway is the Fastify app, reached without a network. */
  async function run(...args: string[]) {
    const lines: string[] = [];
    let exitCode: number | undefined;
    const io: VerifyIo = {
      readFile: (path) => readFile(path, 'utf8'),
      send: async ({ url, headers }) => {
        if (answerInstead) return answerInstead;
        const res = await app.inject({ url: new URL(url).pathname + new URL(url).search, headers: headers ?? {} });
        return { status: res.statusCode, mediaType: String(res.headers['content-type']), body: res.rawPayload };
      },
      out: (line) => lines.push(line),
      err: (line) => lines.push(line),
      exit: (code) => (exitCode = code),
    };
    const program = new Command().exitOverride();
    registerVerify(program, io);
    await program.parseAsync(['verify', ...args], { from: 'user' });
    return { exitCode, output: lines.join('\n') };
  }

  beforeAll(async () => {
    t = await createTestLog('sqlite');
    app = Fastify();
    logRoutes(app, { log: t.log, publicKeyPem: t.signer.publicKeyPem, store: suite.store });
    await t.log.append([sampleRecord('X'), sampleRecord('Y'), sampleRecord('X', 'delivered')]);
    receiptFile = file('receipt.json', await t.log.receiptForExchange('X'));
    pem = file('log.pub.pem', t.signer.publicKeyPem);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits 0 for a good receipt and 1 for a tampered one or the wrong key', async () => {
    expect(await run(receiptFile, '--public-key', pem)).toEqual({ exitCode: 0, output: expect.stringMatching(/^The receipt verifies/) });
    const tampered = JSON.parse(await readFile(receiptFile, 'utf8'));
    tampered.entries[1].record.event = 'rejected';
    expect(await run(file('tampered.json', tampered), '--public-key', pem)).toEqual({ exitCode: 1, output: expect.stringMatching(/was changed/) });
    expect(await run(receiptFile, '--public-key', file('other.pem', newSigner().publicKeyPem))).toMatchObject({ exitCode: 1 });
  });

  it('opens each commitment from the clear record and its salt: a changed value or salt exits 1', async () => {
    const receipt = JSON.parse(await readFile(receiptFile, 'utf8'));
    expect(receipt.entries.map((e: { salt?: string }) => e.salt)).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/), expect.stringMatching(/^[0-9a-f]{64}$/)]);
    const renamed = structuredClone(receipt);
    renamed.entries[0].record.agent.participant = 'someone-else';
    expect(await run(file('renamed.json', renamed), '--public-key', pem)).toEqual({
      exitCode: 1,
      output: expect.stringMatching(/record and salt do not hash/),
    });
    const resalted = structuredClone(receipt);
    resalted.entries[0].salt = resalted.entries[1].salt;
    expect(await run(file('resalted.json', resalted), '--public-key', pem)).toEqual({
      exitCode: 1,
      output: expect.stringMatching(/record and salt do not hash/),
    });
  });

  it('says so in a sentence when a file is missing or not JSON', async () => {
    expect(await run(join(dir, 'nope.json'), '--public-key', pem)).toEqual({
      exitCode: 1,
      output: expect.stringMatching(/^Verification could not run: .*nope\.json/),
    });
    expect(await run(file('text.json', 'hello'), '--public-key', pem)).toEqual({ exitCode: 1, output: expect.stringMatching(/is not JSON/) });
  });

  it('checks against the live log with --checkpoint-url, fetching the key when none is given', async () => {
    await t.log.append([sampleRecord('Z')]);
    await t.log.publishCheckpoint();
    expect(await run(receiptFile, '--checkpoint-url', 'http://gateway.test/v1/log/checkpoint')).toEqual({
      exitCode: 0,
      output: expect.stringMatching(/still contains that tree/),
    });
  });

  it('says which URL answered what is not JSON, or a failure status', async () => {
    try {
      answerInstead = { status: 200, mediaType: 'text/html', body: Buffer.from('<html>a login page</html>') };
      expect(await run(receiptFile, '--public-key', pem, '--checkpoint-url', 'http://gateway.test/v1/log/checkpoint')).toEqual({
        exitCode: 1,
        output: 'Verification could not run: GET http://gateway.test/v1/log/checkpoint: the answer is not JSON',
      });
      answerInstead = { status: 502, mediaType: 'text/html', body: Buffer.from('bad gateway') };
      expect(await run(receiptFile, '--checkpoint-url', 'http://gateway.test/v1/log/checkpoint')).toEqual({
        exitCode: 1,
        output: 'Verification could not run: GET http://gateway.test/v1/log/public-key answered 502',
      });
    } finally {
      answerInstead = undefined;
    }
  });

  it('checks checkpoint consistency with a proof file or fetched from --log-url', async () => {
    const older = file('old.json', (await app.inject({ url: '/v1/log/checkpoint' })).json());
    await t.log.append([sampleRecord('W'), sampleRecord('W', 'validated')]);
    const newer = file('new.json', await t.log.publishCheckpoint());
    expect(await run('--consistency', older, newer, '--public-key', pem, '--log-url', 'http://gateway.test/v1/log')).toMatchObject({ exitCode: 0 });
    expect(await run('--consistency', newer, older, '--public-key', pem, '--log-url', 'http://gateway.test/v1/log')).toMatchObject({ exitCode: 1 });
    const proof = file('proof.json', await t.log.consistencyProof(1, 6));
    expect(await run('--consistency', receiptFile, newer, '--public-key', pem, '--proof', proof)).toEqual({
      exitCode: 1,
      output: expect.stringMatching(/proof is from 1 to 6, not from 3 to 6/),
    });
    expect(await run('--consistency', receiptFile, newer, '--public-key', pem)).toEqual({
      exitCode: 1,
      output: expect.stringMatching(/--proof FILE or --log-url/),
    });
  });
});
