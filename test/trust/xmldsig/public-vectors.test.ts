/**
 * Public XML-DSig test vectors (test/fixtures/trust/vectors, see SOURCES.md) through swgate's
 * recipe, with both engines and a trust store that pins each vector's own certificate: every
 * attack is refused with its own finding, every valid vector outside the profile is refused for
 * the documented reason, and the one inside the profile verifies. xmlsec1 — an independent
 * implementation — verifies the valid ones, which proves the copies intact, and refuses the attacks.
 */
import { spawnSync } from 'node:child_process';
import { createHash, verify, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';
import { beforeAll, describe, expect, it } from 'vitest';
import { RejectionError } from '../../../src/findings.js';
import { DSIG_NS } from '../../../src/trust/xmldsig/algorithms.js';
import type { Clock } from '../../../src/trust/clock.js';
import { exclusiveCanonical } from '../../../src/trust/xmldsig/exc-c14n.js';
import type { TrustStore } from '../../../src/trust/pki/trust-store.js';
import { parseDom } from '../../../src/trust/xmldsig/xml-dom.js';
import { verifyXmlSignature } from '../../../src/trust/xmldsig/xml-verify.js';
import { toolsPresent, XMLSEC1 } from '../../support/tools.js';
import { FIXTURES, issueTestCertificate } from '../support.js';

const VECTORS = join(FIXTURES, 'vectors');
const ENGINES = ['xml-crypto', 'fast'] as const;
const SAML_ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion:Assertion';
const SAML_RESPONSE = 'urn:oasis:names:tc:SAML:2.0:protocol:Response';

function vector(file: string): string {
  return readFileSync(join(VECTORS, file), 'utf8');
}

/** Every distinct certificate a vector carries in its X509Certificate elements. */
function certificatesOf(xml: string): X509Certificate[] {
  const seen = new Map<string, X509Certificate>();
  for (const match of xml.matchAll(/<(?:ds:)?X509Certificate>([^<]+)</g)) {
    const certificate = new X509Certificate(Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64'));
    seen.set(certificate.fingerprint256, certificate);
  }
  return [...seen.values()];
}

/**
 * A store that pins the vector's own certificates and nothing else, on a clock inside their
 * validity (the vectors are years old), so that whatever is refused is refused for the signature.
 */
function storeFor(xml: string, overrides: Partial<TrustStore> = {}): TrustStore {
  const certificates = certificatesOf(xml);
  const at = certificates[0] ? new Date(certificates[0].validFrom) : new Date();
  return {
    participantId: 'vector',
    pinned: certificates.map((certificate) => ({ certificate })),
    anchors: [],
    intermediates: [],
    retiredFingerprints: [],
    unknownRevocation: 'fail-closed',
    clock: (() => at) satisfies Clock,
    ...overrides,
  };
}

/** Derived in the test, not stored: the element holding the `index`th ds:Signature, as the document root. */
function signedElementAsRoot(xml: string, index = 0): string {
  const document = new DOMParser().parseFromString(xml, 'text/xml');
  const signature = document.getElementsByTagNameNS(DSIG_NS, 'Signature')[index];
  if (!signature?.parentNode) throw new Error(`no ds:Signature #${index}`);
  return new XMLSerializer().serializeToString(signature.parentNode);
}

async function refusal(xml: string, store: TrustStore, engine: (typeof ENGINES)[number]): Promise<{ status: number; code: string | undefined }> {
  const error = await verifyXmlSignature(xml, store, { engine }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, 'expected a rejection').toBeInstanceOf(RejectionError);
  return { status: (error as RejectionError).status, code: (error as RejectionError).findings[0]?.code };
}

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'swgate-vectors-'));
});

