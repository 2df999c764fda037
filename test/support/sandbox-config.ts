import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The sandbox configuration as `edit` changes it, written to a folder of its own. Paths in it are
 * relative to the file (the risk model, the profiles folder), so they are made absolute: the copy
 * loads what config/sandbox.yaml loads.
 */
export function sandboxConfigWith(edit: (yaml: string) => string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'swgate-cfg-')), 'config.yaml');
  const yaml = edit(readFileSync('config/sandbox.yaml', 'utf8'))
    .replace(/^ {2}modelDir: risk-model$/m, `  modelDir: ${resolve('config/risk-model')}`)
    .replace(/^risk:$/m, `risk:\n  profilesDir: ${resolve('config/risk-profiles')}`);
  writeFileSync(file, yaml);
  return file;
}
