/**
 * WS-Security 1.1.1 signatures as the eDelivery AS4 1.15 profile has them: one ds:Signature in
 * the wsse:Security header, RSA-SHA256 over exclusive c14n, SHA-256 digests of eb:Messaging,
 * the Body and every attachment (Attachment-Content-Signature-Transform), the signer's
 * certificate in a BinarySecurityToken.
 *
 * Verification refuses, with EBMS:0101 FailedAuthentication: algorithms outside the table,
 * keys under 2048 bits, a reference to anything but an element of this envelope or an
 * attachment of this message, an Id that occurs twice (signature wrapping), a certificate
 * other than the one expected. What it does not decide is trust: the caller holds the signer.
 */
import { createHash, randomUUID, verify, type X509Certificate } from 'node:crypto';
import { DOMParser, XMLSerializer, type Document, type Element } from '@xmldom/xmldom';
import { DIGEST_ALGORITHMS, SIGNATURE_ALGORITHMS, algorithmFitsKey, isDigestAlgorithm, isSignatureAlgorithm, signBytes } from '../trust/xmldsig/algorithms.js';
import { parseDom } from '../trust/xmldsig/xml-dom.js';
import { isStrongKey } from '../trust/key-strength.js';
import type { SigningKey } from '../trust/pki/signing-key.js';
import { excC14n, inclusivePrefixList } from './c14n.js';
import { certificateFromDerBase64, matchesIssuerSerial, subjectKeyIdentifier } from './certificates.js';
import { type As4Error, as4Error } from './errors.js';
import { child, children, text, type SoapEnvelope } from './header.js';
import type { Attachment } from './mime.js';
import { NS, URI } from './namespaces.js';

export interface SignedReference {
  uri: string;
  digestMethod: string;
  digestValue: string;
  /** Transform algorithms in order. */
  transforms: string[];
  /** The element a same-document reference points to; undefined for an attachment. */
  element?: Element;
  /** For `cid:` references: whether the attachment was present and its digest checked. */
  checked: boolean;
}

export interface VerifiedSignature {
  signer: X509Certificate;
  /** How the message named its key. */
  keyReference: 'BinarySecurityToken' | 'SubjectKeyIdentifier' | 'IssuerSerial';
  signatureAlgorithm: string;
  references: SignedReference[];
  /** Whether the eb:Messaging header and the SOAP Body are among the signed elements. */
  signsMessaging: boolean;
  signsBody: boolean;
  /** `cid:` references left unchecked because the message came without its attachments. */
  uncheckedAttachments: string[];
}

export interface VerifyOptions {
  /**
   * The signer's certificate, or the partner's certificates during a rollover (several valid
   * at once): the one a message names by SKI or issuer-serial is chosen among them, and a
   * message carrying its certificate (BST) must carry one of them.
   */
  certificate?: X509Certificate | readonly X509Certificate[];
  /**
   * The message's attachments. When the message came with attachments, every `cid:` reference
   * must name one of them and match; with none at all (a saved SOAP part) they are reported
   * as unchecked.
   */
  attachments?: readonly Attachment[];
  /**
   * Content-IDs of attachments still encrypted (no key to open them): their references are
   * reported unchecked, since the signature covers the plaintext.
   */
  encrypted?: ReadonlySet<string>;
  /** Require every attachment to be signed, and Messaging and Body (receiving). Default false. */
  requireCompleteCoverage?: boolean;
}

const ID_ATTRIBUTES: ReadonlyArray<[string | null, string]> = [
  [NS.wsu, 'Id'],
  [null, 'Id'],
  [null, 'ID'],
  [null, 'id'],
];

function fail(detail: string): As4Error {
  return as4Error('EBMS:0101', detail);
}

/** Every element carrying an Id, by Id; the same Id twice anywhere is a wrapping attempt. */
export function elementsById(document: Document): Map<string, Element> {
  const byId = new Map<string, Element>();
  // A plain walk: xmldom's getElementsByTagName('*') is a live list, rebuilt as the DOM changes.
  const stack: Element[] = document.documentElement ? [document.documentElement] : [];
  while (stack.length > 0) {
    const element = stack.pop()!;
    for (let c = element.lastChild; c; c = c.previousSibling) if (c.nodeType === 1) stack.push(c as Element);
    for (const [ns, name] of ID_ATTRIBUTES) {
      const value = ns ? element.getAttributeNS(ns, name) : element.getAttribute(name);
      if (value === null || value === '' || (ns === null && element.getAttributeNode(name)?.namespaceURI)) continue;
      if (byId.has(value) && byId.get(value) !== element) throw fail(`The Id ${value} occurs twice in the envelope (signature wrapping)`);
      byId.set(value, element);
    }
  }
  return byId;
}

