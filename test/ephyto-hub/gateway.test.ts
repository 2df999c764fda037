/**
 * The ePhyto Hub connector in a whole sandbox gateway, against the simulated hub (the hub's WSDL
 * served by the soap package): certificates delivered and their tracking states settled as
 * receipts; import envelopes pulled, registered as e-LPCOs and acknowledged with the right variant.
 */
import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverEnvelope, type HubEndpoint } from '../../src/ephyto-hub/client.js';
import type { EphytoHubTables } from '../../src/ephyto-hub/tables.js';
import type { LpcoTables } from '../../src/lpco/tables.js';
import type { HeldEnvelope, SimulatedHub } from '../../src/sandbox/ephyto-hub.js';
import { sampleLpco } from '../lpco/support.js';
import { databaseKinds } from '../support/databases.js';
import { startTestGateway, type TestGateway, waitFor } from '../support/gateway.js';
import { sandboxConfigWith } from '../support/sandbox-config.js';

const CERTIFICATE = readFileSync('test/fixtures/ephyto/no-mattilsynet_SPSCertificateContent_851.xml', 'utf8');
/**
 * Mattilsynet's certificate (Argentina's NPPO), as if it were for XA, under a number of its own,
 * and replacing no earlier certificate (its ADRPN note names one this registry does not know).
 */
const forXa = (number: string) =>
  CERTIFICATE.replace('<ns1:ID>EC</ns1:ID>', '<ns1:ID>XA</ns1:ID>')
    .replace('<ns1:ID>123ABC</ns1:ID>', `<ns1:ID>${number}</ns1:ID>`)
    .replace(/<ns1:IncludedSPSNote>\s*<ns1:Subject>ADRPN<\/ns1:Subject>[\s\S]*?<\/ns1:IncludedSPSNote>/, '');
const HEADER = { from: 'AR', to: 'XA', certificateType: 851, certificateStatus: 70 };

const as = (participant: string) => ({ authorization: `Bearer sandbox-${participant}`, 'content-type': 'application/json' });

interface ExchangeView {
  status: string;
  deliveries: Array<{
    destination: string;
    status: string;
    lastError?: string;
    receipt?: { status: string; findings: Array<{ code: string; severity: string; message: string }> };
  }>;
}

const kinds = await databaseKinds();

