/** Regenerates src/documents/wco/generated/ from the WCO DM XSDs (npm run generate:wco). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedFiles } from '../src/documents/wco/xsd/generate.js';

const repoRoot = join(import.meta.dirname, '..');
for (const [path, content] of generatedFiles(repoRoot)) {
  writeFileSync(join(repoRoot, path), content);
  console.log(`wrote ${path} (${content.length} bytes)`);
}
