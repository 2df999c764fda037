/**
 * The operator console in a real Chromium (Debian's `chromium`, driven by playwright-core) against
 * a real sandbox gateway on loopback: what an operator does at 3 a.m., click by click. One
 * browser and one page for the whole file (two cores). SWGATE_SCREENSHOTS=1 writes the README's
 * screenshots into docs/screenshots/.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCertificate } from '../../src/trust/pki/certificate-builder.js';
import { sample, startTestGateway, type TestGateway, waitFor } from '../support/gateway.js';
import { sandboxConfigWith } from '../support/sandbox-config.js';
import { CHROMIUM, toolsPresent } from '../support/tools.js';

const SCREENSHOTS = process.env.SWGATE_SCREENSHOTS === '1';
const trader = { authorization: 'Bearer sandbox-trader-demo' };
const customs = { authorization: 'Bearer sandbox-customs' };
const DAY_MS = 86_400_000;

interface ExchangeView {
  exchangeId: string;
  status: string;
  receivedAt: string;
  deliveries: Array<{ destination: string; status: string; attempts: number }>;
  timeline: Array<{ at: string; event: string; destination?: string }>;
}

/** A certificate of the health agency's trust store that expires in 10 days: the Participants screen must flag it. */
async function expiringCertificate(dir: string): Promise<string> {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const now = Date.now();
  const certificate = await issueCertificate({
    commonName: 'pga-health signing 2026 (expiring)',
    publicKey,
    selfSignKey: privateKey,
    serialNumber: 4242,
    notBefore: new Date(now - 355 * DAY_MS),
    notAfter: new Date(now + 10 * DAY_MS),
    keyUsage: ['digitalSignature'],
  });
  const file = join(dir, 'pga-health-expiring.crt.pem');
  writeFileSync(file, certificate.toString());
  return file;
}

/**
 * The sandbox with one attempt per delivery, so that `fail-once` ends failed and a retry then
 * delivers it; and the health agency trusting the expiring certificate.
 */
async function consoleConfig(): Promise<string> {
  const certificate = await expiringCertificate(mkdtempSync(join(tmpdir(), 'swgate-console-certs-')));
  return sandboxConfigWith((yaml) =>
    yaml
      .replace('deliveryDefaults:\n  attempts: 4\n  backoffMs: 1000', 'deliveryDefaults:\n  attempts: 1\n  backoffMs: 200')
      .replace(
        '  - id: pga-health\n    kind: pga\n',
        `  - id: pga-health\n    kind: pga\n    trust:\n      pinned:\n        - certificate: ${JSON.stringify(certificate)}\n`,
      ),
  );
}

