import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sample, startTestGateway, type TestGateway } from '../support/gateway.js';

describe('POST /v1/validate', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway('sqlite');
  });
  afterAll(async () => t?.stop());

  const validate = (body: Buffer | string, type = 'application/xml', query = '') =>
    fetch(`${t.url}/v1/validate${query}`, { method: 'POST', headers: { authorization: 'Bearer sandbox-trader-demo', 'content-type': type }, body });

  it('finds no error in a corpus declaration, and stores nothing', async () => {
    const res = await validate(sample('import/TT_IM036a__TT_IM036a.xml'));
    expect(res.status).toBe(200);
    const result = (await res.json()) as { valid: boolean; findings: Array<{ severity: string }> };
    expect(result.valid).toBe(true);
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(await t.exchangeCount()).toBe(0);
  });

  it('names what is wrong with a JSON pointer and an XPath', async () => {
    const broken = sample('import/TT_IM036a__TT_IM036a.xml').toString('utf8').replace('<TypeCode>IMA</TypeCode>', '<TypeCode>IMAXXXXXX</TypeCode>');
    const result = (await (await validate(broken)).json()) as { valid: boolean; findings: Array<{ severity: string; path: string; xpath?: string }> };
    expect(result.valid).toBe(false);
    expect(result.findings).toContainEqual(
      expect.objectContaining({ severity: 'error', path: '/MetaData/Declaration/TypeCode', xpath: expect.stringContaining('TypeCode') }),
    );
  });

  it('answers 400 with findings for a document that is not well-formed, and refuses unknown kinds', async () => {
    expect((await validate('<MetaData>')).status).toBe(400);
    expect((await validate(sample('import/TT_IM036a__TT_IM036a.xml'), 'application/xml', '?kind=spaceship')).status).toBe(400);
  });
});
