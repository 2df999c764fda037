import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lpco } from '../../src/lpco/lpco.js';
import { sampleLpco } from '../lpco/support.js';
import { databaseKinds } from '../support/databases.js';
import { sample, startTestGateway, type TestGateway, waitFor } from '../support/gateway.js';

const as = (participant: string, type = 'application/json') => ({ authorization: `Bearer sandbox-${participant}`, 'content-type': type });
/** The sandbox's competent authorities issue in XA's name (config/sandbox.yaml). */
const inXa = (overrides: Partial<Lpco>) => sampleLpco({ issuer: { agency: 'Sandbox agency', country: 'XA' }, ...overrides });

describe('e-LPCOs: issued, cited by declarations, revoked', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway('sqlite');
  });
  afterAll(async () => t?.stop());

  const lodge = (path: string, who: string, body: string | Buffer, type = 'application/json') =>
    fetch(`${t.url}${path}`, { method: 'POST', headers: as(who, type), body });

  it('registers a CITES permit, checks the declaration that cites it, and refuses it once revoked', async () => {
    // TT_IM036a cites C400 XIICP553202734852 for goods item 1, importer XI553202734852.
    // Goods item 1 is classified 90031900 (frames of spectacles): the permit covers heading 9003.
    const permit = inXa({
      documentCode: 'C400',
      number: 'XIICP553202734852',
      holder: { id: 'XI553202734852', name: 'Importer' },
      validFrom: '2026-01-01',
      validUntil: '2027-12-31',
      lines: [{ sequence: '1', description: 'Frames of tortoiseshell', hsCode: '9003', quantity: '10', unit: 'NAR', origin: 'XA' }],
    });
    const issued = await lodge('/v1/lpcos', 'pga-wildlife', JSON.stringify(permit));
    expect(issued.status).toBe(202);
    const { lpcoId, exchangeId } = (await issued.json()) as { lpcoId: string; exchangeId: string };
    expect(lpcoId).toMatch(/^[0-9A-Z]{26}$/);
    const view = (await (await fetch(`${t.url}/v1/lpcos/${lpcoId}`, { headers: as('pga-wildlife') })).json()) as { status: string };
    expect(view.status).toBe('issued');
    const routed = await waitFor(
      async () =>
        (await (await fetch(`${t.url}/v1/exchanges/${exchangeId}`, { headers: as('pga-wildlife') })).json()) as {
          status: string;
          deliveries: Array<{ destination: string }>;
        },
      (e) => e.status === 'delivered',
    );
    expect(routed.deliveries.map((d) => d.destination)).toEqual(['customs']);

    const declaration = sample('import/TT_IM036a__TT_IM036a.xml');
    expect((await lodge('/v1/declarations', 'trader-demo', declaration, 'application/xml')).status).toBe(202);

    const revoked = await fetch(`${t.url}/v1/lpcos/${lpcoId}/status`, {
      method: 'POST',
      headers: as('pga-wildlife'),
      body: JSON.stringify({ status: 'revoked', reason: 'specimens seized' }),
    });
    expect(revoked.status).toBe(200);
    // The revocation travels like any document: to customs, which holds the permit, and into the provenance log.
    const notices = await waitFor(
      async () =>
        (await (await fetch(`${t.url}/v1/exchanges?kind=lpco-status`, { headers: as('pga-wildlife') })).json()) as {
          items: Array<{ exchangeId: string; status: string }>;
        },
      (l) => l.items.some((i) => i.status === 'delivered'),
    );
    const notice = (await (
      await fetch(`${t.url}/v1/exchanges/${notices.items[0]?.exchangeId}/documents/original`, { headers: as('pga-wildlife') })
    ).json()) as { status: string; reason: string; number: string };
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
    // Argentina's plant protection organisation issued both; the plant health agency enters what the ePhyto hub brings it.
    const original = (await (
      await lodge(
        '/v1/lpcos',
        'pga-plant',
        JSON.stringify(sampleLpco({ number: '3214356', validUntil: '2027-12-31', issuer: { agency: 'SENASA', country: 'AR' } })),
      )
    ).json()) as { lpcoId: string };

    const res = await lodge('/v1/lpcos', 'pga-plant', ephyto, 'application/xml');
    expect(res.status).toBe(202);
    const { lpcoId, exchangeId } = (await res.json()) as { lpcoId: string; exchangeId: string };
    const replaced = (await (await fetch(`${t.url}/v1/lpcos/${original.lpcoId}`, { headers: as('pga-plant') })).json()) as { status: string };
    expect(replaced.status).toBe('replaced');
    const view = (await (await fetch(`${t.url}/v1/lpcos/${lpcoId}`, { headers: as('pga-plant') })).json()) as { documentCode: string; status: string };
    // An SPS certificate states no end of validity; sps-to-lpco gives it 14 days from issue, long past for this sample.
    expect(view).toMatchObject({ documentCode: 'N851', status: 'expired' });
    const exchange = (await (await fetch(`${t.url}/v1/exchanges/${exchangeId}`, { headers: as('pga-plant') })).json()) as {
      kind: string;
      documents: Array<{ name: string }>;
    };
    expect(exchange.kind).toBe('lpco');
    expect(exchange.documents.map((d) => d.name)).toEqual(expect.arrayContaining(['lpco', 'original']));
  });

  const CHED = readFileSync('test/fixtures/ephyto/eu-tracesnt_GetChedResponse_CHEDPP.XI.2026.0000064.xml', 'utf8');
  const problemOf = async (res: Response) => [res.status, ((await res.json()) as { findings: Array<{ code: string }> }).findings.map((f) => f.code)];

  it('registers a TRACES NT CHED-PP from its SOAP envelope as C085, held by the importer, from the authority competent for it', async () => {
    // The plant health agency enters DAERA's CHED-PPs (config/sandbox.yaml); no one else may.
    expect(await problemOf(await lodge('/v1/lpcos', 'partner-xb', CHED, 'text/xml'))).toEqual([403, ['lpco.not-competent']]);
    const res = await lodge('/v1/lpcos', 'pga-plant', CHED, 'text/xml');
    expect(res.status).toBe(202);
    const { lpcoId } = (await res.json()) as { lpcoId: string };
    const view = (await (await fetch(`${t.url}/v1/lpcos/${lpcoId}`, { headers: as('pga-plant') })).json()) as Record<string, unknown>;
    expect(view).toMatchObject({
      documentCode: 'C085',
      number: 'CHEDPP.XI.2026.0000064',
      holderId: 'RMS-GB-000001',
      validFrom: '2026-06-17',
      validUntil: '2026-06-30',
    });
    // The consignment-totals line is not a goods line: one line, CHED line 1.
    expect(view.lines).toEqual([{ sequence: '1', quantityControlled: true, hsCode: '08051022', unit: 'KGM', quantity: '500.000', remaining: '500.000' }]);
  });

  it('registers the Norwegian NPPO ePhyto as published: the line without HS code or quantity is kept, not quantity-controlled', async () => {
    // Renumbered (the worked example has this certificate's number) and replacing a certificate of this test's own.
    const ephyto = readFileSync('test/fixtures/ephyto/no-mattilsynet_SPSCertificateContent_851.xml', 'utf8')
      .replace('>123ABC<', '>NO-REAL-851<')
      .replace('>3214356<', '>NO-REAL-850<');
    await lodge(
      '/v1/lpcos',
      'pga-plant',
      JSON.stringify(sampleLpco({ number: 'NO-REAL-850', validUntil: '2027-12-31', issuer: { agency: 'SENASA', country: 'AR' } })),
    );
    const res = await lodge('/v1/lpcos', 'pga-plant', ephyto, 'application/xml');
    expect(res.status).toBe(202);
    const { lpcoId } = (await res.json()) as { lpcoId: string };
    const view = (await (await fetch(`${t.url}/v1/lpcos/${lpcoId}`, { headers: as('pga-plant') })).json()) as { lines: unknown[]; document: Lpco };
    expect(view.lines).toEqual([
      { sequence: '1', quantityControlled: true, hsCode: '06029048', unit: 'KGM', quantity: '10.000', remaining: '10.000' },
      { sequence: '2', quantityControlled: false },
    ]);
    expect(view.document.notes?.map((n) => n.subject)).toEqual([
      'SPSFL',
      'ADEDL',
      'ADEDL',
      'ADIPEDL',
      'ADDIEDL',
      'ADAOEDL',
      'ADAOEDL',
      'ADRP',
      'ADRPR',
      'ADRD',
      'DMCL',
    ]);
    expect(view.document.lines[1]).toMatchObject({
      botanicalName: 'Ribes',
      notes: [
        { subject: 'OPTND', content: '100 Bags of 20 Cardboard Boxes' },
        { subject: 'OQV', content: '33' },
        { subject: 'OQU', content: 'Units' },
      ],
    });
  });

  it('refuses hostile envelopes with findings and stores nothing', async () => {
    const before = await t.exchangeCount();
    const body = /<S:Body>[\s\S]*<\/S:Body>/.exec(CHED)?.[0] ?? '';
    const twoBodies = CHED.replace(body, body + body);
    expect(await problemOf(await lodge('/v1/lpcos', 'pga-plant', twoBodies, 'text/xml'))).toEqual([422, ['soap.body']]);
    const twoMessages = CHED.replace('</S:Body>', '<x:Other xmlns:x="urn:x"/></S:Body>');
    expect(await problemOf(await lodge('/v1/lpcos', 'pga-plant', twoMessages, 'text/xml'))).toEqual([422, ['soap.body-content']]);
    const doctype = CHED.replace('<S:Envelope', '<!DOCTYPE S:Envelope [<!ENTITY x SYSTEM "http://example.invalid/">]><S:Envelope');
    expect(await problemOf(await lodge('/v1/lpcos', 'pga-plant', doctype, 'text/xml'))).toEqual([400, ['xml.doctype']]);
    const request = readFileSync('test/fixtures/ephyto/eu-certex_ProcessedChedRequest_reserve_template.xml');
    expect(await problemOf(await lodge('/v1/lpcos', 'pga-plant', request, 'text/xml'))).toEqual([422, ['lpco.sps.certificates']]);
    expect(await problemOf(await lodge('/v1/lpcos', 'pga-plant', '<Unknown xmlns="urn:x"/>', 'application/xml'))).toEqual([422, ['lpco.xml.root']]);
    const huge = CHED.replaceAll('>500</ns4:NetWeightMeasure>', '>99999999999999999999</ns4:NetWeightMeasure>').replace(
      'CHEDPP.XI.2026.0000064<',
      'CHEDPP.XI.2026.0000099<',
    );
    expect(await problemOf(await lodge('/v1/lpcos', 'pga-plant', huge, 'text/xml'))).toEqual([422, ['lpco.schema.pattern']]);
    expect(await t.exchangeCount()).toBe(before);
  });

  it('does not take licences from traders', async () => {
    const res = await lodge('/v1/lpcos', 'trader-demo', JSON.stringify(sampleLpco({ number: 'SELF-ISSUED-1' })));
    expect(res.status).toBe(403);
    expect(((await res.json()) as { findings: Array<{ code: string }> }).findings[0]?.code).toBe('lpco.not-an-issuer');
  });
});

