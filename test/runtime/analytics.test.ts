import { sandboxConfigWith } from '../support/sandbox-config.js';
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainDescriptions } from '../../src/analytics/misclassifications.js';
import type { ItemFacts } from '../../src/risk/fact-names.js';
import { currentProfileSet } from '../../src/risk/profiles/current.js';
import type { ProfileSet } from '../../src/risk/vocabulary.js';
import type { AnalyticsService } from '../../src/runtime/analytics.js';
import { verifyWebhook } from '../../src/runtime/webhooks.js';
import type { Store } from '../../src/store/exchanges.js';
import { insertItems, insertTrade } from '../analytics/ring.js';
import { platformConsignment, postConsignment } from '../ecommerce/support.js';
import { sample, startTestGateway, type TestGateway, waitFor } from '../support/gateway.js';
import { appendSyntheticTrade } from '../support/trade.js';

const SECRET = 'customs-webhook-secret-0123';

/** The sandbox configuration with a webhook for customs, pointing at a server of the test. */
function configWithCustomsWebhook(url: string): string {
  return sandboxConfigWith((yaml) =>
    yaml.replace('  - id: customs\n    kind: customs\n', `  - id: customs\n    kind: customs\n    webhook: { url: "${url}", secret: "${SECRET}" }\n`),
  );
}

describe('the analytics store in the API process', () => {
  let t: TestGateway;
  let hooks: Server;
  const received: Array<{ body: string; headers: IncomingHttpHeaders }> = [];

  beforeAll(async () => {
    hooks = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ body, headers: req.headers });
        res.writeHead(204).end();
      });
    }).listen(0, '127.0.0.1');
    await once(hooks, 'listening');
    const { port } = hooks.address() as { port: number };
    t = await startTestGateway('sqlite', {
      SWGATE_CONFIG: configWithCustomsWebhook(`http://127.0.0.1:${port}/alerts`),
      SWGATE_ANALYTICS_SYNC_EVERY_MS: '60000',
    });
  });
  afterAll(async () => {
    await t?.stop();
    hooks?.close();
  });

  it('tells customs of a new alert once, by its signed webhook', async () => {
    const analytics = t.gateway.analytics as AnalyticsService;
    const connection = await analytics.instance.connect();
    // Twenty weeks of trade ending with a planted surge in the week before "now".
    await appendSyntheticTrade(connection, {
      seed: 5,
      start: '2026-01-05',
      weeks: 20,
      origins: ['VN'],
      commodities: ['851712'],
      perCellWeek: 20,
      breaks: [{ origin: 'VN', commodity: '851712', week: 19, weeks: 1, count: 4 }],
    });
    connection.closeSync();
    const now = new Date('2026-05-26T12:00:00Z');
    const fresh = await analytics.scanAlerts(now);
    expect(fresh).toBeGreaterThan(0);
    expect(await analytics.scanAlerts(now)).toBe(0);
    await waitFor(
      async () => received.length,
      (n) => n >= fresh,
    );
    const bodies = received.map((r) => JSON.parse(r.body) as { event: string; alert: Record<string, unknown> });
    expect(bodies).toContainEqual(
      expect.objectContaining({
        event: 'analytics.alert',
        alert: expect.objectContaining({ kind: 'count-surge', origin: 'VN', commodity: '851712', period: '2026-W21' }),
      }),
    );
    for (const hook of received)
      expect(verifyWebhook(SECRET, String(hook.headers['x-swgate-timestamp']), hook.body, String(hook.headers['x-swgate-signature']))).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(received.length).toBe(fresh);
  });

  it('holds the store within its limits, one thread and 512 MB by default, so a long query leaves the API a core', async () => {
    const analytics = t.gateway.analytics as AnalyticsService;
    const connection = await analytics.instance.connect();
    try {
      const [settings] = (
        await connection.runAndReadAll("SELECT current_setting('threads') AS threads, current_setting('memory_limit') AS memory")
      ).getRowObjectsJS();
      expect(settings).toEqual({ threads: 1n, memory: '488.2 MiB' });
    } finally {
      connection.closeSync();
    }
  });

  it('keeps another process off the store while the gateway holds it, saying why', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'swgate-export-')), 'parquet');
    const child = spawnSync(process.execPath, ['bin/swgate.js', 'analytics', 'export', '--out', out], {
      env: { ...process.env, SWGATE_DATA_DIR: t.gateway.config.dataDir },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.status).toBe(1);
    expect(child.stderr).toContain('is in use by another process (a running gateway?)');
  });
});

