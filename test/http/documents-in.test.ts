import { describe, expect, it } from 'vitest';
import { sample, useTestGateway } from '../support/gateway.js';

/** Every route that takes a document's raw bytes (acceptRawDocuments). */
const DOCUMENT_ROUTES = ['/v1/declarations', '/v1/lpcos', '/v1/consignments', '/v1/inbound', '/v1/validate'];
const declaration = sample('import/TT_IM036a__TT_IM036a.xml');

describe('document routes read UTF-8 only', () => {
  const gateway = useTestGateway();

  it.each(DOCUMENT_ROUTES)('%s answers 415 to any other charset, before reading the body, and stores nothing', async (route) => {
    const before = await gateway.t.exchangeCount();
    for (const type of [
      'application/xml; charset=iso-8859-1',
      'text/xml;charset="windows-1252"',
      'application/json; charset=UTF-16LE',
      'application/jose; charset=latin1',
    ]) {
      const answer = await fetch(`${gateway.t.url}${route}`, {
        method: 'POST',
        headers: { authorization: 'Bearer sandbox-partner-xb', 'content-type': type },
        body: declaration,
      });
      // application/jose is a document type of /v1/inbound only; elsewhere it is refused as a media type, also 415.
      expect(answer.status, `${route} ${type}`).toBe(415);
      const problem = (await answer.json()) as { findings: Array<{ code: string }> };
      if (route === '/v1/inbound' || !type.startsWith('application/jose')) expect(problem.findings[0]?.code).toBe('request.charset');
    }
    expect(await gateway.t.exchangeCount()).toBe(before);
  });

  it('takes UTF-8 however it is spelled', async () => {
    for (const type of ['application/xml; charset=UTF-8', 'application/xml; charset="utf-8"', 'application/xml;charset=utf8', 'application/xml']) {
      const answer = await fetch(`${gateway.t.url}/v1/validate`, {
        method: 'POST',
        headers: { authorization: 'Bearer sandbox-trader-demo', 'content-type': type },
        body: declaration,
      });
      expect(answer.status, type).toBe(200);
    }
  });
});
