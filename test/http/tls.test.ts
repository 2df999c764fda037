import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { sample, startTestGateway, type TestGateway, waitFor } from '../support/gateway.js';
import { testPki } from '../support/tls.js';

const pki = testPki(['partner', 'stranger', 'gateway-client']);

describe('TLS: mTLS clients in, mTLS deliveries out', () => {
  let t: TestGateway;
  let agency: Server;
  const received: string[] = [];

  beforeAll(async () => {
    // An agency that only talks to clients presenting a certificate from the CA.
    agency = createServer({ cert: pki.server.cert, key: pki.server.key, ca: pki.caPem, requestCert: true, rejectUnauthorized: true }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push(String(req.headers['x-swgate-message-id']));
        const receivedSha256 = createHash('sha256').update(Buffer.concat(chunks)).digest('hex');
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'accepted', receivedSha256 }));
      });
    }).listen(0, '127.0.0.1');
    await once(agency, 'listening');
    const { port } = agency.address() as { port: number };
    const gatewayClient = pki.clients['gateway-client']!;
    const partner = pki.clients.partner!;
    const file = join(mkdtempSync(join(tmpdir(), 'swgate-cfg-')), 'config.yaml');
    writeFileSync(
      file,
      `participants:
  - id: agency-tls
    kind: pga
    name: Agency reached over mTLS
    endpoint: "https://127.0.0.1:${port}/deliveries"
    endpointTls: { cert: "${gatewayClient.certFile}", key: "${gatewayClient.keyFile}", ca: "${pki.caFile}" }
  - { id: partner-tls, kind: partner-customs, name: Partner with a client certificate, certificateFingerprints: ["${partner.fingerprint}"] }
  - { id: trader-demo, kind: trader, name: Trader, apiKeySha256: [b9c71a091ec5483e374fd6ee700d5bc00c461c05d6c6212c5d94c86a39ceb761], actsFor: [{ id: XI553202734852, as: declarant }] }
agreements:
  - { id: all, when: { documentKinds: [declaration] }, destination: agency-tls, format: wco-xml }
`,
    );
    t = await startTestGateway('sqlite', {
      SWGATE_CONFIG: file,
      SWGATE_TLS_CERT: pki.server.certFile,
      SWGATE_TLS_KEY: pki.server.keyFile,
      SWGATE_TLS_CLIENT_CA: pki.caFile,
    });
  });
  afterAll(async () => {
    await t?.stop();
    agency?.close();
  });

  const me = async (client?: { cert: string; key: string }, headers: Record<string, string> = {}) => {
    const dispatcher = new Agent({ connect: { ca: pki.caPem, ...(client ? { cert: client.cert, key: client.key } : {}) } });
    const res = await request(`${t.url}/v1/participants/me`, { dispatcher, headers });
    const body = (await res.body.json()) as { id?: string; findings?: Array<{ code: string }> };
    await dispatcher.close();
    return { status: res.statusCode, body };
  };

  it('serves HTTPS and authenticates a partner by its registered client certificate', async () => {
    expect(t.url).toMatch(/^https:/);
    expect(await me(pki.clients.partner)).toEqual({ status: 200, body: expect.objectContaining({ id: 'partner-tls', kind: 'partner-customs' }) });
  });

  it('refuses a certificate that is valid but registered to nobody, and a client with neither certificate nor key', async () => {
    const stranger = await me(pki.clients.stranger);
    expect(stranger.status).toBe(401);
    expect(stranger.body.findings?.[0]?.code).toBe('auth.unknown-certificate');
    expect((await me()).status).toBe(401);
  });

  it('still takes API keys over HTTPS', async () => {
    expect(await me(undefined, { authorization: 'Bearer sandbox-trader-demo' })).toMatchObject({ status: 200, body: { id: 'trader-demo' } });
  });

  it('delivers over mTLS to an agency that requires a client certificate', async () => {
    const dispatcher = new Agent({ connect: { ca: pki.caPem } });
    const res = await request(`${t.url}/v1/declarations`, {
      method: 'POST',
      dispatcher,
      headers: { authorization: 'Bearer sandbox-trader-demo', 'content-type': 'application/xml' },
      body: sample('import/TT_IM036a__TT_IM036a.xml'),
    });
    expect(res.statusCode).toBe(202);
    const { exchangeId } = (await res.body.json()) as { exchangeId: string };
    const status = await waitFor(
      async () => (await t.gateway.store.db.selectFrom('exchanges').select('status').where('id', '=', exchangeId).executeTakeFirstOrThrow()).status,
      (s) => s === 'delivered',
    );
    expect(status).toBe('delivered');
    expect(received).toContain(`${exchangeId}.agency-tls`);
    await dispatcher.close();
  });
});
