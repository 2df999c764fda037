/**
 * Receiving an AS4 message end to end, without a server: transport form → SOAP envelope →
 * ebMS header → decrypt → verify → payloads (decompressed, bounded). What the access point
 * calls for each POST, and what `swgate as4 inspect|verify` call on a saved file.
 */
import type { X509Certificate } from 'node:crypto';
import { DEFAULT_MAX_INFLATED_BYTES, gunzipPayload } from './compression.js';
import { decryptAttachments, encryptedAttachmentIds, type DecryptionKey } from './encryption.js';
import { As4Error, as4Error } from './errors.js';
import { parseSoapEnvelope, readMessaging, type SoapEnvelope, type SoapLimits } from './header.js';
import type { As4Message, Property } from './message.js';
import { readTransport, type As4Transport, type Attachment, type MimeLimits } from './mime.js';
import { NS, URI } from './namespaces.js';
import { excC14n } from './c14n.js';
import { verifySignature, verifySignedInfo, type VerifiedSignature } from './signature.js';

export interface ReadOptions {
  /** The HTTP Content-Type; without it the bytes are bare XML, MIME or an HTTP dump with headers. */
  contentType?: string;
  limits?: Partial<MimeLimits>;
  soapLimits?: Partial<SoapLimits>;
}

export interface ParsedAs4 {
  transport: As4Transport;
  envelope: SoapEnvelope;
  message: As4Message;
}

function announcedVersion(soapContentType: string, explicit: boolean): '1.1' | '1.2' | undefined {
  if (!explicit) return undefined;
  const type = soapContentType.split(';')[0]!.trim().toLowerCase();
  return type === 'text/xml' ? '1.1' : type === 'application/soap+xml' ? '1.2' : undefined;
}

/** Transport, envelope and header, nothing checked cryptographically. */
export function parseAs4(bytes: Buffer, options: ReadOptions = {}): ParsedAs4 {
  const transport = readTransport(bytes, options.contentType, options.limits);
  const envelope = parseSoapEnvelope(transport.soap, announcedVersion(transport.soapContentType, options.contentType !== undefined), options.soapLimits);
  return { transport, envelope, message: readMessaging(envelope) };
}

export interface Payload {
  /** The PartInfo href (`cid:…`), absent for the Body's content. */
  href?: string;
  mimeType: string;
  /** Decompressed when the part was compressed. */
  content: Buffer;
  properties: Property[];
}

export interface ReceiveOptions extends ReadOptions {
  /** Our key for encrypted attachments; an encrypted message without it is EBMS:0102. */
  decryption?: DecryptionKey;
  /** The partner's signing certificate(s) (several during a rollover): required for SKI / issuer-serial references, pinning otherwise. */
  signer?: X509Certificate | readonly X509Certificate[];
  /** Refuse unsigned messages (the eDelivery profile signs everything). Default true. */
  requireSignature?: boolean;
  maxInflatedBytes?: number;
  /** The same bytes already parsed (parseAs4): an access point parses once. */
  parsed?: ParsedAs4;
}

export interface ReceivedAs4 extends ParsedAs4 {
  /** Attachments as decrypted (still compressed). */
  attachments: Attachment[];
  signature?: VerifiedSignature;
  /** The UserMessage's payloads in PartInfo order. */
  payloads: Payload[];
}

