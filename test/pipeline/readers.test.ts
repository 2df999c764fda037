import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { wcoXmlToJson } from '../../src/documents/wco/codec.js';
import { loadMappings, type MappingCatalogue } from '../../src/mapping/catalogue.js';
import { readConsignment, readDeclaration, readLpcoDocument, SPS_MAPPING } from '../../src/pipeline/readers.js';
import { sampleLpco } from '../lpco/sample.js';
import { rejected, rejectionOf } from '../support/rejections.js';
import { participant } from './support.js';

const IM036A = readFileSync('test/fixtures/wco-dm/samples/customs-declarations/import/TT_IM036a__TT_IM036a.xml');
const IM036A_JSON = Buffer.from(JSON.stringify(wcoXmlToJson(IM036A).json));
/** The declarant and importer of TT_IM036a. */
const TRADER_ID = 'XI553202734852';
const broker = participant('broker-a', { actsFor: [{ id: TRADER_ID, as: 'declarant' }] });
const stranger = participant('broker-b', { actsFor: [{ id: 'GB000000000001', as: 'declarant' }] });

describe('readDeclaration: validated once, read in one form', () => {
  it('routes the XML as received, keeps the WCO JSON validation made of it, and names its LRN and facts', () => {
    const read = readDeclaration(IM036A, 'wco-xml', {}, broker);
    expect(read.document).toEqual({ content: IM036A.toString('utf8'), mediaType: 'application/xml' });
    expect(read.wcoJson).toBe(IM036A_JSON.toString('utf8'));
    expect(read.facts).toMatchObject({ typeCode: 'IMA', direction: 'import', citedDocumentCodes: expect.arrayContaining(['C400']) });
    expect(read.messageId).toBe(read.facts.lrn);
  });

  it('reads the same facts and citations from the WCO JSON form, and keeps no second copy of it', () => {
    const xml = readDeclaration(IM036A, 'wco-xml', {}, broker);
    const json = readDeclaration(IM036A_JSON, 'wco-json', {}, broker);
    expect(json.facts).toEqual(xml.facts);
    expect(json.registry).toEqual(xml.registry);
    expect(json.wcoJson).toBeUndefined();
    expect(json.document.mediaType).toBe('application/json');
  });

  it('asks for the cited e-LPCOs to be reserved with the exchange, for the trader it names, by its sender', () => {
    expect(readDeclaration(IM036A, 'wco-xml', {}, broker).registry).toEqual({
      step: 'reserve',
      citations: {
        holderId: TRADER_ID,
        actsFor: [TRADER_ID],
        sender: 'broker-a',
        citations: [
          expect.objectContaining({
            documentCode: 'C400',
            number: 'XIICP553202734852',
            goodsItem: '1',
            path: '/MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem/0/AdditionalDocument/2',
          }),
        ],
      },
    });
  });

  it('reserves nothing when not asked to (the declaration a consignment is mapped to)', () => {
    expect(readDeclaration(IM036A, 'wco-xml', {}, broker, false).registry).toBeUndefined();
  });

  it('refuses a declaration lodged for a trader the sender does not act for (403), naming the party', () => {
    const err = rejectionOf(() => readDeclaration(IM036A, 'wco-xml', {}, stranger));
    expect([err.status, err.findings[0]?.code, err.findings[0]?.path]).toEqual([403, 'party.not-acted-for', '/MetaData/Declaration/Declarant/ID']);
  });

  it('refuses a declaration that breaks its schema (422) with every finding, pointer and XPath', () => {
    const broken = Buffer.from(IM036A.toString('utf8').replace('<TypeCode>IMA</TypeCode>', '<TypeCode>IMA</TypeCode><Unheard>x</Unheard>'));
    const err = rejectionOf(() => readDeclaration(broken, 'wco-xml', {}, broker));
    expect(err.status).toBe(422);
    expect(err.findings.some((f) => f.severity === 'error' && f.xpath !== undefined)).toBe(true);
  });

  it('refuses hostile input before reading it: a DTD with entities, JSON with a __proto__ key, JSON that is not WCO JSON', () => {
    const dtd = Buffer.from(
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><MetaData xmlns="urn:wco:datamodel:WCO:DocumentMetaData-DMS:2">&a;</MetaData>',
    );
    expect(rejectionOf(() => readDeclaration(dtd, 'wco-xml', {}, broker)).status).toBe(400);
    const proto = Buffer.from('{"MetaData": {"__proto__": {"polluted": "yes"}}}');
    expect(rejectionOf(() => readDeclaration(proto, 'wco-json', {}, broker)).status).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const notWco = Buffer.from('{"MetaData": {"Declaration": [1, 2]}}');
    expect(rejectionOf(() => readDeclaration(notWco, 'wco-json', {}, broker)).status).toBe(422);
  });
});