/**
 * The analytics facts through ingest (issues 25 and 26), with the sandbox's profiles (among them
 * customs' near-a-discrepancy) and one customs writes on link findings. IM036a is imported by
 * XI553202734852 (also its declarant), frames for spectacles (9003) from the US.
 */
const IMPORTER = 'XI553202734852';
const FRAMES = 'Frames and mountings used for spectacles, made of base metal';
const PHONES = 'mobile phone smartphone with charger';
const bearer = (participant: string) => ({ authorization: `Bearer sandbox-${participant}` });

describe('analytics findings as risk facts at ingest', () => {
  let t: TestGateway;
  /** The facts each exchange was judged on, as the profile set saw them. */
  const judged = new Map<string, readonly ItemFacts[]>();
  const analytics = () => t.gateway.analytics as AnalyticsService;
  const lodge = async (path: string, participant: string, body: string, contentType: string, url = t.url) => {
    const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': contentType, ...bearer(participant) }, body });
    const text = await res.text();
    expect(res.status, text).toBe(202);
    return (JSON.parse(text) as { exchangeId: string }).exchangeId;
  };
  const declare = (xml: string) => lodge('/v1/declarations', 'trader-demo', xml, 'application/xml');
  const risk = (id: string, participant = 'customs', url = t.url) => fetch(`${url}/v1/exchanges/${id}/risk`, { headers: bearer(participant) });
  const capturing = async (transaction: Store): Promise<ProfileSet> => {
    const set = await currentProfileSet(transaction);
    return {
      version: set.version,
      evaluate: (items, exchangeId, at) => {
        judged.set(exchangeId, items);
        return set.evaluate(items, exchangeId, at);
      },
    };
  };
  const im036a = () => sample('import/TT_IM036a__TT_IM036a.xml').toString('utf8');

  beforeAll(async () => {
    t = await startTestGateway(
      'sqlite',
      { SWGATE_ANALYTICS_SYNC_EVERY_MS: '60000' },
      {
        profiles: capturing,
      },
    );
    const connection = await analytics().instance.connect();
    // The ring: OFFENDER's declaration through DEC-RING had a discrepancy; the importer of IM036a lodged one through DEC-RING too.
    await insertItems(connection, [
      { declaration: 'R1', importer: 'OFFENDER', declarant: 'DEC-RING', outcome: 'discrepancy' },
      { declaration: 'R2', importer: IMPORTER, declarant: 'DEC-RING', outcome: 'compliant' },
    ]);
    // Frames come from CN; the US sent 1 % of the heading's value. Phones (8517) are labelled for the description model.
    await insertTrade(connection, [
      ...Array.from({ length: 20 }, (): [string, string, number, string] => ['CN', '90031900', 495, FRAMES]),
      ['US', '90031100', 100, FRAMES],
      ...Array.from({ length: 20 }, (_, i): [string, string, number, string] => ['VN', '85171300', 100 + i, PHONES]),
    ]);
    await trainDescriptions(connection, new Date());
    connection.closeSync();
    await analytics().refresh();
  }, 60_000);
  afterAll(async () => t?.stop());

  it('starts with a snapshot, and a process without the store has none', async () => {
    expect(analytics().facts()?.distances.get('DEC-RING')).toBe(0);
    const bare = await startTestGateway('sqlite', { SWGATE_ANALYTICS: 'false' }, { profiles: capturing });
    try {
      expect(bare.gateway.analytics).toBeUndefined();
      const id = await lodge('/v1/declarations', 'trader-demo', im036a(), 'application/xml', bare.url);
      expect(judged.get(id)?.[0]).toMatchObject({ originTypicality: null, discrepancyDistance: null, descriptionMismatch: null, linkFindings: null });
    } finally {
      await bare.stop();
    }
  }, 60_000);

  it("puts a declaration whose importer is one link from a discrepancy, from an atypical origin, in the sandbox profile's yellow", async () => {
    const id = await declare(im036a());
    expect(judged.get(id)?.[0]).toMatchObject({ discrepancyDistance: 1, descriptionMismatch: false, linkFindings: null });
    expect(judged.get(id)?.[0]?.originTypicality).toBeCloseTo(100 / (100 + 20 * 495), 10);
    const decision = (await (await risk(id)).json()) as { hits: Array<{ profile: string; lane: string }> };
    expect(decision.hits).toContainEqual(expect.objectContaining({ profile: 'near-a-discrepancy', lane: 'yellow' }));
    const exchange = await (await fetch(`${t.url}/v1/exchanges/${id}`, { headers: bearer('trader-demo') })).text();
    expect(exchange).not.toContain('near-a-discrepancy');
    expect((await risk(id, 'trader-demo')).status).toBe(403);
  });

  it('flags a description that points with confidence to another chapter than the code', async () => {
    const id = await declare(im036a().replace(FRAMES, PHONES));
    expect(judged.get(id)?.[0]).toMatchObject({ descriptionMismatch: true, commodity: '90031900' });
  });

  it('follows the store after a pass: a new discrepancy on a party of the declaration brings it to 0', async () => {
    const before = await declare(im036a());
    await waitFor(
      async () => (await (await fetch(`${t.url}/v1/exchanges/${before}`, { headers: bearer('trader-demo') })).json()) as { status: string },
      (e) => e.status === 'delivered',
    );
    const controlled = await fetch(`${t.url}/v1/exchanges/${before}/control-results`, {
      method: 'POST',
      headers: { ...bearer('customs'), 'content-type': 'application/json' },
      body: JSON.stringify({ outcome: 'discrepancy' }),
    });
    expect(controlled.status).toBe(201);
    // Until a pass, ingest still sees the snapshot of before.
    expect(judged.get(await declare(im036a()))?.[0]?.discrepancyDistance).toBe(1);
    // A pass copies what settled 5 s before it: it runs as if later.
    const summary = await analytics().refresh(new Date(Date.now() + 10_000));
    expect(summary.controlled).toBeGreaterThan(0);
    expect(analytics().facts()?.distances.get(IMPORTER)).toBe(0);
    expect(judged.get(await declare(im036a()))?.[0]?.discrepancyDistance).toBe(0);
  });

  it('selects the consignment that completes a link with a value gap on a customs profile, shows customs the link, and tells the sender nothing', async () => {
    const profile = await fetch(`${t.url}/v1/risk/profiles`, {
      method: 'POST',
      headers: { ...bearer('customs'), 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'parcel-underpaid', when: { fact: 'linkFindings', startsWith: 'value-gap' }, lane: 'red', instruction: 'OPEN-THE-PARCEL' }),
    });
    expect(profile.status, await profile.text()).toBe(201);
    const order = await lodge('/v1/consignments', 'platform-demo', JSON.stringify(platformConsignment()), 'application/json');
    expect(judged.get(order)?.[0]?.linkFindings).toBe('');
    const shipping = postConsignment();
    shipping.items = shipping.items.map((i) => ({ ...i, value: { ...i.value, amount: '5.00' } }));
    const post = await lodge('/v1/consignments', 'post-demo', JSON.stringify(shipping), 'application/json');
    expect(judged.get(post)?.[0]?.linkFindings).toBe('value-gap');

    const seen = (await (await risk(post)).json()) as { lane: string; hits: Array<{ profile: string }>; links: Array<{ code: string; text: string }> };
    expect(seen.lane).toBe('red');
    expect(seen.hits.map((h) => h.profile)).toContain('parcel-underpaid');
    expect(seen.links.map((l) => l.code)).toEqual(['value-gap']);
    expect(seen.links[0]?.text).toContain('declared for shipping');
    // The platform's consignment was judged before the link existed; its view shows the link as it stands now.
    expect(((await (await risk(order)).json()) as { links: Array<{ code: string }> }).links.map((l) => l.code)).toEqual(['value-gap']);
    // A declaration is no consignment: no links member.
    expect(Object.keys((await (await risk(await declare(im036a()))).json()) as object)).not.toContain('links');

    for (const [sender, id] of [
      ['post-demo', post],
      ['platform-demo', order],
    ] as const) {
      expect((await risk(id, sender)).status).toBe(403);
      const exchange = await (await fetch(`${t.url}/v1/exchanges/${id}`, { headers: bearer(sender) })).text();
      for (const secret of ['value-gap', 'parcel-underpaid', 'OPEN-THE-PARCEL', 'links']) expect(exchange).not.toContain(secret);
    }
  });
});