function payloadsOf(parsed: ParsedAs4, attachments: readonly Attachment[], maxInflated: number): Payload[] {
  const user = parsed.message.userMessage;
  if (!user) return [];
  const messageId = user.info.messageId;
  const used = new Set<string>();
  // One budget for the whole message: many PartInfo naming one small gzip part would each inflate to the limit.
  let budget = maxInflated;
  const payloads = user.parts.map((part): Payload => {
    const property = (name: string) => part.properties.find((p) => p.name === name)?.value;
    let content: Buffer;
    let mimeType = property('MimeType');
    if (part.href?.startsWith('cid:')) {
      const contentId = decodeURIComponent(part.href.slice(4));
      const attachment = attachments.find((a) => a.contentId === contentId);
      if (!attachment) throw as4Error('EBMS:0011', `The payload ${part.href} is not in the message`, messageId);
      if (used.has(contentId)) throw as4Error('EBMS:0003', `Two PartInfo name the payload ${part.href}`, messageId);
      used.add(contentId);
      content = attachment.content;
      mimeType ??= attachment.contentType;
    } else if (part.href === undefined || part.href.startsWith('#')) {
      const body = parsed.envelope.body;
      const element = part.href
        ? [...iterateElements(body)].find((e) => e.getAttributeNS(NS.wsu, 'Id') === part.href!.slice(1) || e.getAttribute('Id') === part.href!.slice(1))
        : [...iterateElements(body)][0];
      if (!element) throw as4Error('EBMS:0011', `The payload ${part.href ?? '(Body)'} is not in the SOAP Body`, messageId);
      content = Buffer.from(excC14n(element));
      mimeType ??= 'application/xml';
    } else {
      throw as4Error('EBMS:0011', `External payload references (${part.href.slice(0, 80)}) are not fetched`, messageId);
    }
    if (property('CompressionType') === URI.gzip) {
      content = gunzipPayload(content, budget, messageId);
      budget -= content.length;
    }
    return { ...(part.href === undefined ? {} : { href: part.href }), mimeType, content, properties: part.properties };
  });
  const stray = attachments.find((a) => !used.has(a.contentId));
  if (stray) throw as4Error('EBMS:0003', `The attachment ${stray.contentId} is named by no PartInfo`, messageId);
  return payloads;
}

function* iterateElements(parent: SoapEnvelope['body']) {
  for (let c = parent.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) yield c as SoapEnvelope['body'];
}

/**
 * Receives a message: decrypts, verifies (the signature must cover eb:Messaging, the Body and
 * every attachment), then hands out the payloads. Errors are As4Errors carrying the MessageId
 * in error when the header could be read.
 */
export function receiveAs4(bytes: Buffer, options: ReceiveOptions = {}): ReceivedAs4 {
  const parsed = options.parsed ?? parseAs4(bytes, options);
  const messageId = parsed.message.userMessage?.info.messageId ?? parsed.message.signals[0]?.info.messageId;
  try {
    if (!options.decryption && encryptedAttachmentIds(parsed.envelope).size > 0) {
      throw as4Error('EBMS:0102', 'The attachments are encrypted and no decryption key is configured');
    }
    // The SignatureValue first: a forged or unsigned message is refused before any RSA decryption.
    if (options.decryption && options.requireSignature !== false) {
      if (!parsed.message.secured) throw as4Error('EBMS:0103', 'The message is not signed; the eDelivery AS4 profile requires a signature');
      verifySignedInfo(parsed.envelope, options.signer ? { certificate: options.signer } : {});
    }
    const attachments = options.decryption
      ? decryptAttachments(parsed.envelope, parsed.transport.attachments, options.decryption)
      : parsed.transport.attachments;
    let signature: VerifiedSignature | undefined;
    if (parsed.message.secured || options.requireSignature !== false) {
      if (!parsed.message.secured) throw as4Error('EBMS:0103', 'The message is not signed; the eDelivery AS4 profile requires a signature');
      signature = verifySignature(parsed.envelope, {
        attachments,
        requireCompleteCoverage: true,
        ...(options.signer ? { certificate: options.signer } : {}),
      });
    }
    const payloads = payloadsOf(parsed, attachments, options.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES);
    return { ...parsed, attachments, ...(signature ? { signature } : {}), payloads };
  } catch (error) {
    if (error instanceof As4Error && error.refToMessageInError === undefined && messageId) throw as4Error(error.code, error.detail, messageId);
    throw error;
  }
}
