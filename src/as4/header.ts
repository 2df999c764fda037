/**
 * Reads the SOAP envelope and its ebMS 3.0 `eb:Messaging` header into plain data
 * (message.ts). Problems raise an As4Error with the code a partner's access point expects:
 * EBMS:0009 InvalidHeader for what is missing or malformed, EBMS:0003 ValueInconsistent for
 * what contradicts the AS4 profile (two UserMessages, a compression other than gzip).
 */
import type { Document, Element } from '@xmldom/xmldom';
import { parseDom } from '../trust/xmldsig/xml-dom.js';
import { RejectionError } from '../findings.js';
import { As4Error, as4Error } from './errors.js';
import type { As4Message, ErrorDetail, MessageInfo, Party, PartInfo, Property, SignalMessage, UserMessage } from './message.js';
import { NS, URI } from './namespaces.js';

export interface SoapEnvelope {
  document: Document;
  envelope: Element;
  header: Element | undefined;
  body: Element;
  soapVersion: '1.1' | '1.2';
  /** The one eb:Messaging header block. */
  messaging: Element;
}

export function children(parent: Element, ns?: string, name?: string): Element[] {
  const out: Element[] = [];
  for (let child = parent.firstChild; child; child = child.nextSibling) {
    if (child.nodeType !== 1) continue;
    const element = child as Element;
    if (ns !== undefined && element.namespaceURI !== ns) continue;
    if (name !== undefined && element.localName !== name) continue;
    out.push(element);
  }
  return out;
}

export function child(parent: Element, ns: string, name: string): Element | undefined {
  return children(parent, ns, name)[0];
}

export function text(element: Element): string {
  return (element.textContent ?? '').trim();
}

function attribute(element: Element, name: string): string | undefined {
  return element.hasAttribute(name) ? (element.getAttribute(name) ?? undefined) : undefined;
}

/** Bounds on the SOAP part, checked before any DOM is built (xmldom is slow on wide documents). */
export interface SoapLimits {
  /** Largest SOAP part, in bytes; payloads travel as attachments, so an access point keeps this small. */
  maxBytes: number;
  /** Most elements in the SOAP part (a start tag counted cheaply on the raw bytes). */
  maxElements: number;
}

// Generous for files read by the CLI (the corpus carries SOAP-Body payloads); the access point sets its own.
const DEFAULT_SOAP_LIMITS: SoapLimits = { maxBytes: 10 * 1024 * 1024, maxElements: 50_000 };

/** Start tags counted on the raw bytes: `<` followed by neither `/`, `!` nor `?`. Over-counts nothing a parser would accept. */
function countStartTags(soap: Buffer | string, stopAfter: number): number {
  const bytes = typeof soap === 'string' ? Buffer.from(soap, 'utf8') : soap;
  let count = 0;
  for (let at = bytes.indexOf(0x3c); at !== -1; at = bytes.indexOf(0x3c, at + 1)) {
    const next = bytes[at + 1];
    if (next !== 0x2f && next !== 0x21 && next !== 0x3f && ++count > stopAfter) return count;
  }
  return count;
}

/** Parses the SOAP part (size and element count first, then the safe parser: no DTD, no entities, bounded) and finds its parts. */
export function parseSoapEnvelope(soap: Buffer | string, expectVersion?: '1.1' | '1.2', limits: Partial<SoapLimits> = {}): SoapEnvelope {
  const { maxBytes, maxElements } = { ...DEFAULT_SOAP_LIMITS, ...limits };
  const size = typeof soap === 'string' ? Buffer.byteLength(soap) : soap.length;
  if (size > maxBytes)
    throw as4Error('EBMS:0009', `The SOAP part is ${size} bytes; this access point takes at most ${maxBytes} (payloads travel as attachments)`);
  if (countStartTags(soap, maxElements) > maxElements) throw as4Error('EBMS:0009', `The SOAP part holds more than ${maxElements} elements`);
  let document: Document;
  let root: Element;
  try {
    ({ document, root } = parseDom(soap, { maxDepth: 64, maxBytes }));
  } catch (error) {
    if (error instanceof RejectionError) throw as4Error('EBMS:0009', `The SOAP part is not acceptable XML: ${error.message}`);
    throw error;
  }
  const soapVersion = root.namespaceURI === NS.soap12 ? '1.2' : root.namespaceURI === NS.soap11 ? '1.1' : undefined;
  if (root.localName !== 'Envelope' || !soapVersion) throw as4Error('EBMS:0009', `The message is ${root.localName}, not a SOAP envelope`);
  if (expectVersion && expectVersion !== soapVersion) {
    throw as4Error('EBMS:0009', `A SOAP ${soapVersion} envelope where SOAP ${expectVersion} was announced (VersionMismatch)`);
  }
  const soapNs = root.namespaceURI!;
  const unknown = children(root).find((c) => c.namespaceURI !== soapNs || (c.localName !== 'Header' && c.localName !== 'Body'));
  if (unknown) throw as4Error('EBMS:0009', `The envelope holds ${unknown.tagName}; only Header and Body belong there`);
  const headers = children(root, soapNs, 'Header');
  const bodies = children(root, soapNs, 'Body');
  if (headers.length > 1 || bodies.length !== 1) throw as4Error('EBMS:0009', `The envelope has ${headers.length} Header and ${bodies.length} Body elements`);
  const header = headers[0];
  const messagings = header ? children(header, NS.eb, 'Messaging') : [];
  if (messagings.length !== 1) throw as4Error('EBMS:0009', `The SOAP header holds ${messagings.length} eb:Messaging blocks; exactly one is read`);
  return { document, envelope: root, header, body: bodies[0]!, soapVersion, messaging: messagings[0]! };
}

