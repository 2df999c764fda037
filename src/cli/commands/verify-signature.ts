import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { RejectionError } from '../../findings.js';
import { verifyInboundEnvelope, type VerifiedEnvelope } from '../../trust/inbound.js';
import { sandboxPaths } from '../../trust/pki/sandbox-ca.js';
import { sandboxTrustStore } from '../../trust/pki/trust-config.js';
import { type CliIo, processIo } from '../io.js';
import { DEFAULT_SANDBOX_PKI_DIR } from './certs.js';

/** Checks a signed envelope (XML-DSig or JWS) as sent by `sender`, against the sandbox trust store. */
async function verifySignatureFile(file: string, sender: string, dir: string): Promise<VerifiedEnvelope> {
  const body = await readFile(file);
  const looksLikeXml = body
    .toString('utf8', 0, 64)
    .replace(/^\uFEFF/, '')
    .trimStart()
    .startsWith('<');
  const store = sandboxTrustStore(sandboxPaths(dir, []), sender);
  return verifyInboundEnvelope(body, looksLikeXml ? 'application/xml' : 'application/jose', store);
}

/** `swgate verify-signature FILE --as <participant>`: exit 0 with a summary, or 1 with the findings. */
export function registerVerifySignature(program: Command, io: CliIo = processIo): void {
  program
    .command('verify-signature')
    .description("check a signed envelope against the sender's trust store (sandbox: the sandbox CA)")
    .argument('<file>', 'the signed envelope (XML or compact JWS)')
    .requiredOption('--as <participant>', 'the participant the envelope is claimed to come from')
    .option('--dir <dir>', 'sandbox PKI directory', DEFAULT_SANDBOX_PKI_DIR)
    .action(async (file: string, options: { as: string; dir: string }) => {
      try {
        const verified = await verifySignatureFile(file, options.as, options.dir);
        io.out(
          JSON.stringify(
            {
              ok: true,
              format: verified.format,
              header: verified.header,
              evidence: verified.evidence,
              matchedBy: verified.trust.matchedBy,
              revocation: verified.trust.revocation,
            },
            null,
            2,
          ),
        );
        io.exit(0);
      } catch (error) {
        if (!(error instanceof RejectionError)) throw error;
        io.err(JSON.stringify({ ok: false, status: error.status, findings: error.findings }, null, 2));
        io.exit(1);
      }
    });
}
