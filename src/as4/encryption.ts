/**
 * Attachment encryption of the eDelivery AS4 1.15 profile (WS-Security SwA profile 1.1,
 * XML Encryption 1.1): each payload part AES-128-GCM under one content key, the part's octets
 * replaced by IV ‖ ciphertext ‖ tag; the key transported RSA-OAEP with SHA-256 and
 * MGF1-SHA256 to the recipient's certificate. eb:Messaging and the Body are never encrypted.
 * Encryption runs after signing (the signature covers the plaintext, compressed part), so a
 * receiver decrypts first and then verifies.
 */
import {
  constants,
  createCipheriv,
  createDecipheriv,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  randomUUID,
  type KeyObject,
  type X509Certificate,
} from 'node:crypto';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { isStrongKey } from '../trust/key-strength.js';
import { certificateFromDerBase64, subjectKeyIdentifier } from './certificates.js';
import { type As4Error, as4Error } from './errors.js';
import { child, children, text, type SoapEnvelope } from './header.js';
import type { Attachment } from './mime.js';
import { NS, URI } from './namespaces.js';
import { elementsById, serialize } from './signature.js';

const CONTENT_CIPHERS: Readonly<Record<string, { cipher: 'aes-128-gcm' | 'aes-256-gcm'; keyBytes: number }>> = {
  [URI.aes128Gcm]: { cipher: 'aes-128-gcm', keyBytes: 16 },
  'http://www.w3.org/2009/xmlenc11#aes256-gcm': { cipher: 'aes-256-gcm', keyBytes: 32 },
};
const IV_BYTES = 12;
const TAG_BYTES = 16;
const OAEP_HASHES: Readonly<Record<string, string>> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'sha1',
  [URI.sha256]: 'sha256',
};
const MGF_HASHES: Readonly<Record<string, string>> = {
  'http://www.w3.org/2009/xmlenc11#mgf1sha1': 'sha1',
  [URI.mgf1Sha256]: 'sha256',
};

function failed(detail: string): As4Error {
  return as4Error('EBMS:0102', detail);
}

export interface EncryptedMessage {
  xml: string;
  attachments: Attachment[];
}

