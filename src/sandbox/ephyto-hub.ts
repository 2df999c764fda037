/**
 * The sandbox's IPPC ePhyto Hub: the hub's own WSDL served by a real SOAP stack (the `soap`
 * package), on its own loopback listener, with envelopes kept in memory. The connector
 * (src/ephyto-hub/) is tested against the published contract, not against a copy of itself.
 *
 * Each NPPO reaches it at `/hub/<country>/DeliveryService`: the path stands in for the TLS client
 * certificate by which the real hub knows the NPPO. States move as the hub's would: an envelope
 * is PendingDelivery until the importing NPPO acknowledges it (Delivered), acknowledges it with
 * warnings (DeliveredWithWarnings) or as failed (DeliveredNotReadable when its content could not
 * be read or was empty, FailedDelivery otherwise); an unknown number is EnvelopeNotExists.
 * Countries listed as `importers` are simulated NPPOs that pull and acknowledge by themselves.
 *
 * The dispatcher is strict: the SOAPAction header is dropped before the `soap` package reads the
 * request, so the operation is the body element's (the WSDL gives AcknowledgeFailedEnvelopeReceipt
 * and AdvancedAcknowledgeEnvelopeReceipt one action). Requests are bounded and DTDs refused
 * before the SOAP stack sees them.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as soap from 'soap';

const HUB_WSDL_FILE = fileURLToPath(new URL('../../config/ephyto-hub/uat-ephyto.wsdl', import.meta.url));

type State = 'PendingDelivery' | 'Delivered' | 'FailedDelivery' | 'DeliveredWithWarnings' | 'DeliveredNotReadable';

interface Header {
  From: string;
  To: string;
  CertificateType: number;
  CertificateStatus: number;
  NPPOCertificateNumber: string;
}

export interface HeldEnvelope extends Header {
  hubDeliveryNumber: string;
  state: State;
  errorMessage?: string;
  content: string;
  deliveredAt: string;
}

export interface HubCall {
  country: string;
  operation: string;
  soapAction: string;
}

export interface SimulatedHubOptions {
  /** Countries whose NPPO the hub simulates: they take what is delivered to them after `importAfterMs`. */
  importers?: readonly string[];
  importAfterMs?: number;
  /** Largest request taken (default 32 MiB). */
  maxRequestBytes?: number;
  /** Envelopes kept; the oldest goes first (default 10 000). */
  keep?: number;
}

export interface SimulatedHub {
  /** The base URL; an NPPO's DeliveryService is `${url}/hub/<country>/DeliveryService`. */
  url: string;
  serviceUrl(country: string): string;
  envelopes: ReadonlyMap<string, HeldEnvelope>;
  /** The countries whose NPPO the hub simulates (changeable: a test may act as one itself). */
  importers: Set<string>;
  /** The calls received, newest last (the last 1000). */
  calls: HubCall[];
  /** The next call of `operation` answers with a HubWebException saying `message`. */
  failNext(operation: string, message: string): void;
  close(): Promise<void>;
}

type Fault = { Fault: { faultcode: string; faultstring: string; detail: { HubWebException: { message: string } }; statusCode: number } };
const hubException = (message: string): Fault => ({
  Fault: { faultcode: 'soap:Server', faultstring: message, detail: { HubWebException: { message } }, statusCode: 500 },
});

const COUNTRY_PATH = /^\/hub\/([A-Z]{2})\/DeliveryService\/?$/;
const DTD = /<!\s*(DOCTYPE|ENTITY)/i;

