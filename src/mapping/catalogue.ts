/**
 * The mappings of a folder (`mappings/<id>/mapping.yaml`), each read, checked and compiled once
 * at load. Applying one reads the input in its format, runs the compiled rules and writes the
 * output format; every result carries the provenance of the spec that made it.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { RejectionError, finding, hasErrors, type Finding } from '../findings.js';
import { schemaFinding } from '../schema-finding.js';
import { compileRules, type CodeLists, type Parameters } from './compile.js';
import { DMS_MODEL } from '../documents/wco/dms.js';
import { readInput, writeOutput, type InputCheck } from './formats.js';
import { checkWcoPaths } from './model-check.js';
import { MappingSpecError, readSpec, type InputFormat, type MappingSpec, type OutputFormat } from './spec.js';

export { MappingSpecError } from './spec.js';

export interface Provenance {
  /** `id@version` of the mapping. */
  mapping: string;
  /** SHA-256 (hex) of the bytes of mapping.yaml. */
  specSha256: string;
}

export interface MappedDocument {
  /** An object for the JSON formats, XML text for sps-xml. */
  output: unknown;
  provenance: Provenance;
}

export interface MappingSummary {
  id: string;
  version: string;
  specSha256: string;
}

export interface Mapping extends MappingSummary {
  description: string;
  from: InputFormat;
  to: OutputFormat;
  /** The mapping's folder. */
  dir: string;
  /**
   * Maps one document (bytes, text, or an already parsed object). A document the mapping cannot
   * read or map is refused with a RejectionError (422, or 400 when malformed) carrying findings.
   */
  apply(input: unknown): Promise<MappedDocument>;
}

export interface MappingCatalogue {
  get(id: string): Mapping | undefined;
  list(): MappingSummary[];
  /** Rejects with an Error for an unknown id: agreements naming mappings are checked at start with get(). */
  apply(id: string, input: unknown): Promise<MappedDocument>;
}

/**
 * What is wrong between the agreements and the mappings they name: a mapping that does not
 * exist, or a format that is not what the mapping writes (WCO JSON may still be delivered as
 * WCO XML, converted). One message per agreement; none when they agree.
 */
export function agreementMappingProblems(
  agreements: ReadonlyArray<{ id: string; mapping?: string | undefined; format: string }>,
  catalogue: MappingCatalogue,
  dir: string,
): string[] {
  return agreements.flatMap((a) => {
    if (!a.mapping) return [];
    const mapping = catalogue.get(a.mapping);
    if (!mapping)
      return [
        `agreement "${a.id}" names mapping "${a.mapping}", which is not in ${dir} (known: ${catalogue
          .list()
          .map((m) => m.id)
          .join(', ')}).`,
      ];
    const formats: string[] = mapping.to === 'wco-json' ? ['wco-json', 'wco-xml'] : [mapping.to];
    if (formats.includes(a.format)) return [];
    return [`agreement "${a.id}" says format "${a.format}", but its mapping "${a.mapping}" writes ${mapping.to}: say format ${formats.join(' or ')}.`];
  });
}

/**
 * `parameters` are the gateway's configured values for the parameters specs declare (`$param.<name>`);
 * each mapping takes those it declares, checked against their patterns.
 */
export async function loadMappings(dir = 'mappings', parameters: Parameters = {}): Promise<MappingCatalogue> {
  const entries = await readdir(dir, { withFileTypes: true });
  const folders = entries
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'mapping.yaml')))
    .map((e) => e.name)
    .sort();
  const mappings = new Map<string, Mapping>();
  for (const folder of folders) mappings.set(folder, await loadMapping(join(dir, folder), parameters));
  return {
    get: (id) => mappings.get(id),
    list: () => [...mappings.values()].map(({ id, version, specSha256 }) => ({ id, version, specSha256 })),
    apply: (id, input) => {
      const mapping = mappings.get(id);
      if (!mapping) return Promise.reject(new Error(`No mapping ${id} in ${dir} (known: ${[...mappings.keys()].join(', ')})`));
      return mapping.apply(input);
    },
  };
}

