/**
 * Two swgate gateways, each with its own keys, that know each other only as AS4 parties: a
 * declaration goes each way over AS4 (SOAP 1.2 with attachments, gzip, signed RSA-SHA256,
 * encrypted AES-128-GCM / RSA-OAEP-SHA256) and ends acknowledged with the signed AS4 receipt;
 * the other gateway has the exchange.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSandboxPki, type SandboxPki } from '../../src/trust/pki/sandbox-ca.js';
import { sample, startTestGateway, type TestGateway, waitFor } from '../support/gateway.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Side {
  name: 'a' | 'b';
  country: string;
  port: number;
  pki: SandboxPki;
}

/** One gateway's configuration: its trader, its customs (unreachable: not what this test is about), and the other gateway as an AS4 partner. */
function configOf(self: Side, other: Side, dir: string): string {
  const partner = `partner-${other.name}`;
  const yaml = `
mappingParameters: { homeCountry: ${self.country} }
as4: { partyId: gw-${self.name}, partyIdType: "urn:oasis:names:tc:ebcore:partyid-type:unregistered" }
participants:
  - id: trader
    kind: trader
    name: Trader ${self.name}
    apiKeySha256: [${sha256(`key-${self.name}`)}]
    actsFor: [{ id: GB427168118378, as: declarant }, { id: GB025115100010, as: declarant }]
  - id: customs
    kind: customs
    name: Customs ${self.name}
    country: ${self.country}
    endpoint: http://127.0.0.1:9/unreachable
  - id: ${partner}
    kind: partner-customs
    name: Gateway ${other.name}
    country: ${other.country}
    # The envelope inside the AS4 message is the other gateway's, sealed with its RSA key (signing: rsa-sha256).
    trust: { pinned: [{ certificate: ${other.pki.entities.gateway?.rsa.certificate} }] }
    as4:
      partyId: gw-${other.name}
      partyIdType: "urn:oasis:names:tc:ebcore:partyid-type:unregistered"
      endpoint: http://127.0.0.1:${other.port}/as4
      certificates: [{ file: ${other.pki.entities.gateway?.rsa.certificate} }]
agreements:
  - id: export-to-${other.name}
    when: { documentKinds: [declaration], declarationDirections: [export], destinationCountries: [${other.country}] }
    destination: ${partner}
    mapping: export-to-import
    format: wco-xml
    signing: rsa-sha256
    transport: as4
    as4: { service: "urn:swgate:declarations", serviceType: swgate, action: ImportPreDeclaration, agreementRef: swgate-${self.name}-${other.name} }
    delivery: { attempts: 3, backoffMs: 200, timeoutMs: 10000 }
  - id: partner-declarations-to-customs
    when: { documentKinds: [declaration], senderKinds: [partner-customs] }
    destination: customs
    format: wco-xml
    delivery: { attempts: 1, retry: never, timeoutMs: 500 }
`;
  const file = join(dir, `${self.name}.yaml`);
  writeFileSync(file, yaml);
  return file;
}

interface ExchangeView {
  status: string;
  deliveries: Array<{ destination: string; status: string; attempts: number; receipt?: { status: string; receivedSha256: string; from: string } }>;
}

describe('two gateways exchange declarations over AS4', () => {
  const dir = mkdtempSync(join(tmpdir(), 'swgate-as4-two-'));
  let a: TestGateway;
  let b: TestGateway;
  let sideA: Side;
  let sideB: Side;

  beforeAll(async () => {
    sideA = { name: 'a', country: 'XA', port: await freePort(), pki: await ensureSandboxPki(join(dir, 'pki-a'), []) };
    sideB = { name: 'b', country: 'XB', port: await freePort(), pki: await ensureSandboxPki(join(dir, 'pki-b'), []) };
    const start = (self: Side, other: Side) =>
      startTestGateway('sqlite', {
        SWGATE_CONFIG: configOf(self, other, dir),
        SWGATE_CERTS_DIR: self.pki.dir,
        PORT: String(self.port),
        SWGATE_PUBLIC_URL: `http://127.0.0.1:${self.port}`,
        SWGATE_ANALYTICS: 'false',
      });
    [a, b] = await Promise.all([start(sideA, sideB), start(sideB, sideA)]);
  }, 90_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  async function lodgeExport(from: TestGateway, key: string, destinationCountry: string): Promise<string> {
    const body = sample('export/TT_EX001a__TT_EX001a.xml')
      .toString('utf8')
      .replace(/(<Destination>[\s\S]*?<CountryCode>)US/, `$1${destinationCountry}`);
    const res = await fetch(`${from.url}/v1/declarations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/xml' },
      body,
    });
    expect(res.status).toBe(202);
    return ((await res.json()) as { exchangeId: string }).exchangeId;
  }

  const exchangeOf = async (gateway: TestGateway, key: string, id: string) =>
    (await (await fetch(`${gateway.url}/v1/exchanges/${id}`, { headers: { authorization: `Bearer ${key}` } })).json()) as ExchangeView;

  for (const [direction, from] of [
    ['A to B', () => [a, 'key-a', 'XB', b, 'partner-b', 'a'] as const],
    ['B to A', () => [b, 'key-b', 'XA', a, 'partner-a', 'b'] as const],
  ] as const) {
    it(`${direction}: the delivery ends acknowledged with the partner's signed AS4 receipt, and the partner has the exchange`, async () => {
      const [sender, key, country, receiver, partner, senderName] = from();
      const exchangesBefore = await receiver.exchangeCount();
      const id = await lodgeExport(sender, key, country);
      const exchange = await waitFor(
        () => exchangeOf(sender, key, id),
        (e) =>
          e.deliveries.find((d) => d.destination === partner)?.status !== 'queued' &&
          e.deliveries.find((d) => d.destination === partner)?.status !== 'in-flight',
        30_000,
      );
      const delivery = exchange.deliveries.find((d) => d.destination === partner);
      expect(delivery).toMatchObject({ status: 'acknowledged', attempts: 1, receipt: { status: 'accepted', from: partner } });
      // The signed AS4 receipt is kept as evidence, for exactly this MessageId.
      const kept = await sender.gateway.store.db
        .selectFrom('as4_receipts' as never)
        .selectAll()
        .where('exchange_id' as never, '=', id as never)
        .execute();
      expect(kept).toHaveLength(1);
      expect((kept[0] as { message_id: string }).message_id).toBe(`${id}.${partner}@127.0.0.1`);
      // The receiver took it once, as its partner's declaration (the sender's export, now its import pre-declaration).
      expect(await receiver.exchangeCount()).toBe(exchangesBefore + 1);
      const received = await receiver.gateway.store.db
        .selectFrom('as4_received' as never)
        .selectAll()
        .where('message_id' as never, '=', `${id}.${partner}@127.0.0.1` as never)
        .executeTakeFirst();
      expect(received).toMatchObject({ partner: `partner-${senderName}` });
    }, 60_000);
  }
});