const kinds = await databaseKinds();

interface View {
  status: string;
  lines: Array<{ remaining: string }>;
  history: Array<{ to: string; actor: string; movement?: { kind: string; declarationExchangeId: string; quantity: string } }>;
}
interface Problem {
  findings: Array<{ code: string; message: string; path: string }>;
}

/** TT_EX004a: exporter GB896458895015, declarant GB150454489082 (its indirect representative), LRN TTEX004a_1010WE; writes off 102 KGM of X002 GBSIEXYK3ZZZPADR-0002. */
const EX004A = sample('export/TT_EX004a__TT_EX004a.xml').toString('utf8');
const cancellationOf = (lrn: string) =>
  sample('cancellation/TT_EX010a__TT_EX010a_Cancellation.xml')
    .toString('utf8')
    .replace(/<FunctionalReferenceID>[^<]*</, `<FunctionalReferenceID>${lrn}<`);

describe.each(kinds)('e-LPCO integrity on %s: the attacks of issue 14 are refused', (kind) => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway(kind);
  });
  afterAll(async () => t?.stop());

  const send = (path: string, who: string, body: string | Buffer, type = 'application/json', scenario?: string) =>
    fetch(`${t.url}${path}`, { method: 'POST', headers: { ...as(who, type), ...(scenario ? { 'x-sandbox-scenario': scenario } : {}) }, body });
  const view = async (lpcoId: string) => (await (await fetch(`${t.url}/v1/lpcos/${lpcoId}`, { headers: as('customs') })).json()) as View;
  const exchange = (exchangeId: string, who = 'trader-demo') =>
    waitFor(
      async () => (await (await fetch(`${t.url}/v1/exchanges/${exchangeId}`, { headers: as(who) })).json()) as { status: string },
      (e) => e.status !== 'routed',
    );
  /** A dual-use licence for TT_EX004a's exporter, numbered apart per test, issued by the sandbox's export-control stand-in. */
  let serial = 0;
  async function licence(quantity = '1000.000'): Promise<{ lpcoId: string; number: string }> {
    const number = `XA-X002-${kind}-${++serial}`;
    const body = inXa({
      documentCode: 'X002',
      number,
      holder: { id: 'GB896458895015', name: 'Exporter' },
      validUntil: '2027-12-31',
      lines: [{ sequence: '1', description: 'Dual-use goods', hsCode: '9305', quantity, unit: 'KGM', origin: 'XA' }],
    });
    const res = await send('/v1/lpcos', 'pga-health', JSON.stringify(body));
    expect(res.status).toBe(202);
    return { lpcoId: ((await res.json()) as { lpcoId: string }).lpcoId, number };
  }
  const citing = (number: string, xml = EX004A) =>
    xml.replaceAll('GBSIEXYK3ZZZPADR-0002', number).replace(/<AdditionalDocument>\s*<CategoryCode>9<\/CategoryCode>[\s\S]*?<\/AdditionalDocument>/g, '');

  it("attack 1: a participant acting for nobody cannot lodge in another company's name nor draw on its licence", async () => {
    const { lpcoId, number } = await licence();
    const before = await t.exchangeCount();
    // post-demo acts for XA000000000001 only: lodging as GB896458895015's declaration is refused outright.
    const foreign = await send('/v1/declarations', 'post-demo', citing(number), 'application/xml');
    expect(foreign.status).toBe(403);
    const parties = (await foreign.json()) as Problem;
    expect(parties.findings.map((f) => [f.code, f.path])).toEqual([
      ['party.not-acted-for', '/MetaData/Declaration/Declarant/ID'],
      ['party.not-acted-for', '/MetaData/Declaration/Agent/ID'],
      ['party.not-acted-for', '/MetaData/Declaration/Exporter/ID'],
    ]);
    // In its own name, citing the company's licence: an error naming the document and its holder, nothing reserved.
    const own = citing(number).replaceAll('GB150454489082', 'XA000000000001').replaceAll('GB896458895015', 'XA000000000001');
    const drawn = await send('/v1/declarations', 'post-demo', own, 'application/xml');
    expect(drawn.status).toBe(422);
    const problem = (await drawn.json()) as Problem;
    expect(problem.findings.map((f) => f.code)).toEqual(['lpco.holder-not-represented']);
    expect(problem.findings[0]?.message).toBe(`X002 ${number} (goods item 2) is held by GB896458895015, for whom the sender does not act`);
    expect((await view(lpcoId)).lines[0]?.remaining).toBe('1000.000');
    expect(await t.exchangeCount()).toBe(before);
    // The licence is seen by those who act for its holder, and by no other trader.
    expect((await fetch(`${t.url}/v1/lpcos/${lpcoId}`, { headers: as('trader-demo') })).status).toBe(200);
    expect((await fetch(`${t.url}/v1/lpcos/${lpcoId}`, { headers: as('post-demo') })).status).toBe(404);
  });

  it('attack 2: a cancellation gives back only once customs accepts it, and only once', async () => {
    const { lpcoId, number } = await licence();
    const lodged = await send('/v1/declarations', 'trader-demo', citing(number), 'application/xml');
    expect(lodged.status).toBe(202);
    const declarationId = ((await lodged.json()) as { exchangeId: string }).exchangeId;
    expect((await view(lpcoId)).lines[0]?.remaining).toBe('898.000');
    expect((await exchange(declarationId)).status).toBe('delivered');
    // Customs accepted it: written off.
    const written = await waitFor(
      () => view(lpcoId),
      (v) => v.history.some((h) => h.movement?.kind === 'written-off'),
    );
    expect(written.history.flatMap((h) => (h.movement ? [`${h.movement.kind} ${h.movement.quantity} by ${h.actor}`] : []))).toEqual([
      'reserved 102.000 by trader-demo',
      'written-off 102.000 by customs',
    ]);

    // Customs rejects the cancellation: nothing comes back.
    const refusedCancellation = await send('/v1/declarations', 'trader-demo', cancellationOf('TTEX004a_1010WE'), 'application/xml', 'reject');
    expect(refusedCancellation.status).toBe(202);
    expect((await exchange(((await refusedCancellation.json()) as { exchangeId: string }).exchangeId)).status).toBe('rejected');
    expect((await view(lpcoId)).lines[0]?.remaining).toBe('898.000');

    // Customs accepts the next: given back, once, however many accepted cancellations follow.
    for (let i = 0; i < 2; i++) {
      const accepted = await send('/v1/declarations', 'trader-demo', cancellationOf('TTEX004a_1010WE'), 'application/xml');
      expect((await exchange(((await accepted.json()) as { exchangeId: string }).exchangeId)).status).toBe('delivered');
    }
    const back = await waitFor(
      () => view(lpcoId),
      (v) => v.lines[0]?.remaining === '1000.000',
    );
    expect(back.lines[0]?.remaining).toBe('1000.000');
    expect(back.history.filter((h) => h.movement?.kind === 'given-back').map((h) => h.movement?.declarationExchangeId)).toEqual([declarationId]);
  });

  it('releases what a declaration reserved when customs rejects it', async () => {
    const { lpcoId, number } = await licence();
    const lodged = await send('/v1/declarations', 'trader-demo', citing(number).replace('TTEX004a_1010WE', 'TTEX004a_REJECTED'), 'application/xml', 'reject');
    expect((await view(lpcoId)).lines[0]?.remaining).toBe('898.000');
    expect((await exchange(((await lodged.json()) as { exchangeId: string }).exchangeId)).status).toBe('rejected');
    const released = await waitFor(
      () => view(lpcoId),
      (v) => v.lines[0]?.remaining === '1000.000',
    );
    expect(released.history.flatMap((h) => (h.movement ? [h.movement.kind] : []))).toEqual(['reserved', 'released']);
  });

  it("attack 3: only the competent authority issues, in its own name; numbers are the issuer's own and never leak", async () => {
    const number = `XA-PHYTO-${kind}-SQUAT`;
    const phyto = (country: string) =>
      sampleLpco({
        number,
        issuer: { agency: country === 'XA' ? 'Plant health agency (sandbox)' : 'NPPO', country },
        holder: { id: 'XI553202734852', name: 'Importer' },
        validUntil: '2027-12-31',
      });
    // The partner cannot issue in XA's name; an agency cannot issue another's document code.
    const squat = await send('/v1/lpcos', 'partner-xb', JSON.stringify(phyto('XA')));
    expect([squat.status, ((await squat.json()) as Problem).findings[0]?.code]).toEqual([403, 'lpco.issuer-not-yours']);
    const wrongAgency = await send('/v1/lpcos', 'pga-food', JSON.stringify(phyto('XA')));
    expect([wrongAgency.status, ((await wrongAgency.json()) as Problem).findings[0]?.code]).toEqual([403, 'lpco.not-competent']);
    // Numbered alike in its own name, the partner's certificate does not stand in the way of the real one.
    expect((await send('/v1/lpcos', 'partner-xb', JSON.stringify(phyto('XB')))).status).toBe(202);
    const real = await send('/v1/lpcos', 'pga-plant', JSON.stringify(phyto('XA')));
    expect(real.status).toBe(202);
    const realId = ((await real.json()) as { lpcoId: string }).lpcoId;
    // A conflict names the issuer's own document only.
    const again = await send('/v1/lpcos', 'partner-xb', JSON.stringify(phyto('XB')));
    expect(again.status).toBe(409);
    expect(JSON.stringify(await again.json())).not.toContain(realId);
  });

  it("attack 4: a status change is stored with its status document's exchange", async () => {
    const { lpcoId } = await licence();
    const revoked = await send(`/v1/lpcos/${lpcoId}/status`, 'pga-health', JSON.stringify({ status: 'revoked', reason: 'end-user concern' }));
    expect(revoked.status).toBe(200);
    const notices = (await (await fetch(`${t.url}/v1/exchanges?kind=lpco-status`, { headers: as('pga-health') })).json()) as {
      items: Array<{ exchangeId: string }>;
    };
    expect(notices.items).toHaveLength(1);
    expect((await view(lpcoId)).status).toBe('revoked');
  });
});
