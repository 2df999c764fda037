import type { Command } from 'commander';
import { loadConfig } from '../../config/load.js';
import { ensureSandboxPki } from '../../trust/pki/sandbox-ca.js';
import { type CliIo, processIo } from '../io.js';

/** Where the gateway reads its PKI (SWGATE_CERTS_DIR, as in the image), so the CLI and the gateway agree. */
export const DEFAULT_SANDBOX_PKI_DIR = process.env.SWGATE_CERTS_DIR ?? 'certs/sandbox';

/**
 * `swgate certs init [--dir certs/sandbox]`: the sandbox PKI for the gateway and every
 * participant of the configuration (SWGATE_CONFIG, default config/sandbox.yaml). Idempotent.
 */
export function registerCerts(program: Command, io: CliIo = processIo): void {
  const certs = program.command('certs').description('sandbox certificates');
  certs
    .command('init')
    .description('create the sandbox CA and a key + certificate for the gateway and each participant (keeps existing ones)')
    .option('--dir <dir>', 'where the PEM files go', DEFAULT_SANDBOX_PKI_DIR)
    .action(async (options: { dir: string }) => {
      const participants = loadConfig().participants.map((participant) => participant.id);
      const pki = await ensureSandboxPki(options.dir, participants);
      io.out(`Sandbox PKI in ${pki.dir}: CA ${pki.ca.certificate}, CRL ${pki.ca.crl}`);
      for (const [id, files] of Object.entries(pki.entities)) io.out(`  ${id}: ${files.ecdsa.certificate} (ECDSA P-256), ${files.rsa.certificate} (RSA-2048)`);
    });
}
