import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerCerts } from '../../src/cli/commands/certs.js';
import { registerSign } from '../../src/cli/commands/sign.js';
import { registerVerifySignature } from '../../src/cli/commands/verify-signature.js';
import type { CliIo } from '../../src/cli/io.js';
import { FIXTURES, PARTNER } from './support.js';

const work = mkdtempSync(join(tmpdir(), 'swgate-cli-'));
const dir = join(work, 'certs');
const output: string[] = [];
const errors: string[] = [];
let exitCode: number | undefined;

function program(): Command {
  const swgate = new Command().exitOverride();
  const io: CliIo = { out: (text) => output.push(text), err: (line) => errors.push(line), exit: (code) => (exitCode = code) };
  registerCerts(swgate, io);
  registerSign(swgate, io);
  registerVerifySignature(swgate, io);
  return swgate;
}

async function run(...args: string[]): Promise<string> {
  output.length = 0;
  errors.length = 0;
  exitCode = undefined;
  await program().parseAsync(['node', 'swgate', ...args]);
  return output.join('\n');
}

beforeAll(async () => {
  await run('certs', 'init', '--dir', dir);
}, 120_000);

describe('swgate certs / sign / verify-signature', () => {
  it('certs init covers every configured participant', () => {
    expect(readFileSync(join(dir, `${PARTNER}.crt.pem`), 'utf8')).toContain('BEGIN CERTIFICATE');
    expect(readFileSync(join(dir, 'gateway-rsa.crt.pem'), 'utf8')).toContain('BEGIN CERTIFICATE');
  });

  for (const [name, file, alg] of [
    ['XML, ECDSA', join(FIXTURES, 'wco-dm/TT_IM011a__TT_IM011a_Cancellation.xml'), 'ecdsa-p256'],
    ['XML, RSA', join(FIXTURES, 'wco-dm/TT_IM011a__TT_IM011a_Cancellation.xml'), 'rsa-sha256'],
    ['JSON', join(work, 'payload.json'), 'ecdsa-p256'],
  ] as const) {
    it(`${name}: sign prints an envelope that verify-signature accepts for the sender only`, async () => {
      writeFileSync(join(work, 'payload.json'), '{"Declaration":{"ID":"0101"}}');
      const signed = await run('sign', file, '--as', PARTNER, '--to', 'customs', '--alg', alg, '--dir', dir);
      const envelopeFile = join(work, `signed-${alg}-${name.length}`);
      writeFileSync(envelopeFile, signed);

      const summary = JSON.parse(await run('verify-signature', envelopeFile, '--as', PARTNER, '--dir', dir)) as { ok: boolean; header: { from: string } };
      expect(exitCode).toBe(0);
      expect(summary).toMatchObject({ ok: true, header: { from: PARTNER } });

      await run('verify-signature', envelopeFile, '--as', 'customs', '--dir', dir);
      expect(exitCode).toBe(1);
      expect(errors.join('')).toContain('trust.certificate-not-bound-to-sender');
    });
  }

  it('verify-signature takes a relative --dir (as the default is) and a JWS file ending in a newline', async () => {
    writeFileSync(join(work, 'payload.json'), '{"Declaration":{"ID":"0102"}}');
    const relativeDir = relative(process.cwd(), dir);
    const signed = await run('sign', join(work, 'payload.json'), '--as', PARTNER, '--to', 'gateway', '--dir', relativeDir);
    const envelopeFile = join(work, 'signed.jws');
    writeFileSync(envelopeFile, `${signed}\n`);
    const summary = JSON.parse(await run('verify-signature', envelopeFile, '--as', PARTNER, '--dir', relativeDir)) as { ok: boolean };
    expect(exitCode).toBe(0);
    expect(summary.ok).toBe(true);
  });

  it('a tampered envelope fails with the finding', async () => {
    const signed = await run('sign', join(FIXTURES, 'wco-dm/TT_IM011a__TT_IM011a_Cancellation.xml'), '--as', PARTNER, '--to', 'customs', '--dir', dir);
    const tampered = join(work, 'tampered.xml');
    writeFileSync(tampered, signed.replace('<swg:To>customs<', '<swg:To>attacker<'));
    await run('verify-signature', tampered, '--as', PARTNER, '--dir', dir);
    expect(exitCode).toBe(1);
    expect(errors.join('')).toContain('xmldsig.digest-mismatch');
  });
});
