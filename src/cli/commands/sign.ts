import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { ulid } from 'ulid';
import type { SigningAlgorithmName } from '../../trust/pki/signing-key.js';
import { xmlPayload, type EnvelopeHeader } from '../../trust/envelope.js';
import { signJsonEnvelope } from '../../trust/json-envelope.js';
import { sandboxPaths } from '../../trust/pki/sandbox-ca.js';
import { loadSigningKey } from '../../trust/pki/signing-key.js';
import { signEnvelopeXml } from '../../trust/xml-sign.js';
import { type CliIo, processIo } from '../io.js';
import { DEFAULT_SANDBOX_PKI_DIR } from './certs.js';

interface SignOptions {
  as: string;
  to: string;
  alg: SigningAlgorithmName;
  kind: string;
  conversation?: string;
  refTo?: string;
  dir: string;
}

/** Signs FILE as participant `as`: an XML document → XML-DSig envelope; JSON → JWS envelope. */
async function signFile(file: string, options: SignOptions, now = new Date()): Promise<string> {
  const content = await readFile(file);
  const messageId = ulid(now.getTime());
  const header: EnvelopeHeader = {
    messageId,
    conversationId: options.conversation ?? messageId,
    from: options.as,
    to: options.to,
    documentKind: options.kind,
    createdAt: now.toISOString(),
    ...(options.refTo ? { refToMessageId: options.refTo } : {}),
  };
  const entity = sandboxPaths(options.dir, [options.as]).entities[options.as]!;
  const key = loadSigningKey(options.alg === 'rsa-sha256' ? entity.rsa : entity.ecdsa);
  const text = content
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('{') || text.startsWith('[')) return signJsonEnvelope({ header, payload: JSON.parse(text) as unknown }, key);
  return signEnvelopeXml(header, xmlPayload(content), key);
}

/**
 * `swgate sign FILE --as <participant> --to <participant> [--alg ecdsa-p256|rsa-sha256]`
 * prints the signed envelope, with the sandbox keys of `certs/sandbox` unless --dir says otherwise.
 */
export function registerSign(program: Command, io: CliIo = processIo): void {
  program
    .command('sign')
    .description('wrap FILE (XML or JSON) in a signed envelope and print it')
    .argument('<file>', 'the document to send')
    .requiredOption('--as <participant>', 'the sender, whose key signs')
    .requiredOption('--to <participant>', 'the receiver')
    .option('--alg <alg>', 'ecdsa-p256 or rsa-sha256', 'ecdsa-p256')
    .option('--kind <kind>', 'document kind', 'declaration')
    .option('--conversation <id>', 'conversation id (default: the new message id)')
    .option('--ref-to <messageId>', 'the message this one answers')
    .option('--dir <dir>', 'sandbox PKI directory', DEFAULT_SANDBOX_PKI_DIR)
    .action(async (file: string, options: SignOptions) => {
      if (options.alg !== 'ecdsa-p256' && options.alg !== 'rsa-sha256') throw new Error(`--alg must be ecdsa-p256 or rsa-sha256`);
      io.out(await signFile(file, options));
    });
}