function algorithmOf(element: Element | undefined, what: string): string {
  const algorithm = element?.getAttribute('Algorithm');
  if (!algorithm) throw fail(`${what} names no Algorithm`);
  return algorithm;
}

/** XML attachments are digested canonicalised (SwA profile §5.4.2), everything else as octets. */
function isXmlMediaType(contentType: string): boolean {
  return /^(text\/xml|application\/xml|(application|image)\/[^;]*\+xml)\b/i.test(contentType.trim());
}

function attachmentDigestInput(attachment: Attachment): Buffer | string {
  if (!isXmlMediaType(attachment.contentType)) return attachment.content;
  try {
    return excC14n(parseDom(attachment.content).root);
  } catch {
    throw fail(`The XML attachment ${attachment.contentId} cannot be canonicalised for its digest`);
  }
}

function digest(algorithm: string, data: Buffer | string): string {
  if (!isDigestAlgorithm(algorithm)) throw fail(`Digest algorithm ${algorithm} is not accepted`);
  return createHash(DIGEST_ALGORITHMS[algorithm]).update(data).digest('base64');
}

function securityHeader(soap: SoapEnvelope): Element {
  const blocks = soap.header ? children(soap.header, NS.wsse, 'Security') : [];
  if (blocks.length !== 1) throw fail(`The message has ${blocks.length} wsse:Security headers; exactly one is read`);
  return blocks[0]!;
}

function resolveSigner(
  keyInfo: Element | undefined,
  byId: Map<string, Element>,
  given: VerifyOptions['certificate'],
): Pick<VerifiedSignature, 'signer' | 'keyReference'> {
  const candidates: readonly X509Certificate[] | undefined = given === undefined ? undefined : Array.isArray(given) ? given : [given as X509Certificate];
  const str = keyInfo ? child(keyInfo, NS.wsse, 'SecurityTokenReference') : undefined;
  const reference = str ? child(str, NS.wsse, 'Reference') : undefined;
  const keyIdentifier = str ? child(str, NS.wsse, 'KeyIdentifier') : undefined;
  const x509Data = str ? child(str, NS.ds, 'X509Data') : keyInfo ? child(keyInfo, NS.ds, 'X509Data') : undefined;
  if (reference) {
    const uri = reference.getAttribute('URI') ?? '';
    const token = uri.startsWith('#') ? byId.get(uri.slice(1)) : undefined;
    if (!token || token.namespaceURI !== NS.wsse || token.localName !== 'BinarySecurityToken') {
      throw fail(`The key reference ${uri.slice(0, 80)} does not name a BinarySecurityToken in this message`);
    }
    if (token.getAttribute('ValueType') !== URI.x509v3) throw fail('The BinarySecurityToken is not an X.509v3 certificate');
    let certificate: X509Certificate;
    try {
      certificate = certificateFromDerBase64(text(token));
    } catch {
      throw fail('The BinarySecurityToken does not hold a certificate');
    }
    if (candidates && !candidates.some((c) => c.fingerprint256 === certificate.fingerprint256)) {
      throw fail('The message carries a certificate other than the expected one');
    }
    return { signer: certificate, keyReference: 'BinarySecurityToken' };
  }
  if (keyIdentifier && keyIdentifier.getAttribute('ValueType') === URI.x509Ski) {
    if (!candidates) throw fail('The key is named by Subject Key Identifier; give the certificate to verify with');
    const signer = candidates.find((c) => subjectKeyIdentifier(c) === text(keyIdentifier));
    if (!signer) throw fail('The Subject Key Identifier does not name the given certificate');
    return { signer, keyReference: 'SubjectKeyIdentifier' };
  }
  const issuerSerial = x509Data ? child(x509Data, NS.ds, 'X509IssuerSerial') : undefined;
  if (issuerSerial) {
    const issuer = child(issuerSerial, NS.ds, 'X509IssuerName');
    const serial = child(issuerSerial, NS.ds, 'X509SerialNumber');
    if (!candidates) throw fail('The key is named by issuer and serial number; give the certificate to verify with');
    const signer = issuer && serial ? candidates.find((c) => matchesIssuerSerial(c, text(issuer), text(serial))) : undefined;
    if (!signer) throw fail('The issuer and serial number do not name the given certificate');
    return { signer, keyReference: 'IssuerSerial' };
  }
  throw fail('The signature names its key in no way this verifier reads (BinarySecurityToken, SKI, issuer-serial)');
}

