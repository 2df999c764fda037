import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { importDomibusPmode, pmodeYaml } from '../../config/pmode-import.js';
import { RejectionError } from '../../findings.js';
import { type CliIo, processIo } from '../io.js';

/** The `as4` command group, made here or found where another module made it first. */
function as4Group(program: Command): Command {
  return program.commands.find((c) => c.name() === 'as4') ?? program.command('as4').description('eDelivery AS4: messages, PModes');
}

/** `swgate as4 import-pmode FILE`: a Domibus PMode as the participants/agreements fragment of the configuration, on stdout. */
export function registerAs4ImportPmode(program: Command, io: CliIo = processIo): void {
  as4Group(program)
    .command('import-pmode')
    .description('print a Domibus PMode (XML) as the as4 participants and agreements of swgate configuration (YAML)')
    .argument('<file>', 'the Domibus PMode XML')
    .action(async (file: string) => {
      try {
        io.out(pmodeYaml(importDomibusPmode(await readFile(file))));
        io.exit(0);
      } catch (error) {
        if (error instanceof RejectionError) io.err(`${file}: ${error.findings.map((f) => f.message).join('; ')}`);
        else if ((error as NodeJS.ErrnoException).code === 'ENOENT') io.err(`${file}: no such file`);
        else throw error;
        io.exit(1);
      }
    });
}
