/** CRLs fetched from a URL (a real local HTTP server), cached and refreshed on the injected clock. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCrl } from '../../src/trust/certificate-builder.js';
import { CrlCache } from '../../src/trust/crl.js';
import { createTestPki, HOUR_MS, issueTestCertificate, type TestPki } from './support.js';

let t: TestPki;
let server: Server;
let served: string | undefined;
let requests = 0;
let url: string;

beforeAll(async () => {
  t = await createTestPki();
  server = createServer((_request, response) => {
    requests++;
    if (served === undefined) response.writeHead(503).end();
    else response.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(served);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ca.crl`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function crl(revokedSerialNumbers: number[], nextUpdateInHours = 24): Promise<string> {
  const now = Date.now();
  return issueCrl({ issuer: t.ca, thisUpdate: new Date(now - HOUR_MS), nextUpdate: new Date(now + nextUpdateInHours * HOUR_MS), revokedSerialNumbers });
}

describe('CRL from a URL', () => {
  it('is cached, refreshed after refreshSeconds, and unknown once it cannot be fetched and is out of date', async () => {
    const leaf = await issueTestCertificate({ issuer: t.ca });
    const issuer = t.store('partner-xb').anchors[0]!;
    let now = Date.now();
    const cache = new CrlCache([{ url, refreshSeconds: 60 }], () => new Date(now));

    served = await crl([], 2);
    expect(await cache.status(leaf.certificate, issuer)).toBe('good');
    served = await crl([Number.parseInt(leaf.certificate.serialNumber, 16)], 2);
    expect(await cache.status(leaf.certificate, issuer)).toBe('good');
    expect(requests).toBe(1);

    now += 61_000;
    expect(await cache.status(leaf.certificate, issuer)).toBe('revoked');
    expect(requests).toBe(2);

    served = undefined;
    now += 3 * HOUR_MS;
    expect(await cache.status(leaf.certificate, issuer)).toBe('unknown');
  });

  it('concurrent checks share one fetch and one signature check', async () => {
    const leaf = await issueTestCertificate({ issuer: t.ca });
    const issuer = t.store('partner-xb').anchors[0]!;
    const cache = new CrlCache([{ url, refreshSeconds: 60 }]);
    served = await crl([]);
    const before = requests;
    const statuses = await Promise.all(Array.from({ length: 32 }, () => cache.status(leaf.certificate, issuer)));
    expect(new Set(statuses)).toEqual(new Set(['good']));
    expect(requests - before).toBe(1);
  });
});
