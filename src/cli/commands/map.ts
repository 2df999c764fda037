import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { RejectionError } from '../../findings.js';
import { type CliIo, processIo } from '../io.js';
import { loadCatalogue } from './mappings.js';

/**
 * `swgate map <id> FILE`: the document in FILE mapped by mapping <id>, written to stdout (JSON
 * pretty-printed, XML as produced); which spec made it goes to stderr. A document the mapping
 * refuses exits 1 with one line per finding. `--param name=value` (repeatable) gives a parameter
 * its spec declares, as the gateway's `mappingParameters` would (export-to-import: homeCountry).
 */
export function registerMap(program: Command, io: CliIo = processIo): void {
  program
    .command('map')
    .description('map a document with one of the mappings and write the result to stdout')
    .argument('<id>', 'the mapping id (see `swgate mappings`)')
    .argument('<file>', 'the input document (JSON or XML, as the mapping reads)')
    .option('--dir <dir>', 'the mappings folder', 'mappings')
    .option(
      '--param <name=value>',
      'a parameter the mapping declares, e.g. homeCountry=GB (repeatable)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .action(async (id: string, file: string, options: { dir: string; param: string[] }) => {
      const parameters: Record<string, string> = {};
      for (const given of options.param) {
        const match = /^([A-Za-z][A-Za-z0-9]*)=(.*)$/s.exec(given);
        if (!match) {
          io.err(`--param takes name=value, not ${JSON.stringify(given)}`);
          return io.exit(1);
        }
        parameters[match[1]!] = match[2]!;
      }
      const catalogue = await loadCatalogue(options.dir, io, parameters);
      if (!catalogue) return;
      if (!catalogue.get(id)) {
        io.err(
          `No mapping ${id}; \`swgate mappings\` lists them: ${catalogue
            .list()
            .map((m) => m.id)
            .join(', ')}`,
        );
        return io.exit(1);
      }
      let input: Buffer;
      try {
        input = await readFile(file);
      } catch (error) {
        io.err(`Cannot read ${file}: ${(error as Error).message}`);
        return io.exit(1);
      }
      try {
        const { output, provenance } = await catalogue.apply(id, input);
        io.out(typeof output === 'string' ? output : JSON.stringify(output, null, 2));
        io.err(`mapped by ${provenance.mapping} (spec sha256 ${provenance.specSha256})`);
        io.exit(0);
      } catch (error) {
        if (!(error instanceof RejectionError)) throw error;
        io.err(`${file}: ${error.title}`);
        for (const f of error.findings) io.err(`  ${f.severity} ${f.code} ${f.path || '/'}: ${f.message}`);
        io.exit(1);
      }
    });
}
