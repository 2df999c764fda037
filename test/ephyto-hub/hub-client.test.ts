/** The connector's SOAP calls against the simulated hub, which serves the hub's published WSDL with the `soap` package. */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { testPki } from '../support/tls.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransportError } from '../../src/http-client.js';
import { acknowledgeEnvelope, deliverEnvelope, type HubEndpoint, importHeaders, pullEnvelope, trackingInfo } from '../../src/ephyto-hub/client.js';
import { certificateFacts, HubAnswerError, HubFault, headerFor, headerMismatches } from '../../src/ephyto-hub/envelope.js';
import { contentOf } from '../../src/ephyto-hub/import.js';
import { parseXml } from '../../src/documents/xml/parse.js';
import { type SimulatedHub, startSimulatedHub } from '../../src/sandbox/ephyto-hub.js';

// Mattilsynet's test certificate (Argentina → Ecuador, 221 KB with its PDF): test/fixtures/ephyto/SOURCES.md.
const CERTIFICATE = readFileSync('test/fixtures/ephyto/no-mattilsynet_SPSCertificateContent_851.xml', 'utf8');
const HEADER = headerFor(certificateFacts(parseXml(CERTIFICATE)));

let hub: SimulatedHub;
const as = (country: string, extra: Partial<HubEndpoint> = {}): HubEndpoint => ({
  url: hub.serviceUrl(country),
  timeoutMs: 5000,
  maxEnvelopeBytes: 1024 * 1024,
  ...extra,
});

beforeAll(async () => {
  hub = await startSimulatedHub();
});
afterAll(() => hub.close());

