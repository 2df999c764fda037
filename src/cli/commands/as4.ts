import type { Command } from 'commander';
import { X509Certificate } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { subjectLine } from '../../as4/certificates.js';
import { encryptedAttachmentIds } from '../../as4/encryption.js';
import { As4Error } from '../../as4/errors.js';
import { parseSoapEnvelope } from '../../as4/header.js';
import { DEFAULT_MIME_LIMITS, readTransport } from '../../as4/mime.js';
import { parseAs4 } from '../../as4/read.js';
import { verifySignature } from '../../as4/signature.js';
import { type CliIo, processIo } from '../io.js';

async function readMessageFile(file: string): Promise<Buffer> {
  const { size } = await stat(file);
  if (size > DEFAULT_MIME_LIMITS.maxTotalBytes) throw new As4Error('EBMS:0007', `${file} is ${size} bytes; the limit is ${DEFAULT_MIME_LIMITS.maxTotalBytes}`);
  return readFile(file);
}

function refusal(io: CliIo, error: unknown): void {
  if (error instanceof As4Error) {
    io.err(`refused: ${error.message}`);
  } else if (error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
    io.err(`refused: ${error.message}`);
  } else {
    throw error;
  }
  io.exit(1);
}

/**
 * `swgate as4 verify FILE [--cert PEM]`: the WS-Security signature and every same-document
 * reference (attachments too, when the file holds them in clear). Trust and validity are the
 * gateway's business: an expired or unknown signer still verifies here.
 */
async function verifyFile(file: string, certPath: string | undefined, io: CliIo): Promise<void> {
  const certificate = certPath ? new X509Certificate(await readFile(certPath)) : undefined;
  const transport = readTransport(await readMessageFile(file));
  const envelope = parseSoapEnvelope(transport.soap);
  const encrypted = encryptedAttachmentIds(envelope);
  const verified = verifySignature(envelope, {
    attachments: transport.attachments,
    encrypted,
    ...(certificate ? { certificate } : {}),
  });
  io.out(`signature OK: signed by ${subjectLine(verified.signer)} (${verified.keyReference}, ${verified.signatureAlgorithm})`);
  for (const reference of verified.references) {
    const state = reference.checked
      ? 'digest OK'
      : encrypted.has(decodeURIComponent(reference.uri.slice(4)))
        ? 'not checked (encrypted attachment)'
        : 'not checked (attachment not in the file)';
    io.out(`  ${reference.uri}: ${state}`);
  }
  if (!verified.signsMessaging || !verified.signsBody) {
    io.out(
      `  note: the signature does not cover ${[verified.signsMessaging ? '' : 'eb:Messaging', verified.signsBody ? '' : 'the SOAP Body'].filter(Boolean).join(' or ')}`,
    );
  }
  io.exit(0);
}

export function registerAs4(program: Command, io: CliIo = processIo): void {
  const as4 = program.command('as4').description('AS4 (ebMS 3.0, eDelivery AS4) messages saved as XML, MIME or HTTP dumps');
  as4
    .command('verify')
    .description('check the WS-Security signature and every same-document reference of a saved AS4 message (not trust or validity)')
    .argument('<file>', 'the message: bare SOAP XML, MIME multipart/related, or an HTTP dump')
    .option('--cert <pem>', "the signer's certificate (for messages naming it by SKI or issuer-serial; pins it otherwise)")
    .action(async (file: string, options: { cert?: string }) => {
      try {
        await verifyFile(file, options.cert, io);
      } catch (error) {
        refusal(io, error);
      }
    });
  as4
    .command('inspect')
    .description('print the ebMS header of a saved AS4 message as JSON')
    .argument('<file>', 'the message: bare SOAP XML, MIME multipart/related, or an HTTP dump')
    .action(async (file: string) => {
      try {
        const { message, transport } = parseAs4(await readMessageFile(file));
        const attachments = transport.attachments.map((a) => ({ contentId: a.contentId, contentType: a.contentType, bytes: a.content.length }));
        io.out(JSON.stringify({ ...message, attachments }, null, 2));
        io.exit(0);
      } catch (error) {
        refusal(io, error);
      }
    });
}
