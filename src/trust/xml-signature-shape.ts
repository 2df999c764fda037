/**
 * Recipe step 2: the shape of the one signature swgate accepts, checked before any
 * cryptography (xml-crypto checks references before the signature value, so limits and shape
 * come first). Exactly one ds:Signature, a child of the root; one SignedInfo with one Reference
 * to the root; only enveloped + exc-c14n; no PIs; no comments inside ds:*; unique Ids.
 *
 * Two versions of the same rules: `checkTreeSignatureShape` over the safe parser's tree (the
 * fast engine) and `checkSignatureShape` over an xmldom DOM (the xml-crypto engine, which needs
 * the DOM node for SignedXml). test/trust/xml-verify.test.ts runs every hostile case through both.
 */
import type { Element, Node } from '@xmldom/xmldom';
import { finding, RejectionError } from '../findings.js';
import { attributeValue, isElement, type XmlElement } from '../documents/xml/tree.js';
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

export interface SignatureShapeOf<E> {
  signature: E;
  signedInfo: E;
  signatureAlgorithm: SignatureAlgorithmUri;
  digestAlgorithm: DigestAlgorithmUri;
  digestValue: string;
  signatureValue: Buffer;
  /** The X509Certificate text, whitespace removed, checked to be strict base64 (not yet DER-parsed). */
  certificateBase64: string;
}

/** Over an xmldom DOM. */
export type SignatureShape = SignatureShapeOf<Element>;
/** Over the safe parser's tree. */
export type TreeSignatureShape = SignatureShapeOf<XmlElement>;

const ID_ATTRIBUTES = new Set(['Id', 'ID', 'id']);
const DIGEST_BYTES: Record<string, number> = { sha256: 32, sha384: 48, sha512: 64 };
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
// As the DOM check has it: "blank" is JavaScript's \s (what is allowed between ds:* children).
const NOT_BLANK = /\S/;

function refused(code: string, message: string): RejectionError {
  return new RejectionError(422, 'Signature not acceptable', [finding(code, message)]);
}

function strictBase64Text(raw: string, what: string): string {
  const text = raw.replace(/[ \t\r\n]/g, '');
  if (text.length === 0 || text.length % 4 !== 0 || !BASE64.test(text)) throw refused('xmldsig.base64', `${what} is empty or not base64`);
  return text;
}

function checkReferenceUri(uri: string | null | undefined, rootId: string | null | undefined): void {
  if (uri !== '' && !(rootId && uri === `#${rootId}`)) {
    throw refused('xmldsig.reference-not-root', `the reference must be "" or "#<Id of the root>"; it is ${JSON.stringify(uri ?? null)}`);
  }
}

function checkTransforms(transformUris: string[]): void {
  if (transformUris[0] !== ENVELOPED_SIGNATURE || transformUris[1] !== EXC_C14N) {
    throw refused('xmldsig.transform', `only enveloped-signature then exc-c14n are accepted; found ${transformUris.join(', ')}`);
  }
}

function checkDigestAlgorithm(digestAlgorithm: string): DigestAlgorithmUri {
  if (!isDigestAlgorithm(digestAlgorithm)) throw refused('xmldsig.digest-algorithm', `digest algorithm ${digestAlgorithm} is not accepted`);
  return digestAlgorithm;
}

function digestValueFor(digestAlgorithm: DigestAlgorithmUri, base64: string): string {
  const digest = Buffer.from(base64, 'base64');
  if (digest.length !== DIGEST_BYTES[DIGEST_ALGORITHMS[digestAlgorithm]]) throw refused('xmldsig.base64', 'DigestValue has the wrong length');
  return digest.toString('base64');
}

function checkCanonicalization(c14n: string): void {
  if (c14n !== EXC_C14N) throw refused('xmldsig.canonicalization', `canonicalization ${c14n} is not accepted; use exclusive c14n without comments`);
}

function checkSignatureAlgorithm(signatureAlgorithm: string): SignatureAlgorithmUri {
  if (!isSignatureAlgorithm(signatureAlgorithm)) throw refused('xmldsig.signature-algorithm', `signature algorithm ${signatureAlgorithm} is not accepted`);
  return signatureAlgorithm;
}

