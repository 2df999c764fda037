/**
 * Recipe step 2: the shape of the one signature swgate accepts, checked before any
 * cryptography (xml-crypto checks references before the signature value, so limits and shape
 * come first). Exactly one ds:Signature, a child of the root; one SignedInfo with one Reference
 * to the root; only enveloped + exc-c14n; no PIs; no comments inside ds:*; unique Ids.
 *
 * The rules are written once, over a `DocumentView`, so that the two engines cannot drift apart:
 * `checkTreeSignatureShape` reads the safe parser's tree (the fast engine) and
 * `checkSignatureShape` an xmldom DOM (the xml-crypto engine, which needs the DOM node for
 * SignedXml). test/trust/xmldsig/xml-verify.test.ts runs every hostile case through both.
 */
import type { Element } from '@xmldom/xmldom';
import { finding, RejectionError } from '../../findings.js';
import { attributeValue, type XmlElement } from '../../documents/xml/tree.js';
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
import { CDATA_SECTION_NODE, COMMENT_NODE, ELEMENT_NODE, PROCESSING_INSTRUCTION_NODE, TEXT_NODE } from './xml-dom.js';

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
// "Blank" (what may stand between ds:* children) is JavaScript's \s, as xml-crypto's engine always had it.
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

/**
 * What the rules read of a document. Children are read by index rather than as arrays so that
 * the fast engine's scan of the whole tree allocates nothing per element.
 */
interface DocumentView<E extends object> {
  namespace(element: E): string | null;
  localName(element: E): string;
  /** Prefix included, as written: for messages only, never for matching. */
  qualifiedName(element: E): string;
  /** An unprefixed attribute's value (unprefixed attributes are in no namespace). */
  attribute(element: E, name: string): string | null | undefined;
  eachAttribute(element: E, each: (localName: string, value: string) => void): void;
  childCount(element: E): number;
  /** An element, text (CDATA included), or null for any other kind of node. */
  childAt(element: E, index: number): E | string | null;
  hasComments(element: E): boolean;
  hasProcessingInstructions(element: E): boolean;
}

const TREE_VIEW: DocumentView<XmlElement> = {
  namespace: (element) => element.ns,
  localName: (element) => element.name,
  qualifiedName: (element) => (element.prefix === '' ? element.name : `${element.prefix}:${element.name}`),
  attribute: (element, name) => attributeValue(element, '', name),
  eachAttribute: (element, each) => {
    for (const attribute of element.attrs) each(attribute.name, attribute.value);
  },
  childCount: (element) => element.children.length,
  childAt: (element, index) => element.children[index]!,
  // The tree drops comments but flags the element that had one among its children.
  hasComments: (element) => element.hasComments,
  // Processing instructions never reach a tree: the safe parser refuses them.
  hasProcessingInstructions: () => false,
};

function hasChildOfType(element: Element, nodeType: number): boolean {
  for (let child = element.firstChild; child; child = child.nextSibling) if (child.nodeType === nodeType) return true;
  return false;
}

const DOM_VIEW: DocumentView<Element> = {
  namespace: (element) => element.namespaceURI,
  localName: (element) => `${element.localName}`,
  qualifiedName: (element) => element.tagName,
  attribute: (element, name) => element.getAttribute(name),
  eachAttribute: (element, each) => {
    // Namespace declarations are attributes in the DOM, so xmlns:id="…" takes part in the Id check.
    for (let i = 0; i < element.attributes.length; i++) {
      const attribute = element.attributes.item(i)!;
      each(attribute.localName ?? attribute.name, attribute.value);
    }
  },
  childCount: (element) => element.childNodes.length,
  childAt: (element, index) => {
    const child = element.childNodes.item(index)!;
    if (child.nodeType === ELEMENT_NODE) return child as Element;
    if (child.nodeType === TEXT_NODE || child.nodeType === CDATA_SECTION_NODE) return child.nodeValue ?? '';
    return null;
  },
  hasComments: (element) => hasChildOfType(element, COMMENT_NODE),
  // parseDom runs the safe parser first, so this only guards a DOM from elsewhere.
  hasProcessingInstructions: (element) => hasChildOfType(element, PROCESSING_INSTRUCTION_NODE),
};

/** One pass over the whole document: PIs, comments in ds:*, duplicate Ids, every Signature with its parent. */
function scan<E extends object>(view: DocumentView<E>, root: E): Array<{ signature: E; parent: E | undefined }> {
  const signatures: Array<{ signature: E; parent: E | undefined }> = [];
  const ids = new Set<string>();
  const checkId = (localName: string, value: string): void => {
    if (!ID_ATTRIBUTES.has(localName)) return;
    if (ids.has(value)) throw duplicateId(value);
    ids.add(value);
  };
  // Recursive: the safe parser has bounded the depth (the canonicaliser recurses as deep).
  const visit = (element: E, parent: E | undefined, inDsig: boolean): void => {
    const isDsig = view.namespace(element) === DSIG_NS;
    const inside = inDsig || isDsig;
    if (view.hasProcessingInstructions(element)) throw refused('xmldsig.processing-instruction', 'processing instructions are not accepted');
    if (inside && view.hasComments(element)) throw refused('xmldsig.comment-in-signature', 'comments inside ds:* elements are not accepted');
    if (isDsig && view.localName(element) === 'Signature') signatures.push({ signature: element, parent });
    view.eachAttribute(element, checkId);
    for (let i = 0, n = view.childCount(element); i < n; i++) {
      const child = view.childAt(element, i);
      if (child !== null && typeof child !== 'string') visit(child, element, inside);
    }
  };
  visit(root, undefined, false);
  return signatures;
}

