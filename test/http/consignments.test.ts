import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway, waitFor } from '../support/gateway.js';

const asPlatform = { authorization: 'Bearer sandbox-platform-demo', 'content-type': 'application/json' };
const consignment = readFileSync('mappings/consignment-to-declaration/examples/parcel-two-items.input.json');

describe('POST /v1/consignments: e-commerce advance data', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway('sqlite');
  });
  afterAll(async () => t?.stop());

  it('keeps the consignment as received, routes the low-value declaration made of it, and logs the mapping', async () => {
    const res = await fetch(`${t.url}/v1/consignments`, { method: 'POST', headers: asPlatform, body: consignment });
    expect(res.status).toBe(202);
    const { exchangeId, links } = (await res.json()) as { exchangeId: string; links: { self: string; provenance: string } };
    const exchange = await waitFor(
      async () =>
        (await (await fetch(`${t.url}${links.self}`, { headers: asPlatform })).json()) as {
          status: string;
          kind: string;
          documents: Array<{ name: string; href: string }>;
          deliveries: Array<{ destination: string }>;
        },
      (e) => e.status === 'delivered',
    );
    expect(exchange).toMatchObject({ status: 'delivered', kind: 'consignment' });
    expect(exchange.deliveries.map((d) => d.destination)).toContain('customs');
    expect(exchange.documents.map((d) => d.name)).toEqual(expect.arrayContaining(['consignment', 'original']));
    const declaration = (await (await fetch(`${t.url}/v1/exchanges/${exchangeId}/documents/original`, { headers: asPlatform })).json()) as {
      MetaData: { Declaration: { TypeCode: string } };
    };
    expect(declaration.MetaData.Declaration.TypeCode).toMatch(/^IM/);
    const kept = await (await fetch(`${t.url}/v1/exchanges/${exchangeId}/documents/consignment`, { headers: asPlatform })).text();
    expect(kept).toBe(consignment.toString('utf8'));

    const receipt = (await (await fetch(`${t.url}${links.provenance}`, { headers: asPlatform })).json()) as {
      entries: Array<{ record: { event: string; wasDerivedFrom?: { mapping: string } } }>;
    };
    expect(receipt.entries.slice(0, 4).map((e) => e.record.event)).toEqual(['received', 'mapped', 'validated', 'routed']);
    expect(receipt.entries[1]?.record.wasDerivedFrom?.mapping).toBe('consignment-to-declaration@1.1.0');
  });

  it('refuses a consignment that breaks its schema with findings, and stores nothing', async () => {
    const before = await t.exchangeCount();
    const res = await fetch(`${t.url}/v1/consignments`, { method: 'POST', headers: asPlatform, body: JSON.stringify({ order: 'nope' }) });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { findings: unknown[] }).findings.length).toBeGreaterThan(0);
    expect(await t.exchangeCount()).toBe(before);
  });
});