function duplicateId(value: string): RejectionError {
  return refused('xmldsig.duplicate-id', `Id "${value}" appears more than once`);
}

// ---------------------------------------------------------------------------------------------
// Over the safe parser's tree
// ---------------------------------------------------------------------------------------------

/**
 * One pass over the whole tree: comments in ds:* (the tree drops comments but flags the
 * element that had one among its children), duplicate Ids, every Signature with its parent.
 * Processing instructions never reach a tree: the safe parser refuses them.
 */
function scanTree(root: XmlElement): Array<{ signature: XmlElement; parent: XmlElement | undefined }> {
  const signatures: Array<{ signature: XmlElement; parent: XmlElement | undefined }> = [];
  const ids = new Set<string>();
  // Recursive: the safe parser has bounded the depth (the canonicaliser recurses as deep).
  const visit = (element: XmlElement, parent: XmlElement | undefined, inDsig: boolean): void => {
    const isDsig = element.ns === DSIG_NS;
    if ((inDsig || isDsig) && element.hasComments) throw refused('xmldsig.comment-in-signature', 'comments inside ds:* elements are not accepted');
    if (isDsig && element.name === 'Signature') signatures.push({ signature: element, parent });
    for (const attribute of element.attrs) {
      if (!ID_ATTRIBUTES.has(attribute.name)) continue;
      if (ids.has(attribute.value)) throw duplicateId(attribute.value);
      ids.add(attribute.value);
    }
    for (const child of element.children) if (typeof child !== 'string') visit(child, element, inDsig || isDsig);
  };
  visit(root, undefined, false);
  return signatures;
}

function treeName(element: XmlElement): string {
  return element.prefix === '' ? element.name : `${element.prefix}:${element.name}`;
}

/** Children must be exactly these ds:* elements, in order, with no text but whitespace. */
function expectTreeChildren(parent: XmlElement, names: string[]): XmlElement[] {
  const children: XmlElement[] = [];
  for (const child of parent.children) {
    if (typeof child !== 'string') children.push(child);
    else if (NOT_BLANK.test(child)) throw refused('xmldsig.shape', `unexpected content in ds:${parent.name}`);
  }
  const fits = children.length === names.length && children.every((child, i) => child.ns === DSIG_NS && child.name === names[i]);
  if (!fits) {
    const found = children.map(treeName).join(', ') || 'nothing';
    throw refused('xmldsig.shape', `ds:${parent.name} must hold ${names.join(', ')}; found ${found}`);
  }
  return children;
}

function treeAlgorithmOf(element: XmlElement): string {
  if (element.children.some(isElement)) throw refused('xmldsig.algorithm-parameters', `ds:${element.name} may not carry parameters`);
  return attributeValue(element, '', 'Algorithm') ?? '';
}

/** Text only: an element inside a base64 value is refused, not read through. */
function treeBase64(element: XmlElement, what: string): string {
  let text = '';
  for (const child of element.children) {
    if (typeof child !== 'string') throw refused('xmldsig.shape', `${what} may hold text only`);
    text += child;
  }
  return strictBase64Text(text, what);
}