describe.runIf(toolsPresent(CHROMIUM))('the console in Chromium', () => {
  let t: TestGateway;
  let browser: Browser;
  let page: Page;
  /** What the page reported as errors: a CSP violation or an uncaught exception fails the file. */
  const pageErrors: string[] = [];

  /** Every exchange the test makes, whatever its kind: the analytics must count exactly these. */
  const made: string[] = [];
  const lodge = async (file: string, scenario: string) => {
    const res = await fetch(`${t.url}/v1/declarations`, {
      method: 'POST',
      headers: { ...trader, 'content-type': 'application/xml', 'x-sandbox-scenario': scenario },
      body: sample(file),
    });
    expect(res.status).toBe(202);
    const { exchangeId } = (await res.json()) as { exchangeId: string };
    made.push(exchangeId);
    return exchangeId;
  };
  /** The plant health agency registers the sandbox's phytosanitary certificate. */
  const registerLpco = async () => {
    const res = await fetch(`${t.url}/v1/lpcos`, {
      method: 'POST',
      headers: { authorization: 'Bearer sandbox-pga-plant', 'content-type': 'application/json' },
      body: readFileSync('src/sandbox/examples/lpco-phyto.json'),
    });
    expect(res.status).toBe(202);
    const { exchangeId } = (await res.json()) as { exchangeId: string };
    made.push(exchangeId);
    return exchangeId;
  };
  const view = async (id: string) => (await (await fetch(`${t.url}/v1/exchanges/${id}`, { headers: customs })).json()) as ExchangeView;
  const settled = (id: string) =>
    waitFor(
      () => view(id),
      (e) => !['received', 'validated', 'routed'].includes(e.status),
      20_000,
    );
  const screenshot = async (name: string, fullPage = false) => {
    if (!SCREENSHOTS) return;
    mkdirSync('docs/screenshots', { recursive: true });
    await page.evaluate(() => (globalThis as any).scrollTo(0, 0));
    await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage });
  };
  const nav = (name: string) => page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name, exact: true });

  /** Lodged before the browser starts: accepted, failed once (so failed, with one attempt), rejected. */
  const ids: Record<'accepted' | 'failing' | 'rejected', string> = { accepted: '', failing: '', rejected: '' };

  beforeAll(async () => {
    t = await startTestGateway('sqlite', { SWGATE_CONFIG: await consoleConfig() });
    ids.accepted = await lodge('import/TT_IM001a__Step1_TT_IM001a.xml', 'accept');
    ids.failing = await lodge('import/TT_IM036a__TT_IM036a.xml', 'fail-once');
    ids.rejected = await lodge('import/TT_IM036a__TT_IM036a.xml', 'reject');
    await Promise.all([...Object.values(ids), await registerLpco()].map(settled));
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/status of 40[134]/.test(message.text())) pageErrors.push(message.text());
    });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('asks for the API key, keeps it in the tab only, and shows an operator every screen', async () => {
    await page.goto(`${t.url}/console`);
    // The gateway runs as the sandbox (GET / says so): the login names the operator's sandbox key.
    await page.getByTestId('sandbox-hint').filter({ hasText: 'sandbox-customs' }).waitFor();
    await page.getByLabel('API key').fill('sandbox-nobody');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').filter({ hasText: 'not registered' }).waitFor();

    await page.getByLabel('API key').fill('sandbox-customs');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Exchanges', level: 1 }).waitFor();
    for (const name of ['Exchanges', 'Deliveries', 'Participants', 'Agreements', 'e-LPCOs', 'Analytics', 'Log'])
      await expect(nav(name).count()).resolves.toBe(1);
    expect(page.url()).toBe(`${t.url}/console/exchanges`);
    // Keyboard first: on a fresh load (the key survives it, in the tab), a skip link, then the screens in order; Enter on one opens it.
    await page.reload();
    await page.getByRole('heading', { name: 'Exchanges', level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => (globalThis as any).document.activeElement.textContent)).resolves.toBe('Skip to content');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => (globalThis as any).document.activeElement.textContent)).resolves.toBe('Deliveries');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Deliveries', level: 1 }).waitFor();
    await nav('Exchanges').click();
    expect(
      await page.evaluate(() => [(globalThis as any).sessionStorage.getItem('swgate.apiKey'), (globalThis as any).localStorage.getItem('swgate.apiKey')]),
    ).toEqual(['sandbox-customs', null]);
  });

  it('finds an exchange by its LRN, opens it, and shows its timeline, deliveries, documents and a receipt verified in the browser', async () => {
    await nav('Exchanges').click();
    await page.getByLabel('Search').fill('7847767E1WB6');
    await page.getByLabel('Search').press('Enter');
    const rows = page.getByRole('table', { name: /Exchanges matching/ }).locator('tbody tr');
    await waitFor(
      () => rows.count(),
      (n) => n === 1,
    );
    await expect(rows.first().textContent()).resolves.toContain(ids.accepted);
    await rows.first().getByRole('link').click();

    await page.getByRole('heading', { name: `Exchange ${ids.accepted}` }).waitFor();
    const timeline = page.getByRole('table', { name: /What happened to the exchange/ });
    await timeline.waitFor();
    const events = await timeline.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(events).toEqual(expect.arrayContaining(['received', 'validated', 'routed', 'delivered']));
    await expect(page.getByRole('table', { name: 'Deliveries of the exchange' }).textContent()).resolves.toContain('customs');

    const verdict = page.getByTestId('receipt-verdict');
    await verdict.waitFor({ timeout: 15_000 });
    await expect(verdict.textContent()).resolves.toMatch(/^✔ Receipt verified: Verified in this browser: \d+ event\(s\)/);
    await screenshot('exchange', true);

    await page.getByRole('button', { name: 'Show original' }).click();
    const shown = await page.locator('figure.document pre').textContent();
    expect(shown).toContain('7847767E1WB6');
    expect(shown?.split('\n').length).toBeGreaterThan(20); // pretty-printed, not one line
  });

  it('retries a failed delivery from the Deliveries screen and sees it delivered', async () => {
    const before = await view(ids.failing);
    expect(before.deliveries.find((d) => d.destination === 'customs')).toMatchObject({ status: 'failed', attempts: 1 });

    await nav('Deliveries').click();
    const summary = page.getByRole('table', { name: /per destination/ });
    await summary.waitFor();
    await expect(summary.getByRole('row', { name: /^customs/ }).textContent()).resolves.toMatch(/customs/);
    const row = page.getByRole('row').filter({ hasText: ids.failing }).filter({ hasText: 'customs' });
    await row.waitFor();
    await screenshot('deliveries');
    await row.getByRole('button', { name: `Retry ${ids.failing} to customs` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /requeued/ })
      .waitFor();

    const after = await waitFor(
      () => view(ids.failing),
      (e) => ['delivered', 'acknowledged'].includes(e.deliveries.find((d) => d.destination === 'customs')?.status ?? ''),
      20_000,
    );
    expect(after.deliveries.find((d) => d.destination === 'customs')?.status).toMatch(/^(delivered|acknowledged)$/);
    // …and the console shows it so.
    await page.goto(`${t.url}/console/exchanges/${ids.failing}`);
    const delivery = page.getByRole('table', { name: 'Deliveries of the exchange' }).getByRole('row').filter({ hasText: 'declarations-to-customs' });
    await waitFor(
      () => delivery.textContent(),
      (text) => /acknowledged|delivered/.test(text ?? ''),
    );
    await expect(delivery.textContent()).resolves.toMatch(/acknowledged|delivered/);
  });

  it('flags a certificate that expires within 30 days', async () => {
    await nav('Participants').click();
    const attention = page.getByRole('status').filter({ hasText: 'need attention' });
    await attention.waitFor();
    await expect(attention.textContent()).resolves.toMatch(/pga-health: .*pga-health signing 2026 \(expiring\).* — expiring/);
    const certificates = page.getByRole('table', { name: 'Certificates of pga-health' });
    const flagged = certificates.getByRole('row').filter({ hasText: 'pga-health signing 2026 (expiring)' });
    await expect(flagged.textContent()).resolves.toMatch(/in (9|10) days.*expiring/);
  });

  it('tries routing a pasted declaration, and nothing is stored', async () => {
    const exchanges = await t.exchangeCount();
    const leaves = await t.rowCount('provenance_leaves');
    await nav('Agreements').click();
    await page.getByRole('table', { name: /Routing rules/ }).waitFor();
    // Customs lodges no declaration of its own: the operator tries it as the trader would send it.
    await page.getByLabel('As sender (participant id)').fill('trader-demo');
    await page.getByLabel('Document').fill(sample('import/TT_IM036a__TT_IM036a.xml').toString('utf8'));
    await page.getByRole('button', { name: 'Try routing' }).click();
    const answer = page.getByRole('table', { name: 'Where the document would go' });
    await answer.waitFor();
    const customsRow = answer.getByRole('row').filter({ hasText: 'declarations-to-customs' });
    await expect(customsRow.textContent()).resolves.toContain('wco-xml');
    expect(await t.exchangeCount()).toBe(exchanges);
    expect(await t.rowCount('provenance_leaves')).toBe(leaves);
  });

  it('shows the e-LPCO registry, and a certificate with its remaining quantity per line and history', async () => {
    await nav('e-LPCOs').click();
    const list = page.getByRole('table', { name: /e-LPCOs, page 1/ });
    await list.getByRole('link', { name: 'XA-PHYTO-2026-0001' }).click();
    await page.getByRole('heading', { name: 'e-LPCO XA-PHYTO-2026-0001' }).waitFor();
    const lines = page.getByRole('table', { name: /Lines of XA-PHYTO-2026-0001/ });
    await expect(lines.getByRole('row').nth(1).textContent()).resolves.toMatch(/^1060290250\.000250\.000KGM$/);
    await expect(
      page
        .getByRole('table', { name: /Status changes and quantity movements/ })
        .locator('tbody tr')
        .count(),
    ).resolves.toBeGreaterThan(0);
  });

  it('downloads the time-release CSV, whose figures are those of the exchanges made here', async () => {
    await nav('Analytics').click();
    await page.getByRole('heading', { name: 'Destination customs' }).waitFor();
    // The chart library arrives with this screen, under the same CSP, and draws.
    await page
      .getByRole('img', { name: /^Time release to customs per day/ })
      .locator('canvas')
      .waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split(/\r?\n/);
    const header = csv[0]!.split(',');
    const rows = csv.slice(1).map((line) => Object.fromEntries(line.split(',').map((cell, i) => [header[i], cell])));
    const today = new Date().toISOString().slice(0, 10);

    // Every exchange of the test, as the API shows it, per destination.
    const views = await Promise.all(made.map(view));
    const destinations = [...new Set(views.flatMap((v) => v.deliveries.map((d) => d.destination)))];
    for (const destination of destinations) {
      const mine = views.filter((v) => v.deliveries.some((d) => d.destination === destination));
      const row = rows.find((r) => r.destination === destination && r.day === today);
      expect(row, destination).toBeDefined();
      expect(Number(row!.count), destination).toBe(mine.length);
      const rejected = mine.filter((v) => v.deliveries.find((d) => d.destination === destination)?.status === 'rejected').length;
      expect(Number(row!.rejectedShare), destination).toBeCloseTo(rejected / mine.length, 3);
    }
    // Customs' lodged → final median lies among the test's own lodged → final times.
    const finals = views
      .filter((v) => v.deliveries.some((d) => d.destination === 'customs'))
      .map((v) => {
        const end = v.timeline.find((e) => e.destination === 'customs' && ['acknowledged', 'rejected', 'failed'].includes(e.event));
        return (Date.parse(end!.at) - Date.parse(v.receivedAt)) / 1000;
      });
    const customsRow = rows.find((r) => r.destination === 'customs' && r.day === today)!;
    const median = Number(customsRow[header.find((h) => /final.*median|median.*final/i.test(h))!]);
    expect(median).toBeGreaterThanOrEqual(Math.min(...finals) - 1);
    expect(median).toBeLessThanOrEqual(Math.max(...finals) + 1);
    await screenshot('analytics');
  });

  it('checks, in the browser, that the log only grew since the checkpoint it saw before', async () => {
    await nav('Log').click();
    const size = Number(await page.getByTestId('tree-size').textContent());
    expect(size).toBeGreaterThan(0);
    // More entries, and a receipt that makes the log sign a newer checkpoint.
    const more = await lodge('import/TT_IM001a__Step1_TT_IM001a.xml', 'accept');
    await settled(more);
    await fetch(`${t.url}/v1/exchanges/${more}/provenance`, { headers: customs });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await waitFor(
      async () => Number(await page.getByTestId('tree-size').textContent()),
      (n) => n > size,
    );
    await page.getByLabel('Older checkpoint').selectOption(String(size));
    await page.getByRole('button', { name: 'Check consistency' }).click();
    await expect(page.getByTestId('consistency-verdict').textContent()).resolves.toMatch(/^✔ Consistent: .* extends the log at size/);
  });

  it('shows a participant that is not an operator its own exchanges and no operator screen; a revoked key returns to login', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('API key').fill('sandbox-trader-demo');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Exchanges', level: 1 }).waitFor();
    for (const name of ['Deliveries', 'Participants', 'Analytics']) await expect(nav(name).count()).resolves.toBe(0);
    const rows = page.getByRole('table', { name: /Exchanges/ }).locator('tbody tr');
    await waitFor(
      () => rows.count(),
      (n) => n >= 3,
    );
    await expect(rows.first().textContent()).resolves.toContain('sender');

    await page.evaluate(() => (globalThis as any).sessionStorage.setItem('swgate.apiKey', 'sandbox-revoked'));
    await page.goto(`${t.url}/console/exchanges`);
    await page.getByLabel('API key').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
