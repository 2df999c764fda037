import type { Command } from 'commander';
import { MappingSpecError, loadMappings, type MappingCatalogue } from '../../mapping/catalogue.js';
import { type CliIo, processIo } from '../io.js';

/** The catalogue, or undefined after saying (with file:line) why a spec could not be loaded. */
export async function loadCatalogue(dir: string, io: CliIo, parameters: Record<string, string> = {}): Promise<MappingCatalogue | undefined> {
  try {
    return await loadMappings(dir, parameters);
  } catch (error) {
    if (!(error instanceof MappingSpecError)) throw error;
    for (const f of error.findings) io.err(f.message);
    io.exit(1);
    return undefined;
  }
}

/** `swgate mappings`: one line per mapping, `id@version` and the first 12 hex digits of its spec's SHA-256. */
export function registerMappings(program: Command, io: CliIo = processIo): void {
  program
    .command('mappings')
    .description('list the mappings: id@version and the first 12 hex digits of the SHA-256 of each spec')
    .option('--dir <dir>', 'the mappings folder', 'mappings')
    .action(async (options: { dir: string }) => {
      const catalogue = await loadCatalogue(options.dir, io);
      if (!catalogue) return;
      const lines = catalogue.list().map((m) => `${`${m.id}@${m.version}`.padEnd(36)} ${m.specSha256.slice(0, 12)}`);
      io.out(lines.join('\n'));
      io.exit(0);
    });
}
