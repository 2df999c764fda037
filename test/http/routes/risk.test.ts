import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileSet } from '../../../src/risk/vocabulary.js';
import { databaseKinds } from '../../support/databases.js';
import { sample, startTestGateway, type TestGateway, waitFor } from '../../support/gateway.js';

/**
 * Targeting is confidential (issue 25), over HTTP with the sandbox participants. IM036a goes to
 * customs and the wildlife authority (it cites a CITES permit); customs and pga-wildlife both
 * select it, each with a profile and an instruction that must reach nobody else.
 */
const key = (participant: string) => ({ authorization: `Bearer sandbox-${participant}` });
const SECRETS = ['customs-secret-profile', 'CUSTOMS-SECRET-INSTRUCTION', 'wildlife-secret-profile', 'WILDLIFE-SECRET-INSTRUCTION', 'model-v-secret'];

/** Customs selects everything from any origin (red); the wildlife authority whatever cites an import (yellow); the platform's parcels for customs. */
const profiles: ProfileSet = {
  version: 'test-set',
  evaluate: (items) =>
    items.flatMap((facts, item) => [
      { profile: 'customs-secret-profile', version: 1, owner: 'customs', lane: 'red' as const, instruction: 'CUSTOMS-SECRET-INSTRUCTION', item },
      ...(facts.direction === 'import' && !facts.platform
        ? [{ profile: 'wildlife-secret-profile', version: 4, owner: 'pga-wildlife', lane: 'yellow' as const, instruction: 'WILDLIFE-SECRET-INSTRUCTION', item }]
        : []),
    ]),
};

interface Exchange {
  status?: string;
  control?: { lane: string };
  documents: Array<{ name: string; href: string }>;
}

