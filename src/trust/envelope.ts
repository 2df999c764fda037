/**
 * The envelope that travels between gateways and agencies: header + payload + signature.
 *
 * XML form (namespace ENVELOPE_NS, written by swgate already in exclusive-canonical form):
 *   <swg:Envelope xmlns:swg="urn:swgate:envelope:1" Id="m-<messageId>">
 *     <swg:Header><swg:MessageId/>…<swg:RefToMessageId/>?</swg:Header>
 *     <swg:Payload contentType="application/xml">document, inline</swg:Payload>
 *     <ds:Signature/>   (enveloped, appended by xml-sign.ts)
 *   </swg:Envelope>
 * A non-XML payload (JSON) is carried as base64 of its exact bytes with
 * `contentType="application/json" encoding="base64"`, so its digest survives the trip.
 */
import type { Element } from '@xmldom/xmldom';
import { finding, RejectionError } from '../findings.js';
import { attributeValue, type XmlElement } from '../documents/xml/tree.js';
import { escapeCanonicalAttribute, escapeCanonicalText } from './xmldsig/c14n-escape.js';
import { exclusiveCanonicalTree } from './xmldsig/exc-c14n.js';
import { canonicalize, CDATA_SECTION_NODE, elementChildren, isElementNamed, parseDom, TEXT_NODE } from './xmldsig/xml-dom.js';

export const ENVELOPE_NS = 'urn:swgate:envelope:1';

export interface EnvelopeHeader {
  messageId: string;
  conversationId: string;
  from: string;
  to: string;
  documentKind: string;
  /** ISO 8601 instant. */
  createdAt: string;
  refToMessageId?: string;
}

/** A payload ready to be placed in an envelope: its exclusive-canonical content. */
export interface EnvelopePayload {
  contentType: string;
  encoding?: 'base64';
  /** Inner content of swg:Payload, exactly as it is written and digested. */
  canonical: string;
  /** The same as UTF-8, encoded once: hashing bytes beats hashing a 10 KB string per message. */
  canonicalBytes: Buffer;
}

export interface ReadEnvelope {
  header: EnvelopeHeader;
  contentType: string;
  /** The payload document (canonical XML) or the decoded bytes of a base64 payload. */
  payload: string | Buffer;
}

const HEADER_FIELDS = [
  ['messageId', 'MessageId'],
  ['conversationId', 'ConversationId'],
  ['from', 'From'],
  ['to', 'To'],
  ['documentKind', 'DocumentKind'],
  ['createdAt', 'CreatedAt'],
  ['refToMessageId', 'RefToMessageId'],
] as const satisfies ReadonlyArray<readonly [keyof EnvelopeHeader, string]>;

// Ids become part of the root's `Id` attribute, which must be an XML NCName.
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the pattern exists to refuse the control characters XML 1.0 cannot carry
const TEXT_PATTERN = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]{1,256}$/;

function invalidEnvelope(code: string, message: string): RejectionError {
  return new RejectionError(422, 'Invalid envelope', [finding(code, message)]);
}

export function checkEnvelopeHeader(header: EnvelopeHeader): void {
  for (const [field] of HEADER_FIELDS) {
    const value = header[field];
    if (value === undefined && field === 'refToMessageId') continue;
    const pattern = field === 'messageId' || field === 'conversationId' || field === 'refToMessageId' ? ID_PATTERN : TEXT_PATTERN;
    if (typeof value !== 'string' || !pattern.test(value)) {
      throw invalidEnvelope('envelope.header', `header ${field} is missing or has characters that are not allowed`);
    }
  }
}

/** The header's sender must be the participant whose trust store accepted the signature. */
export function checkSenderIs(header: EnvelopeHeader, participantId: string): void {
  if (header.from !== participantId) {
    throw new RejectionError(401, 'Signature not valid', [
      finding('envelope.sender-mismatch', `envelope claims sender ${header.from} but was signed for ${participantId}`),
    ]);
  }
}

/** An envelope is this gateway's to act on only when addressed to it: otherwise it is another party's message, replayed here. */
export function checkAddressedTo(header: EnvelopeHeader, recipientId: string): void {
  if (header.to !== recipientId) {
    throw new RejectionError(422, 'Envelope addressed to another party', [
      finding('envelope.recipient-mismatch', `envelope is addressed to ${header.to}, not to this gateway (${recipientId})`, '/header/to'),
    ]);
  }
}

export function rootIdFor(messageId: string): string {
  return `m-${messageId}`;
}

