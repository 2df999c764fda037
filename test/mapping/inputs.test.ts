/** Documents a mapping cannot read or map are refused with findings, never a crash. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { RejectionError } from '../../src/findings.js';
import { MappingSpecError, loadMapping, loadMappings, type MappingCatalogue } from '../../src/mapping/catalogue.js';

const MAPPINGS = fileURLToPath(new URL('../../mappings', import.meta.url));
const EPHYTO = fileURLToPath(new URL('../fixtures/ephyto', import.meta.url));

let catalogue: MappingCatalogue;
beforeAll(async () => {
  catalogue = await loadMappings(MAPPINGS);
});

async function refusal(id: string, input: unknown): Promise<RejectionError> {
  const err = await catalogue.apply(id, input).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RejectionError);
  return err as RejectionError;
}

const example = (id: string, name: string): string => readFileSync(join(MAPPINGS, id, 'examples', name), 'utf8');

describe('bad input documents', () => {
  it('a JSON object that is no declaration', async () => {
    const err = await refusal('declaration-to-plant-health', { MetaData: { WCOTypeName: 'DEC' } });
    expect(err.status).toBe(422);
    expect(err.findings).toEqual([expect.objectContaining({ code: 'mapping.input', path: '/MetaData' })]);
  });

  it('malformed JSON and a number where WCO JSON wants a string', async () => {
    expect((await refusal('declaration-to-food-safety', '{"Declaration": ')).status).toBe(400);
    const err = await refusal('declaration-to-food-safety', '{"Declaration": {"TypeCode": 5}}');
    expect(err.findings[0]).toMatchObject({ code: 'json.not-a-string', path: '/Declaration/TypeCode' });
  });

  it('a declaration with no goods item in the agency’s scope', async () => {
    const err = await refusal('declaration-to-health', example('declaration-to-wildlife', 'tt-im036a-cites.input.json'));
    expect(err.findings.map((f) => f.code)).toEqual(['mapping.no-items']);
  });

  it('a declaration whose type is not an export declaration type', async () => {
    const json = JSON.parse(example('export-to-import', 'tt-ex001a.input.json'));
    json.MetaData.Declaration.TypeCode = 'IMZ';
    const err = await refusal('export-to-import', json);
    expect(err.findings).toEqual([expect.objectContaining({ code: 'mapping.code-list', path: '/Declaration/TypeCode' })]);
  });

  it('an e-commerce consignment its input schema refuses', async () => {
    const consignment = JSON.parse(example('consignment-to-declaration', 'parcel-two-items.input.json'));
    consignment.items[1].hsCode = '09';
    delete consignment.shipment.trackingNumber;
    const err = await refusal('consignment-to-declaration', consignment);
    expect(err.findings.map((f) => f.path).sort()).toEqual(['/items/1/hsCode', '/shipment/trackingNumber']);
  });

  it('a TRACES CHED of a type without a document code', async () => {
    const ched = readFileSync(join(EPHYTO, 'eu-tracesnt_GetChedResponse_CHEDPP.XI.2026.0000064.xml'), 'utf8').replace(
      '>PP</ns4:ContentCode>',
      '>XX</ns4:ContentCode>',
    );
    const err = await refusal('sps-to-lpco', ched);
    expect(err.findings[0]).toMatchObject({ code: 'mapping.code-list', message: expect.stringContaining('code "XX" is not in code list documentCodes') });
  });

  it('SPS XML in an unexpected namespace, an object where XML is expected, and XML with a DTD', async () => {
    const renamed = example('sps-to-lpco', 'phyto-ar-ribes.input.xml').replace('SPSCertificate:17', 'SPSCertificate:99');
    expect((await refusal('sps-to-lpco', renamed)).findings[0]).toMatchObject({ code: 'mapping.input', path: '/SPSCertificate' });
    expect((await refusal('sps-to-lpco', { SPSCertificate: {} })).findings[0]!.code).toBe('mapping.input');
    expect((await refusal('sps-to-lpco', '<!DOCTYPE x [<!ENTITY a "b">]><x/>')).findings[0]!.code).toBe('xml.doctype');
  });

  it('an LPCO the registry would refuse', async () => {
    const lpco = JSON.parse(example('lpco-to-sps', 'phyto-no-plants.input.json'));
    lpco.lines[0].quantity = '1.2345';
    const err = await refusal('lpco-to-sps', lpco);
    expect(err.findings).toEqual([expect.objectContaining({ code: 'lpco.quantity', path: '/lines/0/quantity' })]);
  });
});

describe('loading', () => {
  it('rejects a mapping id it does not have', async () => {
    await expect(catalogue.apply('declaration-to-customs', {})).rejects.toThrow(/^No mapping declaration-to-customs in /);
  });

  it('refuses WCO JSON paths the WCO DM model does not have, relative paths included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'swgate-mapping-'));
    const folder = join(dir, 'declaration-to-wildlife');
    cpSync(join(MAPPINGS, 'declaration-to-wildlife'), folder, { recursive: true });
    const spec = readFileSync(join(folder, 'mapping.yaml'), 'utf8');
    writeFileSync(
      join(folder, 'mapping.yaml'),
      spec.replace('object: Declaration.GoodsShipment', 'object: Declaration.GoodShipment').replace('from: Origin.CountryCode', 'from: Origin.Country'),
    );
    const err = await loadMapping(folder).catch((e: unknown) => e);
    expect((err as MappingSpecError).findings.map((f) => f.message.slice(folder.length + 1))).toEqual([
      'mapping.yaml:44: bad path "Declaration.GoodShipment": Declaration has no element "GoodShipment"',
      'mapping.yaml:77: bad path "Origin.Country": Origin has no element "Country"',
    ]);
  });

  it('refuses a spec whose id is not its folder name, and a code list that is not one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'swgate-mapping-'));
    const folder = join(dir, 'renamed');
    cpSync(join(MAPPINGS, 'export-to-import'), folder, { recursive: true });
    await expect(loadMapping(folder)).rejects.toThrow(`${join(folder, 'mapping.yaml')}:1: id "export-to-import" must match its folder name "renamed"`);
    const copy = join(dir, 'export-to-import');
    cpSync(join(MAPPINGS, 'export-to-import'), copy, { recursive: true });
    writeFileSync(join(copy, 'code-lists/import-type-codes.json'), '["IMD"]');
    const err = await loadMapping(copy).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MappingSpecError);
    const line =
      readFileSync(join(copy, 'mapping.yaml'), 'utf8')
        .split('\n')
        .findIndex((l) => l.trim().startsWith('importTypeCodes:')) + 1;
    expect((err as MappingSpecError).findings[0]!.message).toContain(
      `mapping.yaml:${line}: code list importTypeCodes (code-lists/import-type-codes.json) must be`,
    );
  });
});
