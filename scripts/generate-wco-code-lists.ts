/**
 * Writes the ISO code lists the business rules use, from Debian's iso-codes package
 * (apt-get install iso-codes), so each list names its source and version.
 *   npx tsx scripts/generate-wco-code-lists.ts [/usr/share/iso-codes/json]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const isoDir = process.argv[2] ?? '/usr/share/iso-codes/json';
const outDir = join(import.meta.dirname, '../src/validation/code-lists');
// biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax, not a template
const version = execFileSync('dpkg-query', ['-W', '-f=${Version}', 'iso-codes'], { encoding: 'utf8' }).trim();

function write(file: string, list: string, standard: string, codes: string[]): void {
  const content = {
    list,
    source: `${standard}, from Debian package iso-codes ${version} (${isoDir}/${file})`,
    version: `iso-codes ${version}`,
    codes: [...new Set(codes)].sort(),
  };
  writeFileSync(join(outDir, file), `${JSON.stringify(content, null, 1)}\n`);
  console.log(`wrote ${file}: ${content.codes.length} codes`);
}

const read = (file: string, key: string): Array<Record<string, string>> =>
  (JSON.parse(readFileSync(join(isoDir, file), 'utf8')) as Record<string, Array<Record<string, string>>>)[key] ?? [];

write(
  'iso_3166-1.json',
  'countries',
  'ISO 3166-1 alpha-2 country codes',
  read('iso_3166-1.json', '3166-1').map((c) => c.alpha_2 ?? ''),
);
write(
  'iso_4217.json',
  'currencies',
  'ISO 4217 alphabetic currency codes',
  read('iso_4217.json', '4217').map((c) => c.alpha_3 ?? ''),
);