/** An XML document as an envelope payload: checked by the safe parser, canonicalised once. */
export function xmlPayload(xml: Buffer | string): EnvelopePayload {
  const { root } = parseDom(xml);
  // Exclusive c14n of the payload inside the envelope equals its standalone form only if the
  // payload does not reuse the envelope's namespace (which the envelope root declares).
  const stack: Element[] = [root];
  for (let element = stack.pop(); element; element = stack.pop()) {
    if (element.namespaceURI === ENVELOPE_NS) throw invalidEnvelope('envelope.payload-namespace', `the payload may not use ${ENVELOPE_NS}`);
    stack.push(...elementChildren(element));
  }
  const canonical = canonicalize(root);
  return { contentType: 'application/xml', canonical, canonicalBytes: Buffer.from(canonical, 'utf8') };
}

export function base64Payload(bytes: Uint8Array, contentType: string): EnvelopePayload {
  if (!TEXT_PATTERN.test(contentType)) throw invalidEnvelope('envelope.content-type', 'content type not allowed');
  // A view, not a copy: the payload may be tens of kilobytes.
  const canonical = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  return { contentType, encoding: 'base64', canonical, canonicalBytes: Buffer.from(canonical, 'latin1') };
}

/**
 * The envelope without signature, in exclusive-canonical form: this string is exactly what
 * the enveloped-signature + exc-c14n transforms produce from the signed envelope.
 */
export const PAYLOAD_END_TAG = '</swg:Payload>';
export const ENVELOPE_END_TAG = '</swg:Envelope>';

/** Everything before the payload content, in canonical form. */
export function canonicalEnvelopeHead(header: EnvelopeHeader, payload: EnvelopePayload): string {
  checkEnvelopeHeader(header);
  let headerXml = '';
  for (const [field, element] of HEADER_FIELDS) {
    const value = header[field];
    if (value !== undefined) headerXml += `<swg:${element}>${escapeCanonicalText(value)}</swg:${element}>`;
  }
  const encoding = payload.encoding ? ` encoding="${payload.encoding}"` : '';
  return (
    `<swg:Envelope xmlns:swg="${ENVELOPE_NS}" Id="${rootIdFor(header.messageId)}">` +
    `<swg:Header>${headerXml}</swg:Header>` +
    `<swg:Payload contentType="${escapeCanonicalAttribute(payload.contentType)}"${encoding}>`
  );
}

export function writeCanonicalEnvelope(header: EnvelopeHeader, payload: EnvelopePayload): string {
  return canonicalEnvelopeHead(header, payload) + payload.canonical + PAYLOAD_END_TAG + ENVELOPE_END_TAG;
}

function hasStrayText(element: Element): boolean {
  for (let child = element.firstChild; child; child = child.nextSibling) {
    if ((child.nodeType === TEXT_NODE || child.nodeType === CDATA_SECTION_NODE) && /\S/.test(child.nodeValue ?? '')) return true;
  }
  return false;
}

function textContent(element: Element): string {
  let text = '';
  for (let child = element.firstChild; child; child = child.nextSibling) {
    if (child.nodeType !== TEXT_NODE && child.nodeType !== CDATA_SECTION_NODE) {
      throw invalidEnvelope('envelope.header', `${element.localName} must hold text only`);
    }
    text += child.nodeValue ?? '';
  }
  return text;
}

function readHeader(fields: Array<{ ns: string; name: string; text: () => string; tagName: string }>): EnvelopeHeader {
  const header: Partial<Record<keyof EnvelopeHeader, string>> = {};
  for (const element of fields) {
    const field = element.ns === ENVELOPE_NS ? HEADER_BY_ELEMENT.get(element.name) : undefined;
    if (!field || header[field] !== undefined) throw invalidEnvelope('envelope.header', `unexpected header element ${element.tagName}`);
    header[field] = element.text();
  }
  checkEnvelopeHeader(header as EnvelopeHeader);
  return header as EnvelopeHeader;
}

const HEADER_BY_ELEMENT = new Map<string, keyof EnvelopeHeader>(HEADER_FIELDS.map(([field, element]) => [element, field]));

function structureError(): RejectionError {
  return invalidEnvelope('envelope.structure', 'expected swg:Envelope with swg:Header and swg:Payload');
}

function payloadNotOneDocument(): RejectionError {
  return invalidEnvelope('envelope.payload', 'an XML payload holds exactly one document element and nothing else');
}