export async function startSimulatedHub(options: SimulatedHubOptions = {}): Promise<SimulatedHub> {
  const maxRequestBytes = options.maxRequestBytes ?? 32 * 1024 * 1024;
  const keep = options.keep ?? 10_000;
  const importers = new Set(options.importers ?? []);
  const envelopes = new Map<string, HeldEnvelope>();
  const calls: HubCall[] = [];
  const failures = new Map<string, string>();
  const timers = new Set<NodeJS.Timeout>();
  let sequence = 0;

  const countryOf = (req: IncomingMessage) => COUNTRY_PATH.exec(new URL(req.url ?? '/', 'http://hub').pathname)?.[1] ?? '';
  const injected = (operation: string) => {
    const message = failures.get(operation);
    if (message === undefined) return;
    failures.delete(operation);
    throw hubException(message);
  };
  const headerOf = (e: HeldEnvelope) => ({
    From: e.From,
    To: e.To,
    CertificateType: e.CertificateType,
    CertificateStatus: e.CertificateStatus,
    NPPOCertificateNumber: e.NPPOCertificateNumber,
    hubDeliveryNumber: e.hubDeliveryNumber,
    HUBTrackingInfo: e.state,
    ...(e.errorMessage ? { hubDeliveryErrorMessage: e.errorMessage } : {}),
  });
  const addressedTo = (req: IncomingMessage, number: unknown) => {
    const envelope = envelopes.get(String(number));
    return envelope && envelope.To === countryOf(req) ? envelope : undefined;
  };
  const acknowledged = (envelope: HeldEnvelope, state: State, message?: string) => {
    if (envelope.state !== 'PendingDelivery') throw hubException(`Envelope ${envelope.hubDeliveryNumber} was acknowledged already`);
    envelope.state = state;
    if (message) envelope.errorMessage = message;
  };

  function deliver(operation: string, given: Partial<Header> & { Content?: unknown }, req: IncomingMessage & { body?: Buffer }) {
    injected(operation);
    const country = countryOf(req);
    if (given.From !== country) throw hubException(`The envelope is from ${String(given.From)}, but the caller's certificate is ${country}'s`);
    let content = typeof given.Content === 'string' ? given.Content : '';
    if (operation === 'DeliverPhytoEnvelope') {
      // The typed certificate, as sent: the SOAP stack gives it as an object, the request holds its text.
      const text = req.body?.toString('utf8') ?? '';
      content = /<([A-Za-z_][\w.-]*:)?SPSCertificate\b[\s\S]*<\/\1SPSCertificate>/.exec(text)?.[0] ?? '';
    }
    if (operation === 'ValidateAndDeliverEnvelope') {
      const xml = content.trim().startsWith('<') ? content : Buffer.from(content, 'base64').toString('utf8');
      if (!/<([A-Za-z_][\w.-]*:)?SPSCertificate\b/.test(xml)) throw hubException('Validation failed: the content is not an SPSCertificate');
    }
    sequence += 1;
    const number = `HUB${String(sequence).padStart(10, '0')}`;
    const envelope: HeldEnvelope = {
      From: String(given.From),
      To: String(given.To),
      CertificateType: Number(given.CertificateType),
      CertificateStatus: Number(given.CertificateStatus),
      NPPOCertificateNumber: String(given.NPPOCertificateNumber),
      hubDeliveryNumber: number,
      state: 'PendingDelivery',
      content,
      deliveredAt: new Date().toISOString(),
    };
    envelopes.set(number, envelope);
    if (envelopes.size > keep) envelopes.delete(envelopes.keys().next().value as string);
    if (importers.has(envelope.To)) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (envelope.state !== 'PendingDelivery') return;
        const readable = /<([A-Za-z_][\w.-]*:)?SPSCertificate\b/.test(
          envelope.content.trim().startsWith('<') ? envelope.content : Buffer.from(envelope.content, 'base64').toString('utf8'),
        );
        envelope.state = readable ? 'Delivered' : 'DeliveredNotReadable';
        if (!readable) envelope.errorMessage = 'The XML content in the envelope is not readable';
      }, options.importAfterMs ?? 1000);
      timers.add(timer);
    }
    return { [`${operation}Result`]: headerOf(envelope) };
  }

  const port = {
    ValidateAndDeliverEnvelope: (args: { envelope: Header }, _cb: unknown, _h: unknown, req: IncomingMessage) =>
      deliver('ValidateAndDeliverEnvelope', args.envelope, req),
    DeliverEnvelope: (args: { env: Header }, _cb: unknown, _h: unknown, req: IncomingMessage) => deliver('DeliverEnvelope', args.env, req),
    DeliverPhytoEnvelope: (args: { ePhytoEnvelope: Header }, _cb: unknown, _h: unknown, req: IncomingMessage) =>
      deliver('DeliverPhytoEnvelope', args.ePhytoEnvelope, req),
    GetImportEnvelopeHeaders: (_args: unknown, _cb: unknown, _h: unknown, req: IncomingMessage) => {
      injected('GetImportEnvelopeHeaders');
      const country = countryOf(req);
      const waiting = [...envelopes.values()].filter((e) => e.To === country && e.state === 'PendingDelivery');
      return { GetImportEnvelopeHeadersResult: { EnvelopeHeader: waiting.map(headerOf) } };
    },
    PULLSingleImportEnvelope: (args: { hubTrackingNumber: string }, _cb: unknown, _h: unknown, req: IncomingMessage) => {
      injected('PULLSingleImportEnvelope');
      const envelope = addressedTo(req, args.hubTrackingNumber);
      return envelope ? { PULLSingleImportEnvelopeResult: { ...headerOf(envelope), Content: envelope.content } } : {};
    },
    AcknowledgeEnvelopeReceipt: (args: { hubTrackingNumber: string }, _cb: unknown, _h: unknown, req: IncomingMessage) => {
      injected('AcknowledgeEnvelopeReceipt');
      const envelope = addressedTo(req, args.hubTrackingNumber);
      if (!envelope) throw hubException(`No envelope ${String(args.hubTrackingNumber)} for ${countryOf(req)}`);
      acknowledged(envelope, 'Delivered');
      return {};
    },
    AdvancedAcknowledgeEnvelopeReceipt: (args: { hubTrackingNumber: string; warningMessage?: string }, _cb: unknown, _h: unknown, req: IncomingMessage) => {
      injected('AdvancedAcknowledgeEnvelopeReceipt');
      const envelope = addressedTo(req, args.hubTrackingNumber);
      if (!envelope) throw hubException(`No envelope ${String(args.hubTrackingNumber)} for ${countryOf(req)}`);
      acknowledged(envelope, 'DeliveredWithWarnings', String(args.warningMessage ?? ''));
      return { return: 'OK' };
    },
    AcknowledgeFailedEnvelopeReceipt: (args: { hubTrackingNumber: string; message?: string }, _cb: unknown, _h: unknown, req: IncomingMessage) => {
      injected('AcknowledgeFailedEnvelopeReceipt');
      const envelope = addressedTo(req, args.hubTrackingNumber);
      if (!envelope) throw hubException(`No envelope ${String(args.hubTrackingNumber)} for ${countryOf(req)}`);
      const message = String(args.message ?? '');
      acknowledged(envelope, /not readable|is empty/i.test(message) ? 'DeliveredNotReadable' : 'FailedDelivery', message);
      return { return: 'OK' };
    },
    GetEnvelopeTrackingInfo: (args: { hubTrackingNumber: string }, _cb: unknown, _h: unknown, req: IncomingMessage) => {
      injected('GetEnvelopeTrackingInfo');
      const envelope = envelopes.get(String(args.hubTrackingNumber));
      const country = countryOf(req);
      if (!envelope || (envelope.From !== country && envelope.To !== country)) {
        return {
          GetEnvelopeTrackingInfoResult: {
            From: '',
            To: '',
            CertificateType: 0,
            CertificateStatus: 0,
            NPPOCertificateNumber: '',
            hubDeliveryNumber: String(args.hubTrackingNumber),
            HUBTrackingInfo: 'EnvelopeNotExists',
          },
        };
      }
      return { GetEnvelopeTrackingInfoResult: headerOf(envelope) };
    },
  };

  // What the SOAP stack passes on for paths it does not serve.
  const server: Server = createServer((_req, res) => res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'));
  const soapServer = await new Promise<soap.Server>((resolve, reject) => {
    const made = soap.listen(server, {
      path: /^\/hub\/[A-Z]{2}\/DeliveryService\/$/,
      services: { DeliveryService: { IDeliveryServiceImplPort: port } } as unknown as soap.IServices,
      xml: readFileSync(HUB_WSDL_FILE, 'utf8'),
      suppressStack: true,
      callback: (error: unknown) => (error ? reject(error as Error) : resolve(made)),
    });
  });
  void soapServer;
  // Between the socket and the SOAP stack: a bounded body, no DTD, the action noted then dropped.
  const soapListeners = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage & { body?: Buffer }, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxRequestBytes && !refused) {
        refused = true;
        res.writeHead(413, { 'content-type': 'text/plain', connection: 'close' }).end('request too large');
        req.destroy();
      } else if (!refused) chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      const body = Buffer.concat(chunks);
      if (DTD.test(body.toString('utf8'))) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('DTD markup is not accepted');
        return;
      }
      const action = String(req.headers.soapaction ?? '').replace(/^"|"$/g, '');
      const operation = /<(?:[A-Za-z_][\w.-]*:)?Body\b[^>]*>\s*<(?:[A-Za-z_][\w.-]*:)?([A-Za-z]+)/.exec(body.toString('utf8'))?.[1] ?? '';
      calls.push({ country: countryOf(req), operation, soapAction: action });
      if (calls.length > 1000) calls.shift();
      delete req.headers.soapaction;
      req.body = body.length > 0 ? body : Buffer.from(' ');
      for (const listener of soapListeners) listener.call(server, req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    serviceUrl: (country) => `${url}/hub/${country}/DeliveryService`,
    envelopes,
    importers,
    calls,
    failNext: (operation, message) => failures.set(operation, message),
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
