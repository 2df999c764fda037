/**
 * CRLs fetched from a URL (a real local HTTP server), cached and refreshed on the injected clock;
 * and what a CRL URL may not make the gateway do: read without end, wait without end, follow a
 * redirect, or reach an internal address behind a host name.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCrl } from '../../../src/trust/pki/certificate-builder.js';
import { CrlCache } from '../../../src/trust/revocation/crl.js';
import { startHostileServer, type HostileServer } from '../../support/hostile-server.js';
import { createTestPki, HOUR_MS, issueTestCertificate, trustConfigProblems, type TestPki } from '../support.js';

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

describe('what a CRL URL may not make the gateway do', () => {
  let hostile: HostileServer;
  let good: string;
  beforeAll(async () => {
    good = await crl([]);
    // `/padded?bytes=N`: the good CRL after N bytes of blank lines, which the PEM reader skips.
    hostile = await startHostileServer((request, response) => {
      const padding = Number(new URL(request.url ?? '/', 'http://host').searchParams.get('bytes') ?? 0);
      response.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(Buffer.concat([Buffer.alloc(padding, '\n'), Buffer.from(good)]));
    });
  });
  afterAll(() => hostile.close());

  async function statusFrom(source: { url: string; allowPrivateAddresses?: boolean }) {
    const leaf = await issueTestCertificate({ issuer: t.ca });
    return new CrlCache([source]).status(leaf.certificate, t.store('partner-xb').anchors[0]!);
  }

  it('serves the CRL at a plain path (the control for what follows)', async () => {
    expect(await statusFrom({ url: `${hostile.origin}/ca.crl` })).toBe('good');
  });

  it('a CRL larger than 10 MB is not read: unknown', async () => {
    expect(await statusFrom({ url: `${hostile.origin}/padded?bytes=1024` })).toBe('good');
    expect(await statusFrom({ url: `${hostile.origin}/padded?bytes=${10 * 1024 * 1024}` })).toBe('unknown');
  });

  it('a server that does not answer is given up after 5 s: unknown', { timeout: 10_000 }, async () => {
    const started = Date.now();
    expect(await statusFrom({ url: `${hostile.origin}/silent` })).toBe('unknown');
    expect(Date.now() - started).toBeLessThan(7_000);
  });

  it('a redirect is not followed, even to a good CRL: unknown', async () => {
    expect(await statusFrom({ url: `${hostile.origin}/redirect?to=/redirected.crl` })).toBe('unknown');
    expect(hostile.asked).not.toContain('/redirected.crl');
  });

  it('a host name that resolves to a loopback address is not connected to, unless allowPrivateAddresses', async () => {
    const byName = `${hostile.origin.replace('127.0.0.1', 'localhost')}/by-name.crl`;
    expect(await statusFrom({ url: byName })).toBe('unknown');
    expect(hostile.asked).not.toContain('/by-name.crl');
    expect(await statusFrom({ url: byName, allowPrivateAddresses: true })).toBe('good');
    expect(hostile.asked).toContain('/by-name.crl');
  });

  it('the YAML schema takes only http(s) CRL URLs and a boolean allowPrivateAddresses', () => {
    const problems = trustConfigProblems(
      t.pki.dir,
      'crls: [{ url: file:///etc/passwd }, { url: http://pki.example/ca.crl, allowPrivateAddresses: yes-please }]',
    );
    expect(problems).toMatch(/trust\.crls\.0\.url must match pattern/);
    expect(problems).toMatch(/trust\.crls\.1\.allowPrivateAddresses must be boolean/);
  });
});
