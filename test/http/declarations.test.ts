import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sample, startTestGateway, type TestGateway } from '../support/gateway.js';

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  findings: Array<{ severity: string; code: string; message: string; path: string }>;
}

describe('POST /v1/declarations refuses what it cannot accept, and leaves nothing behind', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway('sqlite', { SWGATE_BODY_LIMIT: String(256 * 1024) });
  });
  afterAll(async () => t?.stop());

  async function refused(init: { body?: Buffer | string; type?: string; headers?: Record<string, string> }, status: number): Promise<ProblemBody> {
    const [exchangesBefore, jobsBefore] = [await t.exchangeCount(), await t.jobCount()];
    const res = await fetch(`${t.url}/v1/declarations`, {
      method: 'POST',
      headers: { authorization: 'Bearer sandbox-trader-demo', 'content-type': init.type ?? 'application/xml', ...init.headers },
      body: init.body ?? sample('import/TT_IM036a__TT_IM036a.xml'),
    });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as ProblemBody;
    expect(problem.status).toBe(status);
    expect(problem.findings.length).toBeGreaterThan(0);
    expect([await t.exchangeCount(), await t.jobCount()]).toEqual([exchangesBefore, jobsBefore]);
    return problem;
  }

  it('401 without credentials or with a key nobody holds', async () => {
    expect((await refused({ headers: { authorization: '' } }, 401)).findings[0]?.code).toBe('auth.malformed');
    expect((await refused({ headers: { authorization: 'Bearer sandbox-nobody' } }, 401)).findings[0]?.code).toBe('auth.unknown-key');
    const res = await fetch(`${t.url}/v1/declarations`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<x/>' });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('413 past the body limit', async () => {
    expect((await refused({ body: Buffer.alloc(300 * 1024, 0x20) }, 413)).findings[0]?.code).toBe('request.too-large');
  });

  it('415 for other media types and other charsets', async () => {
    expect((await refused({ type: 'text/plain' }, 415)).findings[0]?.code).toBe('request.media-type');
    expect((await refused({ type: 'application/xml; charset=iso-8859-1' }, 415)).findings[0]?.code).toBe('request.charset');
  });

  it('400 for a document that is not well-formed or declares a DTD', async () => {
    await refused({ body: '<MetaData><Declaration></MetaData>' }, 400);
    await refused({ body: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>' }, 400);
    await refused({ body: Buffer.alloc(0) }, 400);
  });

  it('400 for the corpus file with text after its root element', async () => {
    const body = await import('node:fs').then((fs) =>
      fs.readFileSync('test/fixtures/wco-dm/samples/customs-declare-exports/notification-malformed/TT1_IM_v2.01_Rejected_Obligation_Netmass_Notification.xml'),
    );
    await refused({ body }, 400);
  });

  it('422 with every finding, pointer and XPath, for a declaration that breaks its schema', async () => {
    const broken = sample('import/TT_IM036a__TT_IM036a.xml')
      .toString('utf8')
      .replace('<TypeCode>IMA</TypeCode>', '<TypeCode>IMAXXXXXX</TypeCode>')
      .replace(/<FunctionCode>9<\/FunctionCode>/, '');
    const problem = await refused({ body: broken }, 422);
    expect(problem.title).toBe('Document not valid');
    expect(problem.findings).toContainEqual(
      expect.objectContaining({ severity: 'error', path: '/MetaData/Declaration/TypeCode', xpath: expect.stringContaining('TypeCode') }),
    );
    expect(problem.findings.length).toBeGreaterThanOrEqual(2);
  });

  it('422 for the corpus notification with no namespaces', async () => {
    const body = await import('node:fs').then((fs) =>
      fs.readFileSync('test/fixtures/wco-dm/samples/customs-declarations/notification-unqualified/Example_DMS_notifications__03_DMSREJ.xml'),
    );
    expect((await refused({ body }, 422)).findings.length).toBeGreaterThan(0);
  });

  it('422 when no agreement routes the declaration, saying why', async () => {
    // Customs may lodge too, but nothing routes an ordinary declaration from customs back to anyone.
    const problem = await refused({ headers: { authorization: 'Bearer sandbox-customs' }, body: sample('import/TT_IM001a__Step1_TT_IM001a.xml') }, 422);
    expect(problem.findings[0]).toMatchObject({ code: 'routing.no-agreement', severity: 'error' });
    expect(problem.findings[0]?.message).toMatch(/No agreement routes a declaration from customs/);
  });

  it('answers problems in XML when XML is asked for', async () => {
    const res = await fetch(`${t.url}/v1/declarations`, { method: 'POST', headers: { accept: 'application/xml', 'content-type': 'text/plain' }, body: 'x' });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+xml/);
    expect(await res.text()).toMatch(/<status>401<\/status>/);
  });

  it('keeps /metrics behind credentials by default', async () => {
    expect((await fetch(`${t.url}/metrics`)).status).toBe(401);
    const metrics = await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer sandbox-customs' } });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/swgate_http_requests_total/);
  });

  it('404 as problem+json for unknown paths', async () => {
    const res = await fetch(`${t.url}/v1/nothing-here`, { headers: { authorization: 'Bearer sandbox-trader-demo' } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as ProblemBody).findings[0]?.code).toBe('request.not-found');
  });
});
