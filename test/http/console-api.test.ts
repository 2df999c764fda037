import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sample, startTestGateway, type TestGateway, waitFor } from '../support/gateway.js';

/**
 * The API the operator console uses (issue 19), over HTTP with the sandbox participants: customs
 * is the operator, trader-demo a trader holding a valid key, trying what it should not.
 */
const key = (participant: string) => ({ authorization: `Bearer sandbox-${participant}` });
const DECLARATION = sample('import/TT_IM036a__TT_IM036a.xml');
const LRN = '78494316TTBI';

describe('the console API', () => {
  let t: TestGateway;
  let failed: string;
  let accepted: string;

  const get = (path: string, participant: string) => fetch(`${t.url}${path}`, { headers: key(participant) });
  const json = async <T>(path: string, participant: string) => (await (await get(path, participant)).json()) as T;
  const post = (path: string, participant: string, body: string | Buffer, type = 'application/json', headers: Record<string, string> = {}) =>
    fetch(`${t.url}${path}`, { method: 'POST', headers: { ...key(participant), 'content-type': type, ...headers }, body });

  beforeAll(async () => {
    t = await startTestGateway('sqlite');
    const res = await post('/v1/declarations', 'trader-demo', DECLARATION, 'application/xml', { 'x-sandbox-scenario': 'fail-always' });
    expect(res.status).toBe(202);
    failed = ((await res.json()) as { exchangeId: string }).exchangeId;
    const ok = await post('/v1/declarations', 'trader-demo', DECLARATION, 'application/xml', { 'idempotency-key': 'accepted-one' });
    accepted = ((await ok.json()) as { exchangeId: string }).exchangeId;
    for (const [id, status] of [
      [failed, 'failed'],
      [accepted, 'delivered'],
    ])
      await waitFor(
        () => json<{ status: string }>(`/v1/exchanges/${id}`, 'trader-demo'),
        (e) => e.status === status,
        25_000,
      );
  }, 60_000);
  afterAll(async () => t?.stop());

  describe('exchange search', () => {
    it('finds the exchange by its LRN, with its reference, for its sender and operators only', async () => {
      for (const who of ['trader-demo', 'customs']) {
        const { items } = await json<{ items: Array<Record<string, unknown>> }>(`/v1/exchanges?q=${LRN}`, who);
        // Both lodged the same declaration: newest first.
        expect(items.map((i) => i.exchangeId)).toEqual([accepted, failed]);
        expect(items[1]).toMatchObject({ reference: LRN, status: 'failed' });
      }
      // A destination finds what it receives by the exchange id, never by the sender's references.
      expect((await json<{ items: unknown[] }>(`/v1/exchanges?q=${LRN}`, 'pga-wildlife')).items).toEqual([]);
      expect((await json<{ items: unknown[] }>(`/v1/exchanges?q=${failed}`, 'pga-wildlife')).items).toHaveLength(1);
      expect((await json<{ items: unknown[] }>(`/v1/exchanges?q=${LRN}`, 'platform-demo')).items).toEqual([]);
      const byStatus = await json<{ items: Array<{ exchangeId: string }> }>('/v1/exchanges?status=failed&destination=pga-wildlife', 'customs');
      expect(byStatus.items.map((i) => i.exchangeId)).toContain(failed);
    });

    it('refuses hostile parameters with problem+json', async () => {
      for (const query of [
        `q=${'x'.repeat(10_000)}`,
        'from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z',
        'status=exploded',
        'cursor=not-a-cursor',
        'limit=0',
        'limit=501',
        'from=yesterday',
        'colour=red',
      ]) {
        const res = await get(`/v1/exchanges?${query}`, 'customs');
        expect(res.status, query).toBe(400);
        expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      }
    });

    it('refuses a leap second, which Date cannot hold, 400 naming the parameter', async () => {
      for (const name of ['from', 'to', 'since']) {
        const res = await get(`/v1/exchanges?${name}=2016-12-31T23:59:60Z`, 'customs');
        expect(res.status, name).toBe(400);
        const problem = (await res.json()) as { findings: Array<{ path: string }> };
        expect(problem.findings.map((f) => f.path)).toContain(`/${name}`);
      }
      for (const path of [
        '/v1/analytics/trends?from=2016-02-30',
        '/v1/analytics/misclassifications?from=2016-02-30',
        '/v1/analytics/time-release?from=2016-02-30',
      ])
        expect((await get(path, 'customs')).status, path).not.toBe(500);
    });
  });

  describe('deliveries', () => {
    it('is for operators: a trader gets 403 on every route, before the body is read', async () => {
      expect((await get('/v1/deliveries', 'trader-demo')).status).toBe(403);
      expect((await get('/v1/deliveries/summary', 'trader-demo')).status).toBe(403);
      const retry = await post('/v1/deliveries/retry', 'trader-demo', '{not even json');
      expect(retry.status).toBe(403);
    });

    it('lists failed deliveries, page by page, and summarises them with the queue depths', async () => {
      const { deliveries } = await json<{ deliveries: Array<Record<string, unknown>> }>('/v1/deliveries?status=failed', 'customs');
      const mine = deliveries.filter((d) => d.exchangeId === failed);
      expect(mine.map((d) => d.destination).sort()).toEqual(['customs', 'pga-wildlife']);
      expect(mine[0]).toMatchObject({
        status: 'failed',
        attempts: 4,
        agreement: expect.any(String),
        lastError: expect.any(String),
        receivedAt: expect.any(String),
      });

      const first = await json<{ deliveries: Array<{ destination: string }>; nextCursor: string }>('/v1/deliveries?status=failed&limit=1', 'customs');
      expect(first.deliveries).toHaveLength(1);
      const second = await json<{ deliveries: Array<{ destination: string }> }>(
        `/v1/deliveries?status=failed&limit=1&cursor=${encodeURIComponent(first.nextCursor)}`,
        'customs',
      );
      expect(second.deliveries).toHaveLength(1);
      expect(second.deliveries[0]?.destination).not.toBe(first.deliveries[0]?.destination);

      const { destinations } = await json<{ destinations: Array<{ destination: string; counts: Record<string, number>; queue: Record<string, number> }> }>(
        '/v1/deliveries/summary',
        'customs',
      );
      const customs = destinations.find((d) => d.destination === 'customs');
      expect(customs?.counts.failed).toBeGreaterThanOrEqual(1);
      expect(customs?.queue).toEqual({ waiting: expect.any(Number), active: expect.any(Number), delayed: expect.any(Number), failed: expect.any(Number) });
    });

    it('refuses unknown statuses, bad cursors and limits out of range', async () => {
      for (const query of ['status=failed,exploded', 'cursor=%%%', `cursor=${Buffer.from('["a"]').toString('base64url')}`, 'limit=501', 'limit=0']) {
        const res = await get(`/v1/deliveries?${query}`, 'customs');
        expect(res.status, query).toBe(400);
      }
    });

    it('re-queues a selection, saying for each what became of it, and refuses 501 at once', async () => {
      const body = (items: Array<{ exchangeId: string; destination: string }>) => JSON.stringify({ deliveries: items });
      const res = await post(
        '/v1/deliveries/retry',
        'customs',
        body([
          { exchangeId: failed, destination: 'customs' },
          { exchangeId: failed, destination: 'customs' },
          { exchangeId: failed, destination: 'pga-food' },
        ]),
      );
      expect(res.status).toBe(200);
      expect(((await res.json()) as { results: Array<{ outcome: string }> }).results.map((r) => r.outcome)).toEqual(['requeued', 'not-failed', 'not-found']);
      const many = Array.from({ length: 501 }, () => ({ exchangeId: failed, destination: 'customs' }));
      expect((await post('/v1/deliveries/retry', 'customs', body(many))).status).toBe(400);
      expect((await post('/v1/deliveries/retry', 'customs', body([]))).status).toBe(400);
      expect((await post('/v1/deliveries/retry', 'customs', body([{ exchangeId: '../../etc', destination: 'customs' }]))).status).toBe(400);
    });
  });

  describe('participants and agreements', () => {
    it('shows operators every participant with its certificates, and no secret', async () => {
      expect((await get('/v1/participants', 'trader-demo')).status).toBe(403);
      expect((await get('/v1/participants/customs', 'trader-demo')).status).toBe(403);
      const res = await get('/v1/participants', 'customs');
      const text = await res.text();
      expect(res.status).toBe(200);
      expect(text).not.toMatch(/PRIVATE KEY|apiKeySha256|secret/i);
      const { participants, gateway } = JSON.parse(text) as {
        participants: Array<{ id: string; agreements: string[]; transports: string[]; endpoint: string | null; certificates: Array<Record<string, unknown>> }>;
        gateway: { certificates: unknown[] };
      };
      const wildlife = participants.find((p) => p.id === 'pga-wildlife');
      expect(wildlife).toMatchObject({ endpoint: 'sandbox', transports: ['swgate'], agreements: ['cites'] });
      expect(wildlife?.certificates.map((c) => c.usage).sort()).toEqual(['signing', 'signing', 'trust-anchor']);
      expect(wildlife?.certificates[0]).toMatchObject({
        fingerprint256: expect.stringMatching(/^[0-9a-f]{64}$/),
        flags: [],
        expiresInDays: expect.any(Number),
      });
      expect(gateway.certificates).toHaveLength(2);
      expect(await json<{ id: string }>('/v1/participants/pga-wildlife', 'customs')).toEqual(wildlife);
      expect((await get('/v1/participants/nobody', 'customs')).status).toBe(404);
      // An id past the router's limit on a path parameter (100 characters) is 414.
      expect((await get(`/v1/participants/${'x'.repeat(500)}`, 'customs')).status).toBe(414);
    });

    it('shows operators every agreement with its transport and delivery policy, others what they may send', async () => {
      const all = await json<{ items: Array<Record<string, unknown>> }>('/v1/agreements', 'customs');
      const mine = await json<{ items: Array<Record<string, unknown>> }>('/v1/agreements', 'trader-demo');
      expect(all.items.length).toBeGreaterThan(mine.items.length);
      expect(all.items[0]).toMatchObject({ transport: 'swgate', delivery: { retry: expect.any(String), receiptTimeoutMs: expect.any(Number) } });
      expect(mine.items[0]).not.toHaveProperty('transport');
    });
  });

  describe('time release', () => {
    interface Row {
      destination: string;
      day: string;
      count: number;
      lodgedToDelivered: { median: number | null; p90: number | null };
      lodgedToFinal: { median: number | null; p90: number | null };
      rejectedShare: number;
      failedShare: number;
    }

    it('gives each destination-day its figures from the timelines, as JSON and as CSV, and the same in /metrics', async () => {
      // The retry test may have re-queued one of the failed deliveries: wait until every delivery has its final word again.
      await waitFor(
        () => json<{ deliveries: unknown[] }>('/v1/deliveries?status=queued,in-flight,retrying,delivered', 'customs'),
        (d) => d.deliveries.length === 0,
        25_000,
      );
      const today = new Date().toISOString().slice(0, 10);
      const body = await json<{ from: string; to: string; rows: Row[] }>('/v1/analytics/time-release', 'customs');
      expect(body.to).toBe(today);
      expect(Date.parse(body.to) - Date.parse(body.from)).toBe(29 * 86_400_000);
      // Two exchanges lodged today (and whatever other tests lodged), each delivered to customs and pga-wildlife.
      const customs = body.rows.find((r) => r.destination === 'customs' && r.day === today) as Row;
      const exchanges = await json<{ items: Array<{ exchangeId: string; status: string }> }>('/v1/exchanges?limit=500&kind=declaration', 'customs');
      expect(customs.count).toBe(exchanges.items.length);
      const failedCount = exchanges.items.filter((e) => e.status === 'failed').length;
      expect(customs.failedShare).toBeCloseTo(failedCount / exchanges.items.length, 4);
      expect(customs.lodgedToDelivered.median).toBeGreaterThan(0);
      expect(customs.lodgedToFinal.p90).toBeGreaterThanOrEqual(customs.lodgedToFinal.median as number);

      const csv = await fetch(`${t.url}/v1/analytics/time-release?destination=customs`, { headers: { ...key('customs'), accept: 'text/csv' } });
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      const [header, ...lines] = (await csv.text()).trim().split('\r\n');
      expect(header).toBe(
        'destination,day,count,lodgedToDeliveredMedianSeconds,lodgedToDeliveredP90Seconds,lodgedToFinalMedianSeconds,lodgedToFinalP90Seconds,rejectedShare,failedShare',
      );
      expect(lines).toEqual([
        [
          'customs',
          today,
          customs.count,
          customs.lodgedToDelivered.median,
          customs.lodgedToDelivered.p90,
          customs.lodgedToFinal.median,
          customs.lodgedToFinal.p90,
          customs.rejectedShare,
          customs.failedShare,
        ].join(','),
      ]);

      const metrics = await (await get('/metrics', 'customs')).text();
      const finalCount = Number(/swgate_time_release_lodged_to_final_seconds_count\{destination="customs"\} (\d+)/.exec(metrics)?.[1]);
      expect(finalCount).toBeGreaterThanOrEqual(customs.count);
      expect(metrics).toMatch(/swgate_time_release_lodged_to_delivered_seconds_bucket\{destination="customs",le="\+Inf"\} [1-9]/);
    });

    it('is for operators, and refuses ranges it cannot answer', async () => {
      expect((await get('/v1/analytics/time-release', 'trader-demo')).status).toBe(403);
      expect((await get('/v1/analytics/time-release', 'pga-wildlife')).status).toBe(403);
      for (const query of ['from=2026-12-02&to=2026-12-01', 'from=2025-01-01&to=2026-01-02', 'from=2026-02-30', 'to=tomorrow', 'destination=', 'colour=red']) {
        const res = await get(`/v1/analytics/time-release?${query}`, 'customs');
        expect(res.status, query).toBe(400);
      }
      expect((await get('/v1/analytics/time-release?from=2025-01-01&to=2026-01-01', 'customs')).status).toBe(200);
    });
  });

  describe('e-LPCO registry list', () => {
    it('lists what each caller may read, with status and remaining quantities, and refuses hostile parameters', async () => {
      const phyto = readFileSync('src/sandbox/examples/lpco-phyto.json');
      const lodged = await post('/v1/lpcos', 'pga-plant', phyto);
      expect(lodged.status).toBe(202);
      const { lpcoId } = (await lodged.json()) as { lpcoId: string };
      type Listed = { lpcos: Array<{ id: string; status: string; lines: Array<{ remaining?: string }> }>; nextCursor?: string };
      for (const who of ['pga-plant', 'customs', 'trader-demo']) {
        const { lpcos } = await json<Listed>('/v1/lpcos?documentCode=N851', who);
        expect(
          lpcos.map((l) => l.id),
          who,
        ).toContain(lpcoId);
        expect(lpcos.find((l) => l.id === lpcoId)).toMatchObject({ status: 'issued', lines: [{ remaining: '250.000' }] });
      }
      // Neither its issuer nor acting for its holder: it is not there for them.
      for (const who of ['pga-food', 'platform-demo']) expect((await json<Listed>('/v1/lpcos', who)).lpcos, who).toEqual([]);
      expect((await json<Listed>('/v1/lpcos?holder=XI553202734852&status=issued', 'customs')).lpcos.map((l) => l.id)).toContain(lpcoId);
      expect((await json<Listed>('/v1/lpcos?status=revoked', 'customs')).lpcos).toEqual([]);
      for (const query of ['status=exploded', 'cursor=zzz', 'limit=501', `holder=${'x'.repeat(10_000)}`, 'documentCode=../x']) {
        expect((await get(`/v1/lpcos?${query}`, 'customs')).status, query.slice(0, 40)).toBe(400);
      }
    });
  });

  describe('log', () => {
    it('lists the published checkpoints, so the console can check two of them for consistency', async () => {
      type Checkpoint = { treeSize: number; rootHash: string };
      // A receipt is given against a checkpoint covering its entries: asking for two, with entries between them, publishes two.
      await get(`/v1/exchanges/${accepted}/provenance`, 'trader-demo');
      const lodged = await post('/v1/declarations', 'trader-demo', DECLARATION, 'application/xml', { 'idempotency-key': 'for-the-log' });
      const { exchangeId } = (await lodged.json()) as { exchangeId: string };
      // Delivered, and its last records logged: nothing more is appended behind the tests that follow.
      await waitFor(
        () => json<{ entries: unknown[] }>(`/v1/exchanges/${exchangeId}/provenance`, 'trader-demo'),
        (r) => r.entries?.length >= 8,
        25_000,
      );
      const all = await json<{ checkpoints: Checkpoint[] }>('/v1/log/checkpoints', 'trader-demo');
      expect(all.checkpoints.length).toBeGreaterThanOrEqual(2);
      const sizes = all.checkpoints.map((c) => c.treeSize);
      expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
      const page = await json<{ checkpoints: Checkpoint[]; nextCursor?: string }>('/v1/log/checkpoints?limit=1', 'trader-demo');
      expect(page.checkpoints).toEqual(all.checkpoints.slice(0, 1));
      const next = await json<{ checkpoints: Checkpoint[] }>(`/v1/log/checkpoints?limit=1&cursor=${page.nextCursor}`, 'trader-demo');
      expect(next.checkpoints).toEqual(all.checkpoints.slice(1, 2));
      const [newer, older] = all.checkpoints as [Checkpoint, Checkpoint];
      expect((await get(`/v1/log/proofs/consistency?from=${older.treeSize}&to=${newer.treeSize}`, 'trader-demo')).status).toBe(200);
      for (const query of ['cursor=-1', 'cursor=abc', 'limit=0', 'limit=501'])
        expect((await get(`/v1/log/checkpoints?${query}`, 'trader-demo')).status, query).toBe(400);
    });
  });

  describe('try routing', () => {
    const counts = async () => ({
      exchanges: await t.exchangeCount(),
      leaves: await t.rowCount('provenance_leaves'),
      reservations: await t.rowCount('lpco_reservations'),
      jobs: await t.jobCount(),
    });

    it('says where a declaration would go and why, storing nothing', async () => {
      const before = await counts();
      const res = await post('/v1/routing/try?kind=declaration', 'trader-demo', DECLARATION, 'application/xml');
      expect(res.status).toBe(200);
      const tried = (await res.json()) as {
        format: string;
        deliveries: Array<{ destination: string; agreement: string; because: string[] }>;
        notMatched: Array<{ agreement: string; because: string[] }>;
      };
      expect(tried.format).toBe('wco-xml');
      expect(tried.deliveries.map((d) => d.destination)).toEqual(['customs', 'pga-wildlife']);
      expect(tried.deliveries.find((d) => d.destination === 'pga-wildlife')?.because.join(' ')).toMatch(/citedDocumentCodes .* matched/);
      expect(tried.notMatched.find((n) => n.agreement === 'plant-health')?.because.join(' ')).toMatch(/hsChapters wants/);
      expect(await counts()).toEqual(before);
    });

    it('explains to a trader only the agreements GET /v1/agreements shows it, without transport; operators see all', async () => {
      type Tried = { deliveries: Array<Record<string, unknown>>; notMatched: Array<{ agreement: string }> };
      const shown = (await json<{ items: Array<{ id: string }> }>('/v1/agreements', 'trader-demo')).items.map((a) => a.id);
      const every = (await json<{ items: Array<{ id: string }> }>('/v1/agreements', 'customs')).items.map((a) => a.id);
      expect(every).toContain('lpcos-to-customs');
      expect(shown).not.toContain('lpcos-to-customs');
      const asTrader = (await (await post('/v1/routing/try?kind=declaration', 'trader-demo', DECLARATION, 'application/xml')).json()) as Tried;
      const explained = [...asTrader.deliveries.map((d) => d.agreement as string), ...asTrader.notMatched.map((n) => n.agreement)];
      expect(explained.length).toBeGreaterThan(0);
      for (const id of explained) expect(shown, id).toContain(id);
      for (const delivery of asTrader.deliveries) expect(delivery).not.toHaveProperty('transport');
      const res = await post('/v1/routing/try?kind=declaration&sender=trader-demo', 'customs', DECLARATION, 'application/xml');
      const asOperator = (await res.json()) as Tried;
      expect(asOperator.notMatched.map((n) => n.agreement)).toContain('lpcos-to-customs');
      for (const delivery of asOperator.deliveries) expect(typeof delivery.transport).toBe('string');
    });

    it('refuses what lodging refuses, and a trader asking as someone else', async () => {
      const before = await counts();
      const tryIt = (query: string, body: string | Buffer, type = 'application/xml', who = 'trader-demo') => post(`/v1/routing/try?${query}`, who, body, type);
      expect((await tryIt('kind=declaration', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')).status).toBe(400);
      expect((await tryIt('kind=declaration', Buffer.alloc(11 * 1024 * 1024, 'a'))).status).toBe(413);
      expect((await tryIt('kind=declaration&sender=customs', DECLARATION)).status).toBe(403);
      expect((await tryIt('kind=lpco', DECLARATION)).status).toBe(403);
      expect((await tryIt('kind=consignment', DECLARATION)).status).toBe(415);
      expect((await tryIt('kind=exploded', DECLARATION)).status).toBe(400);
      expect((await tryIt('kind=declaration', '<Declaration/>')).status).toBe(422);
      // An operator may try it as the trader would send it; as nobody, 404.
      expect((await tryIt('kind=declaration&sender=trader-demo', DECLARATION, 'application/xml', 'customs')).status).toBe(200);
      expect((await tryIt('kind=declaration&sender=nobody', DECLARATION, 'application/xml', 'customs')).status).toBe(404);
      expect(await counts()).toEqual(before);
    });
  });
});
