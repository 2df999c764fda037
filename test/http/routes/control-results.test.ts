import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sample, startTestGateway, type TestGateway } from '../../support/gateway.js';
import { databaseKinds } from '../../support/databases.js';

const bearer = (participant: string) => ({ authorization: `Bearer sandbox-${participant}` });

interface Problem {
  status: number;
  findings: Array<{ code: string; path: string }>;
}

describe.each(await databaseKinds())('control results on an exchange (%s)', (kind) => {
  let t: TestGateway;
  let exchangeId: string;
  let lpcoExchangeId: string;
  beforeAll(async () => {
    t = await startTestGateway(kind);
    // Cites a CITES permit: routed to customs and to the wildlife authority.
    const lodged = await fetch(`${t.url}/v1/declarations`, {
      method: 'POST',
      headers: { ...bearer('trader-demo'), 'content-type': 'application/xml' },
      body: sample('import/TT_IM036a__TT_IM036a.xml'),
    });
    expect(lodged.status).toBe(202);
    exchangeId = ((await lodged.json()) as { exchangeId: string }).exchangeId;
    const lpco = await fetch(`${t.url}/v1/lpcos`, {
      method: 'POST',
      headers: { ...bearer('pga-plant'), 'content-type': 'application/json' },
      body: JSON.stringify((await import('../../../src/sandbox/examples/lpco-phyto.json', { with: { type: 'json' } })).default),
    });
    expect(lpco.status).toBe(202);
    lpcoExchangeId = ((await lpco.json()) as { exchangeId: string }).exchangeId;
  }, 60_000);
  afterAll(async () => t?.stop());

  const post = (participant: string, body: unknown, id = exchangeId, headers: Record<string, string> = {}) =>
    fetch(`${t.url}/v1/exchanges/${id}/control-results`, {
      method: 'POST',
      headers: { ...bearer(participant), 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const list = (participant: string, id = exchangeId) => fetch(`${t.url}/v1/exchanges/${id}/control-results`, { headers: bearer(participant) });
  const stored = () => Promise.all([t.rowCount('control_results'), t.recordsOfNoExchange()]);

  it('customs records a result: 201 with its id, stored and logged under the result id, not in the sender’s provenance', async () => {
    const res = await post('customs', { outcome: 'discrepancy', findings: [{ code: 'QTY', text: '400 found, 40 declared' }], revenue: 1250.5, seized: true });
    expect(res.status).toBe(201);
    const result = (await res.json()) as { id: string; exchangeId: string; controller: string; recordedAt: string; provenance: { leafIndex: number } };
    expect(result).toMatchObject({ exchangeId, controller: 'customs', outcome: 'discrepancy', revenue: 1250.5, seized: true });
    expect(result.id).toMatch(/^[0-9A-Z]{26}$/);
    expect(Date.parse(result.recordedAt)).not.toBeNaN();

    const entry = (await (await fetch(`${t.url}/v1/log/entries/${result.provenance.leafIndex}`, { headers: bearer('customs') })).json()) as {
      record: { exchangeId: string; event: string; agent: { participant: string }; used: Array<{ name: string }> };
    };
    expect(entry.record).toMatchObject({ exchangeId: result.id, event: 'controlled', agent: { participant: 'customs' }, used: [{ name: 'original' }] });

    const receipt = (await (await fetch(`${t.url}/v1/exchanges/${exchangeId}/provenance`, { headers: bearer('trader-demo') })).json()) as {
      entries: Array<{ record: { event: string } }>;
    };
    expect(receipt.entries.map((e) => e.record.event)).not.toContain('controlled');
    const senderView = await (await fetch(`${t.url}/v1/exchanges/${exchangeId}`, { headers: bearer('trader-demo') })).text();
    expect(senderView).not.toContain(result.id);
  });

  it('the PGA it was routed to records and reads its own results; customs reads every result', async () => {
    const res = await post('pga-wildlife', { outcome: 'compliant' });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ controller: 'pga-wildlife', outcome: 'compliant', findings: [], revenue: 0, seized: false });

    const own = (await (await list('pga-wildlife')).json()) as { items: Array<{ controller: string }> };
    expect(own.items.map((r) => r.controller)).toEqual(['pga-wildlife']);
    const all = (await (await list('customs')).json()) as { items: Array<{ controller: string }> };
    expect(all.items.map((r) => r.controller)).toEqual(['customs', 'pga-wildlife']);
  });

  it('refuses everyone else: 403 to the sender, who knows the exchange; 404 to those who do not, as for an unknown id', async () => {
    const before = await stored();
    const sender = await post('trader-demo', { outcome: 'compliant' });
    expect(sender.status).toBe(403);
    expect(((await sender.json()) as Problem).findings[0]?.code).toBe('control.not-a-controller');
    expect((await list('trader-demo')).status).toBe(403);
    for (const stranger of ['pga-plant', 'platform-demo', 'post-demo', 'partner-xb']) {
      const res = await post(stranger, { outcome: 'compliant' });
      expect(res.status, stranger).toBe(404);
      expect(((await res.json()) as Problem).findings[0]?.code).toBe('exchange.not-found');
      expect((await list(stranger)).status, stranger).toBe(404);
    }
    expect((await post('customs', { outcome: 'compliant' }, '01JAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect(await stored()).toEqual(before);
  });

  it('refuses a result on an e-LPCO: controls are of declared goods', async () => {
    const res = await post('customs', { outcome: 'compliant' }, lpcoExchangeId);
    expect(res.status).toBe(422);
    expect(((await res.json()) as Problem).findings[0]?.code).toBe('control.not-a-declaration');
  });

  it('refuses hostile bodies with a finding naming the field, and stores and logs nothing', async () => {
    const before = await stored();
    const manyFindings = Array.from({ length: 51 }, (_, i) => ({ code: `C${i}`, text: 'x' }));
    const cases: Array<[string, unknown, string]> = [
      ['no outcome', { revenue: 1 }, 'outcome'],
      ['unknown outcome', { outcome: 'seized-everything' }, 'outcome'],
      ['negative revenue', { outcome: 'discrepancy', revenue: -0.01 }, 'revenue'],
      ['absurd revenue', { outcome: 'discrepancy', revenue: 1e300 }, 'revenue'],
      ['revenue not a number', { outcome: 'discrepancy', revenue: 'lots' }, 'revenue'],
      ['seized not a boolean', { outcome: 'discrepancy', seized: 'perhaps' }, 'seized'],
      ['too many findings', { outcome: 'discrepancy', findings: manyFindings }, 'findings'],
      ['a finding too long', { outcome: 'discrepancy', findings: [{ code: 'X', text: 'x'.repeat(2001) }] }, 'findings'],
      ['a finding without text', { outcome: 'discrepancy', findings: [{ code: 'X' }] }, 'findings'],
      ['a finding code with markup', { outcome: 'discrepancy', findings: [{ code: '<script>', text: 'x' }] }, 'findings'],
      ['a field of its own', { outcome: 'compliant', lane: 'green' }, 'additional properties'],
      ['deep nesting', { outcome: 'compliant', findings: [{ code: 'X', text: 'x', more: JSON.parse('['.repeat(200) + ']'.repeat(200)) }] }, 'findings'],
    ];
    for (const [what, body, field] of cases) {
      const res = await post('customs', body);
      expect(res.status, what).toBe(400);
      expect(res.headers.get('content-type'), what).toMatch(/^application\/problem\+json/);
      expect(JSON.stringify(await res.json()), what).toContain(field);
    }
    expect((await post('customs', '{"outcome":')).status).toBe(400);
    expect(await stored()).toEqual(before);
  });

  it('takes an Idempotency-Key: a retried POST answers the same result and records nothing twice', async () => {
    const key = { 'idempotency-key': `retry-${kind}` };
    const first = await post('customs', { outcome: 'compliant' }, exchangeId, key);
    expect(first.status).toBe(201);
    const before = await stored();
    const again = await post('customs', { outcome: 'compliant' }, exchangeId, key);
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(await first.json());
    expect(await stored()).toEqual(before);
    expect((await post('customs', { outcome: 'discrepancy' }, exchangeId, key)).status).toBe(409);
    expect((await post('customs', { outcome: 'compliant' }, exchangeId, { 'idempotency-key': 'k'.repeat(201) })).status).toBe(400);
  });
});