/**
 * Where a signed element may stand: the Body, a header block (eb:Messaging, wsa:*), or a token
 * or timestamp in the Security header. A signed element anywhere else was moved there, and
 * the element standing in its place is what a reader would read (signature wrapping).
 */
function inSignablePlace(element: Element, soap: SoapEnvelope): boolean {
  const parent = element.parentNode;
  if (element === soap.body) return true;
  if (parent === soap.header) return true;
  return (
    parent !== null &&
    parent.parentNode === soap.header &&
    (parent as Element).namespaceURI === NS.wsse &&
    (parent as Element).localName === 'Security' &&
    ['BinarySecurityToken', 'Timestamp'].includes(element.localName ?? '')
  );
}

/** The element a same-document reference names (undefined for an attachment); refused when it is anything else. */
function targetOf(uri: string, byId: Map<string, Element>, soap: SoapEnvelope): Element | undefined {
  if (uri.startsWith('cid:') && uri.length > 4) return undefined;
  if (!uri.startsWith('#') || uri.length < 2) throw fail(`The reference ${JSON.stringify(uri.slice(0, 80))} points outside the envelope`);
  const element = byId.get(uri.slice(1));
  if (!element) throw fail(`The reference ${uri.slice(0, 80)} names no element of the envelope`);
  if (!inSignablePlace(element, soap))
    throw fail(`The signed element ${element.tagName} (${uri.slice(0, 80)}) is not where a reader reads it (signature wrapping)`);
  return element;
}

function checkReference(reference: Element, byId: Map<string, Element>, options: VerifyOptions, soap: SoapEnvelope): SignedReference {
  const { attachments, encrypted } = options;
  const uri = reference.getAttribute('URI') ?? '';
  const digestMethod = algorithmOf(child(reference, NS.ds, 'DigestMethod'), 'A DigestMethod');
  if (!isDigestAlgorithm(digestMethod)) throw fail(`Digest algorithm ${digestMethod} is not accepted`);
  const digestElement = child(reference, NS.ds, 'DigestValue');
  const digestValue = digestElement ? text(digestElement).replace(/\s+/g, '') : '';
  if (digestValue === '') throw fail(`The reference ${uri} has no DigestValue`);
  const transformsElement = child(reference, NS.ds, 'Transforms');
  const transforms = transformsElement ? children(transformsElement, NS.ds, 'Transform') : [];
  const unexpected = children(reference).find((c) => c.namespaceURI !== NS.ds || !['Transforms', 'DigestMethod', 'DigestValue'].includes(c.localName!));
  if (unexpected) throw fail(`The reference ${uri} holds ${unexpected.tagName}`);

  if (uri.startsWith('cid:')) {
    if (transforms.length !== 1 || algorithmOf(transforms[0], 'A Transform') !== URI.attachmentContentSignature) {
      throw fail(`The attachment reference ${uri} must use exactly the Attachment-Content-Signature-Transform`);
    }
    const algorithms = [URI.attachmentContentSignature];
    const contentId = decodeURIComponent(uri.slice(4));
    if (!attachments || attachments.length === 0 || encrypted?.has(contentId))
      return { uri, digestMethod, digestValue, transforms: algorithms, checked: false };
    const attachment = attachments.find((a) => a.contentId === contentId);
    if (!attachment) throw fail(`The signed attachment ${uri} is not in the message`);
    if (digest(digestMethod, attachmentDigestInput(attachment)) !== digestValue) throw fail(`The digest of the attachment ${uri} does not match`);
    return { uri, digestMethod, digestValue, transforms: algorithms, checked: true };
  }
  const element = targetOf(uri, byId, soap)!;
  if (transforms.length !== 1 || algorithmOf(transforms[0], 'A Transform') !== URI.excC14n) {
    throw fail(`The reference ${uri} must use exactly the exclusive c14n transform`);
  }
  const prefixes = inclusivePrefixList(transforms[0]!);
  if (digest(digestMethod, excC14n(element, prefixes)) !== digestValue) throw fail(`The digest of ${element.tagName} (${uri}) does not match`);
  return { uri, digestMethod, digestValue, transforms: [URI.excC14n], element, checked: true };
}

/** Verifies the envelope's WS-Security signature; an As4Error EBMS:0101 on any failure. */
/**
 * The signature's shape and its SignatureValue over SignedInfo, without the references: cheap
 * enough to run before decrypting, so a forged message costs no RSA decryption.
 */
export function verifySignedInfo(soap: SoapEnvelope, options: Pick<VerifyOptions, 'certificate'> = {}): void {
  checkSignedInfo(soap, options);
}

