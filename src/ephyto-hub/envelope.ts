/**
 * The IPPC ePhyto Hub's SOAP 1.1 messages (its WSDL, `config/ephyto-hub/DeliveryService.wsdl`):
 * requests written as the binding describes them (document/literal, SOAPAction per operation),
 * answers read with the project's safe XML parser (no DTD, bounded size and depth). Plain
 * functions on plain data; the calls themselves are client.ts's.
 */
import type { HubDeliverOperation } from '../config/types.js';
import { type Finding, finding, RejectionError } from '../findings.js';
import { childElements, firstChild, parseXml, textOf, type XmlElement } from '../documents/xml/parse.js';

/** The operations' namespace, and that of the envelope entities. */
const HUB_NS = 'http://ephyto.ippc.int/';
const ENTITIES_NS = 'http://ephyto.ippc.int/HUB.Entities';
const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const SPS_NS = 'urn:un:unece:uncefact:data:standard:SPSCertificate:17';
const RAM_NS = 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:21';

/** `HUBTrackingInfo` (WSDL L315–324): where an envelope stands on the hub. */
export const TRACKING_STATES = [
  'PendingDelivery',
  'Delivered',
  'FailedDelivery',
  'EnvelopeNotExists',
  'DeliveredWithWarnings',
  'DeliveredNotReadable',
] as const;
export type TrackingState = (typeof TRACKING_STATES)[number];
export const isTrackingState = (value: string | undefined): value is TrackingState => TRACKING_STATES.includes(value as TrackingState);

/** The operations this connector calls. */
export type DeliverOperation = HubDeliverOperation;
export type HubOperation =
  | DeliverOperation
  | 'GetImportEnvelopeHeaders'
  | 'PULLSingleImportEnvelope'
  | 'AcknowledgeEnvelopeReceipt'
  | 'AcknowledgeFailedEnvelopeReceipt'
  | 'AdvancedAcknowledgeEnvelopeReceipt'
  | 'GetEnvelopeTrackingInfo';

/** `EnvelopeHeader` (WSDL L246), the hub's own fields included. */
export interface HubEnvelopeHeader {
  from: string;
  to: string;
  certificateType: number;
  certificateStatus: number;
  nppoCertificateNumber: string;
  hubDeliveryNumber?: string;
  trackingInfo?: string;
  errorMessage?: string;
}

/** `Envelope`: a header and the certificate as text (`Content`), raw XML or base64. */
export interface HubEnvelope extends HubEnvelopeHeader {
  content?: string;
}

/**
 * The binding's SOAPAction. The WSDL's quirk is kept on purpose: AdvancedAcknowledgeEnvelopeReceipt's
 * action is …/NegativeAcknowledgeEnvelopeReceipt (binding L1650), which the portType also gives
 * AcknowledgeFailedEnvelopeReceipt; a strict hub tells them apart by the body element.
 */
