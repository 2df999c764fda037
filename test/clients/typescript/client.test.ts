import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { asXml, swgateClient } from '../../../clients/typescript/client.js';
import { CLIENT_TYPES_FILE, clientTypes } from '../../../clients/typescript/generate.js';
import { sample, useTestGateway, waitFor } from '../../support/gateway.js';

describe('the typed TypeScript client (clients/typescript)', () => {
  it('is checked in as openapi-typescript generates it from openapi/openapi.json (run `npm run client` after `npm run openapi`)', async () => {
    expect(readFileSync(CLIENT_TYPES_FILE, 'utf8')).toBe(await clientTypes());
  });

  describe('against a sandbox gateway', () => {
    const gw = useTestGateway();

    it('lodges a declaration and follows its exchange to the documents the destinations were sent', async () => {
      const trader = swgateClient({ baseUrl: gw.t.url, apiKey: 'sandbox-trader-demo' });
      const me = await trader.GET('/v1/participants/me');
      expect(me.data?.id).toBe('trader-demo');

      const lodged = await trader.POST('/v1/declarations', { body: sample('import/TT_IM036a__TT_IM036a.xml').toString('utf8'), ...asXml });
      expect(lodged.response.status).toBe(202);
      const exchangeId = lodged.data?.exchangeId as string;
      expect(lodged.data?.links.self).toBe(`/v1/exchanges/${exchangeId}`);

      const settled = await waitFor(
        () => trader.GET('/v1/exchanges/{id}', { params: { path: { id: exchangeId } } }),
        (r) => (r.data?.deliveries ?? []).length > 0 && (r.data?.deliveries ?? []).every((d) => d.status === 'acknowledged'),
      );
      const exchange = settled.data;
      expect(exchange?.role).toBe('sender');
      expect(exchange?.deliveries.map((d) => d.destination)).toEqual(expect.arrayContaining(['customs', 'pga-wildlife']));

      const toWildlife = await trader.GET('/v1/exchanges/{id}/documents/{name}', {
        params: { path: { id: exchangeId, name: 'to-pga-wildlife' } },
        parseAs: 'text',
      });
      expect(toWildlife.response.status).toBe(200);
      expect(toWildlife.response.headers.get('x-content-sha256')).toMatch(/^[0-9a-f]{64}$/);

      const listed = await trader.GET('/v1/exchanges', { params: { query: { limit: 10 } } });
      expect(listed.data?.items.map((i) => i.exchangeId)).toContain(exchangeId);
    });

    it('hands back problem+json as typed errors', async () => {
      const stranger = swgateClient({ baseUrl: gw.t.url, apiKey: 'not-a-key' });
      const refused = await stranger.GET('/v1/participants/me');
      expect(refused.response.status).toBe(401);
      expect(refused.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.error?.findings[0]?.code).toBe('auth.unknown-key');
    });
  });
});