/** One mapping folder: mapping.yaml, its code lists, and input.schema.json when the input is plain JSON. */
export async function loadMapping(folder: string, parameters: Parameters = {}): Promise<Mapping> {
  const file = join(folder, 'mapping.yaml');
  const bytes = await readFile(file);
  const spec = readSpec(bytes.toString('utf8'), file);
  const folderName = folder.split(/[\\/]/).filter(Boolean).pop();
  if (spec.id !== folderName) {
    throw new MappingSpecError(file, [finding('mapping.spec', `${file}:1: id "${spec.id}" must match its folder name "${folderName}"`, '/id')]);
  }
  if (spec.from === 'wco-json') {
    const badPaths = checkWcoPaths(spec.rules, DMS_MODEL, file);
    if (badPaths.length > 0) throw new MappingSpecError(file, badPaths);
  }
  const rules = compileRules(spec.rules, await loadCodeLists(folder, file, spec), parametersOf(spec, parameters, file));
  const check = existsSync(join(folder, 'input.schema.json')) ? inputCheck(JSON.parse(await readFile(join(folder, 'input.schema.json'), 'utf8'))) : undefined;
  const provenance: Provenance = { mapping: `${spec.id}@${spec.version}`, specSha256: createHash('sha256').update(bytes).digest('hex') };
  return {
    id: spec.id,
    version: spec.version,
    description: spec.description,
    from: spec.from,
    to: spec.to,
    specSha256: provenance.specSha256,
    dir: folder,
    apply: async (input) => {
      const run = await rules(readInput(spec.from, input, spec, check));
      if (hasErrors(run.findings)) throw new RejectionError(422, `Not mappable by ${provenance.mapping}`, run.findings);
      return { output: writeOutput(spec.to, run.output, spec), provenance };
    },
  };
}

/** The configured values of the parameters the spec declares; a value its pattern refuses stops the load. */
function parametersOf(spec: MappingSpec, configured: Parameters, file: string): Parameters {
  const values: Record<string, string> = {};
  const problems: Finding[] = [];
  for (const [name, { description, pattern, patternText }] of Object.entries(spec.parameters)) {
    if (!Object.hasOwn(configured, name)) continue;
    const value = configured[name]!;
    if (typeof value === 'string' && pattern.test(value)) values[name] = value;
    else
      problems.push(
        finding(
          'mapping.parameter',
          `${file}: the configured ${name} (${description}) must match ${patternText}; got ${JSON.stringify(value).slice(0, 80)}`,
          `/parameters/${name}`,
        ),
      );
  }
  if (problems.length > 0) throw new MappingSpecError(file, problems);
  return values;
}

async function loadCodeLists(folder: string, file: string, spec: MappingSpec): Promise<CodeLists> {
  const lists: Record<string, Record<string, string>> = {};
  const problems: Finding[] = [];
  for (const [name, { file: listFile, line }] of Object.entries(spec.codeLists)) {
    const path = join(folder, listFile);
    let table: unknown;
    try {
      table = JSON.parse(await readFile(path, 'utf8'));
    } catch (err) {
      problems.push(
        finding('mapping.spec', `${file}:${line}: code list ${name} (${listFile}) cannot be read: ${(err as Error).message}`, `/codeLists/${name}`),
      );
      continue;
    }
    const codes = typeof table === 'object' && table !== null && !Array.isArray(table) ? (table as Record<string, unknown>).codes : undefined;
    if (typeof codes !== 'object' || codes === null || !Object.values(codes).every((v) => typeof v === 'string')) {
      problems.push(
        finding(
          'mapping.spec',
          `${file}:${line}: code list ${name} (${listFile}) must be {"source": "…", "codes": {"<code>": "<value>"}}`,
          `/codeLists/${name}`,
        ),
      );
      continue;
    }
    lists[name] = codes as Record<string, string>;
  }
  if (problems.length > 0) throw new MappingSpecError(file, problems);
  return lists;
}

function inputCheck(schema: Record<string, unknown>): InputCheck {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats.default(ajv);
  const validate = ajv.compile(schema);
  return (json) => {
    if (!validate(json))
      throw new RejectionError(
        422,
        'Invalid document',
        (validate.errors ?? []).map((e) => schemaFinding(e, 'schema')),
      );
  };
}
