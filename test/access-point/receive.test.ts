/**
 * POST /as4 on a real gateway, as partners and attackers would call it: messages are built with
 * the AS4 layer (src/as4) the way a partner access point sends them.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPullRequest, buildReceipt, buildUserMessage, type OutboundPayload, type UserMessageInput } from '../../src/as4/build.js';
import type { ErrorSignal } from '../../src/as4/message.js';
import { parseAs4, receiveAs4 } from '../../src/as4/read.js';
import { ensureSandboxPki, type SandboxPki } from '../../src/trust/pki/sandbox-ca.js';
import { loadSigningKey, type SigningKey } from '../../src/trust/pki/signing-key.js';
import { sample, startTestGateway, type TestGateway, waitFor } from '../support/gateway.js';

const UNREGISTERED = 'urn:oasis:names:tc:ebcore:partyid-type:unregistered';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('POST /as4, the access point', () => {
  const dir = mkdtempSync(join(tmpdir(), 'swgate-as4-receive-'));
  let pki: SandboxPki;
  let t: TestGateway;
  let red: SigningKey;
  let later: SigningKey;
  let rogue: SigningKey;
  let gatewayCertificate: SigningKey['certificate'];

  beforeAll(async () => {
    pki = await ensureSandboxPki(join(dir, 'pki'), ['red', 'later', 'rogue']);
    const rsa = (id: string) => loadSigningKey(pki.entities[id]?.rsa as { privateKey: string; certificate: string });
    [red, later, rogue] = [rsa('red'), rsa('later'), rsa('rogue')];
    gatewayCertificate = rsa('gateway').certificate;
    const yaml = `
as4: { partyId: gw, partyIdType: ${UNREGISTERED} }
participants:
  - id: trader
    kind: trader
    name: Trader
    apiKeySha256: [${sha256('key-trader')}]
    actsFor: [{ id: GB427168118378, as: declarant }, { id: GB025115100010, as: declarant }]
  - id: customs
    kind: customs
    name: Customs
    country: XA
    endpoint: http://127.0.0.1:9/unreachable
  - id: red
    kind: partner-customs
    name: Red (pulls what is for it)
    country: XB
    actsFor: [{ id: GB553202734852, as: declarant }, { id: GB201909013000, as: declarant }, { id: GB427168118378, as: declarant }, { id: GB025115100010, as: declarant }]
    as4: { partyId: red, partyIdType: ${UNREGISTERED}, certificates: [{ file: ${pki.entities.red?.rsa.certificate} }] }
  - id: later
    kind: partner-customs
    name: A partner whose only certificate counts from 2099 on
    country: XC
    as4: { partyId: later, certificates: [{ file: ${pki.entities.later?.rsa.certificate}, notBefore: "2099-01-01T00:00:00Z" }] }
  - id: ended
    kind: partner-customs
    name: A partner whose certificate was end-dated ten minutes ago (compromised, say)
    country: XD
    as4: { partyId: ended, certificates: [{ file: ${pki.entities.red?.rsa.certificate}, notAfter: "${new Date(Date.now() - 10 * 60_000).toISOString()}" }] }
mappingParameters: { homeCountry: XA }
agreements:
  - id: partner-declarations
    when: { documentKinds: [declaration], senderKinds: [partner-customs] }
    destination: customs
    format: wco-xml
    delivery: { attempts: 1, retry: never, timeoutMs: 500 }
  - id: exports-to-red
    when: { documentKinds: [declaration], declarationDirections: [export], destinationCountries: [XB] }
    destination: red
    mapping: export-to-import
    format: wco-xml
    transport: as4
    as4: { service: urn:swgate:declarations, action: ImportPreDeclaration, mode: pull }
`;
    writeFileSync(join(dir, 'config.yaml'), yaml);
    t = await startTestGateway('sqlite', {
      SWGATE_CONFIG: join(dir, 'config.yaml'),
      SWGATE_CERTS_DIR: pki.dir,
      SWGATE_BODY_LIMIT: String(1024 * 1024),
      SWGATE_ANALYTICS: 'false',
    });
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const declaration = () => sample('import/TT_IM001a__Step1_TT_IM001a.xml');
  let counter = 0;
  const userMessage = (overrides: Partial<UserMessageInput> = {}, options: { signer?: SigningKey | null; payloads?: OutboundPayload[] } = {}) =>
    buildUserMessage(
      {
        messageId: `m${++counter}-${Date.now()}@red.example`,
        from: { partyIds: [{ value: 'red', type: UNREGISTERED }], role: 'http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/initiator' },
        to: { partyIds: [{ value: 'gw', type: UNREGISTERED }], role: 'http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/responder' },
        service: { value: 'urn:swgate:declarations' },
        action: 'Declaration',
        conversationId: 'c1',
        ...overrides,
      },
      options.payloads ?? [{ mimeType: 'application/xml', content: declaration() }],
      options.signer === null ? {} : { signer: options.signer ?? red, recipient: gatewayCertificate },
    );
  const send = async (message: { body: Buffer; contentType: string }) => {
    const res = await fetch(`${t.url}/as4`, { method: 'POST', headers: { 'content-type': message.contentType }, body: message.body });
    const body = Buffer.from(await res.arrayBuffer());
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', body };
  };
  const errorCodeOf = (answer: { body: Buffer; contentType: string }) =>
    (parseAs4(answer.body, { contentType: answer.contentType }).message.signals.find((s) => s.kind === 'error') as ErrorSignal | undefined)?.errors[0]
      ?.errorCode;

  it("takes a partner's signed, encrypted, compressed UserMessage once, answers its signed receipt, and a copy gets the same receipt", async () => {
    const before = await t.exchangeCount();
    const message = userMessage();
    const first = await send(message);
    expect(first.status).toBe(200);
    const receipt = receiveAs4(first.body, { contentType: first.contentType, signer: gatewayCertificate });
    expect(receipt.signature?.signer.raw.equals(gatewayCertificate.raw)).toBe(true);
    const signal = receipt.message.signals[0];
    expect(signal).toMatchObject({ kind: 'receipt', info: { refToMessageId: message.messageId } });
    // Non-repudiation: the receipt names the digests red signed.
    expect(signal?.kind === 'receipt' && signal.nonRepudiation?.map((r) => r.digestValue)).toEqual(message.signedReferences.map((r) => r.digestValue));
    expect(await t.exchangeCount()).toBe(before + 1);
    const again = await send(message);
    expect(again.status).toBe(200);
    expect(again.body.equals(first.body)).toBe(true);
    expect(await t.exchangeCount()).toBe(before + 1);
  });

  it('refuses, storing nothing: unsigned, signed by an unknown certificate, by another party, by a certificate not valid yet, addressed elsewhere, too old, a gzip bomb, a document that is not one', async () => {
    const before = await t.exchangeCount();
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    const cases: Array<[string, { body: Buffer; contentType: string }, string, number]> = [
      ['unsigned', userMessage({}, { signer: null }), 'EBMS:0103', 500],
      ['unknown certificate', userMessage({}, { signer: rogue }), 'EBMS:0101', 500],
      ["a PartyId that is not the signer's", userMessage({}, { signer: later }), 'EBMS:0101', 500],
      ['a certificate outside its window', userMessage({ from: { partyIds: [{ value: 'later' }], role: 'r:initiator' } }, { signer: later }), 'EBMS:0101', 500],
      [
        'a certificate end-dated since the Timestamp',
        userMessage({ from: { partyIds: [{ value: 'ended' }], role: 'r:initiator' }, timestamp: new Date(Date.now() - 30 * 60_000) }),
        'EBMS:0101',
        500,
      ],
      ['an unknown party', userMessage({ from: { partyIds: [{ value: 'nobody' }], role: 'r:initiator' } }), 'EBMS:0101', 500],
      ['addressed to another party', userMessage({ to: { partyIds: [{ value: 'someone-else' }], role: 'r:responder' } }), 'EBMS:0003', 500],
      // Red's certificate was issued today: two days ago it signed nothing.
      ['a Timestamp two days old', userMessage({ timestamp: twoDaysAgo }), 'EBMS:0101', 500],
      ['a Timestamp ten minutes ahead', userMessage({ timestamp: new Date(Date.now() + 10 * 60_000) }), 'EBMS:0003', 500],
      ['a gzip bomb', userMessage({}, { payloads: [{ mimeType: 'application/xml', content: Buffer.alloc(8 * 1024 * 1024, 0x20) }] }), 'EBMS:0303', 500],
      ['not a declaration', userMessage({}, { payloads: [{ mimeType: 'application/xml', content: Buffer.from('<a><b></a>') }] }), 'EBMS:0003', 500],
      [
        'two payloads',
        userMessage(
          {},
          {
            payloads: [
              { mimeType: 'application/xml', content: declaration() },
              { mimeType: 'application/xml', content: declaration() },
            ],
          },
        ),
        'EBMS:0003',
        500,
      ],
    ];
    for (const [name, message, code, status] of cases) {
      const answer = await send(message);
      expect({ name, status: answer.status, code: errorCodeOf(answer) }).toEqual({ name, status, code });
    }
    expect(await t.exchangeCount()).toBe(before);
  });

  it('refuses a tampered payload and a body that is no AS4 message, and bounds the body', async () => {
    const message = userMessage({}, { signer: red });
    const tampered = Buffer.from(message.body);
    tampered[tampered.length - 200] = (tampered[tampered.length - 200] ?? 0) ^ 0x01;
    expect(errorCodeOf(await send({ body: tampered, contentType: message.contentType }))).toMatch(/^EBMS:01/);
    const notSoap = await send({ body: Buffer.from('<x/>'), contentType: 'application/soap+xml' });
    expect(notSoap.status).toBe(500);
    const huge = await send({ body: Buffer.alloc(2 * 1024 * 1024, 0x41), contentType: 'application/soap+xml' });
    expect(huge.status).toBe(413);
    const entity = await send({
      body: Buffer.from('<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><x>&a;</x>'),
      contentType: 'application/soap+xml',
    });
    expect(entity.status).toBe(500);
  });

  it('refuses a wide SOAP part on the first look, before any DOM is built: too many elements, too many bytes', async () => {
    const wide = (elements: number) =>
      Buffer.from(`<S:Envelope xmlns:S="http://www.w3.org/2003/05/soap-envelope"><S:Header/><S:Body>${'<a/>'.repeat(elements)}</S:Body></S:Envelope>`);
    const detailOf = (answer: { body: Buffer; contentType: string }) =>
      (parseAs4(answer.body, { contentType: answer.contentType }).message.signals.find((s) => s.kind === 'error') as ErrorSignal | undefined)?.errors[0]
        ?.detail ?? '';
    const many = await send({ body: wide(60_000), contentType: 'application/soap+xml' });
    expect({ status: many.status, code: errorCodeOf(many) }).toEqual({ status: 500, code: 'EBMS:0009' });
    expect(detailOf(many)).toMatch(/more than \d+ elements/);
    const large = Buffer.from(
      `<S:Envelope xmlns:S="http://www.w3.org/2003/05/soap-envelope"><S:Header/><S:Body><a>${'x'.repeat(300 * 1024)}</a></S:Body></S:Envelope>`,
    );
    const big = await send({ body: large, contentType: 'application/soap+xml' });
    expect({ status: big.status, code: errorCodeOf(big) }).toEqual({ status: 500, code: 'EBMS:0009' });
    expect(detailOf(big)).toMatch(/bytes; this access point takes at most/);
  });

  it("pull: holds an export for red on its MPC until red pulls it, answers EBMS:0006 when nothing waits, and settles the delivery on red's Receipt signal", async () => {
    const pull = (signer: SigningKey) => buildPullRequest(undefined, { signer });
    const empty = await send(pull(red));
    expect({ status: empty.status, code: errorCodeOf(empty) }).toEqual({ status: 200, code: 'EBMS:0006' });
    expect(errorCodeOf(await send(pull(rogue)))).toBe('EBMS:0101');
    // Signals are taken once and within the Timestamp window: a captured PullRequest played again takes nothing.
    const captured = pull(red);
    expect(errorCodeOf(await send(captured))).toBe('EBMS:0006');
    const replayed = await send(captured);
    expect({ status: replayed.status, code: errorCodeOf(replayed) }).toEqual({ status: 500, code: 'EBMS:0003' });
    const stale = await send(buildPullRequest(undefined, { signer: red, timestamp: new Date(Date.now() - 2 * 86_400_000) }));
    expect({ status: stale.status, code: errorCodeOf(stale) }).toEqual({ status: 500, code: 'EBMS:0003' });

    const body = sample('export/TT_EX001a__TT_EX001a.xml')
      .toString('utf8')
      .replace(/(<Destination>[\s\S]*?<CountryCode>)US/, '$1XB');
    const lodged = await fetch(`${t.url}/v1/declarations`, {
      method: 'POST',
      headers: { authorization: 'Bearer key-trader', 'content-type': 'application/xml' },
      body,
    });
    expect(lodged.status).toBe(202);
    const { exchangeId } = (await lodged.json()) as { exchangeId: string };
    const deliveryOf = async () =>
      (
        (await (await fetch(`${t.url}/v1/exchanges/${exchangeId}`, { headers: { authorization: 'Bearer key-trader' } })).json()) as {
          deliveries: Array<{ destination: string; status: string }>;
        }
      ).deliveries.find((d) => d.destination === 'red');
    expect((await waitFor(deliveryOf, (d) => d?.status === 'delivered'))?.status).toBe('delivered');

    // Another partner pulling the same MPC gets nothing of red's.
    const pulled = await send(pull(red));
    expect(pulled.status).toBe(200);
    const message = receiveAs4(pulled.body, {
      contentType: pulled.contentType,
      signer: gatewayCertificate,
      decryption: { privateKey: red.privateKey, certificate: red.certificate },
    });
    expect(message.message.userMessage).toMatchObject({ info: { messageId: `${exchangeId}.red@127.0.0.1` }, conversationId: exchangeId });
    expect(message.payloads[0]?.content.toString('utf8')).toContain('urn:swgate:envelope:1');
    expect(errorCodeOf(await send(pull(red)))).toBe('EBMS:0006');

    const receipt = buildReceipt(message, { signer: red });
    const answered = await send(receipt);
    expect(answered.status).toBe(200);
    expect((await waitFor(deliveryOf, (d) => d?.status === 'acknowledged'))?.status).toBe('acknowledged');
    // A receipt signal from someone else for it is refused.
    expect(errorCodeOf(await send(buildReceipt(message, { signer: rogue })))).toBe('EBMS:0101');
  });
});