function required(parent: Element, name: string, where: string): Element {
  const found = children(parent, NS.eb, name);
  if (found.length !== 1) throw as4Error('EBMS:0009', `${where} needs exactly one eb:${name}, found ${found.length}`);
  return found[0]!;
}

function requiredText(parent: Element, name: string, where: string): string {
  const value = text(required(parent, name, where));
  if (value === '') throw as4Error('EBMS:0009', `${where}/eb:${name} is empty`);
  return value;
}

// xsd:dateTime, and a real instant: 2006-30-30T30:99:99 has the shape but not the meaning.
const DATE_TIME = /^(\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

function checkTimestamp(value: string, where: string): void {
  const m = DATE_TIME.exec(value);
  const [year, month, day, hour, minute, second] = (m ?? []).slice(1, 7).map(Number) as number[];
  const date = m ? new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!)) : undefined;
  const real =
    date !== undefined &&
    date.getUTCMonth() === month! - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  if (!real) throw as4Error('EBMS:0009', `${where}/eb:Timestamp ${JSON.stringify(value.slice(0, 40))} is not an xsd:dateTime`);
}

function readMessageInfo(parent: Element, where: string): MessageInfo {
  const info = required(parent, 'MessageInfo', where);
  const at = `${where}/eb:MessageInfo`;
  const timestamp = requiredText(info, 'Timestamp', at);
  checkTimestamp(timestamp, at);
  const messageId = requiredText(info, 'MessageId', at);
  const ref = children(info, NS.eb, 'RefToMessageId');
  if (ref.length > 1) throw as4Error('EBMS:0009', `${at} has ${ref.length} RefToMessageId elements`);
  return { messageId, timestamp, ...(ref[0] && text(ref[0]) !== '' ? { refToMessageId: text(ref[0]) } : {}) };
}

function readParty(parent: Element, name: 'From' | 'To', where: string): Party {
  const party = required(parent, name, where);
  const at = `${where}/eb:${name}`;
  const ids = children(party, NS.eb, 'PartyId');
  if (ids.length === 0) throw as4Error('EBMS:0009', `${at} has no eb:PartyId`);
  const partyIds = ids.map((id) => {
    const value = text(id);
    if (value === '') throw as4Error('EBMS:0009', `${at}/eb:PartyId is empty`);
    const type = attribute(id, 'type');
    return type === undefined ? { value } : { value, type };
  });
  return { partyIds, role: requiredText(party, 'Role', at) };
}

function readProperties(parent: Element | undefined, where: string): Property[] {
  if (!parent) return [];
  return children(parent, NS.eb, 'Property').map((p) => {
    const name = attribute(p, 'name');
    if (!name) throw as4Error('EBMS:0009', `${where}/eb:Property has no name`);
    const type = attribute(p, 'type');
    return { name, value: text(p), ...(type === undefined ? {} : { type }) };
  });
}

function readPartInfo(part: Element, messageId: string): PartInfo {
  const href = attribute(part, 'href');
  const properties = readProperties(child(part, NS.eb, 'PartProperties'), 'eb:PartInfo/eb:PartProperties');
  const compression = properties.filter((p) => p.name === 'CompressionType');
  if (compression.length > 1 || (compression[0] && compression[0].value !== URI.gzip)) {
    throw as4Error(
      'EBMS:0003',
      `PartInfo ${href ?? ''}: CompressionType ${compression.map((c) => c.value).join(', ')}; only ${URI.gzip} is accepted`,
      messageId,
    );
  }
  if (compression.length === 1 && !properties.some((p) => p.name === 'MimeType')) {
    throw as4Error('EBMS:0003', `PartInfo ${href ?? ''} is compressed but names no MimeType`, messageId);
  }
  return { ...(href === undefined ? {} : { href }), properties };
}