describe('readLpcoDocument and readConsignment', () => {
  let mappings: MappingCatalogue;
  beforeAll(async () => {
    mappings = await loadMappings('mappings');
  });
  // The sample LPCO is Norway's; the sps-to-lpco mapping names Argentina's agency (its example's) as issuer.
  const plantHealth = participant('pga-plant', { kind: 'pga', issues: [{ documentCodes: ['N851'], inNameOf: [{ country: 'NO' }, { country: 'AR' }] }] });

  it('asks for an e-LPCO to be registered with its exchange, its sender the issuer, and routes it as LPCO JSON', async () => {
    const lpco = sampleLpco();
    const read = await readLpcoDocument(Buffer.from(JSON.stringify(lpco)), 'wco-json', mappings, plantHealth);
    expect(read.registry).toEqual({ step: 'register', lpco, issuer: 'pga-plant' });
    expect(read.document).toEqual({ content: JSON.stringify(lpco), mediaType: 'application/json', format: 'lpco-json' });
    expect([read.messageId, read.facts]).toEqual([lpco.number, { citedDocumentCodes: ['N851'], exportCountry: 'NO', destinationCountry: 'GB' }]);
  });

  it('refuses an e-LPCO its sender is not the competent authority for (403), before anything is registered', async () => {
    const wildlife = participant('pga-wildlife', { kind: 'pga', issues: [{ documentCodes: ['C400'], inNameOf: [{ country: 'NO' }] }] });
    const err = await rejected(readLpcoDocument(Buffer.from(JSON.stringify(sampleLpco())), 'wco-json', mappings, wildlife));
    expect(err.status).toBe(403);
  });

  it('reads an SPS certificate through the sps-to-lpco mapping, and says so (mappedBy)', async () => {
    const certificate = readFileSync('test/fixtures/ephyto/no-mattilsynet_SPSCertificateContent_851.xml');
    const read = await readLpcoDocument(certificate, 'wco-xml', mappings, plantHealth);
    expect(read.mappedBy?.mapping).toMatch(new RegExp(`^${SPS_MAPPING}@`));
    expect(read.registry).toMatchObject({ step: 'register', issuer: 'pga-plant', lpco: { documentCode: 'N851' } });
  });

  it('refuses a SOAP envelope carrying two SPS certificates (422): an e-LPCO is exactly one', async () => {
    const certificate = readFileSync('test/fixtures/ephyto/no-mattilsynet_SPSCertificateContent_851.xml', 'utf8').replace(/^<\?xml[^>]*\?>\s*/, '');
    const envelope = `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><Response xmlns="urn:example">${certificate}${certificate}</Response></soap:Body></soap:Envelope>`;
    const err = await rejected(readLpcoDocument(Buffer.from(envelope), 'wco-xml', mappings, plantHealth));
    expect([err.status, err.findings[0]?.code]).toEqual([422, 'lpco.sps.certificates']);
  });

  it('makes a consignment into a low-value declaration that it validates in turn, reserving nothing', async () => {
    const platform = participant('platform-demo', { kind: 'platform', actsFor: [{ id: 'GB123456789000', as: 'declarant' }] });
    const consignment = readFileSync('mappings/consignment-to-declaration/examples/parcel-two-items.input.json');
    const read = await readConsignment(consignment, mappings, {}, platform);
    expect(read.mappedBy?.mapping).toMatch(/^consignment-to-declaration@/);
    expect(read.registry).toBeUndefined();
    expect(read.facts.typeCode).toBeDefined();
  });
});