function checkSignedInfo(soap: SoapEnvelope, options: Pick<VerifyOptions, 'certificate'>) {
  const security = securityHeader(soap);
  const signatures = children(security, NS.ds, 'Signature');
  if (signatures.length !== 1) throw fail(`The Security header holds ${signatures.length} signatures; exactly one is read`);
  const signature = signatures[0]!;
  const byId = elementsById(soap.document);
  const signedInfo = child(signature, NS.ds, 'SignedInfo');
  const valueElement = child(signature, NS.ds, 'SignatureValue');
  if (!signedInfo || !valueElement) throw fail('The signature lacks SignedInfo or SignatureValue');
  const c14nMethod = child(signedInfo, NS.ds, 'CanonicalizationMethod');
  if (algorithmOf(c14nMethod, 'CanonicalizationMethod') !== URI.excC14n)
    throw fail(`Canonicalization ${c14nMethod?.getAttribute('Algorithm')} is not accepted`);
  const signatureAlgorithm = algorithmOf(child(signedInfo, NS.ds, 'SignatureMethod'), 'SignatureMethod');
  if (!isSignatureAlgorithm(signatureAlgorithm)) throw fail(`Signature algorithm ${signatureAlgorithm} is not accepted`);
  const referenceElements = children(signedInfo, NS.ds, 'Reference');
  if (referenceElements.length === 0) throw fail('The signature signs nothing');
  // Shape first, cryptography after: an unknown digest method or a reference to anything but
  // this envelope is refused as such, whatever the SignatureValue says.
  for (const r of referenceElements) {
    const method = algorithmOf(child(r, NS.ds, 'DigestMethod'), 'A DigestMethod');
    if (!isDigestAlgorithm(method)) throw fail(`Digest algorithm ${method} is not accepted`);
    targetOf(r.getAttribute('URI') ?? '', byId, soap);
  }
  const { signer, keyReference } = resolveSigner(child(signature, NS.ds, 'KeyInfo'), byId, options.certificate);
  const key = signer.publicKey;
  if (!isStrongKey(key)) throw fail('The signing key is too weak (RSA under 2048 bits or an unaccepted curve)');
  if (!algorithmFitsKey(signatureAlgorithm, key)) throw fail(`${signatureAlgorithm} does not fit the certificate's ${key.asymmetricKeyType} key`);
  const signedInfoC14n = excC14n(signedInfo, inclusivePrefixList(c14nMethod!));
  const value = Buffer.from(text(valueElement).replace(/\s+/g, ''), 'base64');
  const ok = verify(SIGNATURE_ALGORITHMS[signatureAlgorithm].hash, Buffer.from(signedInfoC14n), { key, dsaEncoding: 'ieee-p1363' }, value);
  if (!ok) throw fail("The SignatureValue does not verify with the signer's key");
  return { byId, referenceElements, signer, keyReference, signatureAlgorithm };
}

export function verifySignature(soap: SoapEnvelope, options: VerifyOptions = {}): VerifiedSignature {
  const { byId, referenceElements, signer, keyReference, signatureAlgorithm } = checkSignedInfo(soap, options);
  const seen = new Set<string>();
  const references = referenceElements.map((r) => {
    const checked = checkReference(r, byId, options, soap);
    if (seen.has(checked.uri)) throw fail(`The reference ${checked.uri} is signed twice`);
    seen.add(checked.uri);
    return checked;
  });
  const signsMessaging = references.some((r) => r.element === soap.messaging);
  const signsBody = references.some((r) => r.element === soap.body);
  if (options.requireCompleteCoverage) {
    if (!signsMessaging || !signsBody) throw as4Error('EBMS:0103', 'The signature must cover eb:Messaging and the SOAP Body');
    for (const a of options.attachments ?? []) {
      if (!references.some((r) => r.uri === `cid:${a.contentId}`)) throw as4Error('EBMS:0103', `The attachment ${a.contentId} is not signed`);
    }
  }
  return {
    signer,
    keyReference,
    signatureAlgorithm,
    references,
    signsMessaging,
    signsBody,
    uncheckedAttachments: references.filter((r) => !r.checked).map((r) => r.uri),
  };
}

// ---------------------------------------------------------------------------------------------
// Signing
// ---------------------------------------------------------------------------------------------

const XMLNS = 'http://www.w3.org/2000/xmlns/';

