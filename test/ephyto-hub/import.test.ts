/**
 * The import poller against a hub that misbehaves in ways the simulated hub does not: an envelope
 * listed but not given, garbage where an envelope should be, delivery numbers that are no token.
 */
import { createServer, type Server } from 'node:http';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EphytoHubSettings, Participant } from '../../src/config/types.js';
import { pullFromHub } from '../../src/ephyto-hub/import.js';
import type { Lodgement } from '../../src/pipeline/lodge.js';
import { ephytoHubMigrations, type EphytoHubTables } from '../../src/ephyto-hub/tables.js';
import { databaseKinds, useExchangeStore } from '../support/databases.js';

const kinds = await databaseKinds();

const SETTINGS: EphytoHubSettings = {
  participant: 'ephyto-hub',
  country: 'XA',
  deliverWith: 'ValidateAndDeliverEnvelope',
  content: 'raw',
  trackEveryMs: 30_000,
  timeoutMs: 2000,
  maxEnvelopeBytes: 64 * 1024,
};
const HUB: Participant = {
  id: 'ephyto-hub',
  kind: 'pga',
  name: 'hub',
  endpoint: 'https://hub.invalid',
  apiKeySha256: [],
  certificateFingerprints: [],
  operator: false,
  actsFor: [],
  issues: [],
};

const soap = (inner: string) => `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${inner}</s:Body></s:Envelope>`;
const header = (n: string) =>
  `<EnvelopeHeader><From>AR</From><To>XA</To><CertificateType>851</CertificateType><CertificateStatus>70</CertificateStatus><NPPOCertificateNumber>C-${n.length}</NPPOCertificateNumber><hubDeliveryNumber>${n}</hubDeliveryNumber></EnvelopeHeader>`;

describe.each(kinds)('the import poller against a misbehaving hub (%s)', (kind) => {
  const holder = useExchangeStore(kind, ephytoHubMigrations);
  let server: Server;
  let url: string;
  const acknowledgements: Array<{ operation: string; body: string }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const operation = /<e:(\w+)>/.exec(body)?.[1] ?? '';
        const number = /<e:hubTrackingNumber>([^<]*)</.exec(body)?.[1];
        const answer = (inner: string) => res.writeHead(200, { 'content-type': 'text/xml' }).end(soap(inner));
        if (operation === 'GetImportEnvelopeHeaders')
          return answer(
            `<GetImportEnvelopeHeadersResponse xmlns="http://ephyto.ippc.int/"><GetImportEnvelopeHeadersResult>${header('HUB-GONE')}${header('HUB-GARBLED')}${header('../../etc/passwd')}${header('')}</GetImportEnvelopeHeadersResult></GetImportEnvelopeHeadersResponse>`,
          );
        if (operation === 'PULLSingleImportEnvelope' && number === 'HUB-GONE')
          return answer('<PULLSingleImportEnvelopeResponse xmlns="http://ephyto.ippc.int/"/>');
        if (operation === 'PULLSingleImportEnvelope') return res.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>');
        acknowledgements.push({ operation, body });
        return answer(`<${operation}Response xmlns="http://ephyto.ippc.int/"><return>OK</return></${operation}Response>`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hub`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('acknowledges an envelope the hub lists but does not give as failed, leaves a garbled one for the next pass, and takes no number that is no token', async () => {
    const db = holder.store.db as unknown as Kysely<EphytoHubTables>;
    const lodged: string[] = [];
    const deps = {
      db,
      settings: SETTINGS,
      endpointOf: () => ({ url, timeoutMs: 2000, maxEnvelopeBytes: SETTINGS.maxEnvelopeBytes }),
      now: () => new Date('2026-12-06T12:00:00Z'),
      hub: HUB,
      lodge: async (l: Lodgement): Promise<never> => {
        lodged.push(l.idempotencyKey ?? '');
        throw new Error('nothing here is readable enough to be lodged');
      },
    };
    const summary = await pullFromHub(deps);
    expect(summary).toEqual({ listed: 4, registered: 0, refused: 0, failed: 1, reacknowledged: 0, errors: 3 });
    expect(lodged).toEqual([]);
    expect(acknowledgements).toEqual([
      {
        operation: 'AcknowledgeFailedEnvelopeReceipt',
        body: expect.stringContaining('<e:hubTrackingNumber>HUB-GONE</e:hubTrackingNumber><e:message>Could not read the envelope from the hub</e:message>'),
      },
    ]);
    expect(await db.selectFrom('ephyto_hub_imports').select(['hub_delivery_number', 'outcome']).execute()).toEqual([
      { hub_delivery_number: 'HUB-GONE', outcome: 'missing' },
    ]);

    // Listed again: acknowledged again with the same answer, from the record; the garbled one still waits.
    const again = await pullFromHub(deps);
    expect(again).toMatchObject({ failed: 0, reacknowledged: 1, errors: 3 });
    expect(acknowledgements.map((a) => a.operation)).toEqual(['AcknowledgeFailedEnvelopeReceipt', 'AcknowledgeFailedEnvelopeReceipt']);
  });
});