function decodeBase64Payload(text: string): Buffer {
  const base64 = text.replace(/\s+/g, '');
  if (base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw invalidEnvelope('envelope.payload', 'the payload is not base64');
  return Buffer.from(base64, 'base64');
}

/**
 * Reads an envelope from the canonical bytes of its signed reference (xml-verify's
 * `signedXml`): never from the document as received. The reference reader, and the one used
 * whenever xml-crypto produced those bytes.
 */
export function readSignedEnvelope(signedXml: string): ReadEnvelope {
  const { root } = parseDom(signedXml);
  const [headerElement, payloadElement, ...rest] = elementChildren(root);
  if (
    !isElementNamed(root, ENVELOPE_NS, 'Envelope') ||
    !isElementNamed(headerElement, ENVELOPE_NS, 'Header') ||
    !isElementNamed(payloadElement, ENVELOPE_NS, 'Payload') ||
    rest.length > 0
  ) {
    throw structureError();
  }
  const header = readHeader(
    elementChildren(headerElement).map((element) => ({
      ns: element.namespaceURI ?? '',
      name: element.localName ?? '',
      tagName: element.tagName,
      text: () => textContent(element),
    })),
  );
  const contentType = payloadElement.getAttribute('contentType') ?? '';
  if (payloadElement.getAttribute('encoding') === 'base64') return { header, contentType, payload: decodeBase64Payload(textContent(payloadElement)) };
  const [document, ...others] = elementChildren(payloadElement);
  if (!document || others.length > 0 || hasStrayText(payloadElement)) throw payloadNotOneDocument();
  return { header, contentType, payload: canonicalize(document) };
}

function isTreeElement(element: XmlElement | undefined, name: string): element is XmlElement {
  return element !== undefined && element.ns === ENVELOPE_NS && element.name === name;
}

function treeText(element: XmlElement): string {
  let text = '';
  for (const child of element.children) {
    if (typeof child !== 'string') throw invalidEnvelope('envelope.header', `${element.name} must hold text only`);
    text += child;
  }
  return text;
}

/**
 * Reads an envelope from the parsed tree whose canonical form (minus `signature`) is exactly the
 * signed bytes, without parsing those bytes again: same answer as `readSignedEnvelope(signedXml)`.
 *
 * Why that is reading only what was signed. The caller (xml-verify's fast engine) hands over
 * `root` only when the shape check pinned the single reference to the root with the enveloped
 * + exc-c14n transforms, and swgate's canonicaliser produced the digested bytes from this very
 * tree: they are exclusiveCanonicalTree(root, signature). That rendering keeps, for every
 * element but the Signature subtree, its namespace URI, local name and prefix, its attributes
 * with their values (escaped, so that parsing gives them back unnormalised) and its text
 * (escaped; comments already dropped, CDATA and references already decoded, as in the tree),
 * in document order. It drops only what the tree does not hold or the reader does not look at:
 * comments, namespace declarations no name uses, whitespace outside the root. Parsing the
 * signed bytes therefore gives back this tree minus the Signature (the text on either side of
 * the Signature merges, but it lies in the root, where nothing is read), and this function skips
 * the Signature. test/trust/envelope-tree.test.ts checks that both readers agree, on valid and
 * tricky envelopes and on refusals.
 *
 * The XML payload is exclusive c14n of the payload element as apex, computed from the tree;
 * where the canonicaliser refuses (C14nDisagreementError, xml-crypto and libxml2 would differ)
 * the caller reads the signed bytes the reference way instead.
 */
export function readEnvelopeFromTree(root: XmlElement, signature: XmlElement): ReadEnvelope {
  const elements = root.children.filter((child): child is XmlElement => typeof child !== 'string' && child !== signature);
  const [headerElement, payloadElement, ...rest] = elements;
  if (!isTreeElement(root, 'Envelope') || !isTreeElement(headerElement, 'Header') || !isTreeElement(payloadElement, 'Payload') || rest.length > 0) {
    throw structureError();
  }
  const header = readHeader(
    headerElement.children.flatMap((child) =>
      typeof child === 'string'
        ? []
        : [{ ns: child.ns, name: child.name, tagName: child.prefix ? `${child.prefix}:${child.name}` : child.name, text: () => treeText(child) }],
    ),
  );
  const contentType = attributeValue(payloadElement, '', 'contentType') ?? '';
  if (attributeValue(payloadElement, '', 'encoding') === 'base64') return { header, contentType, payload: decodeBase64Payload(treeText(payloadElement)) };
  let document: XmlElement | undefined;
  for (const child of payloadElement.children) {
    if (typeof child === 'string' ? /\S/.test(child) : document !== undefined) throw payloadNotOneDocument();
    if (typeof child !== 'string') document = child;
  }
  if (!document) throw payloadNotOneDocument();
  return { header, contentType, payload: exclusiveCanonicalTree(document) };
}