/** The element's wsu:Id, given one if it has none. */
function ensureWsuId(element: Element, prefix: string): string {
  const existing = element.getAttributeNS(NS.wsu, 'Id');
  if (existing) return existing;
  const id = `${prefix}-${randomUUID()}`;
  element.setAttributeNS(XMLNS, 'xmlns:wsu', NS.wsu);
  element.setAttributeNS(NS.wsu, 'wsu:Id', id);
  return id;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

export interface SignedEnvelope {
  /** The signed SOAP envelope, serialised. */
  xml: string;
  /** The references signed, with their digests (what a non-repudiation receipt returns). */
  references: Array<{ uri: string; digestValue: string }>;
}

/**
 * Signs eb:Messaging, the Body and each attachment with `signer` (RSA-SHA256 or ECDSA-P256),
 * adding a wsse:Security header with the BinarySecurityToken. The envelope must not be signed yet.
 */
export function signEnvelope(soap: SoapEnvelope, attachments: readonly Attachment[], signer: SigningKey): SignedEnvelope {
  const { document, envelope } = soap;
  const soapNs = envelope.namespaceURI!;
  const soapPrefix = envelope.prefix ?? 'S12';
  let header = soap.header;
  if (!header) {
    header = document.createElementNS(soapNs, `${soapPrefix}:Header`);
    envelope.insertBefore(header, soap.body);
  }
  if (children(header, NS.wsse, 'Security').length > 0) throw new Error('The envelope already has a Security header');
  const messagingId = ensureWsuId(soap.messaging, 'eb');
  const bodyId = ensureWsuId(soap.body, 'body');
  const references: Array<{ uri: string; digestValue: string; transform: string }> = [
    { uri: `#${messagingId}`, digestValue: digest(URI.sha256, excC14n(soap.messaging)), transform: URI.excC14n },
    { uri: `#${bodyId}`, digestValue: digest(URI.sha256, excC14n(soap.body)), transform: URI.excC14n },
    ...attachments.map((a) => ({
      uri: `cid:${a.contentId}`,
      digestValue: digest(URI.sha256, attachmentDigestInput(a)),
      transform: URI.attachmentContentSignature,
    })),
  ];
  const algorithm = signer.privateKey.asymmetricKeyType === 'ec' ? 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256' : URI.rsaSha256;
  const tokenId = `X509-${randomUUID()}`;
  const signedInfo =
    `<ds:SignedInfo><ds:CanonicalizationMethod Algorithm="${URI.excC14n}"/><ds:SignatureMethod Algorithm="${algorithm}"/>` +
    references
      .map(
        (r) =>
          `<ds:Reference URI="${escapeAttribute(r.uri)}"><ds:Transforms><ds:Transform Algorithm="${r.transform}"/></ds:Transforms>` +
          `<ds:DigestMethod Algorithm="${URI.sha256}"/><ds:DigestValue>${r.digestValue}</ds:DigestValue></ds:Reference>`,
      )
      .join('') +
    '</ds:SignedInfo>';
  const securityXml =
    `<wsse:Security xmlns:wsse="${NS.wsse}" xmlns:wsu="${NS.wsu}" xmlns:${soapPrefix}="${soapNs}" ${soapPrefix}:mustUnderstand="${soapNs === NS.soap12 ? 'true' : '1'}">` +
    `<wsse:BinarySecurityToken EncodingType="${URI.base64Binary}" ValueType="${URI.x509v3}" wsu:Id="${tokenId}">${signer.certificateBase64}</wsse:BinarySecurityToken>` +
    `<ds:Signature xmlns:ds="${NS.ds}" Id="SIG-${randomUUID()}">${signedInfo}<ds:SignatureValue></ds:SignatureValue>` +
    `<ds:KeyInfo><wsse:SecurityTokenReference><wsse:Reference URI="#${tokenId}" ValueType="${URI.x509v3}"/></wsse:SecurityTokenReference></ds:KeyInfo>` +
    '</ds:Signature></wsse:Security>';
  const fragment = new DOMParser().parseFromString(securityXml, 'text/xml').documentElement!;
  const security = document.importNode(fragment, true) as Element;
  header.insertBefore(security, header.firstChild);
  const signature = child(security, NS.ds, 'Signature')!;
  const signedInfoElement = child(signature, NS.ds, 'SignedInfo')!;
  const value = signBytes(algorithm, excC14n(signedInfoElement), signer.privateKey).toString('base64');
  child(signature, NS.ds, 'SignatureValue')!.appendChild(document.createTextNode(value));
  return { xml: serialize(document), references: references.map(({ uri, digestValue }) => ({ uri, digestValue })) };
}

export function serialize(document: Document): string {
  const xml = new XMLSerializer().serializeToString(document);
  return xml.startsWith('<?xml') ? xml : `<?xml version="1.0" encoding="UTF-8"?>${xml}`;
}
