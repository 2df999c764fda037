/**
 * What `npm run generate:wco` writes: for each schema set, the codec model and the JSON Schema
 * for WCO JSON. A function so the staleness test can regenerate and compare.
 *
 * Declarations and notifications are two sets, as xmllint validates them: each set carries its
 * own copy of the UN/CEFACT data types, and the copies differ (e.g. whitespace of IDType).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XsdCompiler } from './compile.js';
import { toJsonSchema } from './json-schema.js';

export interface SchemaSetSource {
  /** File name stem of the generated files. */
  name: string;
  /** XSD entry point; XSDs are generation-time inputs, kept once (with attribution) in the fixtures. */
  entry: string;
  description: string;
  schemaId: string;
}

const WCO_SCHEMA_SETS: SchemaSetSource[] = [
  {
    name: 'dms',
    entry: 'test/fixtures/wco-dm/xsd/customs-declarations/customs/wrapper_submit.xsd',
    description: 'hmrc/customs-declarations v3.0 wrapper_submit.xsd: MetaData (DocumentMetaData-DMS 2.1) + Declaration (DEC-DMS 2.15)',
    schemaId: 'https://swgate.example/schemas/wco-dms-declaration.schema.json',
  },
  {
    name: 'dms-notification',
    entry: 'test/fixtures/wco-dm/xsd/_local/cd_wrapper_notification.xsd',
    description: 'hmrc/customs-declarations v3.0 notification schemas: MetaData (DocumentMetaData-DMS 2.1) + Response (RES-DMS)',
    schemaId: 'https://swgate.example/schemas/wco-dms-notification.schema.json',
  },
];

const GENERATED_DIR = 'src/documents/wco/generated';

/** Output path (relative to the repository root) → file content. */
export function generatedFiles(repoRoot: string): Map<string, string> {
  const json = (value: unknown): string => `${JSON.stringify(value, null, 1)}\n`;
  const files = new Map<string, string>();
  for (const set of WCO_SCHEMA_SETS) {
    const compiler = new XsdCompiler((path) => readFileSync(path));
    compiler.load(join(repoRoot, set.entry));
    const model = compiler.compile(`${set.entry} (${set.description})`);
    files.set(`${GENERATED_DIR}/${set.name}-model.json`, json(model));
    files.set(`${GENERATED_DIR}/${set.name}.schema.json`, json(toJsonSchema(model, set.schemaId)));
  }
  return files;
}
