/**
 * What `npm run generate:wco` writes: the codec model and the JSON Schema for WCO JSON, from
 * the DMS declaration XSDs. A function so the staleness test can regenerate and compare.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XsdCompiler } from './compile.js';
import { toJsonSchema } from './json-schema.js';

/** XSDs are generation-time inputs only; they are kept once, with their attribution, in the fixtures. */
export const DMS_ENTRY_XSD = 'test/fixtures/wco-dm/xsd/customs-declarations/customs/wrapper_submit.xsd';
export const GENERATED_DIR = 'src/documents/wco/generated';
export const SCHEMA_ID = 'https://swgate.example/schemas/wco-dms-declaration.schema.json';

/** Output path (relative to the repository root) → file content. */
export function generatedFiles(repoRoot: string): Map<string, string> {
  const compiler = new XsdCompiler((path) => readFileSync(path));
  compiler.load(join(repoRoot, DMS_ENTRY_XSD));
  const model = compiler.compile(`${DMS_ENTRY_XSD} (hmrc/customs-declarations, DEC-DMS schema 2.15, DocumentMetaData-DMS 2.1)`);
  const json = (value: unknown): string => `${JSON.stringify(value, null, 1)}\n`;
  return new Map([
    [`${GENERATED_DIR}/dms-model.json`, json(model)],
    [`${GENERATED_DIR}/dms.schema.json`, json(toJsonSchema(model, SCHEMA_ID))],
  ]);
}
