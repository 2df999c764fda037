import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseXml } from '../../src/documents/xml/parse.js';
import { soapMessage } from '../../src/documents/xml/soap.js';
import type { XmlElement } from '../../src/documents/xml/tree.js';
import { RejectionError } from '../../src/findings.js';
import { applyCertexOutcome, certexRequestsOf, readCertexResponse } from '../../src/lpco/certex.js';
import { readLpco } from '../../src/lpco/lpco.js';
import { getLpco, registerLpco } from '../../src/lpco/registry.js';
import { type LpcoCitation, reserveForDeclaration } from '../../src/lpco/write-off.js';
import { loadMappings, type MappingCatalogue } from '../../src/mapping/catalogue.js';
import { databaseKinds } from '../support/databases.js';
import { PLANT_AUTHORITY, useLpcoDatabase } from './support.js';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/ephyto/${name}`, import.meta.url)), 'utf8');
const REFUSED = fixture('eu-certex_ProcessedChedResponse_reservation-refused-05.xml');
const RELEASED = fixture('eu-certex_ChedClearanceResponse_released.xml');
const REQUEST = fixture('eu-certex_ProcessedChedRequest_reserve_template.xml');
const CHED = fixture('eu-tracesnt_GetChedResponse_CHEDPP.XI.2026.0000064.xml');

const codeOf = (fn: () => unknown): [number, string | undefined] => {
  try {
    fn();
  } catch (err) {
    if (err instanceof RejectionError) return [err.status, err.findings[0]?.code];
    throw err;
  }
  throw new Error('not refused');
};

describe('readCertexResponse', () => {
  it('reads a refused reservation: the CHED, the reason (05: quantity insufficient) and the failed line', () => {
    const outcome = readCertexResponse(REFUSED);
    expect(outcome).toMatchObject({
      message: 'ProcessedChedInformationResponse',
      chedNumber: 'CHEDA.GB.2026.0000123',
      reserved: false,
      reason: '05',
      failedItems: [{ goodsItem: '1', line: '2' }],
    });
    expect(outcome.message === 'ProcessedChedInformationResponse' && !outcome.reserved && outcome.finding).toMatchObject({
      code: 'lpco.quantity-insufficient',
      severity: 'error',
      message: expect.stringContaining('goods item 1 line 2'),
    });
  });

  it('reads a clearance: outcome 01 releases the goods', () => {
    expect(readCertexResponse(RELEASED)).toEqual({ message: 'ChedClearanceResponse', outcome: '01', released: true });
  });

  it('reads mutated answers: an accepted reservation, an unknown reason, a clearance that does not release, no result at all', () => {
    expect(readCertexResponse(REFUSED.replace('>false</ReservationResult>', '>true</ReservationResult>'))).toEqual({
      message: 'ProcessedChedInformationResponse',
      chedNumber: 'CHEDA.GB.2026.0000123',
      reserved: true,
    });
    const other = readCertexResponse(
      REFUSED.replace('>05<', '>99<').replace(/<ReservationFailureConsignmentItem>[\s\S]*<\/ReservationFailureConsignmentItem>/, ''),
    );
    expect(other).toMatchObject({ reserved: false, failedItems: [], finding: { code: 'lpco.certex-refused', message: expect.stringContaining('reason 99') } });
    expect(readCertexResponse(RELEASED.replace('>01</QuantityManagementOutcome>', '>02</QuantityManagementOutcome>'))).toMatchObject({
      released: false,
      finding: { code: 'lpco.certex-not-released', severity: 'warning' },
    });
    expect(codeOf(() => readCertexResponse(REFUSED.replace(/<ReservationResult>.*<\/ReservationResult>/, '')))).toEqual([422, 'certex.message']);
  });

  it('refuses hostile and foreign envelopes with findings', () => {
    const body = /<S:Body>[\s\S]*<\/S:Body>/.exec(RELEASED)?.[0] ?? '';
    expect(codeOf(() => readCertexResponse(RELEASED.replace(body, body + body)))).toEqual([422, 'soap.body']);
    expect(codeOf(() => readCertexResponse(RELEASED.replace('<S:Envelope', '<!DOCTYPE S:Envelope [<!ENTITY e "x">]><S:Envelope')))).toEqual([
      400,
      'xml.doctype',
    ]);
    expect(codeOf(() => readCertexResponse('<ChedClearanceResponse xmlns="http://ec.europa.eu/sanco/tracesnt/customs_certex/ched/v06"/>'))).toEqual([
      422,
      'certex.message',
    ]);
    expect(codeOf(() => readCertexResponse(REQUEST))).toEqual([422, 'certex.message']);
    expect(codeOf(() => readCertexResponse(CHED))).toEqual([422, 'certex.message']);
    const fault =
      '<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><S:Fault><faultcode>S:Server</faultcode></S:Fault></S:Body></S:Envelope>';
    expect(codeOf(() => readCertexResponse(fault))).toEqual([422, 'soap.fault']);
  });
});

/** Element names and texts of a message, namespace-qualified, for comparing two documents' content. */
const shape = (el: XmlElement): unknown => {
  const children = el.children.filter((c): c is XmlElement => typeof c !== 'string');
  return children.length === 0 ? `{${el.ns}}${el.name}` : { [`{${el.ns}}${el.name}`]: children.map(shape) };
};

const kinds = await databaseKinds();
const now = () => new Date('2026-06-20T10:00:00Z');

describe.each(kinds)('CERTEX round trip on %s', (kind) => {
  const t = useLpcoDatabase(kind);
  let catalogue: MappingCatalogue;
  beforeAll(async () => {
    catalogue = await loadMappings(fileURLToPath(new URL('../../mappings', import.meta.url)));
  });

  async function registeredChed(): Promise<string> {
    const { output } = await catalogue.apply('sps-to-lpco', Buffer.from(CHED));
    return registerLpco(t.db, t.kind, readLpco(output), PLANT_AUTHORITY, { now });
  }
  const citation: LpcoCitation = { documentCode: 'C085', number: 'CHEDPP.XI.2026.0000064', goodsItem: '1', hsCode: '08051022', quantity: '10', unit: 'KGM' };
  const reserve = (declarationExchangeId: string) =>
    reserveForDeclaration(
      t.db,
      t.kind,
      { declarationExchangeId, holderId: 'RMS-GB-000001', citations: [citation], actsFor: ['RMS-GB-000001'] },
      { unknownLpco: 'error', now },
    );
  const remaining = async (id: string) => (await getLpco(t.db, id, { now }))?.lines[0]?.remaining;

  it('sends a reservation as the published ProcessedChedRequest, and gives it back when CERTEX refuses it', async () => {
    const id = await registeredChed();
    const { reservations } = await reserve('01JCERTEXDECLARATION000001');
    const [request] = certexRequestsOf(reservations, [citation], { mrn: '26UK12345678900001', customsOffice: 'XI000002' }, now());
    expect(request).toEqual({
      chedNumber: 'CHEDPP.XI.2026.0000064',
      mrn: '26UK12345678900001',
      customsOffice: 'XI000002',
      sentAt: now().toISOString(),
      quantityManagement: 'reserve',
      items: [{ goodsItem: '1', line: '1', hsCode: '08051022', quantity: '10.000', unit: 'KGM' }],
    });
    const { output } = await catalogue.apply('lpco-to-certex', request);
    // The same message as DEFRA's CERTEX sample: the same elements in the same order.
    expect(shape(soapMessage(parseXml(output as string)))).toEqual(shape(soapMessage(parseXml(REQUEST))));
    expect(await remaining(id)).toBe('490.000');

    const { moved, findings } = await applyCertexOutcome(t.db, t.kind, '01JCERTEXDECLARATION000001', readCertexResponse(REFUSED), { now });
    expect(moved.map((m) => [m.movement, m.quantity])).toEqual([['released', '10.000']]);
    expect(findings.map((f) => f.code)).toEqual(['lpco.quantity-insufficient']);
    expect(await remaining(id)).toBe('500.000');
  });

  it('writes the reservation off when CERTEX releases the goods', async () => {
    const id = await registeredChedOnce();
    await reserve('01JCERTEXDECLARATION000002');
    const { moved } = await applyCertexOutcome(t.db, t.kind, '01JCERTEXDECLARATION000002', readCertexResponse(RELEASED), { now });
    expect(moved.map((m) => [m.movement, m.quantity])).toEqual([['written-off', '10.000']]);
    expect(await remaining(id)).toBe('490.000');
    const history = (await getLpco(t.db, id, { now }))?.history.flatMap((h) => (h.movement ? [h.movement.kind] : []));
    expect(history).toEqual(['reserved', 'released', 'reserved', 'written-off']);
  });

  // The CHED registered by the first test (the same issuer registering it again would amend it).
  async function registeredChedOnce(): Promise<string> {
    const row = await t.db.selectFrom('lpcos').select('id').where('number', '=', 'CHEDPP.XI.2026.0000064').executeTakeFirst();
    return row?.id ?? registeredChed();
  }
});