describe('the hub client against the WSDL served by the soap package', () => {
  it('reads the envelope header from the certificate itself', () => {
    expect(HEADER).toEqual({ from: 'AR', to: 'EC', certificateType: 851, certificateStatus: 70, nppoCertificateNumber: '123ABC' });
  });

  it.each(['ValidateAndDeliverEnvelope', 'DeliverEnvelope', 'DeliverPhytoEnvelope'] as const)(
    'delivers with %s; the importer lists, pulls and acknowledges it; the exporter tracks it to Delivered',
    async (operation) => {
      const answer = await deliverEnvelope(as('AR'), operation, HEADER, CERTIFICATE, 'raw');
      expect(answer).toMatchObject({ from: 'AR', to: 'EC', certificateType: 851, trackingInfo: 'PendingDelivery' });
      const number = answer.hubDeliveryNumber!;
      expect(hub.calls.at(-1)).toMatchObject({ country: 'AR', operation, soapAction: `http://ephyto.ippc.int/IDeliveryService/${operation}` });

      expect((await importHeaders(as('EC'), 'EC')).map((h) => h.hubDeliveryNumber)).toContain(number);
      const pulled = await pullEnvelope(as('EC'), number);
      expect(pulled?.nppoCertificateNumber).toBe('123ABC');
      // The certificate comes back as it went (DeliverPhytoEnvelope: the element, without the XML declaration).
      const content = contentOf(pulled?.content, 1024 * 1024);
      expect(Buffer.isBuffer(content)).toBe(true);
      expect(headerMismatches(pulled!, certificateFacts(parseXml(content as Buffer)))).toEqual([]);

      await acknowledgeEnvelope(as('EC'), 'AcknowledgeEnvelopeReceipt', number);
      expect((await trackingInfo(as('AR'), number)).trackingInfo).toBe('Delivered');
      expect(await importHeaders(as('EC'), 'EC')).not.toContainEqual(expect.objectContaining({ hubDeliveryNumber: number }));
    },
  );

  it('sends base64 content, which the importer reads the same', async () => {
    const answer = await deliverEnvelope(as('AR'), 'ValidateAndDeliverEnvelope', HEADER, CERTIFICATE, 'base64');
    const pulled = await pullEnvelope(as('EC'), answer.hubDeliveryNumber!);
    expect(pulled?.content).toMatch(/^PD94bWwg/);
    expect((contentOf(pulled?.content, 1024 * 1024) as Buffer).toString('utf8')).toBe(CERTIFICATE);
  });

  it('tells the failed and the advanced acknowledgement apart by body element, though the WSDL gives them one action', async () => {
    const failedOne = (await deliverEnvelope(as('AR'), 'DeliverEnvelope', HEADER, CERTIFICATE, 'raw')).hubDeliveryNumber!;
    const advancedOne = (await deliverEnvelope(as('AR'), 'DeliverEnvelope', HEADER, CERTIFICATE, 'raw')).hubDeliveryNumber!;
    await acknowledgeEnvelope(as('EC'), 'AcknowledgeFailedEnvelopeReceipt', failedOne, 'The XML content in the envelope is not readable');
    await acknowledgeEnvelope(as('EC'), 'AdvancedAcknowledgeEnvelopeReceipt', advancedOne, 'ADRPN names no certificate');
    const advancedCall = hub.calls.at(-1)!;
    expect(advancedCall).toEqual({
      country: 'EC',
      operation: 'AdvancedAcknowledgeEnvelopeReceipt',
      soapAction: 'http://ephyto.ippc.int/IDeliveryService/NegativeAcknowledgeEnvelopeReceipt',
    });
    expect(await trackingInfo(as('AR'), failedOne)).toMatchObject({
      trackingInfo: 'DeliveredNotReadable',
      errorMessage: 'The XML content in the envelope is not readable',
    });
    expect(await trackingInfo(as('AR'), advancedOne)).toMatchObject({ trackingInfo: 'DeliveredWithWarnings', errorMessage: 'ADRPN names no certificate' });
  });

  it('reads a HubWebException as findings, and an unknown number as EnvelopeNotExists', async () => {
    hub.failNext('ValidateAndDeliverEnvelope', 'Certificate type 999 is not allowed for EC');
    const refused = await deliverEnvelope(as('AR'), 'ValidateAndDeliverEnvelope', HEADER, CERTIFICATE, 'raw').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HubFault);
    expect((refused as HubFault).findings).toEqual([
      expect.objectContaining({ code: 'ephyto-hub.hub-exception', message: expect.stringContaining('Certificate type 999 is not allowed for EC') }),
    ]);
    // The hub checks the sender against the caller's certificate: AR may not deliver in NO's name.
    await expect(deliverEnvelope(as('AR'), 'DeliverEnvelope', { ...HEADER, from: 'NO' }, CERTIFICATE, 'raw')).rejects.toBeInstanceOf(HubFault);
    expect((await trackingInfo(as('AR'), 'HUB9999999999')).trackingInfo).toBe('EnvelopeNotExists');
    // Another NPPO's envelope is not pulled.
    const number = (await deliverEnvelope(as('AR'), 'DeliverEnvelope', HEADER, CERTIFICATE, 'raw')).hubDeliveryNumber!;
    expect(await pullEnvelope(as('NO'), number)).toBeUndefined();
  });

  it('the simulated hub refuses DTDs and oversized requests before its SOAP stack reads them', async () => {
    const post = (body: string) => fetch(hub.serviceUrl('AR'), { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
    expect((await post('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')).status).toBe(400);
    const small = await startSimulatedHub({ maxRequestBytes: 2048 });
    try {
      const answer = await fetch(small.serviceUrl('AR'), { method: 'POST', headers: { 'content-type': 'text/xml' }, body: 'x'.repeat(10_000) }).catch(
        () => undefined,
      );
      expect(answer === undefined || answer.status === 413).toBe(true);
    } finally {
      await small.close();
    }
  });
});

describe('a hub that answers garbage', () => {
  let server: Server;
  let url: string;
  let answer: { status: number; body: string } = { status: 200, body: '' };
  beforeAll(async () => {
    server = createServer((_req, res) => res.writeHead(answer.status, { 'content-type': 'text/xml' }).end(answer.body));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hub`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const endpoint = () => ({ url, timeoutMs: 2000, maxEnvelopeBytes: 4096 });
  const soapBody = (inner: string) => `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${inner}</s:Body></s:Envelope>`;

  it.each([
    ['not XML', 200, 'hello'],
    ['HTML error page', 502, '<html><body>Bad gateway</body></html>'],
    ['an XML bomb', 200, `<!DOCTYPE s [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>${soapBody('<x>&b;</x>')}`],
    ["another operation's answer", 200, soapBody('<DeliverEnvelopeResponse xmlns="http://ephyto.ippc.int/"/>')],
    [
      'a header without its required fields',
      200,
      soapBody(
        '<GetEnvelopeTrackingInfoResponse xmlns="http://ephyto.ippc.int/"><GetEnvelopeTrackingInfoResult><From>AR</From></GetEnvelopeTrackingInfoResult></GetEnvelopeTrackingInfoResponse>',
      ),
    ],
    [
      'a non-integer CertificateType',
      200,
      soapBody(
        '<GetEnvelopeTrackingInfoResponse xmlns="http://ephyto.ippc.int/"><GetEnvelopeTrackingInfoResult><From>AR</From><To>XA</To><CertificateType>85x</CertificateType><CertificateStatus>70</CertificateStatus><NPPOCertificateNumber>1</NPPOCertificateNumber></GetEnvelopeTrackingInfoResult></GetEnvelopeTrackingInfoResponse>',
      ),
    ],
    [
      'header fields in a namespace of its own',
      200,
      soapBody(
        '<GetEnvelopeTrackingInfoResponse xmlns="http://ephyto.ippc.int/"><GetEnvelopeTrackingInfoResult xmlns:o="urn:other"><o:From>AR</o:From><o:To>XA</o:To><o:CertificateType>851</o:CertificateType><o:CertificateStatus>70</o:CertificateStatus><o:NPPOCertificateNumber>1</o:NPPOCertificateNumber></GetEnvelopeTrackingInfoResult></GetEnvelopeTrackingInfoResponse>',
      ),
    ],
  ])('%s is a HubAnswerError, never a state', async (_name, status, body) => {
    answer = { status, body };
    await expect(trackingInfo(endpoint(), 'HUB1')).rejects.toBeInstanceOf(HubAnswerError);
  });

  it('an answer larger than the envelope limit is not read', async () => {
    answer = { status: 200, body: soapBody(`<x>${'a'.repeat(100_000)}</x>`) };
    const error = await trackingInfo(endpoint(), 'HUB1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).reason).toBe('too-large');
  });

  it('a SOAP fault that is no HubWebException is still a fault with its faultstring', async () => {
    answer = { status: 500, body: soapBody('<s:Fault><faultcode>s:Server</faultcode><faultstring>Internal error</faultstring></s:Fault>') };
    const error = (await trackingInfo(endpoint(), 'HUB1').catch((e: unknown) => e)) as HubFault;
    expect(error.findings[0]).toMatchObject({ code: 'ephyto-hub.fault', message: expect.stringContaining('Internal error') });
  });
});

describe('envelope content', () => {
  it('takes raw XML and base64 of XML; empty, non-XML base64, and junk are not certificates', () => {
    expect(contentOf('  <a/>  ', 100)).toEqual(Buffer.from('<a/>'));
    expect(contentOf(Buffer.from('<a/>').toString('base64'), 100)).toEqual(Buffer.from('<a/>'));
    expect(contentOf('', 100)).toBe('empty');
    expect(contentOf(undefined, 100)).toBe('empty');
    expect(contentOf(Buffer.from('just text').toString('base64'), 100)).toBe('unreadable');
    expect(contentOf('%%% not base64', 100)).toBe('unreadable');
    expect(contentOf(`<a>${'x'.repeat(500)}</a>`, 100)).toBe('unreadable');
    expect(contentOf(Buffer.from(`<a>${'x'.repeat(200)}</a>`).toString('base64'), 100)).toBe('unreadable');
  });

  it('finds where a header lies about the certificate', () => {
    const facts = certificateFacts(parseXml(CERTIFICATE));
    const lies = headerMismatches({ ...HEADER, from: 'NO', to: 'XA', certificateType: 657 }, facts);
    expect(lies.map((f) => f.message)).toEqual([
      'The hub\'s envelope header says From "NO", the certificate it carries "AR"',
      'The hub\'s envelope header says To "XA", the certificate it carries "EC"',
      'The hub\'s envelope header says CertificateType "657", the certificate it carries "851"',
    ]);
  });
});

describe("the NPPO's TLS client certificate", () => {
  it('is presented to the hub (the hub knows the NPPO by it); without it the hub is unreachable', async () => {
    const pki = testPki(['nppo-xa']);
    const seen: string[] = [];
    const server = createTlsServer({ cert: pki.server.cert, key: pki.server.key, ca: pki.caPem, requestCert: true, rejectUnauthorized: true }, (req, res) => {
      seen.push(((req.socket as TLSSocket).getPeerCertificate().subject as { CN?: string }).CN ?? '');
      res
        .writeHead(200, { 'content-type': 'text/xml' })
        .end(
          '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><GetEnvelopeTrackingInfoResponse xmlns="http://ephyto.ippc.int/"><GetEnvelopeTrackingInfoResult><From>XA</From><To>XC</To><CertificateType>851</CertificateType><CertificateStatus>70</CertificateStatus><NPPOCertificateNumber>N1</NPPOCertificateNumber><hubDeliveryNumber>HUB1</hubDeliveryNumber><HUBTrackingInfo>Delivered</HUBTrackingInfo></GetEnvelopeTrackingInfoResult></GetEnvelopeTrackingInfoResponse></s:Body></s:Envelope>',
        );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const url = `https://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hub/DeliveryService`;
    try {
      const client = pki.clients['nppo-xa']!;
      const header = await trackingInfo(
        { url, timeoutMs: 5000, maxEnvelopeBytes: 4096, tls: { cert: client.certFile, key: client.keyFile, ca: pki.caFile } },
        'HUB1',
      );
      expect(header.trackingInfo).toBe('Delivered');
      expect(seen).toEqual(['nppo-xa']);
      await expect(trackingInfo({ url, timeoutMs: 5000, maxEnvelopeBytes: 4096, tls: { ca: pki.caFile } }, 'HUB1')).rejects.toBeInstanceOf(TransportError);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