describe.each(kinds)('the ePhyto Hub connector in the sandbox (%s)', (kind) => {
  let t: TestGateway;
  let hub: SimulatedHub;
  let db: Kysely<EphytoHubTables>;
  const hubAs = (country: string): HubEndpoint => ({ url: hub.serviceUrl(country), timeoutMs: 5000, maxEnvelopeBytes: 1024 * 1024 });

  beforeAll(async () => {
    const config = sandboxConfigWith((yaml) => yaml.replace('pullEveryMs: 5000', 'pullEveryMs: 1000').replace('trackEveryMs: 2000', 'trackEveryMs: 1000'));
    t = await startTestGateway(kind, { SWGATE_CONFIG: config });
    hub = (await t.gateway.ephytoHub) as SimulatedHub;
    db = t.gateway.store.db as unknown as Kysely<EphytoHubTables>;
    // The test acts as XC's NPPO itself.
    hub.importers.clear();
  });
  afterAll(async () => t?.stop());

  const exchange = async (id: string, who = 'pga-plant') => (await (await fetch(`${t.url}/v1/exchanges/${id}`, { headers: as(who) })).json()) as ExchangeView;
  const hubDelivery = (view: ExchangeView) => view.deliveries.find((d) => d.destination === 'ephyto-hub');

  /** pga-plant issues a certificate for goods going to XC: the agreement ephyto-certificates-to-hub takes it to the hub. */
  async function issueForXc(): Promise<{ exchangeId: string; envelope: HeldEnvelope }> {
    const lpco = sampleLpco({ issuer: { agency: 'Plant health agency (sandbox)', country: 'XA' }, exportCountry: 'XA', importCountry: 'XC' });
    const res = await fetch(`${t.url}/v1/lpcos`, { method: 'POST', headers: as('pga-plant'), body: JSON.stringify(lpco) });
    expect(res.status).toBe(202);
    const { exchangeId } = (await res.json()) as { exchangeId: string };
    const delivered = await waitFor(
      () => exchange(exchangeId),
      (e) => hubDelivery(e)?.status !== 'queued' && hubDelivery(e)?.status !== 'in-flight',
    );
    expect(hubDelivery(delivered)?.status).toBe('delivered');
    const envelope = [...hub.envelopes.values()].find((e) => e.NPPOCertificateNumber === lpco.number);
    expect(envelope).toMatchObject({ From: 'XA', To: 'XC', CertificateType: 851, CertificateStatus: 70, state: 'PendingDelivery' });
    return { exchangeId, envelope: envelope! };
  }

  const settledAs = (exchangeId: string, status: string) =>
    waitFor(
      () => exchange(exchangeId),
      (e) => hubDelivery(e)?.status === status,
    );

  it("delivers the mapped certificate itself (not swgate's envelope); Delivered on the hub is an accepted receipt", async () => {
    const { exchangeId, envelope } = await issueForXc();
    expect(envelope.content).toMatch(/^<\?xml[^>]*>\s*<(\w+:)?SPSCertificate /);
    expect(envelope.content).not.toContain('urn:swgate:envelope');
    expect(hub.calls.find((c) => c.operation === 'ValidateAndDeliverEnvelope')).toMatchObject({ country: 'XA' });
    envelope.state = 'Delivered';
    const done = await settledAs(exchangeId, 'acknowledged');
    expect(hubDelivery(done)?.receipt).toMatchObject({ status: 'accepted', findings: [] });
    expect(done.status).toBe('delivered');
  });

  it("DeliveredWithWarnings is accepted with warnings, with the hub's words", async () => {
    const { exchangeId, envelope } = await issueForXc();
    Object.assign(envelope, { state: 'DeliveredWithWarnings', errorMessage: 'Unknown treatment code' });
    const done = await settledAs(exchangeId, 'acknowledged');
    expect(hubDelivery(done)?.receipt).toMatchObject({
      status: 'accepted-with-warnings',
      findings: [
        expect.objectContaining({
          severity: 'warning',
          code: 'ephyto-hub.delivered-with-warnings',
          message: expect.stringContaining('Unknown treatment code'),
        }),
      ],
    });
  });

  it.each([
    ['FailedDelivery', 'ephyto-hub.failed-delivery'],
    ['DeliveredNotReadable', 'ephyto-hub.not-readable'],
  ] as const)('%s is a rejection with findings', async (state, code) => {
    const { exchangeId, envelope } = await issueForXc();
    Object.assign(envelope, { state, errorMessage: 'The XML content in the envelope is not readable' });
    const done = await settledAs(exchangeId, 'rejected');
    expect(hubDelivery(done)?.receipt).toMatchObject({ status: 'rejected', findings: [expect.objectContaining({ code })] });
  });

  it('a state the WSDL does not list settles nothing; the hub is asked again until it says something it does', async () => {
    const { exchangeId, envelope } = await issueForXc();
    (envelope as { state: string }).state = 'Teleported';
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(hubDelivery(await exchange(exchangeId))?.status).toBe('delivered');
    envelope.state = 'Delivered';
    expect(hubDelivery(await settledAs(exchangeId, 'acknowledged'))?.receipt?.status).toBe('accepted');
  });

  it('EnvelopeNotExists fails the delivery', async () => {
    const { exchangeId, envelope } = await issueForXc();
    (hub.envelopes as Map<string, HeldEnvelope>).delete(envelope.hubDeliveryNumber);
    const done = await settledAs(exchangeId, 'failed');
    expect(hubDelivery(done)?.lastError).toContain('EnvelopeNotExists');
  });

  it("a HubWebException on delivery is a rejection with the hub's message as finding", async () => {
    hub.failNext('ValidateAndDeliverEnvelope', 'Certificate type 851 is not accepted by XC');
    const lpco = sampleLpco({ issuer: { agency: 'Plant health agency (sandbox)', country: 'XA' }, exportCountry: 'XA', importCountry: 'XC' });
    const res = await fetch(`${t.url}/v1/lpcos`, { method: 'POST', headers: as('pga-plant'), body: JSON.stringify(lpco) });
    const { exchangeId } = (await res.json()) as { exchangeId: string };
    const done = await settledAs(exchangeId, 'rejected');
    expect(hubDelivery(done)?.receipt?.findings).toEqual([
      expect.objectContaining({ code: 'ephyto-hub.hub-exception', message: expect.stringContaining('not accepted by XC') }),
    ]);
  });

  it('never speaks on the hub for another country: a certificate exported from AR is refused, nothing is delivered', async () => {
    // pga-plant enters Argentina's certificates too (config/sandbox.yaml); one for XC must not go to the hub as XA's.
    const lpco = sampleLpco({ issuer: { agency: 'SENASA', country: 'AR' }, exportCountry: 'AR', importCountry: 'XC' });
    const held = hub.envelopes.size;
    const res = await fetch(`${t.url}/v1/lpcos`, { method: 'POST', headers: as('pga-plant'), body: JSON.stringify(lpco) });
    const { exchangeId } = (await res.json()) as { exchangeId: string };
    const done = await settledAs(exchangeId, 'rejected');
    expect(hubDelivery(done)?.receipt?.findings).toEqual([expect.objectContaining({ code: 'ephyto-hub.not-our-export' })]);
    expect(hub.envelopes.size).toBe(held);
  });

  describe('import envelopes', () => {
    const imported = (number: string) => db.selectFrom('ephyto_hub_imports').selectAll().where('hub_delivery_number', '=', number).executeTakeFirst();
    const takenBy = async (number: string) => {
      await waitFor(
        async () => (await imported(number))?.acknowledged_at ?? null,
        (at) => at !== null,
      );
      return { row: await imported(number), envelope: hub.envelopes.get(number) };
    };
    const fromAr = async (
      content: string,
      certificateNumber: string,
      operation: 'DeliverEnvelope' | 'ValidateAndDeliverEnvelope' = 'DeliverEnvelope',
      encoding: 'raw' | 'base64' = 'raw',
    ) => (await deliverEnvelope(hubAs('AR'), operation, { ...HEADER, nppoCertificateNumber: certificateNumber }, content, encoding)).hubDeliveryNumber!;

    it('registers a certificate pulled from the hub as an e-LPCO once, and acknowledges it; pulled again, it is acknowledged again, not registered again', async () => {
      const number = await fromAr(forXa('AR-IMPORT-1'), 'AR-IMPORT-1');
      const { row, envelope } = await takenBy(number);
      expect(row).toMatchObject({ outcome: 'registered', acknowledgement: 'AcknowledgeEnvelopeReceipt', from_country: 'AR' });
      expect(envelope?.state).toBe('Delivered');
      // Registered with the hub as issuer, routed to customs like any e-LPCO.
      const routed = await waitFor(
        () => exchange(row!.exchange_id!, 'customs'),
        (e) => e.status === 'delivered',
      );
      expect(routed.deliveries.map((d) => d.destination)).toEqual(['customs']);
      const exchanges = await t.exchangeCount();

      // The acknowledgement was lost (a crash after registering): the hub lists it again.
      envelope!.state = 'PendingDelivery';
      await waitFor(
        async () => hub.envelopes.get(number)?.state,
        (state) => state === 'Delivered',
      );
      expect(await t.exchangeCount()).toBe(exchanges);
      expect((await imported(number))?.exchange_id).toBe(row?.exchange_id);
    });

    it('reads base64 content as well', async () => {
      const number = await fromAr(forXa('AR-IMPORT-B64'), 'AR-IMPORT-B64', 'ValidateAndDeliverEnvelope', 'base64');
      expect((await takenBy(number)).row).toMatchObject({ outcome: 'registered', acknowledgement: 'AcknowledgeEnvelopeReceipt' });
    });

    it.each([
      ['not XML', 'this is not a certificate', 'unreadable', 'DeliveredNotReadable'],
      [
        'an XML bomb',
        `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><ns0:SPSCertificate xmlns:ns0="urn:un:unece:uncefact:data:standard:SPSCertificate:17">&lol2;</ns0:SPSCertificate>`,
        'unreadable',
        'DeliveredNotReadable',
      ],
      ['an external entity', '<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd"><x/>', 'unreadable', 'DeliveredNotReadable'],
      ['empty content', '', 'empty', 'DeliveredNotReadable'],
      ['base64 of no XML', Buffer.from('%PDF-1.4').toString('base64'), 'unreadable', 'DeliveredNotReadable'],
    ])('%s is acknowledged as failed, and nothing is registered', async (name, content, outcome, state) => {
      const before = await t.exchangeCount();
      const number = await fromAr(content, `AR-BAD-${name.replace(/\W/g, '')}`);
      const { row, envelope } = await takenBy(number);
      expect(row).toMatchObject({ outcome, acknowledgement: 'AcknowledgeFailedEnvelopeReceipt', exchange_id: null });
      expect(envelope?.state).toBe(state);
      expect(await t.exchangeCount()).toBe(before);
    });

    it('a header that lies about the certificate is acknowledged with warnings saying so, and nothing is registered', async () => {
      const before = await t.exchangeCount();
      // The header says XA and 851; the certificate is for Ecuador.
      const number = await fromAr(CERTIFICATE.replace('<ns1:ID>123ABC</ns1:ID>', '<ns1:ID>AR-LIES</ns1:ID>'), 'AR-LIES');
      const { row, envelope } = await takenBy(number);
      expect(row).toMatchObject({ outcome: 'refused', acknowledgement: 'AdvancedAcknowledgeEnvelopeReceipt', exchange_id: null });
      expect(row?.message).toContain('says To "XA", the certificate it carries "EC"');
      expect(envelope).toMatchObject({ state: 'DeliveredWithWarnings', errorMessage: row?.message });
      expect(await t.exchangeCount()).toBe(before);
    });

    it('a certificate replacing one the registry does not know is acknowledged with warnings naming the refusal', async () => {
      const replacing = CERTIFICATE.replace('<ns1:ID>EC</ns1:ID>', '<ns1:ID>XA</ns1:ID>').replace('<ns1:ID>123ABC</ns1:ID>', '<ns1:ID>AR-REPLACING</ns1:ID>');
      const { row } = await takenBy(await fromAr(replacing, 'AR-REPLACING'));
      expect(row).toMatchObject({ outcome: 'refused', acknowledgement: 'AdvancedAcknowledgeEnvelopeReceipt', exchange_id: null });
      expect(row?.message).toContain('3214356');
    });

    it('a certificate the registry refuses (issued in a name the hub may not use) is acknowledged with the refusal', async () => {
      const before = await t.exchangeCount();
      const fromNz = forXa('NZ-1').replace('<ns1:ID>AR</ns1:ID>', '<ns1:ID>NZ</ns1:ID>');
      const number = (await deliverEnvelope(hubAs('NZ'), 'DeliverEnvelope', { ...HEADER, from: 'NZ', nppoCertificateNumber: 'NZ-1' }, fromNz, 'raw'))
        .hubDeliveryNumber!;
      const { row } = await takenBy(number);
      expect(row).toMatchObject({ outcome: 'refused', acknowledgement: 'AdvancedAcknowledgeEnvelopeReceipt' });
      expect(await t.exchangeCount()).toBe(before);
    });

    it("an NPPO cannot issue in another country's name: NZ's certificate whose issuer's address says AR is refused", async () => {
      const before = await t.exchangeCount();
      const asAr = forXa('NZ-AS-AR')
        .replace('<ns1:ID>AR</ns1:ID>', '<ns1:ID>NZ</ns1:ID>')
        .replace(
          '</ns1:Name>\n        </ns1:IssuerSPSParty>',
          '</ns1:Name><ns1:SpecifiedSPSAddress><ns1:CountryID>AR</ns1:CountryID></ns1:SpecifiedSPSAddress></ns1:IssuerSPSParty>',
        );
      expect(asAr).toContain('<ns1:CountryID>AR</ns1:CountryID>');
      const number = (await deliverEnvelope(hubAs('NZ'), 'DeliverEnvelope', { ...HEADER, from: 'NZ', nppoCertificateNumber: 'NZ-AS-AR' }, asAr, 'raw'))
        .hubDeliveryNumber!;
      const { row } = await takenBy(number);
      expect(row).toMatchObject({ outcome: 'refused', acknowledgement: 'AdvancedAcknowledgeEnvelopeReceipt', exchange_id: null });
      expect(row?.message).toContain('issuer is in AR; the hub delivered it from NZ');
      expect(await t.exchangeCount()).toBe(before);
    });

    it("an NPPO cannot mark another country's certificate replaced: NO's certificate naming AR's number in its ADRPN note is refused", async () => {
      const victim = await takenBy(await fromAr(forXa('AR-VICTIM'), 'AR-VICTIM'));
      expect(victim.row).toMatchObject({ outcome: 'registered' });
      const fromNo = CERTIFICATE.replace('<ns1:ID>EC</ns1:ID>', '<ns1:ID>XA</ns1:ID>')
        .replace('<ns1:ID>123ABC</ns1:ID>', '<ns1:ID>NO-REPLACER</ns1:ID>')
        .replace('<ns1:ID>AR</ns1:ID>', '<ns1:ID>NO</ns1:ID>')
        .replace('<ns1:Content>3214356</ns1:Content>', '<ns1:Content>AR-VICTIM</ns1:Content>');
      const number = (await deliverEnvelope(hubAs('NO'), 'DeliverEnvelope', { ...HEADER, from: 'NO', nppoCertificateNumber: 'NO-REPLACER' }, fromNo, 'raw'))
        .hubDeliveryNumber!;
      const { row } = await takenBy(number);
      expect(row).toMatchObject({ outcome: 'refused', acknowledgement: 'AdvancedAcknowledgeEnvelopeReceipt', exchange_id: null });
      expect(row?.message).toContain('AR-VICTIM that this document replaces is not among the documents you registered');
      const lpcos = t.gateway.store.db as unknown as Kysely<LpcoTables>;
      const rows = await lpcos.selectFrom('lpcos').select(['status', 'replaced_by']).where('number', '=', 'AR-VICTIM').execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]?.replaced_by).toBeNull();
      expect(rows[0]?.status).not.toBe('replaced');
    });
  });
});
