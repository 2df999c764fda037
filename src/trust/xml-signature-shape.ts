/**
 * Recipe step 2: the shape of the one signature swgate accepts, checked on the DOM before any
 * cryptography (xml-crypto checks references before the signature value, so limits and shape
 * come first). Exactly one ds:Signature, a child of the root; one SignedInfo with one Reference
 * to the root; only enveloped + exc-c14n; no PIs; no comments inside ds:*; unique Ids.
 */
import type { Element, Node } from '@xmldom/xmldom';
import { finding, RejectionError } from '../findings.js';
import {
  DIGEST_ALGORITHMS,
  DSIG_NS,
  ENVELOPED_SIGNATURE,
  EXC_C14N,
  isDigestAlgorithm,
  isSignatureAlgorithm,
  type DigestAlgorithmUri,
  type SignatureAlgorithmUri,
} from './algorithms.js';
import {
  CDATA_SECTION_NODE,
  COMMENT_NODE,
  ELEMENT_NODE,
  elementChildren,
  isElementNamed,
  PROCESSING_INSTRUCTION_NODE,
  TEXT_NODE,
} from './xml-dom.js';

export interface SignatureShape {
  signature: Element;
  signedInfo: Element;
  signatureAlgorithm: SignatureAlgorithmUri;
  digestAlgorithm: DigestAlgorithmUri;
  digestValue: string;
  signatureValue: Buffer;
  certificateDer: Buffer;
}

const ID_ATTRIBUTES = new Set(['Id', 'ID', 'id']);
const DIGEST_BYTES: Record<string, number> = { sha256: 32, sha384: 48, sha512: 64 };

function refused(code: string, message: string): RejectionError {
  return new RejectionError(422, 'Signature not acceptable', [finding(code, message)]);
}

/** One pass over the whole document: PIs, comments in ds:*, duplicate Ids, every Signature. */
function scanDocument(root: Element): Element[] {
  const signatures: Element[] = [];
  const ids = new Set<string>();
  const stack: Array<{ node: Node; inDsig: boolean }> = [{ node: root, inDsig: false }];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const { node } = entry;
    if (node.nodeType === PROCESSING_INSTRUCTION_NODE) throw refused('xmldsig.processing-instruction', 'processing instructions are not accepted');
    if (node.nodeType === COMMENT_NODE && entry.inDsig) throw refused('xmldsig.comment-in-signature', 'comments inside ds:* elements are not accepted');
    if (node.nodeType !== ELEMENT_NODE) continue;
    const element = node as Element;
    const inDsig = entry.inDsig || element.namespaceURI === DSIG_NS;
    if (isElementNamed(element, DSIG_NS, 'Signature')) signatures.push(element);
    for (let i = 0; i < element.attributes.length; i++) {
      const attribute = element.attributes.item(i)!;
      if (!ID_ATTRIBUTES.has(attribute.localName ?? attribute.name)) continue;
      if (ids.has(attribute.value)) throw refused('xmldsig.duplicate-id', `Id "${attribute.value}" appears more than once`);
      ids.add(attribute.value);
    }
    for (let child = element.lastChild; child; child = child.previousSibling) stack.push({ node: child, inDsig });
  }
  return signatures;
}

/** Children must be exactly these ds:* elements, in order, with no text but whitespace. */
function expectChildren(parent: Element, names: string[]): Element[] {
  for (let child = parent.firstChild; child; child = child.nextSibling) {
    const isBlank = (child.nodeType === TEXT_NODE || child.nodeType === CDATA_SECTION_NODE) && !/\S/.test(child.nodeValue ?? '');
    if (child.nodeType !== ELEMENT_NODE && !isBlank) throw refused('xmldsig.shape', `unexpected content in ds:${parent.localName}`);
  }
  const children = elementChildren(parent);
  const fits =
    children.length === names.length &&
    children.every((child, i) => isElementNamed(child, DSIG_NS, names[i]!));
  if (!fits) {
    const found = children.map((child) => child.tagName).join(', ') || 'nothing';
    throw refused('xmldsig.shape', `ds:${parent.localName} must hold ${names.join(', ')}; found ${found}`);
  }
  return children;
}

