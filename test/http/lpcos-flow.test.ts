import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleLpco } from '../lpco/support.js';
import { sample, startTestGateway, type TestGateway, waitFor } from '../support/gateway.js';

const as = (participant: string, type = 'application/json') => ({ authorization: `Bearer sandbox-${participant}`, 'content-type': type });

describe('e-LPCOs: issued, cited by declarations, revoked', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway('sqlite');
  });
  afterAll(async () => t?.stop());

  const lodge = (path: string, who: string, body: string | Buffer, type = 'application/json') => fetch(`${t.url}${path}`, { method: 'POST', headers: as(who, type), body });

  it('registers a CITES permit, checks the declaration that cites it, and refuses it once revoked', async () => {
    // TT_IM036a cites C400 XIICP553202734852 for goods item 1, importer XI553202734852.
    const permit = sampleLpco({ documentCode: 'C400', number: 'XIICP553202734852', holder: { id: 'XI553202734852', name: 'Importer' }, validFrom: '2026-01-01', validUntil: '2027-12-31' });
    const issued = await lodge('/v1/lpcos', 'pga-wildlife', JSON.stringify(permit));
    expect(issued.status).toBe(202);
    const { lpcoId, exchangeId } = (await issued.json()) as { lpcoId: string; exchangeId: string };
    expect(lpcoId).toMatch(/^[0-9A-Z]{26}$/);
    const view = (await (await fetch(`${t.url}/v1/lpcos/${lpcoId}`, { headers: as('pga-wildlife') })).json()) as { status: string };
    expect(view.status).toBe('issued');
    const routed = await waitFor(async () => (await (await fetch(`${t.url}/v1/exchanges/${exchangeId}`, { headers: as('pga-wildlife') })).json()) as { status: string; deliveries: Array<{ destination: string }> }, (e) => e.status === 'delivered');
    expect(routed.deliveries.map((d) => d.destination)).toEqual(['customs']);

    const declaration = sample('import/TT_IM036a__TT_IM036a.xml');
    expect((await lodge('/v1/declarations', 'trader-demo', declaration, 'application/xml')).status).toBe(202);

    const revoked = await fetch(`${t.url}/v1/lpcos/${lpcoId}/status`, { method: 'POST', headers: as('pga-wildlife'), body: JSON.stringify({ status: 'revoked', reason: 'specimens seized' }) });
    expect(revoked.status).toBe(200);
    // The revocation travels like any document: to customs, which holds the permit, and into the provenance log.
    const notices = await waitFor(
      async () => (await (await fetch(`${t.url}/v1/exchanges?kind=lpco-status`, { headers: as('pga-wildlife') })).json()) as { items: Array<{ exchangeId: string; status: string }> },
      (l) => l.items.some((i) => i.status === 'delivered'),
    );
    const notice = (await (await fetch(`${t.url}/v1/exchanges/${notices.items[0]?.exchangeId}/documents/original`, { headers: as('pga-wildlife') })).json()) as { status: string; reason: string; number: string };
    expect(notice).toMatchObject({ status: 'revoked', reason: 'specimens seized', number: 'XIICP553202734852' });
    const before = await t.exchangeCount();
    const refused = await lodge('/v1/declarations', 'trader-demo', declaration, 'application/xml');
    expect(refused.status).toBe(422);
    const problem = (await refused.json()) as { findings: Array<{ code: string; message: string; path: string }> };
    expect(problem.findings).toContainEqual(expect.objectContaining({ code: 'lpco.revoked', message: expect.stringContaining('XIICP553202734852') }));
    expect(await t.exchangeCount()).toBe(before);
  });

  it('takes an ePhyto (UN/CEFACT SPS XML) through the sps-to-lpco mapping, replacing the certificate it names', async () => {
    // This ePhyto replaces certificate 3214356: refused while that one is unknown, taken once it is issued.
    const ephyto = readFileSync('mappings/sps-to-lpco/examples/phyto-ar-ribes.input.xml');
    const early = await lodge('/v1/lpcos', 'pga-plant', ephyto, 'application/xml');
    expect(early.status).toBe(422);
    expect(((await early.json()) as { findings: Array<{ code: string }> }).findings[0]?.code).toBe('lpco.replaces-unknown');
    const original = (await (await lodge('/v1/lpcos', 'pga-plant', JSON.stringify(sampleLpco({ number: '3214356', validUntil: '2027-12-31' })))).json()) as { lpcoId: string };

    const res = await lodge('/v1/lpcos', 'pga-plant', ephyto, 'application/xml');
    expect(res.status).toBe(202);
    const { lpcoId, exchangeId } = (await res.json()) as { lpcoId: string; exchangeId: string };
    const replaced = (await (await fetch(`${t.url}/v1/lpcos/${original.lpcoId}`, { headers: as('pga-plant') })).json()) as { status: string };
    expect(replaced.status).toBe('replaced');
    const view = (await (await fetch(`${t.url}/v1/lpcos/${lpcoId}`, { headers: as('pga-plant') })).json()) as { documentCode: string; status: string };
    // An SPS certificate states no end of validity; sps-to-lpco gives it 14 days from issue, long past for this sample.
    expect(view).toMatchObject({ documentCode: 'N851', status: 'expired' });
    const exchange = (await (await fetch(`${t.url}/v1/exchanges/${exchangeId}`, { headers: as('pga-plant') })).json()) as { kind: string; documents: Array<{ name: string }> };
    expect(exchange.kind).toBe('lpco');
    expect(exchange.documents.map((d) => d.name)).toEqual(expect.arrayContaining(['lpco', 'original']));
  });

  it("reserves a declaration's quantities against its licences, and gives them back when it is cancelled", async () => {
    // TT_EX004a (exporter GB896458895015, LRN TTEX004a_1010WE) writes off 102 KGM of dual-use licence
    // X002 GBSIEXYK3ZZZPADR-0002 and 5 + 5 KGM of 9104 GBSIEXYK3ZZZ-0001.
    const licence = (documentCode: string, number: string, quantity: string, hsCode: string) =>
      sampleLpco({ documentCode, number, holder: { id: 'GB896458895015', name: 'Exporter' }, validUntil: '2027-12-31', lines: [{ sequence: '1', description: 'Controlled goods', hsCode, quantity, unit: 'KGM', origin: 'GB' }] });
    // The sandbox has no export-control agency: one of its agencies issues the licences here.
    const dualUse = ((await (await lodge('/v1/lpcos', 'pga-health', JSON.stringify(licence('X002', 'GBSIEXYK3ZZZPADR-0002', '1000.000', '930591')))).json()) as { lpcoId: string }).lpcoId;
    expect((await lodge('/v1/lpcos', 'pga-health', JSON.stringify(licence('9104', 'GBSIEXYK3ZZZ-0001', '100.000', '930190')))).status).toBe(202);
    const remaining = async () => ((await (await fetch(`${t.url}/v1/lpcos/${dualUse}`, { headers: as('customs') })).json()) as { lines: Array<{ remaining: string }> }).lines[0]?.remaining;

    expect((await lodge('/v1/declarations', 'trader-demo', sample('export/TT_EX004a__TT_EX004a.xml'), 'application/xml')).status).toBe(202);
    expect(await remaining()).toBe('898.000');

    const cancellation = sample('cancellation/TT_EX010a__TT_EX010a_Cancellation.xml').toString('utf8').replace(/<FunctionalReferenceID>[^<]*</, '<FunctionalReferenceID>TTEX004a_1010WE<');
    expect((await lodge('/v1/declarations', 'trader-demo', cancellation, 'application/xml')).status).toBe(202);
    expect(await remaining()).toBe('1000.000');
  });

  it('does not take licences from traders', async () => {
    const res = await lodge('/v1/lpcos', 'trader-demo', JSON.stringify(sampleLpco({ number: 'SELF-ISSUED-1' })));
    expect(res.status).toBe(422);
    expect(((await res.json()) as { findings: Array<{ code: string }> }).findings[0]?.code).toBe('routing.no-agreement');
  });
});