/** Encrypts every attachment of a (signed) envelope for `recipient`. */
export function encryptAttachments(soap: SoapEnvelope, attachments: readonly Attachment[], recipient: X509Certificate): EncryptedMessage {
  if (attachments.length === 0) return { xml: serialize(soap.document), attachments: [] };
  if (!isStrongKey(recipient.publicKey) || recipient.publicKey.asymmetricKeyType !== 'rsa') {
    throw new Error('The recipient certificate needs an RSA key of 2048 bits or more for RSA-OAEP key transport');
  }
  const security = soap.header ? children(soap.header, NS.wsse, 'Security')[0] : undefined;
  if (!security) throw new Error('Sign the envelope before encrypting its attachments (eDelivery AS4: sign, then encrypt)');
  const contentKey = randomBytes(16);
  const encryptedKey = publicEncrypt({ key: recipient.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, contentKey);
  const keyId = `EK-${randomUUID()}`;
  const tokenId = `X509-${randomUUID()}`;
  const encrypted: Attachment[] = [];
  const dataElements: string[] = [];
  const dataIds: string[] = [];
  for (const attachment of attachments) {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-128-gcm', contentKey, iv);
    const content = Buffer.concat([iv, cipher.update(attachment.content), cipher.final(), cipher.getAuthTag()]);
    const dataId = `ED-${randomUUID()}`;
    dataIds.push(dataId);
    encrypted.push({ ...attachment, contentType: 'application/octet-stream', content });
    dataElements.push(
      `<xenc:EncryptedData xmlns:xenc="${NS.xenc}" Id="${dataId}" MimeType="${attachment.contentType.replace(/[&<"]/g, '')}" Type="${URI.attachmentContentOnly}">` +
        `<xenc:EncryptionMethod Algorithm="${URI.aes128Gcm}"/>` +
        `<ds:KeyInfo xmlns:ds="${NS.ds}"><wsse:SecurityTokenReference xmlns:wsse="${NS.wsse}" xmlns:wsse11="${NS.wsse11}" wsse11:TokenType="${URI.encryptedKeyToken}"><wsse:Reference URI="#${keyId}"/></wsse:SecurityTokenReference></ds:KeyInfo>` +
        `<xenc:CipherData><xenc:CipherReference URI="cid:${attachment.contentId}"><xenc:Transforms><ds:Transform xmlns:ds="${NS.ds}" Algorithm="${URI.attachmentCiphertext}"/></xenc:Transforms></xenc:CipherReference></xenc:CipherData>` +
        '</xenc:EncryptedData>',
    );
  }
  const keyXml =
    `<wsse:BinarySecurityToken xmlns:wsse="${NS.wsse}" xmlns:wsu="${NS.wsu}" EncodingType="${URI.base64Binary}" ValueType="${URI.x509v3}" wsu:Id="${tokenId}">${recipient.raw.toString('base64')}</wsse:BinarySecurityToken>` +
    `<xenc:EncryptedKey xmlns:xenc="${NS.xenc}" Id="${keyId}"><xenc:EncryptionMethod Algorithm="${URI.rsaOaep11}"><ds:DigestMethod xmlns:ds="${NS.ds}" Algorithm="${URI.sha256}"/><xenc11:MGF xmlns:xenc11="${NS.xenc11}" Algorithm="${URI.mgf1Sha256}"/></xenc:EncryptionMethod>` +
    `<ds:KeyInfo xmlns:ds="${NS.ds}"><wsse:SecurityTokenReference xmlns:wsse="${NS.wsse}"><wsse:Reference URI="#${tokenId}" ValueType="${URI.x509v3}"/></wsse:SecurityTokenReference></ds:KeyInfo>` +
    `<xenc:CipherData><xenc:CipherValue>${encryptedKey.toString('base64')}</xenc:CipherValue></xenc:CipherData>` +
    `<xenc:ReferenceList>${dataIds.map((id) => `<xenc:DataReference URI="#${id}"/>`).join('')}</xenc:ReferenceList></xenc:EncryptedKey>` +
    dataElements.join('');
  const fragment = new DOMParser().parseFromString(`<wrap>${keyXml}</wrap>`, 'text/xml').documentElement!;
  // Before the signature: a receiver processes the Security header in order, decrypting first.
  const before = security.firstChild;
  for (const node of children(fragment)) security.insertBefore(soap.document.importNode(node, true), before);
  return { xml: serialize(soap.document), attachments: encrypted };
}

function oaepHash(method: Element): string {
  const algorithm = method.getAttribute('Algorithm');
  if (algorithm === URI.rsaOaepMgf1p) {
    const digestMethod = child(method, NS.ds, 'DigestMethod')?.getAttribute('Algorithm') ?? 'http://www.w3.org/2000/09/xmldsig#sha1';
    if (OAEP_HASHES[digestMethod] !== 'sha1') throw failed('rsa-oaep-mgf1p with a digest other than SHA-1 is not supported');
    return 'sha1';
  }
  if (algorithm !== URI.rsaOaep11) throw failed(`Key transport ${algorithm} is not accepted`);
  const digestMethod = child(method, NS.ds, 'DigestMethod')?.getAttribute('Algorithm') ?? 'http://www.w3.org/2000/09/xmldsig#sha1';
  const mgf = child(method, NS.xenc11, 'MGF')?.getAttribute('Algorithm') ?? 'http://www.w3.org/2009/xmlenc11#mgf1sha1';
  const hash = OAEP_HASHES[digestMethod];
  if (!hash || MGF_HASHES[mgf] !== hash) throw failed(`RSA-OAEP with digest ${digestMethod} and ${mgf} is not supported`);
  return hash;
}

/** Whether the EncryptedKey is addressed to `certificate` (when it says so at all). */
function addressedTo(encryptedKey: Element, byId: Map<string, Element>, certificate: X509Certificate | undefined): boolean {
  const keyInfo = child(encryptedKey, NS.ds, 'KeyInfo');
  const str = keyInfo ? child(keyInfo, NS.wsse, 'SecurityTokenReference') : undefined;
  if (!certificate || !str) return true;
  const reference = child(str, NS.wsse, 'Reference');
  const keyIdentifier = child(str, NS.wsse, 'KeyIdentifier');
  if (reference) {
    const token = byId.get((reference.getAttribute('URI') ?? '').replace(/^#/, ''));
    if (!token) return true;
    try {
      return certificateFromDerBase64(text(token)).fingerprint256 === certificate.fingerprint256;
    } catch {
      return false;
    }
  }
  if (keyIdentifier?.getAttribute('ValueType') === URI.x509Ski) return text(keyIdentifier) === subjectKeyIdentifier(certificate);
  return true;
}

/** Content-IDs of the attachments the envelope says are encrypted (EncryptedData CipherReferences). */
export function encryptedAttachmentIds(soap: SoapEnvelope): Set<string> {
  const ids = new Set<string>();
  const references = soap.document.getElementsByTagNameNS(NS.xenc, 'CipherReference');
  for (let i = 0; i < references.length; i++) {
    const uri = references.item(i)!.getAttribute('URI') ?? '';
    if (uri.startsWith('cid:')) ids.add(decodeURIComponent(uri.slice(4)));
  }
  return ids;
}

export interface DecryptionKey {
  privateKey: KeyObject;
  /** The certificate the key goes with: an EncryptedKey addressed to another one is refused. */
  certificate?: X509Certificate;
}

/**
 * Decrypts the attachments the Security header's EncryptedKey lists; returns the attachments
 * with their plaintext and original media type. Anything wrong is EBMS:0102 FailedDecryption.
 */
export function decryptAttachments(soap: SoapEnvelope, attachments: readonly Attachment[], key: DecryptionKey): Attachment[] {
  const security = soap.header ? children(soap.header, NS.wsse, 'Security')[0] : undefined;
  const encryptedKeys = security ? children(security, NS.xenc, 'EncryptedKey') : [];
  if (encryptedKeys.length === 0) return [...attachments];
  if (encryptedKeys.length > 1) throw failed('More than one EncryptedKey; one is read');
  const encryptedKey = encryptedKeys[0]!;
  const byId = elementsById(soap.document);
  if (!addressedTo(encryptedKey, byId, key.certificate)) throw failed('The content key is encrypted for another certificate');
  const method = child(encryptedKey, NS.xenc, 'EncryptionMethod');
  if (!method) throw failed('The EncryptedKey has no EncryptionMethod');
  const hash = oaepHash(method);
  const cipherValue = child(child(encryptedKey, NS.xenc, 'CipherData') ?? encryptedKey, NS.xenc, 'CipherValue');
  if (!cipherValue) throw failed('The EncryptedKey has no CipherValue');
  let contentKey: Buffer;
  try {
    contentKey = privateDecrypt(
      { key: key.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash },
      Buffer.from(text(cipherValue).replace(/\s+/g, ''), 'base64'),
    );
  } catch {
    throw failed('The content key cannot be decrypted with this key');
  }
  const referenceList = child(encryptedKey, NS.xenc, 'ReferenceList');
  const references = referenceList ? children(referenceList, NS.xenc, 'DataReference') : [];
  const result = new Map(attachments.map((a) => [a.contentId, a]));
  const done = new Set<string>();
  for (const reference of references) {
    const data = byId.get((reference.getAttribute('URI') ?? '').replace(/^#/, ''));
    if (!data || data.namespaceURI !== NS.xenc || data.localName !== 'EncryptedData') throw failed('A DataReference names no EncryptedData');
    if (data.getAttribute('Type') !== URI.attachmentContentOnly) throw failed('Only attachment content is decrypted (Type Attachment-Content-Only)');
    const algorithm = child(data, NS.xenc, 'EncryptionMethod')?.getAttribute('Algorithm') ?? '';
    const spec = CONTENT_CIPHERS[algorithm];
    if (!spec) throw failed(`Content encryption ${algorithm} is not accepted`);
    if (contentKey.length !== spec.keyBytes) throw failed('The content key has the wrong length');
    const cipherReference = child(child(data, NS.xenc, 'CipherData') ?? data, NS.xenc, 'CipherReference');
    const uri = cipherReference?.getAttribute('URI') ?? '';
    if (!uri.startsWith('cid:')) throw failed('EncryptedData must reference an attachment (cid:)');
    const contentId = decodeURIComponent(uri.slice(4));
    const attachment = result.get(contentId);
    if (!attachment || done.has(contentId)) throw failed(`The encrypted attachment ${uri} is missing or listed twice`);
    done.add(contentId);
    const bytes = attachment.content;
    if (bytes.length < IV_BYTES + TAG_BYTES) throw failed(`The attachment ${uri} is too short to be AES-GCM ciphertext`);
    let plain: Buffer;
    try {
      const decipher = createDecipheriv(spec.cipher, contentKey, bytes.subarray(0, IV_BYTES));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw failed(`The attachment ${uri} does not decrypt (authentication tag mismatch)`);
    }
    result.set(contentId, { ...attachment, contentType: data.getAttribute('MimeType') || attachment.contentType, content: plain });
  }
  return attachments.map((a) => result.get(a.contentId)!);
}