function algorithmOf(element: Element): string {
  if (elementChildren(element).length > 0) throw refused('xmldsig.algorithm-parameters', `ds:${element.localName} may not carry parameters`);
  return element.getAttribute('Algorithm') ?? '';
}

function strictBase64(element: Element, what: string): Buffer {
  const text = (element.textContent ?? '').replace(/[ \t\r\n]/g, '');
  if (text.length === 0 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) {
    throw refused('xmldsig.base64', `${what} is empty or not base64`);
  }
  return Buffer.from(text, 'base64');
}

function checkReference(reference: Element, root: Element): { digestAlgorithm: DigestAlgorithmUri; digestValue: string } {
  const uri = reference.getAttribute('URI');
  const rootId = root.getAttribute('Id');
  if (uri !== '' && !(rootId && uri === `#${rootId}`)) {
    throw refused('xmldsig.reference-not-root', `the reference must be "" or "#<Id of the root>"; it is ${JSON.stringify(uri)}`);
  }
  const [transforms, digestMethod, digestValueElement] = expectChildren(reference, ['Transforms', 'DigestMethod', 'DigestValue']);
  const transformUris = expectChildren(transforms!, ['Transform', 'Transform']).map(algorithmOf);
  if (transformUris[0] !== ENVELOPED_SIGNATURE || transformUris[1] !== EXC_C14N) {
    throw refused('xmldsig.transform', `only enveloped-signature then exc-c14n are accepted; found ${transformUris.join(', ')}`);
  }
  const digestAlgorithm = algorithmOf(digestMethod!);
  if (!isDigestAlgorithm(digestAlgorithm)) throw refused('xmldsig.digest-algorithm', `digest algorithm ${digestAlgorithm} is not accepted`);
  const digest = strictBase64(digestValueElement!, 'DigestValue');
  if (digest.length !== DIGEST_BYTES[DIGEST_ALGORITHMS[digestAlgorithm]]) throw refused('xmldsig.base64', 'DigestValue has the wrong length');
  return { digestAlgorithm, digestValue: digest.toString('base64') };
}

export function checkSignatureShape(root: Element): SignatureShape {
  const signatures = scanDocument(root);
  if (signatures.length !== 1) throw refused('xmldsig.signature-count', `exactly one ds:Signature is required; found ${signatures.length}`);
  const signature = signatures[0]!;
  if (signature.parentNode !== root) throw refused('xmldsig.signature-position', 'ds:Signature must be a child of the root element');
  const [signedInfo, signatureValueElement, keyInfo] = expectChildren(signature, ['SignedInfo', 'SignatureValue', 'KeyInfo']);
  const [c14nMethod, signatureMethod, reference] = expectChildren(signedInfo!, ['CanonicalizationMethod', 'SignatureMethod', 'Reference']);
  const c14n = algorithmOf(c14nMethod!);
  if (c14n !== EXC_C14N) throw refused('xmldsig.canonicalization', `canonicalization ${c14n} is not accepted; use exclusive c14n without comments`);
  const signatureAlgorithm = algorithmOf(signatureMethod!);
  if (!isSignatureAlgorithm(signatureAlgorithm)) throw refused('xmldsig.signature-algorithm', `signature algorithm ${signatureAlgorithm} is not accepted`);
  const { digestAlgorithm, digestValue } = checkReference(reference!, root);
  const [x509Data] = expectChildren(keyInfo!, ['X509Data']);
  const [x509Certificate] = expectChildren(x509Data!, ['X509Certificate']);
  return {
    signature,
    signedInfo: signedInfo!,
    signatureAlgorithm,
    digestAlgorithm,
    digestValue,
    signatureValue: strictBase64(signatureValueElement!, 'SignatureValue'),
    certificateDer: strictBase64(x509Certificate!, 'X509Certificate'),
  };
}