describe.each(await databaseKinds())('who sees what of a targeting decision (%s)', (kind) => {
  let t: TestGateway;
  let declaration: string;
  let exportToXb: string;
  let lodgedAnswer: string;
  const get = (path: string, participant: string) => fetch(`${t.url}${path}`, { headers: key(participant) });
  const json = async <T>(path: string, participant: string) => (await (await get(path, participant)).json()) as T;
  const lodge = async (body: Buffer | string) => {
    const res = await fetch(`${t.url}/v1/declarations`, { method: 'POST', headers: { 'content-type': 'application/xml', ...key('trader-demo') }, body });
    const text = await res.text();
    expect(res.status).toBe(202);
    const { exchangeId } = JSON.parse(text) as { exchangeId: string };
    await waitFor(
      () => json<Exchange>(`/v1/exchanges/${exchangeId}`, 'trader-demo'),
      (e) => e.status === 'delivered',
    );
    return { exchangeId, text };
  };

  beforeAll(async () => {
    t = await startTestGateway(kind, {}, { profiles: async () => profiles, scorer: { version: 'model-v-secret', score: () => 0.42 } });
    ({ exchangeId: declaration, text: lodgedAnswer } = await lodge(sample('import/TT_IM036a__TT_IM036a.xml')));
    ({ exchangeId: exportToXb } = await lodge(
      sample('export/TT_EX001a__TT_EX001a.xml')
        .toString('utf8')
        .replace(/(<Destination>[\s\S]*?<CountryCode>)US/, '$1XB'),
    ));
  }, 60_000);
  afterAll(async () => t?.stop());

  it('gives customs every hit, the score and the model version', async () => {
    const res = await get(`/v1/exchanges/${declaration}/risk`, 'customs');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      lane: 'red',
      hits: [
        { profile: 'customs-secret-profile', owner: 'customs', lane: 'red', instruction: 'CUSTOMS-SECRET-INSTRUCTION' },
        { profile: 'wildlife-secret-profile', owner: 'pga-wildlife', lane: 'yellow', instruction: 'WILDLIFE-SECRET-INSTRUCTION' },
      ],
      score: 0.42,
      model: 'model-v-secret',
    });
  });

  it('gives a PGA the exchange is routed to the lane and its own hits, no score and no model', async () => {
    expect(await json(`/v1/exchanges/${declaration}/risk`, 'pga-wildlife')).toEqual({
      lane: 'red',
      hits: [{ profile: 'wildlife-secret-profile', owner: 'pga-wildlife', lane: 'yellow', instruction: 'WILDLIFE-SECRET-INSTRUCTION' }],
      score: null,
      model: null,
    });
  });

  it('answers 403 to the sender and to a partner it was routed to, 404 to a PGA it was not routed to and to another trader, 401 without a key', async () => {
    const status = async (id: string, participant: string) => {
      const res = await get(`/v1/exchanges/${id}/risk`, participant);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const text = await res.text();
      for (const secret of SECRETS) expect(text).not.toContain(secret);
      return res.status;
    };
    expect(await status(declaration, 'trader-demo')).toBe(403);
    expect(await status(declaration, 'pga-food')).toBe(404);
    expect(await status(declaration, 'platform-demo')).toBe(404);
    expect(await status(declaration, 'partner-xb')).toBe(404);
    expect(await status(exportToXb, 'partner-xb')).toBe(403);
    expect(await status(exportToXb, 'pga-wildlife')).toBe(404);
    expect((await fetch(`${t.url}/v1/exchanges/${declaration}/risk`)).status).toBe(401);
    expect((await get('/v1/exchanges/not-an-id/risk', 'customs')).status).toBe(400);
  });

  it('shows the sender the lane as control on the exchange, and nothing else of the decision in any route or document it can read', async () => {
    const exchange = await json<Exchange>(`/v1/exchanges/${declaration}`, 'trader-demo');
    expect(exchange.control).toEqual({ lane: 'red' });
    expect(exchange.documents.map((d) => d.name).sort()).toEqual(['original', 'to-customs', 'to-pga-wildlife', 'wco-json']);
    const readable: Array<[string, string]> = [
      ['answer of POST /v1/declarations', lodgedAnswer],
      ['exchange', JSON.stringify(exchange)],
      ['list', await (await get('/v1/exchanges?limit=500', 'trader-demo')).text()],
      ['provenance', await (await get(`/v1/exchanges/${declaration}/provenance`, 'trader-demo')).text()],
    ];
    for (const document of exchange.documents) readable.push([document.name, await (await get(document.href, 'trader-demo')).text()]);
    const receipt = JSON.parse(readable[3]![1]) as { entries: Array<{ leafIndex: number; record: { event: string } }> };
    expect(receipt.entries.map((e) => e.record.event)).toContain('targeted');
    for (const entry of receipt.entries)
      readable.push([`log entry ${entry.leafIndex}`, await (await get(`/v1/log/entries/${entry.leafIndex}`, 'trader-demo')).text()]);
    for (const [where, text] of readable)
      for (const secret of [...SECRETS, 'risk-decision', '0.42', 'yellow']) expect({ where, leaks: text.includes(secret) }).toEqual({ where, leaks: false });

    // The decision documents exist, and are not the sender's to read, whatever it guesses.
    for (const agency of ['customs', 'pga-wildlife']) {
      const res = await get(`/v1/exchanges/${declaration}/documents/risk-decision-${agency}`, 'trader-demo');
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('SECRET');
    }
  });

  it('sends each selecting agency its own decision, naming the other owners that selected it and nothing of theirs', async () => {
    const wildlife = await json<Exchange>(`/v1/exchanges/${declaration}`, 'pga-wildlife');
    expect(wildlife.documents.map((d) => d.name).sort()).toEqual(['risk-decision-pga-wildlife', 'to-pga-wildlife']);
    const own = await get(`/v1/exchanges/${declaration}/documents/risk-decision-pga-wildlife`, 'pga-wildlife');
    expect(own.status).toBe(200);
    const text = await own.text();
    expect(JSON.parse(text)).toEqual({
      exchangeId: declaration,
      owner: 'pga-wildlife',
      lane: 'yellow',
      hits: [{ profile: 'wildlife-secret-profile', lane: 'yellow', item: 0, instruction: 'WILDLIFE-SECRET-INSTRUCTION' }],
      alsoSelectedBy: ['customs'],
    });
    expect(text).not.toMatch(/CUSTOMS-SECRET|customs-secret|model-v-secret/);
    expect((await get(`/v1/exchanges/${declaration}/documents/risk-decision-customs`, 'pga-wildlife')).status).toBe(404);
    expect((await get(`/v1/exchanges/${declaration}/documents/risk-decision-pga-wildlife`, 'pga-food')).status).toBe(404);

    const customs = JSON.parse(await (await get(`/v1/exchanges/${declaration}/documents/risk-decision-customs`, 'customs')).text()) as {
      alsoSelectedBy: string[];
    };
    expect(customs.alsoSelectedBy).toEqual(['pga-wildlife']);
    // Customs reads every agency's decision.
    expect((await get(`/v1/exchanges/${declaration}/documents/risk-decision-pga-wildlife`, 'customs')).status).toBe(200);
  });

  it("targets a platform's consignment with the platform as a fact", async () => {
    const res = await fetch(`${t.url}/v1/consignments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...key('platform-demo') },
      body: readFileSync('mappings/consignment-to-declaration/examples/parcel-two-items.input.json'),
    });
    expect(res.status).toBe(202);
    const { exchangeId } = (await res.json()) as { exchangeId: string };
    const decision = await json<{ lane: string; hits: Array<{ owner: string }> }>(`/v1/exchanges/${exchangeId}/risk`, 'customs');
    // Two goods items, each selected by customs; the wildlife profile skips what a platform lodged.
    expect(decision).toMatchObject({ lane: 'red', hits: [{ owner: 'customs' }, { owner: 'customs' }] });
    expect((await json<Exchange>(`/v1/exchanges/${exchangeId}`, 'platform-demo')).control).toEqual({ lane: 'red' });
  });
});
