import { describe, expect, it } from 'vitest';
import type { RiskTables } from '../../../src/risk/tables.js';
import { tablesOf } from '../../../src/store/db.js';
import { newId } from '../../../src/store/exchanges.js';
import { writeInBatch } from '../../../src/store/write-batches.js';
import { writeProfileHits } from '../../../src/risk/profiles/store.js';
import { useTestGateway } from '../../support/gateway.js';

const example = {
  id: 'phones-xc',
  description: 'phones far below their usual price',
  when: {
    all: [
      { fact: 'origin', in: ['XC'] },
      { fact: 'commodity', startsWith: '8517' },
      { fact: 'unitValuePerKg', below: 40 },
    ],
  },
  lane: 'red',
  instruction: 'weigh and count; compare with the invoice',
};

/** What the routes answer, as far as the tests read it. */
interface Answer {
  items: Array<{ id: string }>;
  nextCursor?: string;
  findings: Array<{ code: string }>;
  version: number;
  stats: unknown;
  versions: unknown[];
}
const json = async (response: Response | Promise<Response>) => (await (await response).json()) as Answer;

describe('/v1/risk/profiles', () => {
  const gw = useTestGateway();
  const call = (who: string, method: string, path: string, body?: unknown, type = 'application/json') =>
    fetch(`${gw.t.url}/v1/risk/profiles${path}`, {
      method,
      headers: { authorization: `Bearer sandbox-${who}`, ...(body !== undefined ? { 'content-type': type } : {}) },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
  const versionCount = async () =>
    Number(
      (
        await gw.t.gateway.store.db
          .selectFrom('risk_profile_versions' as never)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('loads the sandbox folder at start: the owners see their YAML profiles', async () => {
    const customs = await json(call('customs', 'GET', ''));
    expect(customs.items.map((p) => p.id)).toEqual(['near-a-discrepancy', 'new-importer-high-value', 'phones-undervalued', 'random-control-group']);
    expect(customs.items[2]).toMatchObject({ owner: 'customs', source: 'folder', version: 1, lane: 'red' });
    const plant = await json(call('pga-plant', 'GET', ''));
    expect(plant.items.map((p) => p.id)).toEqual(['plants-chapter-06-xa']);
  });

  it('refuses anyone but customs and PGAs with 403 whatever the body, before reading it', async () => {
    const before = await versionCount();
    for (const who of ['trader-demo', 'platform-demo', 'post-demo', 'partner-xb']) {
      for (const [method, path, body] of [
        ['POST', '', example],
        ['POST', '', 'x'.repeat(8 * 1024 * 1024)],
        ['POST', '', '{not json'],
        ['GET', '', undefined],
        ['GET', '/phones-undervalued', undefined],
        ['PUT', '/phones-undervalued', example],
        ['DELETE', '/phones-undervalued', undefined],
      ] as const) {
        const answer = await call(who, method, path, body);
        expect(answer.status, `${who} ${method} ${path}`).toBe(403);
        expect((await json(answer)).findings[0]?.code).toBe('risk-profile.forbidden');
      }
    }
    expect((await call('nobody', 'GET', '')).status).toBe(401);
    expect(await versionCount()).toBe(before);
  });

  it('creates (201), answers with stats and versions, changes (a new version) and deletes, each owner its own only', async () => {
    const created = await call('customs', 'POST', '', example);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/v1/risk/profiles/phones-xc');
    expect(await json(created)).toMatchObject({ ...example, owner: 'customs', version: 1, source: 'api' });
    expect((await call('customs', 'POST', '', example)).status).toBe(409);

    const got = await json(call('customs', 'GET', '/phones-xc'));
    expect(got).toMatchObject({ ...example, stats: { hits: 0, controlled: 0, discrepancies: 0, revenue: 0, hitRate: null } });
    expect(got.versions).toEqual([expect.objectContaining({ version: 1, changedBy: 'customs', source: 'api', deleted: false })]);

    // Another owner: the profile is not there for it (404, as for an id nobody has), and it cannot change it.
    for (const [method, body] of [['GET'], ['PUT', example], ['DELETE']] as const) {
      const answer = await call('pga-plant', method, '/phones-xc', body);
      expect(answer.status, method).toBe(404);
      expect((await json(answer)).findings[0]?.code).toBe('risk-profile.not-found');
    }
    expect((await json(call('customs', 'GET', '/phones-xc'))).version).toBe(1);

    const changed = await call('customs', 'PUT', '/phones-xc', { ...example, lane: 'yellow' });
    expect(changed.status).toBe(200);
    expect(await json(changed)).toMatchObject({ lane: 'yellow', version: 2 });
    expect((await json(call('customs', 'PUT', '/phones-xc', { ...example, lane: 'yellow' }))).version).toBe(2); // unchanged: no version
    const renamed = await call('customs', 'PUT', '/phones-xc', { ...example, id: 'other' });
    expect(renamed.status).toBe(400);
    expect((await json(renamed)).findings[0]?.code).toBe('risk-profile.id');
    expect((await call('customs', 'PUT', '/nobody-has-this', { ...example, id: 'nobody-has-this' })).status).toBe(404);

    expect((await call('customs', 'DELETE', '/phones-xc')).status).toBe(204);
    expect((await call('customs', 'GET', '/phones-xc')).status).toBe(404);
    expect((await call('customs', 'DELETE', '/phones-xc')).status).toBe(404);
  });

  it('refuses a bad profile with 400 problem+json naming the fact, operator or lane, and stores nothing', async () => {
    const before = await versionCount();
    const cases: Array<[unknown, string, string]> = [
      [{ ...example, when: { fact: 'colour', equals: 'red' } }, 'risk-profile.fact', '"colour"'],
      [{ ...example, when: { fact: 'origin', like: 'X%' } }, 'risk-profile.operator', '"like"'],
      [{ ...example, lane: 'purple' }, 'risk-profile.lane', '"purple"'],
      [{ ...example, when: { fact: 'origin', below: 4 } }, 'risk-profile.type', 'origin'],
      // As text: 5,000 levels reach the gateway's parser, not the test's JSON.stringify.
      [`{"id":"deep","lane":"red","when":${'{"not":'.repeat(5000)}{"fact":"origin","equals":"XA"}${'}'.repeat(5001)}`, 'risk-profile.depth', '16'],
      [{ ...example, when: { fact: 'importer', in: Array.from({ length: 10_001 }, (_, i) => `GB${i}`) } }, 'risk-profile.list-length', '10000'],
      [{ ...example, id: '../../etc' }, 'risk-profile.shape', '/id'],
      [{ ...example, sampleRate: 0 }, 'risk-profile.shape', '/sampleRate'],
      [{ ...example, owner: 'pga-plant' }, 'risk-profile.shape', '"owner"'],
      [[example], 'risk-profile.shape', 'object'],
    ];
    for (const [body, code, named] of cases) {
      const answer = await call('pga-food', 'POST', '', body);
      expect(answer.status, code).toBe(400);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      const problem = await json(answer);
      expect(problem.findings.map((f: { code: string }) => f.code)).toContain(code);
      expect(JSON.stringify(problem.findings)).toContain(named.replaceAll('"', '\\"'));
    }
    const tooLarge = await call('pga-food', 'POST', '', { ...example, description: 'x'.repeat(4 * 1024 * 1024) });
    expect(tooLarge.status).toBe(413);
    expect((await call('pga-food', 'POST', '', 'id=x', 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await call('pga-food', 'POST', '', '{"id":')).status).toBe(400);
    expect((await call('pga-food', 'POST', '', '{"__proto__":{"lane":"red"}}')).status).toBe(400);
    expect((await call('pga-food', 'GET', '/Bad_Id')).status).toBe(400);
    expect(await versionCount()).toBe(before);
    expect((await json(call('pga-food', 'GET', ''))).items.map((p) => p.id)).toEqual(['spices-aflatoxin']);
  });

  it('lists a page at a time', async () => {
    for (const id of ['p-1', 'p-2', 'p-3']) expect((await call('pga-health', 'POST', '', { ...example, id })).status).toBe(201);
    const first = await json(call('pga-health', 'GET', '?limit=2'));
    expect(first.items.map((p) => p.id)).toEqual(['p-1', 'p-2']);
    const second = await json(call('pga-health', 'GET', `?limit=2&cursor=${first.nextCursor}`));
    expect(second).toEqual({ items: [expect.objectContaining({ id: 'p-3' })] });
    expect((await call('pga-health', 'GET', '?limit=501')).status).toBe(400);
  });

  it('answers stats current as soon as a control result is stored', async () => {
    expect((await call('pga-wildlife', 'POST', '', { ...example, id: 'ivory' })).status).toBe(201);
    const store = gw.t.gateway.store;
    const exchanges = [newId(), newId()];
    await writeInBatch(store, async (transaction) => {
      for (const id of exchanges) await writeProfileHits(transaction, id, [{ profile: 'ivory', version: 1, owner: 'pga-wildlife', lane: 'red', item: 0 }]);
    });
    const stats = async () => (await json(call('pga-wildlife', 'GET', '/ivory'))).stats;
    expect(await stats()).toEqual({ hits: 2, controlled: 0, discrepancies: 0, revenue: 0, hitRate: null });
    await tablesOf<RiskTables>(store.db)
      .insertInto('control_results')
      .values({
        id: newId(),
        exchange_id: exchanges[0] as string,
        controller: 'pga-wildlife',
        outcome: 'discrepancy',
        findings: '[]',
        revenue: 250,
        seized: 1,
        recorded_at: new Date().toISOString(),
      })
      .execute();
    expect(await stats()).toEqual({ hits: 2, controlled: 1, discrepancies: 1, revenue: 250, hitRate: 1 });
  });
});