export function checkTreeSignatureShape(root: XmlElement): TreeSignatureShape {
  const signatures = scanTree(root);
  if (signatures.length !== 1) throw refused('xmldsig.signature-count', `exactly one ds:Signature is required; found ${signatures.length}`);
  const { signature, parent } = signatures[0]!;
  if (parent !== root) throw refused('xmldsig.signature-position', 'ds:Signature must be a child of the root element');
  const [signedInfo, signatureValueElement, keyInfo] = expectTreeChildren(signature, ['SignedInfo', 'SignatureValue', 'KeyInfo']);
  const [c14nMethod, signatureMethod, reference] = expectTreeChildren(signedInfo!, ['CanonicalizationMethod', 'SignatureMethod', 'Reference']);
  checkCanonicalization(treeAlgorithmOf(c14nMethod!));
  const signatureAlgorithm = checkSignatureAlgorithm(treeAlgorithmOf(signatureMethod!));
  checkReferenceUri(attributeValue(reference!, '', 'URI'), attributeValue(root, '', 'Id'));
  const [transforms, digestMethod, digestValueElement] = expectTreeChildren(reference!, ['Transforms', 'DigestMethod', 'DigestValue']);
  checkTransforms(expectTreeChildren(transforms!, ['Transform', 'Transform']).map(treeAlgorithmOf));
  const digestAlgorithm = checkDigestAlgorithm(treeAlgorithmOf(digestMethod!));
  const digestValue = digestValueFor(digestAlgorithm, treeBase64(digestValueElement!, 'DigestValue'));
  const [x509Data] = expectTreeChildren(keyInfo!, ['X509Data']);
  const [x509Certificate] = expectTreeChildren(x509Data!, ['X509Certificate']);
  return {
    signature,
    signedInfo: signedInfo!,
    signatureAlgorithm,
    digestAlgorithm,
    digestValue,
    signatureValue: Buffer.from(treeBase64(signatureValueElement!, 'SignatureValue'), 'base64'),
    certificateBase64: treeBase64(x509Certificate!, 'X509Certificate'),
  };
}

// ---------------------------------------------------------------------------------------------
// Over an xmldom DOM
// ---------------------------------------------------------------------------------------------

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
      if (ids.has(attribute.value)) throw duplicateId(attribute.value);
      ids.add(attribute.value);
    }
    for (let child = element.lastChild; child; child = child.previousSibling) stack.push({ node: child, inDsig });
  }
  return signatures;
}

/** Children must be exactly these ds:* elements, in order, with no text but whitespace. */
function expectChildren(parent: Element, names: string[]): Element[] {
  for (let child = parent.firstChild; child; child = child.nextSibling) {
    const isBlank = (child.nodeType === TEXT_NODE || child.nodeType === CDATA_SECTION_NODE) && !NOT_BLANK.test(child.nodeValue ?? '');
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

/** Text only: an element inside a base64 value is refused, not read through. */
function strictBase64(element: Element, what: string): string {
  if (elementChildren(element).length > 0) throw refused('xmldsig.shape', `${what} may hold text only`);
  return strictBase64Text(element.textContent ?? '', what);
}

export function checkSignatureShape(root: Element): SignatureShape {
  const signatures = scanDocument(root);
  if (signatures.length !== 1) throw refused('xmldsig.signature-count', `exactly one ds:Signature is required; found ${signatures.length}`);
  const signature = signatures[0]!;
  if (signature.parentNode !== root) throw refused('xmldsig.signature-position', 'ds:Signature must be a child of the root element');
  const [signedInfo, signatureValueElement, keyInfo] = expectChildren(signature, ['SignedInfo', 'SignatureValue', 'KeyInfo']);
  const [c14nMethod, signatureMethod, reference] = expectChildren(signedInfo!, ['CanonicalizationMethod', 'SignatureMethod', 'Reference']);
  checkCanonicalization(algorithmOf(c14nMethod!));
  const signatureAlgorithm = checkSignatureAlgorithm(algorithmOf(signatureMethod!));
  checkReferenceUri(reference!.getAttribute('URI'), root.getAttribute('Id'));
  const [transforms, digestMethod, digestValueElement] = expectChildren(reference!, ['Transforms', 'DigestMethod', 'DigestValue']);
  checkTransforms(expectChildren(transforms!, ['Transform', 'Transform']).map(algorithmOf));
  const digestAlgorithm = checkDigestAlgorithm(algorithmOf(digestMethod!));
  const digestValue = digestValueFor(digestAlgorithm, strictBase64(digestValueElement!, 'DigestValue'));
  const [x509Data] = expectChildren(keyInfo!, ['X509Data']);
  const [x509Certificate] = expectChildren(x509Data!, ['X509Certificate']);
  return {
    signature,
    signedInfo: signedInfo!,
    signatureAlgorithm,
    digestAlgorithm,
    digestValue,
    signatureValue: Buffer.from(strictBase64(signatureValueElement!, 'SignatureValue'), 'base64'),
    certificateBase64: strictBase64(x509Certificate!, 'X509Certificate'),
  };
}