function readUserMessage(element: Element): UserMessage {
  const where = 'eb:UserMessage';
  const info = readMessageInfo(element, where);
  try {
    const partyInfo = required(element, 'PartyInfo', where);
    const from = readParty(partyInfo, 'From', `${where}/eb:PartyInfo`);
    const to = readParty(partyInfo, 'To', `${where}/eb:PartyInfo`);
    const collaboration = required(element, 'CollaborationInfo', where);
    const cAt = `${where}/eb:CollaborationInfo`;
    const agreement = child(collaboration, NS.eb, 'AgreementRef');
    const service = required(collaboration, 'Service', cAt);
    const serviceType = attribute(service, 'type');
    if (text(service) === '') throw as4Error('EBMS:0009', `${cAt}/eb:Service is empty`);
    const parts = child(element, NS.eb, 'PayloadInfo');
    const mpc = attribute(element, 'mpc');
    return {
      kind: 'user',
      ...(mpc === undefined ? {} : { mpc }),
      info,
      from,
      to,
      ...(agreement
        ? {
            agreementRef: {
              value: text(agreement),
              ...(attribute(agreement, 'type') === undefined ? {} : { type: attribute(agreement, 'type')! }),
              ...(attribute(agreement, 'pmode') === undefined ? {} : { pmode: attribute(agreement, 'pmode')! }),
            },
          }
        : {}),
      service: { value: text(service), ...(serviceType === undefined ? {} : { type: serviceType }) },
      action: requiredText(collaboration, 'Action', cAt),
      conversationId: requiredText(collaboration, 'ConversationId', cAt),
      properties: readProperties(child(element, NS.eb, 'MessageProperties'), `${where}/eb:MessageProperties`),
      parts: parts ? children(parts, NS.eb, 'PartInfo').map((p) => readPartInfo(p, info.messageId)) : [],
    };
  } catch (error) {
    if (error instanceof As4Error && error.refToMessageInError === undefined) throw as4Error(error.code, error.detail, info.messageId);
    throw error;
  }
}

function readErrors(signal: Element): ErrorDetail[] {
  return children(signal, NS.eb, 'Error').map((e) => {
    const errorCode = attribute(e, 'errorCode');
    const severity = attribute(e, 'severity');
    if (!errorCode || !severity) throw as4Error('EBMS:0009', 'eb:Error needs errorCode and severity');
    const optional = (name: string) => (attribute(e, name) ? { [name]: attribute(e, name)! } : {});
    const description = child(e, NS.eb, 'Description');
    const detail = child(e, NS.eb, 'ErrorDetail');
    return {
      errorCode,
      severity,
      ...optional('category'),
      ...optional('shortDescription'),
      ...optional('origin'),
      ...optional('refToMessageInError'),
      ...(description ? { description: text(description) } : {}),
      ...(detail ? { detail: text(detail) } : {}),
    };
  });
}

function readSignal(element: Element): SignalMessage {
  const info = readMessageInfo(element, 'eb:SignalMessage');
  const receipt = children(element, NS.eb, 'Receipt');
  const pull = children(element, NS.eb, 'PullRequest');
  const errors = children(element, NS.eb, 'Error');
  const kinds = [receipt.length > 0, pull.length > 0, errors.length > 0].filter(Boolean).length;
  if (kinds !== 1 || receipt.length > 1 || pull.length > 1) {
    throw as4Error('EBMS:0009', 'A SignalMessage carries exactly one Receipt, one PullRequest, or Errors', info.messageId);
  }
  if (receipt[0]) {
    const nri = child(receipt[0], NS.ebbp, 'NonRepudiationInformation');
    const nonRepudiation = nri
      ? children(nri, NS.ebbp, 'MessagePartNRInformation').flatMap((part) =>
          children(part, NS.ds, 'Reference').map((ref) => ({
            uri: attribute(ref, 'URI') ?? '',
            digestMethod: attribute(child(ref, NS.ds, 'DigestMethod') ?? ref, 'Algorithm') ?? '',
            digestValue: text(child(ref, NS.ds, 'DigestValue') ?? ref),
          })),
        )
      : undefined;
    const carriesUserMessage = receipt[0].getElementsByTagNameNS(NS.eb, 'UserMessage').length > 0;
    return { kind: 'receipt', info, ...(nonRepudiation ? { nonRepudiation } : {}), carriesUserMessage };
  }
  if (pull[0]) return { kind: 'pull', info, mpc: attribute(pull[0], 'mpc') ?? URI.defaultMpc };
  return { kind: 'error', info, errors: readErrors(element) };
}

/** The ebMS header of a parsed envelope. */
export function readMessaging(soap: SoapEnvelope): As4Message {
  const users = children(soap.messaging, NS.eb, 'UserMessage');
  if (users.length > 1) throw as4Error('EBMS:0003', `${users.length} UserMessages in one message; AS4 carries at most one`);
  const userMessage = users[0] ? readUserMessage(users[0]) : undefined;
  const signals = children(soap.messaging, NS.eb, 'SignalMessage').map(readSignal);
  const secured = soap.header ? children(soap.header, NS.wsse, 'Security').length > 0 : false;
  return { soapVersion: soap.soapVersion, ...(userMessage ? { userMessage } : {}), signals, secured };
}
