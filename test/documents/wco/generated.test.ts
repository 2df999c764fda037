import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generatedFiles } from '../../../src/documents/wco/xsd/generate.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

describe('generated WCO schema and model', () => {
  it('are up to date with the XSDs (else run: npm run generate:wco)', () => {
    for (const [path, content] of generatedFiles(repoRoot)) {
      expect(readFileSync(`${repoRoot}${path}`, 'utf8'), path).toBe(content);
    }
  });
});
