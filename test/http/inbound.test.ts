import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wcoXmlToJson } from '../../src/documents/wco/codec.js';
import { sampleLpco } from '../lpco/sample.js';
import { signJsonEnvelope } from '../../src/trust/json-envelope.js';
import { base64Payload, type EnvelopeHeader } from '../../src/trust/envelope.js';
import { sandboxPaths } from '../../src/trust/pki/sandbox-ca.js';
import { receivedDigest, verifyReceipt } from '../../src/trust/receipt.js';
import { loadSigningKey } from '../../src/trust/pki/signing-key.js';
import { sandboxTrustStore } from '../../src/trust/pki/trust-config.js';
import { signEnvelopeXml } from '../../src/trust/xml-sign.js';
import { partnerEnvelopeHeader } from '../support/envelopes.js';
import { sample, startTestGateway, type TestGateway, TEST_PKI_DIR, waitFor } from '../support/gateway.js';

const asPartner = { authorization: 'Bearer sandbox-partner-xb' };
const declaration = sample('import/TT_IM036a__TT_IM036a.xml');

describe('POST /v1/inbound: signed envelopes from a partner gateway', () => {
  let t: TestGateway;
  let keyOf: (id: string) => ReturnType<typeof loadSigningKey>;
  beforeAll(async () => {
    t = await startTestGateway('sqlite');
    const pki = sandboxPaths(TEST_PKI_DIR, ['partner-xb', 'trader-demo', 'gateway']);
    keyOf = (id) => loadSigningKey(pki.entities[id]!.ecdsa);
  });
  afterAll(async () => t?.stop());

  const header = partnerEnvelopeHeader;
  const signedXml = (messageId: string, signer = 'partner-xb', overrides: Partial<EnvelopeHeader> = {}) =>
    signEnvelopeXml(header(messageId, overrides), base64Payload(declaration, 'application/xml'), keyOf(signer));
  const send = (body: string, type = 'application/xml', headers = asPartner) =>
    fetch(`${t.url}/v1/inbound`, { method: 'POST', headers: { ...headers, 'content-type': type }, body });

  it('accepts a signed XML envelope, routes its payload, and answers with a signed receipt for exactly the bytes received', async () => {
    const envelope = signedXml('msg-xml-1');
    const res = await send(envelope);
    expect(res.status).toBe(202);
    const accepted = (await res.json()) as { exchangeId: string; receipt: string };
    const receipt = await verifyReceipt(accepted.receipt, sandboxTrustStore(sandboxPaths(TEST_PKI_DIR, ['gateway']), 'gateway'), receivedDigest(envelope));
    // TT_IM036a cites a CITES permit this registry does not hold: a warning under the sandbox policy, so ePhyto-style "delivered with warnings".
    expect(receipt).toMatchObject({ messageId: 'msg-xml-1', from: 'gateway', to: 'partner-xb', status: 'accepted-with-warnings' });
    expect(receipt.findings).toContainEqual(expect.objectContaining({ code: 'lpco.unknown', severity: 'warning' }));

    const status = await waitFor(
      async () => (await t.gateway.store.db.selectFrom('exchanges').select('status').where('id', '=', accepted.exchangeId).executeTakeFirstOrThrow()).status,
      (s) => s === 'delivered',
    );
    expect(status).toBe('delivered');
    const view = (await (await fetch(`${t.url}/v1/exchanges/${accepted.exchangeId}`, { headers: asPartner })).json()) as {
      sender: string;
      deliveries: Array<{ destination: string }>;
      documents: Array<{ name: string }>;
    };
    expect(view.sender).toBe('partner-xb');
    expect(view.deliveries.map((d) => d.destination)).toContain('customs');
    expect(view.documents.map((d) => d.name)).toEqual(expect.arrayContaining(['envelope', 'original']));
  });

  it('accepts a JWS envelope too', async () => {
    const payload = wcoXmlToJson(declaration).json;
    const jws = await signJsonEnvelope({ header: header('msg-jws-1'), payload }, keyOf('partner-xb'));
    expect((await send(jws, 'application/jose')).status).toBe(202);
  });

  it('accepts a JWS with the surrounding whitespace a file or `swgate sign` leaves, and nothing else around it', async () => {
    const payload = wcoXmlToJson(declaration).json;
    const jws = await signJsonEnvelope({ header: header('msg-jws-newline'), payload }, keyOf('partner-xb'));
    expect((await send(`\r\n ${jws}\n`, 'application/jose')).status).toBe(202);
    const other = await signJsonEnvelope({ header: header('msg-jws-junk'), payload }, keyOf('partner-xb'));
    const junk = await send(`${other}\n.x`, 'application/jose');
    expect(junk.status).toBeGreaterThanOrEqual(400);
    expect(junk.status).toBeLessThan(500);
  });

  it("enters a partner country's certificate in the registry with the partner as issuer", async () => {
    const certificate = sampleLpco({ number: 'XB-PHYTO-0001', validUntil: '2027-12-31', issuer: { agency: 'NPPO of XB', country: 'XB' } });
    const jws = await signJsonEnvelope({ header: header('msg-lpco-1', { documentKind: 'lpco' }), payload: certificate }, keyOf('partner-xb'));
    const res = await send(jws, 'application/jose');
    expect(res.status).toBe(202);
    const { lpcoId } = (await res.json()) as { lpcoId: string };
    const view = (await (await fetch(`${t.url}/v1/lpcos/${lpcoId}`, { headers: asPartner })).json()) as {
      issuerParticipant: string;
      number: string;
      status: string;
    };
    expect(view).toMatchObject({ issuerParticipant: 'partner-xb', number: 'XB-PHYTO-0001', status: 'issued' });
  });

  it('answers the same message id with the original exchange, and refuses it with other content', async () => {
    const first = (await (await send(signedXml('msg-replay'))).json()) as { exchangeId: string };
    const again = await send(signedXml('msg-replay'));
    expect(again.status).toBe(202);
    expect(((await again.json()) as { exchangeId: string }).exchangeId).toBe(first.exchangeId);
    const other = signEnvelopeXml(header('msg-replay'), base64Payload(sample('import/TT_IM003a__TT_IM003a.xml'), 'application/xml'), keyOf('partner-xb'));
    expect((await send(other)).status).toBe(409);
  });

  it('refuses a changed byte, another participant’s certificate, a stale envelope, and leaves nothing behind', async () => {
    const before = await t.exchangeCount();
    const tampered = signedXml('msg-tampered').replace('<swg:ConversationId>conv-msg-tampered', '<swg:ConversationId>conv-msg-tamperex');
    expect((await send(tampered)).status).toBe(401);
    const impostor = await send(signedXml('msg-impostor', 'trader-demo'));
    expect([401, 422]).toContain(impostor.status);
    const stale = await send(signedXml('msg-stale', 'partner-xb', { createdAt: new Date(Date.now() - 3600_000).toISOString() }));
    expect(stale.status).toBe(422);
    expect(((await stale.json()) as { findings: Array<{ code: string }> }).findings[0]?.code).toBe('envelope.outside-window');
    expect(await t.exchangeCount()).toBe(before);
  });

  it('refuses an envelope its sender signed for another party, XML or JWS, and stores nothing', async () => {
    const before = await t.exchangeCount();
    const forCustoms = await send(signedXml('msg-to-customs', 'partner-xb', { to: 'customs' }));
    expect(forCustoms.status).toBe(422);
    expect(forCustoms.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await forCustoms.json()) as { findings: unknown[] }).findings).toEqual([
      {
        severity: 'error',
        code: 'envelope.recipient-mismatch',
        message: 'envelope is addressed to customs, not to this gateway (gateway)',
        path: '/header/to',
      },
    ]);
    const jws = await signJsonEnvelope(
      { header: header('msg-jws-elsewhere', { to: 'partner-yz' }), payload: wcoXmlToJson(declaration).json },
      keyOf('partner-xb'),
    );
    const elsewhere = await send(jws, 'application/jose');
    expect(elsewhere.status).toBe(422);
    expect(((await elsewhere.json()) as { findings: Array<{ code: string }> }).findings[0]?.code).toBe('envelope.recipient-mismatch');
    expect(await t.exchangeCount()).toBe(before);
    // The message id was not used up: the same id, addressed to this gateway, is accepted.
    expect((await send(signedXml('msg-to-customs'))).status).toBe(202);
  });

  it('refuses a participant without a trust store, and unsigned documents', async () => {
    expect((await send(signedXml('msg-wrong-auth'), 'application/xml', { authorization: 'Bearer sandbox-trader-demo' })).status).toBe(401);
    expect((await send(declaration.toString('utf8'))).status).toBeGreaterThanOrEqual(400);
  });
});
