import { sandboxConfigWith } from '../support/sandbox-config.js';
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsService } from '../../src/runtime/analytics.js';
import { verifyWebhook } from '../../src/runtime/webhooks.js';
import { startTestGateway, type TestGateway, waitFor } from '../support/gateway.js';
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