function xmlsec1Verify(xml: string, args: string[]): { status: number | null; output: string } {
  const file = join(work, `vector-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  const result = spawnSync(XMLSEC1.command, ['--verify', ...args, file], { encoding: 'utf8', timeout: 20_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function pemFile(certificate: X509Certificate): string {
  const file = join(work, `cert-${certificate.serialNumber}.pem`);
  writeFileSync(file, certificate.toString());
  return file;
}

interface RefusedCase {
  file: string;
  /** Run on the element holding this signature lifted out as the root (derived in the test). */
  asRootOf?: number;
  status: number;
  code: string;
  why: string;
}

const REFUSED: RefusedCase[] = [
  // Attacks
  {
    file: 'xml-crypto/valid_saml_with_digest_comment.xml',
    status: 422,
    code: 'xmldsig.comment-in-signature',
    why: 'CVE-2025-29775, a comment inside DigestValue',
  },
  {
    file: 'xml-crypto/valid_saml_with_digest_comment.xml',
    asRootOf: 0,
    status: 422,
    code: 'xmldsig.comment-in-signature',
    why: 'the same, with the signed Assertion as root',
  },
  {
    file: 'xml-crypto/saml_multiple_signed_info_nodes.xml',
    status: 422,
    code: 'xmldsig.signature-position',
    why: 'CVE-2025-29774, two SignedInfo (as published: the signature is not on the root)',
  },
  {
    file: 'xml-crypto/saml_multiple_signed_info_nodes.xml',
    asRootOf: 0,
    status: 422,
    code: 'xmldsig.shape',
    why: 'two SignedInfo, with the signed Assertion as root',
  },
  {
    file: 'xml-crypto/saml_wrapped_signed_info_node.xml',
    status: 422,
    code: 'xmldsig.signature-position',
    why: 'a SignedInfo wrapped in a foreign element (as published)',
  },
  {
    file: 'xml-crypto/saml_wrapped_signed_info_node.xml',
    asRootOf: 0,
    status: 422,
    code: 'xmldsig.shape',
    why: 'a SignedInfo wrapped in a foreign element, with the signed Assertion as root',
  },
  {
    file: 'xml-crypto/valid_saml_signature_wrapping.xml',
    status: 422,
    code: 'xmldsig.duplicate-id',
    why: 'signature wrapping: the signed Assertion moved, a forged copy with its ID',
  },
  // Valid signatures outside the profile, refused for the documented reason
  { file: 'xml-crypto/valid_saml.xml', status: 422, code: 'xmldsig.signature-count', why: 'valid, but two signatures (Response and Assertion)' },
  {
    file: 'xml-crypto/valid_saml.xml',
    asRootOf: 1,
    status: 422,
    code: 'xmldsig.signature-algorithm',
    why: 'valid, but RSA-SHA1 (the signed Assertion as root)',
  },
  {
    file: 'xml-crypto/valid_signature_utf8.xml',
    status: 422,
    code: 'xmldsig.reference-not-root',
    why: 'valid RSA-SHA256, but the reference names a SAML ID attribute, not the root Id',
  },
  { file: 'xml-crypto/hmac_signature.xml', status: 422, code: 'xmldsig.signature-algorithm', why: 'HMAC-SHA1' },
  {
    file: 'xmlsec/enveloped-sha256-ecdsa-sha256.xml',
    status: 422,
    code: 'xmldsig.canonicalization',
    why: 'valid ECDSA-P256-SHA256, but inclusive c14n and an XPath transform',
  },
  { file: 'xmlsec/enveloped-ecdsa-java-bug.xml', status: 422, code: 'xmldsig.canonicalization', why: 'valid ECDSA-P521-SHA512, but c14n #WithComments' },
];

for (const engine of ENGINES) {
  describe(`public vectors through verifyXmlSignature (${engine})`, () => {
    for (const vectorCase of REFUSED) {
      const name = `${vectorCase.file}${vectorCase.asRootOf === undefined ? '' : ' (signed element as root)'}`;
      it(`${name}: ${vectorCase.why} → ${vectorCase.code}`, async () => {
        const published = vector(vectorCase.file);
        const xml = vectorCase.asRootOf === undefined ? published : signedElementAsRoot(published, vectorCase.asRootOf);
        expect(await refusal(xml, storeFor(published), engine)).toEqual({ status: vectorCase.status, code: vectorCase.code });
      });
    }

    describe('xml-crypto/valid_signature_ecdsa.xml: valid and inside the profile', () => {
      const published = () => vector('xml-crypto/valid_signature_ecdsa.xml');

      it('verifies with its own certificate pinned, at the instant that certificate is valid, and yields the signed bytes', async () => {
        const xml = published();
        const result = await verifyXmlSignature(xml, storeFor(xml), { engine });
        expect(result.signedXml).toBe('<message><content>Just remember ALL CAPS when you spell the man name</content></message>');
        expect(result.evidence).toMatchObject({
          signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256',
          digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
          digestValue: '9A4u9FDDvQS0fcqS76EbS5Ir95wh3JOu2QldyyfWrHs=',
        });
        expect(result.trust).toMatchObject({ matchedBy: 'pinned', revocation: 'pinned-not-checked' });
      });

      it('its certificate is expired now and was not yet valid a second before', async () => {
        const xml = published();
        const validAt = new Date(certificatesOf(xml)[0]!.validFrom).getTime();
        expect(await refusal(xml, storeFor(xml, { clock: () => new Date() }), engine)).toEqual({ status: 401, code: 'trust.certificate-expired' });
        expect(await refusal(xml, storeFor(xml, { clock: () => new Date(validAt - 1000) }), engine)).toEqual({
          status: 401,
          code: 'trust.certificate-not-yet-valid',
        });
      });

      it('one signed byte changed: digest mismatch', async () => {
        const xml = published();
        const tampered = xml.replace('ALL CAPS', 'ALL CAPZ');
        expect(await refusal(tampered, storeFor(xml), engine)).toEqual({ status: 401, code: 'xmldsig.digest-mismatch' });
      });

      it('signature value changed (same length): signature invalid', async () => {
        const xml = published();
        const tampered = xml.replace('<SignatureValue>A1Vz', '<SignatureValue>A1Vy');
        expect(tampered).not.toBe(xml);
        expect(await refusal(tampered, storeFor(xml), engine)).toEqual({ status: 401, code: 'xmldsig.signature-invalid' });
      });

      it("the vector's certificate is not the one the store pins: untrusted", async () => {
        const xml = published();
        const other = await issueTestCertificate();
        expect(await refusal(xml, storeFor(xml, { pinned: [{ certificate: other.certificate }] }), engine)).toEqual({
          status: 401,
          code: 'trust.chain-untrusted',
        });
      });

      it('a pinned certificate put in KeyInfo while another key signed: signature invalid', async () => {
        const xml = published();
        const validAt = new Date(certificatesOf(xml)[0]!.validFrom);
        const pinned = await issueTestCertificate({ notBefore: new Date(validAt.getTime() - 3_600_000), notAfter: new Date(validAt.getTime() + 3_600_000) });
        const base64 = pinned.certificate.raw.toString('base64');
        const swapped = xml.replace(/<X509Certificate>[^<]+</, `<X509Certificate>${base64}<`);
        const store = storeFor(xml, { pinned: [{ certificate: pinned.certificate }], clock: () => validAt });
        expect(await refusal(swapped, store, engine)).toEqual({ status: 401, code: 'xmldsig.signature-invalid' });
      });

      it('a DOCTYPE added: refused before the signature is looked at', async () => {
        const xml = published();
        expect(await refusal(`<!DOCTYPE message [<!ENTITY x "y">]>${xml}`, storeFor(xml), engine)).toEqual({ status: 400, code: 'xml.doctype' });
      });
    });
  });
}

describe.runIf(toolsPresent(XMLSEC1))('xmlsec1 on the same vectors', () => {
  function expectVerifies(result: { status: number | null; output: string }): void {
    expect(result.status, result.output).toBe(0);
    expect(result.output).toMatch(/^OK$/m);
  }

  it('verifies the valid ones (the copies are intact)', () => {
    const ecdsa = vector('xml-crypto/valid_signature_ecdsa.xml');
    expectVerifies(xmlsec1Verify(ecdsa, ['--pubkey-cert-pem', pemFile(certificatesOf(ecdsa)[0]!)]));
    expectVerifies(xmlsec1Verify(vector('xml-crypto/valid_saml.xml'), ['--insecure', '--id-attr:ID', SAML_RESPONSE]));
    expectVerifies(xmlsec1Verify(vector('xml-crypto/valid_signature_utf8.xml'), ['--insecure', '--id-attr:ID', SAML_ASSERTION]));
    expectVerifies(
      xmlsec1Verify(vector('xmlsec/enveloped-sha256-ecdsa-sha256.xml'), [
        '--pubkey-pem:TestKeyName-ec-prime256v1',
        join(VECTORS, 'xmlsec/ec-prime256v1-pubkey.pem'),
      ]),
    );
    expectVerifies(xmlsec1Verify(vector('xmlsec/enveloped-ecdsa-java-bug.xml'), ['--insecure']));
  });

  it('verifies the signed Assertion lifted out as root (the derivation keeps the signature valid: RSA-SHA1 is the only reason we refuse it)', () => {
    expectVerifies(xmlsec1Verify(signedElementAsRoot(vector('xml-crypto/valid_saml.xml'), 1), ['--insecure', '--id-attr:ID', SAML_ASSERTION]));
  });

  it('refuses the attacks too', () => {
    for (const file of [
      'xml-crypto/valid_saml_with_digest_comment.xml',
      'xml-crypto/saml_multiple_signed_info_nodes.xml',
      'xml-crypto/saml_wrapped_signed_info_node.xml',
      'xml-crypto/valid_saml_signature_wrapping.xml',
    ]) {
      expect(xmlsec1Verify(vector(file), ['--insecure', '--id-attr:ID', SAML_ASSERTION]).status, file).not.toBe(0);
    }
  });

  it('refuses the in-profile vector once a signed byte changes', () => {
    const ecdsa = vector('xml-crypto/valid_signature_ecdsa.xml');
    expect(xmlsec1Verify(ecdsa.replace('ALL CAPS', 'ALL CAPZ'), ['--pubkey-cert-pem', pemFile(certificatesOf(ecdsa)[0]!)]).status).not.toBe(0);
  });
});

describe("swgate's exclusive c14n (exc-c14n.ts) on what other implementations signed", () => {
  // Every exc-c14n signature among the vectors, the SAML ones out of profile included: the
  // canonical bytes must reproduce the published DigestValue and the SignedInfo the key signed
  // (inherited namespaces on a nested Assertion, CRLF line ends, non-ASCII text).
  const HASHES: Record<string, string> = { 'http://www.w3.org/2000/09/xmldsig#sha1': 'sha1', 'http://www.w3.org/2001/04/xmlenc#sha256': 'sha256' };
  const SIGNATURES: Record<string, string> = {
    'http://www.w3.org/2000/09/xmldsig#rsa-sha1': 'sha1',
    'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': 'sha256',
    'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256': 'sha256',
  };
  const text = (parent: Element, name: string) => (parent.getElementsByTagNameNS(DSIG_NS, name)[0]?.textContent ?? '').replace(/\s+/g, '');
  const attribute = (parent: Element, name: string) => parent.getElementsByTagNameNS(DSIG_NS, name)[0]?.getAttribute('Algorithm') ?? '';

  for (const file of ['xml-crypto/valid_signature_ecdsa.xml', 'xml-crypto/valid_saml.xml', 'xml-crypto/valid_signature_utf8.xml']) {
    it(file, () => {
      const { root } = parseDom(readFileSync(join(VECTORS, file)), { maxDepth: 64 });
      const signatures = root.getElementsByTagNameNS(DSIG_NS, 'Signature');
      expect(signatures.length).toBeGreaterThan(0);
      for (let index = 0; index < signatures.length; index++) {
        const signature = signatures[index]!;
        const signed = signature.parentNode as Element;
        const digest = createHash(HASHES[attribute(signature, 'DigestMethod')]!).update(exclusiveCanonical(signed, signature), 'utf8').digest('base64');
        expect(digest, `${file} signature ${index}: digest`).toBe(text(signature, 'DigestValue'));
        const signedInfo = Buffer.from(exclusiveCanonical(signature.getElementsByTagNameNS(DSIG_NS, 'SignedInfo')[0]!), 'utf8');
        const certificate = new X509Certificate(Buffer.from(text(signature, 'X509Certificate'), 'base64'));
        const signatureValue = Buffer.from(text(signature, 'SignatureValue'), 'base64');
        const valid = verify(
          SIGNATURES[attribute(signature, 'SignatureMethod')]!,
          signedInfo,
          { key: certificate.publicKey, dsaEncoding: 'ieee-p1363' },
          signatureValue,
        );
        expect(valid, `${file} signature ${index}: SignedInfo`).toBe(true);
      }
    });
  }
});
