import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../support/databases.js';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';

const bearer = (participant: string) => ({ authorization: `Bearer sandbox-${participant}` });

describe.each(await databaseKinds())("customs' AEO register (%s)", (kind) => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway(kind);
  }, 60_000);
  afterAll(async () => t?.stop());

  const put = (participant: string, operatorId: string, body: unknown) =>
    fetch(`${t.url}/v1/aeo/authorisations/${encodeURIComponent(operatorId)}`, {
      method: 'PUT',
      headers: { ...bearer(participant), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const get = (participant: string, path: string) => fetch(`${t.url}/v1/aeo/authorisations${path}`, { headers: bearer(participant) });
  const versionsStored = () => Promise.all([t.rowCount('aeo_authorisation_versions'), t.recordsOfNoExchange()]);

  it('grants, suspends and revokes: each change a version, logged; the register lists the current word', async () => {
    const granted = await put('customs', 'XA000000000001', { status: 'granted', type: 'AEOF', validFrom: '2026-01-01' });
    expect(granted.status).toBe(200);
    const first = (await granted.json()) as { version: number; provenance: { leafIndex: number } };
    expect(first).toMatchObject({ operatorId: 'XA000000000001', authority: 'customs', version: 1, status: 'granted', changedBy: 'customs' });
    const entry = (await (await fetch(`${t.url}/v1/log/entries/${first.provenance.leafIndex}`, { headers: bearer('customs') })).json()) as {
      record: { event: string; agent: { participant: string } };
    };
    expect(entry.record).toMatchObject({ event: 'aeo-changed', agent: { participant: 'customs' } });

    expect((await put('customs', 'XA000000000001', { status: 'suspended', type: 'AEOF', validFrom: '2026-01-01' })).status).toBe(200);
    const same = (await (await put('customs', 'XA000000000001', { status: 'suspended', type: 'AEOF', validFrom: '2026-01-01' })).json()) as object;
    expect(same).toMatchObject({ version: 2 });
    expect(same).not.toHaveProperty('provenance');
    await put('customs', 'XA000000000002', { status: 'granted', type: 'AEOC', validFrom: '2025-06-01', validTo: '2028-05-31' });

    const one = (await (await get('customs', '/XA000000000001')).json()) as { current: { status: string }; history: Array<{ status: string }> };
    expect(one.current.status).toBe('suspended');
    expect(one.history.map((h) => h.status)).toEqual(['granted', 'suspended']);

    const page1 = (await (await get('customs', '?limit=1')).json()) as { items: Array<{ operatorId: string }>; nextCursor: string };
    expect(page1.items.map((i) => i.operatorId)).toEqual(['XA000000000001']);
    const page2 = (await (await get('customs', `?limit=1&cursor=${page1.nextCursor}`)).json()) as { items: Array<{ operatorId: string }> };
    expect(page2.items.map((i) => i.operatorId)).toEqual(['XA000000000002']);
    const suspended = (await (await get('customs', '?status=suspended')).json()) as { items: Array<{ operatorId: string }> };
    expect(suspended.items.map((i) => i.operatorId)).toEqual(['XA000000000001']);
    expect((await get('customs', '/XA999999999999')).status).toBe(404);
  });

  it('is customs’ alone: every other participant gets 403, whatever the body, and nothing is written', async () => {
    const before = await versionsStored();
    for (const participant of ['trader-demo', 'pga-plant', 'partner-xb', 'platform-demo']) {
      const res = await put(participant, 'XA000000000003', { status: 'granted', type: 'AEOF', validFrom: '2026-01-01' });
      expect(res.status, participant).toBe(403);
      expect(((await res.json()) as { findings: Array<{ code: string }> }).findings[0]?.code).toBe('aeo.not-customs');
      expect((await put(participant, 'XA000000000003', { nonsense: true })).status, participant).toBe(403);
      expect((await get(participant, '?limit=100000')).status, participant).toBe(403);
      expect((await get(participant, '/XA000000000001')).status, participant).toBe(403);
      expect((await get(participant, '')).status, participant).toBe(403);
    }
    expect(await versionsStored()).toEqual(before);
  });

  it('refuses hostile statements with a finding and writes nothing', async () => {
    const before = await versionsStored();
    const cases: Array<[string, string, unknown, number]> = [
      ['unknown status', 'XA000000000004', { status: 'blessed', type: 'AEOF', validFrom: '2026-01-01' }, 400],
      ['unknown type', 'XA000000000004', { status: 'granted', type: 'AEOX', validFrom: '2026-01-01' }, 400],
      ['a date that is not one', 'XA000000000004', { status: 'granted', type: 'AEOF', validFrom: '2026-13-01' }, 400],
      ['a date of the right shape that does not exist', 'XA000000000004', { status: 'granted', type: 'AEOF', validFrom: '2026-02-31' }, 400],
      ['a validTo that does not exist', 'XA000000000004', { status: 'granted', type: 'AEOF', validFrom: '2026-01-01', validTo: '2026-04-31' }, 400],
      ['ends before it starts', 'XA000000000004', { status: 'granted', type: 'AEOF', validFrom: '2026-06-01', validTo: '2026-05-31' }, 400],
      ['no validFrom', 'XA000000000004', { status: 'granted', type: 'AEOF' }, 400],
      ['extra field', 'XA000000000004', { status: 'granted', type: 'AEOF', validFrom: '2026-01-01', country: 'XA' }, 400],
      ['operator id too long', 'X'.repeat(36), { status: 'granted', type: 'AEOF', validFrom: '2026-01-01' }, 400],
      ['operator id with a space', 'XA 1', { status: 'granted', type: 'AEOF', validFrom: '2026-01-01' }, 400],
    ];
    for (const [what, operator, body, status] of cases) {
      const res = await put('customs', operator, body);
      expect(res.status, what).toBe(status);
      expect(res.headers.get('content-type'), what).toMatch(/^application\/problem\+json/);
    }
    expect((await get('customs', '?limit=501')).status).toBe(400);
    expect(await versionsStored()).toEqual(before);
  });
});
