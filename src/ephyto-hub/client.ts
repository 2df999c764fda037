/**
 * The ePhyto Hub's SOAP calls, over the gateway's one HTTP client (http-client.ts) rather than the
 * `soap` package's: the same deadline for the whole call, the same cap on what an answer may
 * weigh, the same mTLS identities and no redirects as every other outbound request, and answers
 * read by the project's own XML parser, which refuses DTDs (the `soap` client's sax does not).
 * The hub authenticates an NPPO by its TLS client certificate (the one uploaded in the hub's
 * AdminConsole): `tls` of the hub participant's `endpointTls`.
 */
import { send, type TlsFiles } from '../http-client.js';
import { childElements } from '../documents/xml/parse.js';
import {
  type ContentEncoding,
  type DeliverOperation,
  deliverRequest,
  HubAnswerError,
  type HubEnvelope,
  type HubEnvelopeHeader,
  type HubOperation,
  importHeadersRequest,
  readAnswer,
  readEnvelope,
  readHeader,
  resultOf,
  soapActionOf,
  trackingNumberRequest,
} from './envelope.js';

export interface HubEndpoint {
  /** The DeliveryService URL (UAT https://uat-hub.ephytoexchange.org/hub/DeliveryService). */
  url: string;
  tls?: TlsFiles;
  timeoutMs: number;
  /** The largest envelope (certificate) taken; an answer may weigh twice that, escaped, and a little more. */
  maxEnvelopeBytes: number;
}

const answerLimit = (endpoint: HubEndpoint) => endpoint.maxEnvelopeBytes * 2 + 64 * 1024;

/** One call: a SOAP answer of `operation` or a HubFault; TransportError when none came, HubAnswerError when it is not one. */
async function call(endpoint: HubEndpoint, operation: HubOperation, request: string) {
  const answer = await send({
    url: endpoint.url,
    body: request,
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${soapActionOf(operation)}"` },
    timeoutMs: endpoint.timeoutMs,
    maxAnswerBytes: answerLimit(endpoint),
    ...(endpoint.tls ? { tls: endpoint.tls } : {}),
  });
  // A SOAP 1.1 fault comes with 500; any other status with a body that is no SOAP answer is read as garbage below.
  if (answer.status >= 300 && answer.status !== 500) throw new HubAnswerError(`the hub answered HTTP ${answer.status}`);
  return readAnswer(answer.body, `${operation}Response`, answerLimit(endpoint));
}

function headerResult(message: ReturnType<typeof readAnswer>, name: string): HubEnvelopeHeader {
  const result = resultOf(message, name);
  if (!result) throw new HubAnswerError(`the hub's ${message.name} holds no ${name}`);
  return readHeader(result);
}

/** Delivers a certificate; the hub's header back names its hubDeliveryNumber and tracking state. */
export async function deliverEnvelope(
  endpoint: HubEndpoint,
  operation: DeliverOperation,
  header: HubEnvelopeHeader,
  certificate: string,
  encoding: ContentEncoding,
): Promise<HubEnvelopeHeader> {
  const message = await call(endpoint, operation, deliverRequest(operation, header, certificate, encoding));
  return headerResult(message, `${operation}Result`);
}

/** GetEnvelopeTrackingInfo: where a delivered envelope stands. */
export async function trackingInfo(endpoint: HubEndpoint, hubTrackingNumber: string): Promise<HubEnvelopeHeader> {
  const message = await call(endpoint, 'GetEnvelopeTrackingInfo', trackingNumberRequest('GetEnvelopeTrackingInfo', hubTrackingNumber));
  return headerResult(message, 'GetEnvelopeTrackingInfoResult');
}

/** GetImportEnvelopeHeaders: the envelopes waiting to be pulled, at most `maxHeaders` of them read. */
export async function importHeaders(endpoint: HubEndpoint, countryCode: string, maxHeaders = 1000): Promise<HubEnvelopeHeader[]> {
  const message = await call(endpoint, 'GetImportEnvelopeHeaders', importHeadersRequest(countryCode));
  const list = resultOf(message, 'GetImportEnvelopeHeadersResult');
  if (!list) return [];
  return childElements(list)
    .filter((c) => c.name === 'EnvelopeHeader')
    .slice(0, maxHeaders)
    .map(readHeader);
}

/** PULLSingleImportEnvelope: the envelope, or undefined when the hub gave none. */
export async function pullEnvelope(endpoint: HubEndpoint, hubTrackingNumber: string): Promise<HubEnvelope | undefined> {
  const message = await call(endpoint, 'PULLSingleImportEnvelope', trackingNumberRequest('PULLSingleImportEnvelope', hubTrackingNumber));
  const result = resultOf(message, 'PULLSingleImportEnvelopeResult');
  return result ? readEnvelope(result) : undefined;
}

/** The three acknowledgements an importing NPPO gives (README of the corpus: Mattilsynet's practice). */
export type AcknowledgementKind = 'AcknowledgeEnvelopeReceipt' | 'AdvancedAcknowledgeEnvelopeReceipt' | 'AcknowledgeFailedEnvelopeReceipt';

export async function acknowledgeEnvelope(endpoint: HubEndpoint, kind: AcknowledgementKind, hubTrackingNumber: string, message?: string): Promise<void> {
  await call(endpoint, kind, trackingNumberRequest(kind, hubTrackingNumber, message));
}