export function soapActionOf(operation: HubOperation): string {
  return `http://ephyto.ippc.int/IDeliveryService/${operation === 'AdvancedAcknowledgeEnvelopeReceipt' ? 'NegativeAcknowledgeEnvelopeReceipt' : operation}`;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const soapRequest = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${SOAP11_NS}" xmlns:e="${HUB_NS}" xmlns:h="${ENTITIES_NS}"><soap:Body>${body}</soap:Body></soap:Envelope>`;

function headerXml(h: HubEnvelopeHeader): string {
  const field = (name: string, value: string | number | undefined) => (value === undefined ? '' : `<h:${name}>${escapeXml(String(value))}</h:${name}>`);
  return [
    field('From', h.from),
    field('To', h.to),
    field('CertificateType', h.certificateType),
    field('CertificateStatus', h.certificateStatus),
    field('NPPOCertificateNumber', h.nppoCertificateNumber),
    field('hubDeliveryNumber', h.hubDeliveryNumber),
    field('HUBTrackingInfo', h.trackingInfo),
    field('hubDeliveryErrorMessage', h.errorMessage),
  ].join('');
}

/** How the certificate travels in `Content`: XML as text (what NPPOs' senders commonly do) or base64 of its bytes. */
export type ContentEncoding = 'raw' | 'base64';

/**
 * A deliver request. ValidateAndDeliverEnvelope and DeliverEnvelope carry the certificate as
 * `Content`; DeliverPhytoEnvelope carries it as the typed SPSCertificate element itself.
 */
export function deliverRequest(operation: DeliverOperation, header: HubEnvelopeHeader, certificate: string, encoding: ContentEncoding): string {
  if (operation === 'DeliverPhytoEnvelope') {
    const element = certificate.replace(/^\uFEFF?\s*<\?xml[^?]*\?>/, '');
    return soapRequest(`<e:DeliverPhytoEnvelope><e:ePhytoEnvelope>${headerXml(header)}${element}</e:ePhytoEnvelope></e:DeliverPhytoEnvelope>`);
  }
  const content = encoding === 'base64' ? Buffer.from(certificate, 'utf8').toString('base64') : escapeXml(certificate);
  const wrapper = operation === 'ValidateAndDeliverEnvelope' ? 'envelope' : 'env';
  return soapRequest(`<e:${operation}><e:${wrapper}>${headerXml(header)}<h:Content>${content}</h:Content></e:${wrapper}></e:${operation}>`);
}

/** A request naming one envelope by its hub tracking number, with the message the failed and advanced acknowledgements carry. */
export function trackingNumberRequest(operation: HubOperation, hubTrackingNumber: string, message?: string): string {
  const extra =
    operation === 'AcknowledgeFailedEnvelopeReceipt'
      ? `<e:message>${escapeXml(message ?? '')}</e:message>`
      : operation === 'AdvancedAcknowledgeEnvelopeReceipt'
        ? `<e:warningMessage>${escapeXml(message ?? '')}</e:warningMessage>`
        : '';
  return soapRequest(`<e:${operation}><e:hubTrackingNumber>${escapeXml(hubTrackingNumber)}</e:hubTrackingNumber>${extra}</e:${operation}>`);
}

/** GetImportEnvelopeHeaders: the envelopes waiting for this NPPO (an empty country code means all, as NPPO clients call it). */
export function importHeadersRequest(countryCode: string): string {
  return soapRequest(`<e:GetImportEnvelopeHeaders><e:countryCode>${escapeXml(countryCode)}</e:countryCode></e:GetImportEnvelopeHeaders>`);
}

/** The hub answered with its HubWebException fault (or another SOAP fault): what it said, as findings. */
export class HubFault extends Error {
  override name = 'HubFault';

  constructor(readonly findings: Finding[]) {
    super(findings.map((f) => f.message).join('; '));
  }
}

/** An answer that is no SOAP answer to the call made: not XML, DTD markup, too large, the wrong message. */
export class HubAnswerError extends Error {
  override name = 'HubAnswerError';
}

/** Strings the hub answers with are short codes and numbers; an error message may be a paragraph. */
const MAX_FIELD_CHARS = 4096;

/**
 * The message element of an answer, checked to be `expected` in the hub's namespace; a SOAP
 * Fault becomes a HubFault with the HubWebException's message. The hub's own answers put the
 * message in HUB_NS; nothing else is taken.
 */
export function readAnswer(body: Buffer, expected: string, maxBytes: number): XmlElement {
  let root: XmlElement;
  try {
    root = parseXml(body, { maxBytes, maxDepth: 32 });
  } catch (error) {
    if (error instanceof RejectionError) throw new HubAnswerError(`the hub's answer is not readable XML: ${error.findings.map((f) => f.message).join('; ')}`);
    throw error;
  }
  if (root.ns !== SOAP11_NS || root.name !== 'Envelope')
    throw new HubAnswerError(`the hub answered with ${root.name} (${root.ns || 'no namespace'}), not a SOAP 1.1 envelope`);
  const bodies = childElements(root).filter((c) => c.ns === SOAP11_NS && c.name === 'Body');
  const messages = bodies.length === 1 ? childElements(bodies[0]!) : [];
  if (messages.length !== 1) throw new HubAnswerError('the hub answered with a SOAP envelope that holds no single message');
  const message = messages[0]!;
  if (message.ns === SOAP11_NS && message.name === 'Fault') throw new HubFault([faultFinding(message)]);
  if (message.ns !== HUB_NS || message.name !== expected) throw new HubAnswerError(`the hub answered with ${message.name}, not ${expected}`);
  return message;
}

function faultFinding(fault: XmlElement): Finding {
  const detail = childElements(fault).find((c) => c.name === 'detail');
  const exception = detail && childElements(detail).find((c) => c.name === 'HubWebException');
  const said = exception ? childElements(exception).find((c) => c.name === 'message') : undefined;
  const faultString = childElements(fault).find((c) => c.name === 'faultstring');
  const text = bounded((said ? textOf(said) : faultString ? textOf(faultString) : '').trim()) || 'no message';
  return exception
    ? finding('ephyto-hub.hub-exception', `The ePhyto hub refused the call (HubWebException): ${text}`)
    : finding('ephyto-hub.fault', `The ePhyto hub answered with a SOAP fault: ${text}`);
}

const bounded = (text: string) => (text.length > MAX_FIELD_CHARS ? `${text.slice(0, MAX_FIELD_CHARS)}…` : text);

/**
 * An envelope header's field: the hub's entity fields are qualified in HUB.Entities (the schema);
 * some SOAP stacks write them in the operations' namespace, which is taken too. Nothing else is.
 */
function field(el: XmlElement, name: string): string | undefined {
  const found = firstChild(el, ENTITIES_NS, name) ?? firstChild(el, HUB_NS, name);
  return found ? bounded(textOf(found)) : undefined;
}

function intField(el: XmlElement, name: string): number {
  const text = field(el, name)?.trim() ?? '';
  if (!/^-?[0-9]{1,9}$/.test(text)) throw new HubAnswerError(`the hub's envelope header has ${name} "${text.slice(0, 40)}", not an integer`);
  return Number(text);
}

/** An EnvelopeHeader (or Envelope) element as plain data; the five required fields must be there. */
export function readHeader(el: XmlElement): HubEnvelopeHeader {
  const required = (name: string) => {
    const value = field(el, name);
    if (value === undefined) throw new HubAnswerError(`the hub's envelope header has no ${name}`);
    return value.trim();
  };
  const optional = (name: string) => {
    const value = field(el, name)?.trim();
    return value ? value : undefined;
  };
  const hubDeliveryNumber = optional('hubDeliveryNumber');
  const trackingInfo = optional('HUBTrackingInfo');
  const errorMessage = optional('hubDeliveryErrorMessage');
  return {
    from: required('From'),
    to: required('To'),
    certificateType: intField(el, 'CertificateType'),
    certificateStatus: intField(el, 'CertificateStatus'),
    nppoCertificateNumber: required('NPPOCertificateNumber'),
    ...(hubDeliveryNumber ? { hubDeliveryNumber } : {}),
    ...(trackingInfo ? { trackingInfo } : {}),
    ...(errorMessage ? { errorMessage } : {}),
  };
}

/** An Envelope: its header and Content, which is not trimmed or bounded here (the size of the whole answer is). */
export function readEnvelope(el: XmlElement): HubEnvelope {
  const content = firstChild(el, ENTITIES_NS, 'Content') ?? firstChild(el, HUB_NS, 'Content');
  return { ...readHeader(el), ...(content ? { content: textOf(content) } : {}) };
}

/** The one element a response wraps its result in, when the hub gave one. */
export function resultOf(message: XmlElement, name: string): XmlElement | undefined {
  return firstChild(message, HUB_NS, name) ?? firstChild(message, ENTITIES_NS, name);
}

/** What an SPS certificate says of itself: the facts an envelope header repeats. */
export interface CertificateFacts {
  number: string;
  typeCode: number;
  statusCode: number;
  exportCountry: string;
  importCountry: string;
  /** The issuing NPPO's country as sps-to-lpco maps it: its address, else the export country. */
  issuerCountry: string;
}

/** The header facts of an SPS certificate (its root must be rsm:SPSCertificate); findings for what is missing. */
export function certificateFacts(root: XmlElement): CertificateFacts {
  if (root.ns !== SPS_NS || root.name !== 'SPSCertificate') {
    throw new RejectionError(422, 'Not an SPS certificate', [
      finding('ephyto-hub.not-a-certificate', `The envelope content is ${root.name} (${root.ns || 'no namespace'}), not a UN/CEFACT SPSCertificate`),
    ]);
  }
  const document = firstChild(root, SPS_NS, 'SPSExchangedDocument');
  const consignment = firstChild(root, SPS_NS, 'SPSConsignment');
  const text = (el: XmlElement | undefined, ...path: string[]) => {
    let at = el;
    for (const step of path) at = at && firstChild(at, RAM_NS, step);
    return at ? textOf(at).trim() : '';
  };
  const facts = {
    number: text(document, 'ID'),
    typeCode: Number(text(document, 'TypeCode') || Number.NaN),
    statusCode: Number(text(document, 'StatusCode') || Number.NaN),
    exportCountry: text(consignment, 'ExportSPSCountry', 'ID'),
    importCountry: text(consignment, 'ImportSPSCountry', 'ID'),
  };
  const issuerCountry = text(document, 'IssuerSPSParty', 'SpecifiedSPSAddress', 'CountryID') || facts.exportCountry;
  const missing = Object.entries(facts).filter(([, value]) => value === '' || Number.isNaN(value));
  if (missing.length > 0) {
    throw new RejectionError(
      422,
      'Incomplete SPS certificate',
      missing.map(([name]) =>
        finding('ephyto-hub.certificate-incomplete', `The certificate does not state its ${name}, which the hub's envelope header needs`),
      ),
    );
  }
  return { ...facts, issuerCountry };
}

/** The envelope header a certificate calls for, as the exporting NPPO sends it. */
export function headerFor(facts: CertificateFacts): HubEnvelopeHeader {
  return {
    from: facts.exportCountry,
    to: facts.importCountry,
    certificateType: facts.typeCode,
    certificateStatus: facts.statusCode,
    nppoCertificateNumber: facts.number,
  };
}

/**
 * Where a header says something other than the certificate it carries: the header routes the
 * envelope on the hub, the certificate is what is registered, and the two must agree.
 */
export function headerMismatches(header: HubEnvelopeHeader, facts: CertificateFacts): Finding[] {
  const pairs: Array<[string, string | number, string | number]> = [
    ['From', header.from, facts.exportCountry],
    ['To', header.to, facts.importCountry],
    ['CertificateType', header.certificateType, facts.typeCode],
    ['CertificateStatus', header.certificateStatus, facts.statusCode],
    ['NPPOCertificateNumber', header.nppoCertificateNumber, facts.number],
  ];
  return pairs
    .filter(([, said, stated]) => String(said) !== String(stated))
    .map(([name, said, stated]) =>
      finding('ephyto-hub.header-mismatch', `The hub's envelope header says ${name} "${said}", the certificate it carries "${stated}"`, `/Envelope/${name}`),
    );
}
