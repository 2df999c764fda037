import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../src/config/load.js';
import { configuredMappings, configuredModel } from '../../src/runtime/gateway.js';
import type { ProvenanceReceipt } from '../../src/provenance/shapes.js';
import { wcoXmlToJson } from '../../src/documents/wco/codec.js';
import { verifyReceipt } from '../../src/provenance/verify.js';
import { sandboxPaths } from '../../src/trust/pki/sandbox-ca.js';
import { sandboxTrustStore } from '../../src/trust/pki/trust-config.js';
import { verifyXmlSignature } from '../../src/trust/xmldsig/xml-verify.js';
import { databaseKinds } from '../support/databases.js';
import { sample, startTestGateway, TEST_PKI_DIR, type TestGateway, waitFor } from '../support/gateway.js';

/** The document a signed XML envelope carries, byte for byte (base64 payload). */
const payloadOfEnvelope = (envelope: string) => Buffer.from(/<swg:Payload[^>]*>([^<]*)<\/swg:Payload>/.exec(envelope)?.[1] ?? '', 'base64');
/** The payload of a JWS envelope. */
const jwsPayload = (jws: string) => (JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8')) as { payload: unknown }).payload;

const kinds = await databaseKinds();
const asTrader = { authorization: 'Bearer sandbox-trader-demo' };

interface ExchangeView {
  exchangeId: string;
  status: string;
  deliveries: Array<{ destination: string; status: string; attempts: number; receipt?: { status: string; receivedSha256: string } }>;
  timeline: Array<{ event: string; destination?: string }>;
  documents: Array<{ name: string; href: string; sha256: string; mediaType: string }>;
}

describe('the configured mappings', () => {
  const mappingsDir = fileURLToPath(new URL('../../mappings', import.meta.url));
  const problems = (config: Parameters<typeof configuredMappings>[0]) =>
    configuredMappings(config).then(
      () => [],
      (error: unknown) => {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).problems;
      },
    );

  it('take the configured parameters, and refuse a value a spec refuses or a mapping that is not there, as configuration errors', async () => {
    const catalogue = await configuredMappings({ mappingsDir, mappingParameters: { homeCountry: 'XA', unused: 'anything' }, agreements: [] });
    const mapped = await catalogue.apply('export-to-import', sample('export/TT_EX002b__TT_EX002b.xml'));
    expect(
      (mapped.output as { MetaData: { Declaration: { GoodsShipment: { ExportCountry: unknown } } } }).MetaData.Declaration.GoodsShipment.ExportCountry,
    ).toEqual({ ID: 'XA' });
    expect(await problems({ mappingsDir, mappingParameters: { homeCountry: 'xa' }, agreements: [] })).toEqual([
      expect.stringMatching(/^mappingParameters: .*export-to-import.*the configured homeCountry .* must match \[A-Z\]\{2\}; got "xa"$/),
    ]);
    expect(await problems({ mappingsDir, agreements: [{ id: 'a', mapping: 'nowhere' } as never] })).toEqual([
      expect.stringMatching(/^agreement "a" names mapping "nowhere", which is not in /),
    ]);
  });
});

describe('the configured risk model', () => {
  const risk = { profilesDir: 'unused', scoreBands: {} };
  it('is loaded before anything is opened; a directory that is not a model is a configuration error naming risk.modelDir', () => {
    expect(configuredModel({ risk })).toBeUndefined();
    expect(configuredModel({ risk: { ...risk, modelDir: fileURLToPath(new URL('../../config/risk-model', import.meta.url)) } })?.version).toMatch(/^sha256:/);
    const notAModel = fileURLToPath(new URL('../../mappings', import.meta.url));
    expect(() => configuredModel({ risk: { ...risk, modelDir: notAModel } })).toThrow(ConfigError);
    expect(() => configuredModel({ risk: { ...risk, modelDir: notAModel } })).toThrow(/ - risk\.modelDir: .*manifest\.json/);
  });
});

