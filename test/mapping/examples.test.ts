/**
 * Every worked example of every mapping: input → expected output, the output valid against
 * the mapping's output schema (or, for WCO JSON, the DMS JSON Schema and the DMS XSD), and the
 * provenance of the spec that made it.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { DMS_JSON_SCHEMA, DMS_MODEL } from '../../src/documents/wco/dms.js';
import type { WcoJsonObject } from '../../src/documents/wco/json.js';
import { wcoJsonToXml } from '../../src/documents/wco/json-to-xml.js';
import { namespaceMap } from '../../src/documents/wco/namespace-map.js';
import { WCO_NAMESPACES } from '../../src/documents/wco/namespaces.js';
import { loadMappings } from '../../src/mapping/catalogue.js';
import { toolsPresent, XMLLINT } from '../support/tools.js';

const MAPPINGS = fileURLToPath(new URL('../../mappings', import.meta.url));
const DMS_XSD = fileURLToPath(new URL('../fixtures/wco-dm/xsd/customs-declarations/customs/wrapper_submit.xsd', import.meta.url));
const SHIPPED = [
  'consignment-to-declaration',
  'declaration-to-food-safety',
  'declaration-to-health',
  'declaration-to-plant-health',
  'declaration-to-wildlife',
  'export-to-import',
  'lpco-to-certex',
  'lpco-to-sps',
  'sps-to-lpco',
];

const examples = SHIPPED.flatMap((id) => {
  const dir = join(MAPPINGS, id, 'examples');
  return readdirSync(dir)
    .filter((f) => /\.input\.(json|xml)$/.test(f))
    .map((input) => ({ id, dir, input, name: input.replace(/\.input\.(json|xml)$/, '') }));
});

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validateDms = ajv.compile(DMS_JSON_SCHEMA);

function xsdVerdict(xml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'swgate-mapping-')), 'out.xml');
  writeFileSync(file, xml);
  try {
    execFileSync(XMLLINT.command, ['--noout', '--schema', DMS_XSD, file], { stdio: 'pipe' });
    return 'valid';
  } catch (err) {
    return String((err as { stderr?: Buffer }).stderr ?? err);
  }
}

const catalogue = await loadMappings(MAPPINGS);

describe('mapping catalogue', () => {
  it('lists every shipped mapping with its version and the SHA-256 of its spec bytes', () => {
    expect(catalogue.list()).toEqual(
      SHIPPED.map((id) => ({
        id,
        version: /^version: (\S+)$/m.exec(readFileSync(join(MAPPINGS, id, 'mapping.yaml'), 'utf8'))?.[1],
        specSha256: createHash('sha256')
          .update(readFileSync(join(MAPPINGS, id, 'mapping.yaml')))
          .digest('hex'),
      })),
    );
  });

  it('has at least one example per mapping', () => {
    expect(new Set(examples.map((e) => e.id))).toEqual(new Set(SHIPPED));
  });
});

describe.each(examples)('$id example $name', ({ id, dir, input, name }) => {
  it('maps its input to the expected output, with provenance', async () => {
    const { output, provenance } = await catalogue.apply(id, readFileSync(join(dir, input)));
    const mapping = catalogue.get(id)!;
    expect(provenance).toEqual({ mapping: `${id}@${mapping.version}`, specSha256: mapping.specSha256 });
    if (typeof output === 'string') expect(`${output}\n`).toBe(readFileSync(join(dir, `${name}.expected.xml`), 'utf8'));
    else expect(output).toEqual(JSON.parse(readFileSync(join(dir, `${name}.expected.json`), 'utf8')));
  });

  it('maps the already parsed input the same way', async () => {
    if (input.endsWith('.xml')) return;
    const bytes = readFileSync(join(dir, input));
    const parsed = await catalogue.apply(id, JSON.parse(bytes.toString('utf8')));
    expect(parsed.output).toEqual((await catalogue.apply(id, bytes)).output);
  });

  it('gives an output its schema accepts', async () => {
    const { output } = await catalogue.apply(id, readFileSync(join(dir, input)));
    const schemaFile = join(MAPPINGS, id, 'output.schema.json');
    if (existsSync(schemaFile)) {
      const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
      expect(validate(output), JSON.stringify(validate.errors)).toBe(true);
    }
    if (catalogue.get(id)!.to === 'wco-json') expect(validateDms(output), JSON.stringify(validateDms.errors)).toBe(true);
  });
});

describe.runIf(toolsPresent(XMLLINT))('declarations made by mappings, as XML: the DMS XSD accepts them (xmllint --schema)', () => {
  it.each(examples.filter(({ id }) => catalogue.get(id)!.to === 'wco-json'))('$id example $name', async ({ id, dir, input }) => {
    const { output } = await catalogue.apply(id, readFileSync(join(dir, input)));
    expect(xsdVerdict(wcoJsonToXml(output as WcoJsonObject, DMS_MODEL, namespaceMap(WCO_NAMESPACES)))).toBe('valid');
  });
});

describe('lpco-to-sps and sps-to-lpco', () => {
  it('give back the LPCO they started from (validity is recomputed: 14 days from issue; a quantity is net weight unless named)', async () => {
    const lpco = JSON.parse(readFileSync(join(MAPPINGS, 'lpco-to-sps/examples/phyto-no-plants.input.json'), 'utf8'));
    const sps = await catalogue.apply('lpco-to-sps', lpco);
    const back = await catalogue.apply('sps-to-lpco', sps.output as string);
    expect(back.output).toEqual({ ...lpco, lines: lpco.lines.map((l: object) => ({ ...l, measure: 'net-weight' })) });
  });

  // The real certificates: what sps-to-lpco reads, lpco-to-sps writes so that sps-to-lpco reads it back unchanged.
  it.each(['phyto-ar-ribes', 'no-mattilsynet-851', 'traces-ched-pp-xi'])('write %s back as a certificate the reader takes back unchanged', async (name) => {
    const { output: lpco } = await catalogue.apply('sps-to-lpco', readFileSync(join(MAPPINGS, `sps-to-lpco/examples/${name}.input.xml`)));
    const sps = await catalogue.apply('lpco-to-sps', lpco);
    expect((await catalogue.apply('sps-to-lpco', sps.output as string)).output).toEqual(lpco);
  });
});
