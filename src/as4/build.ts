/**
 * Building outbound AS4 messages (SOAP 1.2, eDelivery AS4 1.15): a UserMessage with its
 * payloads as gzip-compressed MIME attachments, signed then encrypted; the signed
 * non-repudiation Receipt for a received UserMessage; ebMS Error signals; PullRequests.
 * Strings are assembled here with every value escaped; signing and encryption work on the
 * parsed result (signature.ts, encryption.ts).
 */
import { randomUUID, type X509Certificate } from 'node:crypto';
import { XMLSerializer } from '@xmldom/xmldom';
import type { SigningKey } from '../trust/pki/signing-key.js';
import { gzipPayload } from './compression.js';
import { encryptAttachments } from './encryption.js';
import { EBMS_ERRORS, type As4Error } from './errors.js';
import { parseSoapEnvelope } from './header.js';
import type { Party, Property } from './message.js';
import { writeMultipart, type Attachment } from './mime.js';
import { NS, URI } from './namespaces.js';
import type { ReceivedAs4 } from './read.js';
import { signEnvelope } from './signature.js';

function esc(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function attr(name: string, value: string | undefined): string {
  return value === undefined ? '' : ` ${name}="${esc(value)}"`;
}

function newMessageId(): string {
  return `${randomUUID()}@swgate`;
}

export interface OutboundSecurity {
  /** Our signing key and certificate; unsigned when absent (tests, or a partner that agreed to it). */
  signer?: SigningKey;
  /** The partner's encryption certificate; attachments stay clear when absent. */
  recipient?: X509Certificate;
}

export interface OutboundPayload {
  mimeType: string;
  content: Buffer;
  /** Default: a fresh id. */
  contentId?: string;
  /** gzip the part (CompressionType application/gzip). Default true. */
  compress?: boolean;
  /** Further PartProperties (MimeType and CompressionType are written from the fields above). */
  properties?: Property[];
}

export interface UserMessageInput {
  messageId?: string;
  timestamp?: Date;
  refToMessageId?: string;
  mpc?: string;
  from: Party;
  to: Party;
  agreementRef?: { value: string; type?: string; pmode?: string };
  service: { value: string; type?: string };
  action: string;
  conversationId?: string;
  properties?: Property[];
}

export interface BuiltMessage {
  messageId: string;
  /** The HTTP Content-Type to send the body with. */
  contentType: string;
  body: Buffer;
  /** What the signature covers, with digests: a non-repudiation receipt must return these. */
  signedReferences: Array<{ uri: string; digestValue: string }>;
}

function messageInfo(messageId: string, timestamp: Date, refToMessageId?: string): string {
  return (
    `<eb:MessageInfo><eb:Timestamp>${timestamp.toISOString()}</eb:Timestamp><eb:MessageId>${esc(messageId)}</eb:MessageId>` +
    (refToMessageId ? `<eb:RefToMessageId>${esc(refToMessageId)}</eb:RefToMessageId>` : '') +
    '</eb:MessageInfo>'
  );
}

function party(name: 'From' | 'To', p: Party): string {
  if (p.partyIds.length === 0) throw new Error(`${name} needs a PartyId`);
  return `<eb:${name}>${p.partyIds.map((id) => `<eb:PartyId${attr('type', id.type)}>${esc(id.value)}</eb:PartyId>`).join('')}<eb:Role>${esc(p.role)}</eb:Role></eb:${name}>`;
}

function property(p: Property): string {
  return `<eb:Property name="${esc(p.name)}"${attr('type', p.type)}>${esc(p.value)}</eb:Property>`;
}

function envelope(messaging: string, body = ''): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><S12:Envelope xmlns:S12="${NS.soap12}"><S12:Header>` +
    `<eb:Messaging xmlns:eb="${NS.eb}" S12:mustUnderstand="true">${messaging}</eb:Messaging></S12:Header><S12:Body>${body}</S12:Body></S12:Envelope>`
  );
}

/** Signs (and encrypts) an assembled envelope; bare SOAP when nothing is attached. */
function finish(messageId: string, xml: string, attachments: Attachment[], security: OutboundSecurity): BuiltMessage {
  let soap = xml;
  let parts = attachments;
  let signedReferences: BuiltMessage['signedReferences'] = [];
  if (security.signer) {
    const parsed = parseSoapEnvelope(xml);
    const signed = signEnvelope(parsed, attachments, security.signer);
    signedReferences = signed.references;
    soap = signed.xml;
    if (security.recipient && attachments.length > 0) {
      const encrypted = encryptAttachments(parsed, attachments, security.recipient);
      soap = encrypted.xml;
      parts = encrypted.attachments;
    }
  } else if (security.recipient) {
    throw new Error('eDelivery AS4 signs before it encrypts: give a signer with a recipient');
  }
  if (parts.length === 0) return { messageId, contentType: 'application/soap+xml; charset=UTF-8', body: Buffer.from(soap), signedReferences };
  const mime = writeMultipart(soap, '1.2', parts);
  return { messageId, contentType: mime.contentType, body: mime.body, signedReferences };
}

/** A UserMessage with each payload as a (compressed) attachment, signed and encrypted per `security`. */
export function buildUserMessage(input: UserMessageInput, payloads: readonly OutboundPayload[], security: OutboundSecurity = {}): BuiltMessage {
  const messageId = input.messageId ?? newMessageId();
  const attachments: Attachment[] = [];
  const partInfos = payloads.map((payload) => {
    const contentId = payload.contentId ?? `${randomUUID()}@swgate`;
    const compress = payload.compress !== false;
    attachments.push({
      contentId,
      contentType: compress ? 'application/octet-stream' : payload.mimeType,
      headers: {},
      content: compress ? gzipPayload(payload.content) : payload.content,
    });
    const properties: Property[] = [
      { name: 'MimeType', value: payload.mimeType },
      ...(compress ? [{ name: 'CompressionType', value: URI.gzip }] : []),
      ...(payload.properties ?? []).filter((p) => p.name !== 'MimeType' && p.name !== 'CompressionType'),
    ];
    return `<eb:PartInfo href="cid:${esc(contentId)}"><eb:PartProperties>${properties.map(property).join('')}</eb:PartProperties></eb:PartInfo>`;
  });
  const agreement = input.agreementRef
    ? `<eb:AgreementRef${attr('type', input.agreementRef.type)}${attr('pmode', input.agreementRef.pmode)}>${esc(input.agreementRef.value)}</eb:AgreementRef>`
    : '';
  const messaging =
    `<eb:UserMessage${attr('mpc', input.mpc)}>${messageInfo(messageId, input.timestamp ?? new Date(), input.refToMessageId)}` +
    `<eb:PartyInfo>${party('From', input.from)}${party('To', input.to)}</eb:PartyInfo>` +
    `<eb:CollaborationInfo>${agreement}<eb:Service${attr('type', input.service.type)}>${esc(input.service.value)}</eb:Service>` +
    `<eb:Action>${esc(input.action)}</eb:Action><eb:ConversationId>${esc(input.conversationId ?? randomUUID())}</eb:ConversationId></eb:CollaborationInfo>` +
    (input.properties && input.properties.length > 0 ? `<eb:MessageProperties>${input.properties.map(property).join('')}</eb:MessageProperties>` : '') +
    (partInfos.length > 0 ? `<eb:PayloadInfo>${partInfos.join('')}</eb:PayloadInfo>` : '') +
    '</eb:UserMessage>';
  return finish(messageId, envelope(messaging), attachments, security);
}

export interface SignalOptions {
  signer?: SigningKey;
  messageId?: string;
  timestamp?: Date;
}

/**
 * The synchronous receipt for a received UserMessage: with non-repudiation information (the
 * digests of every reference the sender signed) when it was signed, else with a copy of its
 * eb:UserMessage (reception awareness). Signed when `signer` is given.
 */
export function buildReceipt(received: Pick<ReceivedAs4, 'message' | 'signature' | 'envelope'>, options: SignalOptions = {}): BuiltMessage {
  const user = received.message.userMessage;
  if (!user) throw new Error('A receipt acknowledges a UserMessage');
  const messageId = options.messageId ?? newMessageId();
  let content: string;
  if (received.signature) {
    const parts = received.signature.references.map(
      (r) =>
        '<ebbp:MessagePartNRInformation>' +
        `<ds:Reference URI="${esc(r.uri)}"><ds:Transforms>${r.transforms.map((t) => `<ds:Transform Algorithm="${esc(t)}"/>`).join('')}</ds:Transforms>` +
        `<ds:DigestMethod Algorithm="${esc(r.digestMethod)}"/><ds:DigestValue>${esc(r.digestValue)}</ds:DigestValue></ds:Reference>` +
        '</ebbp:MessagePartNRInformation>',
    );
    content = `<ebbp:NonRepudiationInformation xmlns:ebbp="${NS.ebbp}" xmlns:ds="${NS.ds}">${parts.join('')}</ebbp:NonRepudiationInformation>`;
  } else {
    const users = received.envelope.messaging.getElementsByTagNameNS(NS.eb, 'UserMessage');
    content = new XMLSerializer().serializeToString(users.item(0)!);
  }
  const messaging = `<eb:SignalMessage>${messageInfo(messageId, options.timestamp ?? new Date(), user.info.messageId)}<eb:Receipt>${content}</eb:Receipt></eb:SignalMessage>`;
  return finish(messageId, envelope(messaging), [], options);
}

/** An ebMS Error signal for one or more refused messages (EBMS codes, severity and category from the spec). */
export function buildErrorSignal(errors: readonly As4Error[], options: SignalOptions & { refToMessageId?: string } = {}): BuiltMessage {
  const messageId = options.messageId ?? newMessageId();
  const ref = options.refToMessageId ?? errors.find((e) => e.refToMessageInError)?.refToMessageInError;
  const items = errors.map((error) => {
    const spec = EBMS_ERRORS[error.code];
    return (
      `<eb:Error errorCode="${error.code}" severity="${spec.severity}" category="${spec.category}" shortDescription="${spec.shortDescription}" origin="ebMS"` +
      `${attr('refToMessageInError', error.refToMessageInError ?? ref)}><eb:ErrorDetail>${esc(error.detail.slice(0, 2000))}</eb:ErrorDetail></eb:Error>`
    );
  });
  const messaging = `<eb:SignalMessage>${messageInfo(messageId, options.timestamp ?? new Date(), ref)}${items.join('')}</eb:SignalMessage>`;
  return finish(messageId, envelope(messaging), [], options);
}

/** A PullRequest on a message partition channel (signed: the pulling party authenticates itself). */
export function buildPullRequest(mpc: string = URI.defaultMpc, options: SignalOptions = {}): BuiltMessage {
  const messageId = options.messageId ?? newMessageId();
  const messaging = `<eb:SignalMessage>${messageInfo(messageId, options.timestamp ?? new Date())}<eb:PullRequest mpc="${esc(mpc)}"/></eb:SignalMessage>`;
  return finish(messageId, envelope(messaging), [], options);
}