describe.each(kinds)('a declaration travels end to end (%s)', (kind) => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway(kind);
  });
  afterAll(async () => t?.stop());

  const post = (body: Buffer | string, type = 'application/xml', headers: Record<string, string> = asTrader) =>
    fetch(`${t.url}/v1/declarations`, { method: 'POST', headers: { 'content-type': type, ...headers }, body });
  const view = async (id: string, headers = asTrader) => (await (await fetch(`${t.url}/v1/exchanges/${id}`, { headers })).json()) as ExchangeView;
  const settled = (id: string) =>
    waitFor(
      () => view(id),
      (e) => !['received', 'validated', 'routed'].includes(e.status),
    );

  it('delivers a corpus import citing a CITES permit to customs and the wildlife authority', async () => {
    const body = sample('import/TT_IM036a__TT_IM036a.xml');
    const res = await post(body);
    expect(res.status).toBe(202);
    const accepted = (await res.json()) as { exchangeId: string; status: string; contentSha256: string; links: { self: string } };
    expect(accepted).toMatchObject({ status: 'routed', links: { self: `/v1/exchanges/${accepted.exchangeId}` } });
    expect(res.headers.get('location')).toBe(accepted.links.self);

    const exchange = await settled(accepted.exchangeId);
    expect(exchange.status).toBe('delivered');
    expect(exchange.deliveries.map((d) => [d.destination, d.status])).toEqual([
      ['customs', 'acknowledged'],
      ['pga-wildlife', 'acknowledged'],
    ]);
    // Each destination gets a signed envelope, made once and kept: customs the declaration as it
    // came (XML-DSig), the wildlife authority its own view made by a mapping (JWS).
    const sent = (name: string) => exchange.documents.find((d) => d.name === name);
    expect(exchange.deliveries.map((d) => d.receipt?.receivedSha256)).toEqual([sent('to-customs')?.sha256, sent('to-pga-wildlife')?.sha256]);
    expect(sent('to-customs')?.mediaType).toBe('application/xml');
    const envelope = await (await fetch(`${t.url}${sent('to-customs')?.href}`, { headers: asTrader })).text();
    await verifyXmlSignature(Buffer.from(envelope), sandboxTrustStore(sandboxPaths(TEST_PKI_DIR, ['gateway']), 'gateway'));
    expect(payloadOfEnvelope(envelope).equals(body)).toBe(true);
    // Kept without the declaration it carries, which is stored already; served whole.
    const stored = await t.gateway.store.db
      .selectFrom('documents')
      .select(['name', 'payload_document'])
      .select((eb) => eb.fn('length', ['content']).as('length'))
      .where('exchange_id', '=', accepted.exchangeId)
      .orderBy('name')
      .execute();
    expect(stored.find((d) => d.name === 'to-customs')).toMatchObject({ payload_document: 'original' });
    expect(Number(stored.find((d) => d.name === 'to-customs')?.length)).toBeLessThan(envelope.length - body.length);
    expect(stored.find((d) => d.name === 'to-pga-wildlife')).toMatchObject({ payload_document: null });
    expect(sent('to-pga-wildlife')?.mediaType).toBe('application/jose');
    const jws = await (await fetch(`${t.url}${sent('to-pga-wildlife')?.href}`, { headers: asTrader })).text();
    expect(JSON.stringify(jwsPayload(jws))).toContain('C400');
    const mapped = sent('to-pga-wildlife');
    // Ingest keeps the WCO JSON form validation made of the XML, so mappings need not parse the XML again.
    const kept = await (await fetch(`${t.url}${sent('wco-json')?.href}`, { headers: asTrader })).json();
    expect(kept).toEqual(wcoXmlToJson(body).json);
    const events = exchange.timeline.map((e) => e.event);
    expect(events.slice(0, 3)).toEqual(['received', 'validated', 'routed']);
    expect(events.at(-1)).toBe('delivered');
    expect(events.filter((e) => e === 'acknowledged')).toHaveLength(2);

    const original = await fetch(`${t.url}${exchange.documents[0]?.href}`, { headers: asTrader });
    expect(original.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(Buffer.from(await original.arrayBuffer()).equals(body)).toBe(true);

    const received = (await (
      await fetch(`${t.url}/v1/sandbox/destinations/pga-wildlife/received`, { headers: { authorization: 'Bearer sandbox-pga-wildlife' } })
    ).json()) as {
      items: Array<{ exchangeId: string; sha256: string; copies: number }>;
    };
    expect(received.items).toContainEqual(
      expect.objectContaining({ exchangeId: accepted.exchangeId, sha256: mapped?.sha256, mediaType: 'application/jose', copies: 1 }),
    );
  });

  it('delivers the WCO JSON form of a declaration, by HS chapter to the plant health agency', async () => {
    const declaration = wcoXmlToJson(sample('import/IMY_Aggregated_Supplementary_Declaration__IMY_Aggregated_Supplementary_Declaration.xml')).json;
    const res = await post(JSON.stringify(declaration), 'application/json');
    expect(res.status).toBe(202);
    const { exchangeId } = (await res.json()) as { exchangeId: string };
    const exchange = await settled(exchangeId);
    expect(exchange.status).toBe('delivered');
    expect(exchange.deliveries.map((d) => d.destination)).toEqual(['customs', 'pga-plant']);
  });

  it('sends an export bound for XB to the partner gateway as well (my export as your import)', async () => {
    const body = sample('export/TT_EX001a__TT_EX001a.xml')
      .toString('utf8')
      .replace(/(<Destination>[\s\S]*?<CountryCode>)US/, '$1XB');
    const res = await post(body);
    expect(res.status).toBe(202);
    const exchange = await settled(((await res.json()) as { exchangeId: string }).exchangeId);
    expect(exchange.deliveries.map((d) => d.destination)).toEqual(['customs', 'partner-xb']);
    expect(exchange.status).toBe('delivered');
    // XB receives the export as its own import pre-declaration, in DMS XML, in the gateway's signed envelope.
    const forXb = exchange.documents.find((d) => d.name === 'to-partner-xb');
    expect(forXb?.mediaType).toBe('application/xml');
    const envelope = await (await fetch(`${t.url}${forXb?.href}`, { headers: asTrader })).text();
    await verifyXmlSignature(Buffer.from(envelope), sandboxTrustStore(sandboxPaths(TEST_PKI_DIR, ['gateway']), 'gateway'));
    const xml = payloadOfEnvelope(envelope).toString('utf8');
    expect(xml).toMatch(/<(\w+:)?TypeCode>IMD<\/(\w+:)?TypeCode>/);
    expect(xml).toContain('U.7847323YIPYA');
    // It went over AS4 (the agreement's transport): the simulated partner's signed Receipt is kept, for the delivery's MessageId.
    const receipts = await t.gateway.store.db
      .selectFrom('as4_receipts' as never)
      .select(['message_id' as never, 'destination' as never])
      .where('exchange_id' as never, '=', exchange.exchangeId as never)
      .execute();
    expect(receipts).toEqual([{ message_id: `${exchange.exchangeId}.partner-xb@127.0.0.1`, destination: 'partner-xb' }]);
  });

  it('answers a repeated Idempotency-Key with the original exchange, and a reused one with 409', async () => {
    const body = sample('import/TT_IM001a__Step1_TT_IM001a.xml');
    const headers = { ...asTrader, 'idempotency-key': `key-${kind}` };
    const first = (await (await post(body, 'application/xml', headers)).json()) as { exchangeId: string };
    const again = await post(body, 'application/xml', headers);
    expect(again.status).toBe(202);
    expect(((await again.json()) as { exchangeId: string }).exchangeId).toBe(first.exchangeId);
    const other = await post(sample('import/TT_IM003a__TT_IM003a.xml'), 'application/xml', headers);
    expect(other.status).toBe(409);
    expect(((await other.json()) as { findings: Array<{ code: string }> }).findings[0]?.code).toBe('idempotency.conflict');
  });

  it('shows an exchange only to those who sent or receive it', async () => {
    const { exchangeId } = (await (await post(sample('import/TT_IM036a__TT_IM036a.xml'))).json()) as { exchangeId: string };
    expect((await fetch(`${t.url}/v1/exchanges/${exchangeId}`, { headers: { authorization: 'Bearer sandbox-pga-wildlife' } })).status).toBe(200);
    const foreign = await fetch(`${t.url}/v1/exchanges/${exchangeId}`, { headers: { authorization: 'Bearer sandbox-pga-food' } });
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const mine = (await (await fetch(`${t.url}/v1/exchanges?limit=500`, { headers: asTrader })).json()) as { items: Array<{ exchangeId: string }> };
    expect(mine.items[0]?.exchangeId).toBe(exchangeId);
    const food = (await (await fetch(`${t.url}/v1/exchanges?limit=500`, { headers: { authorization: 'Bearer sandbox-pga-food' } })).json()) as {
      items: unknown[];
    };
    expect(food.items).toEqual([]);
  });

  it('logs every event of the exchange in the provenance log, with a receipt that verifies offline', async () => {
    const res = await post(sample('import/TT_IM036a__TT_IM036a.xml'));
    const accepted = (await res.json()) as { exchangeId: string; provenance: { leafIndex: number; leafHash: string }; links: { provenance: string } };
    await settled(accepted.exchangeId);
    // A delivery's ending commits with its log entry (README, Deliveries): the final status implies every entry is there.
    const receipt = (await (await fetch(`${t.url}${accepted.links.provenance}`, { headers: asTrader })).json()) as ProvenanceReceipt;
    expect(receipt.entries).toHaveLength(9);
    expect(receipt.exchangeId).toBe(accepted.exchangeId);
    // targeted: the decision, committed to without being revealed (docs/RISK.md).
    expect(receipt.entries.slice(0, 4).map((e) => e.record.event)).toEqual(['received', 'validated', 'routed', 'targeted']);
    expect(
      receipt.entries
        .slice(4)
        .map((e) => `${e.record.event}:${e.record.activity.destination}`)
        .sort(),
    ).toEqual(['acknowledged:customs', 'acknowledged:pga-wildlife', 'mapped:pga-wildlife', 'signed:customs', 'signed:pga-wildlife']);
    expect(receipt.entries.find((e) => e.record.event === 'signed')?.record.agent).toMatchObject({
      participant: 'gateway',
      certificateFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const mappedEntry = receipt.entries.find((e) => e.record.event === 'mapped');
    expect(mappedEntry?.record.wasDerivedFrom).toMatchObject({ mapping: 'declaration-to-wildlife@1.0.0', specSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(receipt.entries[0]).toMatchObject({
      leafIndex: accepted.provenance.leafIndex,
      leafHash: accepted.provenance.leafHash,
      record: { agent: { participant: 'trader-demo' } },
    });

    const publicKey = await (await fetch(`${t.url}/v1/log/public-key`, { headers: asTrader })).text();
    expect(verifyReceipt(receipt, publicKey)).toMatchObject({ ok: true });
    const tampered = structuredClone(receipt);
    (tampered.entries[3] as { record: { agent: { participant: string } } }).record.agent.participant = 'someone-else';
    expect(verifyReceipt(tampered, publicKey).ok).toBe(false);

    const foreign = await fetch(`${t.url}${accepted.links.provenance}`, { headers: { authorization: 'Bearer sandbox-pga-food' } });
    expect(foreign.status).toBe(404);
  });

  it('serves Swagger UI at /docs and the OpenAPI document at /openapi.json, without credentials', async () => {
    const docs = await fetch(`${t.url}/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toMatch(/swagger/i);
    const openapi = (await (await fetch(`${t.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toContain('/v1/declarations');
  });

  it('reports readiness and Prometheus metrics', async () => {
    const ready = await fetch(`${t.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { redis: 'ok', database: 'ok' } });
    const metrics = await (await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer sandbox-customs' } })).text();
    expect(metrics).toMatch(/swgate_exchanges\{status="delivered"\} [1-9]/);
    expect(metrics).toMatch(/swgate_queue_jobs\{destination="customs",state="completed"\} [1-9]/);
    expect(metrics).toMatch(/swgate_http_requests_total\{method="POST",route="\/v1\/declarations",status="202"\} [1-9]/);
  });

  it('has its reconciler finish an exchange a crash left routed with every delivery ended, and counts that in /metrics', async () => {
    const accepted = (await (await post(sample('import/TT_IM036a__TT_IM036a.xml'))).json()) as { exchangeId: string };
    const ended = await settled(accepted.exchangeId);
    // As a crash between the last settlement and the exchange status would have left it.
    await t.gateway.store.db.updateTable('exchanges').set({ status: 'routed', end_handled_at: null }).where('id', '=', accepted.exchangeId).execute();
    const summary = await t.gateway.reconcile();
    expect(summary['exchange-finished']).toBe(1);
    const again = await view(accepted.exchangeId);
    expect(again.status).toBe(ended.status);
    const metrics = await (await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer sandbox-customs' } })).text();
    expect(metrics).toMatch(/swgate_reconciler_actions_total\{action="exchange-finished"\} 1/);
  });
});