/** Children must be exactly these ds:* elements, in order, with no text but whitespace. */
function expectChildren<E extends object>(view: DocumentView<E>, parent: E, names: string[]): E[] {
  const children: E[] = [];
  for (let i = 0, n = view.childCount(parent); i < n; i++) {
    const child = view.childAt(parent, i);
    if (child === null || (typeof child === 'string' && NOT_BLANK.test(child))) {
      throw refused('xmldsig.shape', `unexpected content in ds:${view.localName(parent)}`);
    }
    if (typeof child !== 'string') children.push(child);
  }
  const fits = children.length === names.length && children.every((child, i) => view.namespace(child) === DSIG_NS && view.localName(child) === names[i]);
  if (!fits) {
    const found = children.map((child) => view.qualifiedName(child)).join(', ') || 'nothing';
    throw refused('xmldsig.shape', `ds:${view.localName(parent)} must hold ${names.join(', ')}; found ${found}`);
  }
  return children;
}

function hasElementChild<E extends object>(view: DocumentView<E>, element: E): boolean {
  for (let i = 0, n = view.childCount(element); i < n; i++) {
    const child = view.childAt(element, i);
    if (child !== null && typeof child !== 'string') return true;
  }
  return false;
}

function algorithmOf<E extends object>(view: DocumentView<E>, element: E): string {
  if (hasElementChild(view, element)) throw refused('xmldsig.algorithm-parameters', `ds:${view.localName(element)} may not carry parameters`);
  return view.attribute(element, 'Algorithm') ?? '';
}

/** Text only: an element inside a base64 value is refused, not read through. */
function strictBase64<E extends object>(view: DocumentView<E>, element: E, what: string): string {
  let text = '';
  for (let i = 0, n = view.childCount(element); i < n; i++) {
    const child = view.childAt(element, i);
    if (typeof child === 'string') text += child;
    else if (child !== null) throw refused('xmldsig.shape', `${what} may hold text only`);
  }
  return strictBase64Text(text, what);
}

function checkShape<E extends object>(view: DocumentView<E>, root: E): SignatureShapeOf<E> {
  const signatures = scan(view, root);
  if (signatures.length !== 1) throw refused('xmldsig.signature-count', `exactly one ds:Signature is required; found ${signatures.length}`);
  const { signature, parent } = signatures[0]!;
  if (parent !== root) throw refused('xmldsig.signature-position', 'ds:Signature must be a child of the root element');
  const [signedInfo, signatureValueElement, keyInfo] = expectChildren(view, signature, ['SignedInfo', 'SignatureValue', 'KeyInfo']);
  const [c14nMethod, signatureMethod, reference] = expectChildren(view, signedInfo!, ['CanonicalizationMethod', 'SignatureMethod', 'Reference']);
  checkCanonicalization(algorithmOf(view, c14nMethod!));
  const signatureAlgorithm = checkSignatureAlgorithm(algorithmOf(view, signatureMethod!));
  checkReferenceUri(view.attribute(reference!, 'URI'), view.attribute(root, 'Id'));
  const [transforms, digestMethod, digestValueElement] = expectChildren(view, reference!, ['Transforms', 'DigestMethod', 'DigestValue']);
  checkTransforms(expectChildren(view, transforms!, ['Transform', 'Transform']).map((transform) => algorithmOf(view, transform)));
  const digestAlgorithm = checkDigestAlgorithm(algorithmOf(view, digestMethod!));
  const digestValue = digestValueFor(digestAlgorithm, strictBase64(view, digestValueElement!, 'DigestValue'));
  const [x509Data] = expectChildren(view, keyInfo!, ['X509Data']);
  const [x509Certificate] = expectChildren(view, x509Data!, ['X509Certificate']);
  return {
    signature,
    signedInfo: signedInfo!,
    signatureAlgorithm,
    digestAlgorithm,
    digestValue,
    signatureValue: Buffer.from(strictBase64(view, signatureValueElement!, 'SignatureValue'), 'base64'),
    certificateBase64: strictBase64(view, x509Certificate!, 'X509Certificate'),
  };
}

export function checkTreeSignatureShape(root: XmlElement): TreeSignatureShape {
  return checkShape(TREE_VIEW, root);
}

export function checkSignatureShape(root: Element): SignatureShape {
  return checkShape(DOM_VIEW, root);
}
