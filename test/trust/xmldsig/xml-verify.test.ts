/** SECURITY.md "Cases the test suite must hold" — Signatures — against xml-verify's recipe. */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { RejectionError } from '../../../src/findings.js';
import { readSignedEnvelope, writeCanonicalEnvelope, xmlPayload, type EnvelopePayload } from '../../../src/trust/envelope.js';
import { verifyInboundEnvelope } from '../../../src/trust/inbound.js';
import type { SigningKey } from '../../../src/trust/pki/signing-key.js';
import { signEnvelopeXml } from '../../../src/trust/xml-sign.js';
import { verifyXmlSignature } from '../../../src/trust/xmldsig/xml-verify.js';
import { createTestPki, header, issueTestCertificate, OTHER_PARTNER, PARTNER, signWithXmlCrypto, type TestPki } from '../support.js';

const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const EXC = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ECDSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';

let t: TestPki;
let payload: EnvelopePayload;
let signed: string;
let signature: string;

beforeAll(async () => {
  t = await createTestPki();
  payload = xmlPayload('<d:Declaration xmlns:d="urn:wco:x"><d:Code listID="hs">0101</d:Code><d:Amount>100.00</d:Amount></d:Declaration>');
  signed = signEnvelopeXml(header(), payload, t.key(PARTNER));
  signature = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(signed)![0];
});

async function rejection(promise: Promise<unknown>): Promise<RejectionError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, 'expected a rejection').toBeInstanceOf(RejectionError);
  return error as RejectionError;
}

/** Replaces exactly one occurrence, so a test cannot silently mutate nothing. */
function replaceOnce(text: string, search: string, replacement: string): string {
  const index = text.indexOf(search);
  expect(index, `"${search}" not found`).toBeGreaterThanOrEqual(0);
  return text.slice(0, index) + replacement + text.slice(index + search.length);
}

function signedBy(key: SigningKey): string {
  return signEnvelopeXml(header(), payload, key);
}

for (const engine of ['xml-crypto', 'fast'] as const) {
  describe(`verification by ${engine}`, () => {
    async function expectRejected(xml: string, status: number, code: string, store = t.store(PARTNER)): Promise<void> {
      const error = await rejection(verifyXmlSignature(xml, store, { engine }));
      expect({ status: error.status, code: error.findings[0]?.code }, error.message).toEqual({ status, code });
    }

    describe('accepted', () => {
      for (const kind of ['ecdsa', 'rsa'] as const) {
        it(`valid ${kind} envelope, with evidence and the signed bytes`, async () => {
          const xml = signedBy(t.key(PARTNER, kind));
          const result = await verifyXmlSignature(xml, t.store(PARTNER), { engine });
          expect(result.signedXml).toBe(writeCanonicalEnvelope(header(), payload));
          expect(result.evidence).toMatchObject({
            signatureAlgorithm: kind === 'ecdsa' ? ECDSA_SHA256 : RSA_SHA256,
            digestAlgorithm: SHA256,
            rawSha256: createHash('sha256').update(xml).digest('hex'),
            certificateFingerprint: t.key(PARTNER, kind).certificate.fingerprint256.replaceAll(':', '').toLowerCase(),
          });
          expect(result.trust.revocation).toBe('good');
        });
      }

      it('comment-split text is accepted and reads as the signed text', async () => {
        const split = replaceOnce(signed, '>0101<', '>01<!-- split -->01<');
        const result = await verifyXmlSignature(split, t.store(PARTNER), { engine });
        expect(result.signedXml).not.toContain('split');
        expect(readSignedEnvelope(result.signedXml).payload).toContain('<d:Code listID="hs">0101</d:Code>');
        const inbound = await verifyInboundEnvelope(Buffer.from(split), 'application/xml', t.store(PARTNER), { engine });
        expect(inbound.payload).toBe(payload.canonical);
        expect(inbound.signedContent).toBe(result.signedXml);
      });

      it(`the fast engine hands on the tree it canonicalised, the xml-crypto engine none`, async () => {
        const result = await verifyXmlSignature(signed, t.store(PARTNER), { engine });
        expect(result.signedTree !== undefined).toBe(engine === 'fast');
      });
    });

    describe('changed content', () => {
      const edits: Array<[string, string, string]> = [
        ['header text', '<swg:To>customs<', '<swg:To>customz<'],
        ['payload text', '>100.00<', '>900.00<'],
        ['payload attribute', 'listID="hs"', 'listID="hx"'],
        ['added whitespace', '<d:Amount>', ' <d:Amount>'],
      ];
      for (const [what, from, to] of edits) {
        it(`any signed byte changed (${what}) is refused`, () => expectRejected(replaceOnce(signed, from, to), 401, 'xmldsig.digest-mismatch'));
      }

      it('changed content with a recomputed DigestValue breaks the SignedInfo signature', async () => {
        const digest = /<ds:DigestValue>([^<]+)</.exec(signed)![1]!;
        const forgedHeader = header({ to: 'attacker' });
        const forgedDigest = createHash('sha256').update(writeCanonicalEnvelope(forgedHeader, payload)).digest('base64');
        const forged = replaceOnce(replaceOnce(signed, '<swg:To>customs<', '<swg:To>attacker<'), digest, forgedDigest);
        await expectRejected(forged, 401, 'xmldsig.signature-invalid');
      });

      it('a bad signature value is refused', async () => {
        const value = /<ds:SignatureValue>([^<]+)</.exec(signed)![1]!;
        const bytes = Buffer.from(value, 'base64');
        bytes[10] = bytes[10]! ^ 0xff;
        await expectRejected(replaceOnce(signed, value, bytes.toString('base64')), 401, 'xmldsig.signature-invalid');
      });

      it('an empty or non-base64 signature value is refused', async () => {
        const value = /<ds:SignatureValue>([^<]+)</.exec(signed)![1]!;
        await expectRejected(replaceOnce(signed, value, ''), 422, 'xmldsig.base64');
        await expectRejected(replaceOnce(signed, value, '**not base64**'), 422, 'xmldsig.base64');
      });
    });

    describe('keys and certificates in KeyInfo', () => {
      it("the attacker's own certificate (same CN, self-signed) is refused", async () => {
        const attacker = await issueTestCertificate();
        await expectRejected(signedBy(attacker.signingKey), 401, 'trust.chain-untrusted');
      });

      it('the pinned certificate in KeyInfo with another key signing is refused', async () => {
        const attacker = await issueTestCertificate();
        const pinnedStore = { ...t.store(PARTNER), anchors: [], pinned: [{ certificate: t.key(PARTNER).certificate }] };
        const forged = replaceOnce(signedBy(attacker.signingKey), attacker.signingKey.certificateBase64, t.key(PARTNER).certificateBase64);
        await expectRejected(forged, 401, 'xmldsig.signature-invalid', pinnedStore);
        expect((await verifyXmlSignature(signed, pinnedStore, { engine })).trust.matchedBy).toBe('pinned');
      });

      it("another partner's valid signature is refused for this sender", () =>
        expectRejected(signEnvelopeXml(header({ from: OTHER_PARTNER }), payload, t.key(OTHER_PARTNER)), 401, 'trust.certificate-not-bound-to-sender'));

      it('a header claiming another sender than the signer is refused', async () => {
        const claimsOther = signEnvelopeXml(header({ from: OTHER_PARTNER }), payload, t.key(PARTNER));
        const error = await rejection(verifyInboundEnvelope(Buffer.from(claimsOther), 'application/xml', t.store(PARTNER)));
        expect(error.findings[0]?.code).toBe('envelope.sender-mismatch');
      });

      it('a weak (RSA-1024) key is refused even from the right CA', async () => {
        const weak = await issueTestCertificate({ keyKind: 'rsa1024', issuer: t.ca });
        await expectRejected(signedBy(weak.signingKey), 401, 'trust.weak-key');
      });

      it('an algorithm that does not fit the key type is refused', async () => {
        await expectRejected(replaceOnce(signed, ECDSA_SHA256, RSA_SHA256), 422, 'xmldsig.algorithm-key-mismatch');
        await expectRejected(replaceOnce(signedBy(t.key(PARTNER, 'rsa')), RSA_SHA256, ECDSA_SHA256), 422, 'xmldsig.algorithm-key-mismatch');
      });

      it('a malformed certificate in KeyInfo is refused', () =>
        expectRejected(
          replaceOnce(signed, t.key(PARTNER).certificateBase64, Buffer.from('not a certificate').toString('base64')),
          401,
          'trust.certificate-malformed',
        ));
    });

    describe('signature shape', () => {
      it('two SignedInfo are refused', () => {
        const signedInfo = /<ds:SignedInfo>[\s\S]*<\/ds:SignedInfo>/.exec(signed)![0];
        return expectRejected(replaceOnce(signed, signedInfo, signedInfo + signedInfo), 422, 'xmldsig.shape');
      });

      it('an element inside DigestValue, SignatureValue or X509Certificate is refused, not read through', async () => {
        const digest = /<ds:DigestValue>([^<]+)</.exec(signed)![1]!;
        await expectRejected(replaceOnce(signed, digest, `${digest.slice(0, 8)}<ds:X/>${digest.slice(8)}`), 422, 'xmldsig.shape');
        const value = /<ds:SignatureValue>([^<]+)</.exec(signed)![1]!;
        await expectRejected(replaceOnce(signed, value, `<x:v xmlns:x="urn:x">${value}</x:v>`), 422, 'xmldsig.shape');
        const certificate = t.key(PARTNER).certificateBase64;
        await expectRejected(replaceOnce(signed, certificate, `${certificate}<ds:X509Certificate/>`), 422, 'xmldsig.shape');
      });

      it('a comment inside DigestValue is refused', () => {
        const digest = /<ds:DigestValue>([^<]+)</.exec(signed)![1]!;
        return expectRejected(replaceOnce(signed, digest, `${digest.slice(0, 8)}<!-- x -->${digest.slice(8)}`), 422, 'xmldsig.comment-in-signature');
      });

      it('duplicate Id values are refused', () =>
        expectRejected(replaceOnce(signed, '<d:Amount>', '<d:Amount Id="m-01JDX7Q0M3Z9K8ABCDEF123456">'), 422, 'xmldsig.duplicate-id'));

      it('a second Signature is refused', () =>
        expectRejected(replaceOnce(signed, '</d:Declaration>', `${signature}</d:Declaration>`), 422, 'xmldsig.signature-count'));

      it('a ds:Object in the Signature is refused', () =>
        expectRejected(replaceOnce(signed, '</ds:KeyInfo>', '</ds:KeyInfo><ds:Object>x</ds:Object>'), 422, 'xmldsig.shape'));

      it('a reference to something other than the root is refused (signed by xml-crypto)', async () => {
        const unsigned = writeCanonicalEnvelope(header(), payload);
        const xml = signWithXmlCrypto(unsigned, t.key(PARTNER), {
          signatureAlgorithm: ECDSA_SHA256,
          references: [{ xpath: "//*[local-name(.)='Header']", transforms: [EXC] }],
        });
        await expectRejected(xml, 422, 'xmldsig.reference-not-root');
      });

      it('several references are refused (signed by xml-crypto)', async () => {
        const unsigned = writeCanonicalEnvelope(header(), payload);
        const xml = signWithXmlCrypto(unsigned, t.key(PARTNER), {
          signatureAlgorithm: ECDSA_SHA256,
          references: [
            { xpath: '/*', transforms: [ENVELOPED, EXC], uri: '' },
            { xpath: "//*[local-name(.)='Header']", transforms: [EXC] },
          ],
        });
        await expectRejected(xml, 422, 'xmldsig.shape');
      });

      it('xml-crypto signing the same envelope by reference "" is accepted (the shape is not ours alone)', async () => {
        const xml = signWithXmlCrypto(writeCanonicalEnvelope(header(), payload), t.key(PARTNER), {
          signatureAlgorithm: ECDSA_SHA256,
          references: [{ xpath: '/*', transforms: [ENVELOPED, EXC], uri: '' }],
        });
        expect((await verifyXmlSignature(xml, t.store(PARTNER), { engine })).signedXml).toBe(writeCanonicalEnvelope(header(), payload));
      });

      const transforms: Array<[string, string]> = [
        ['XPath', 'http://www.w3.org/TR/1999/REC-xpath-19991116'],
        ['XSLT', 'http://www.w3.org/TR/1999/REC-xslt-19991116'],
        ['base64', 'http://www.w3.org/2000/09/xmldsig#base64'],
        ['exc-c14n WithComments', 'http://www.w3.org/2001/10/xml-exc-c14n#WithComments'],
      ];
      for (const [name, uri] of transforms) {
        it(`a ${name} transform is refused`, () =>
          expectRejected(replaceOnce(signed, `<ds:Transform Algorithm="${ENVELOPED}">`, `<ds:Transform Algorithm="${uri}">`), 422, 'xmldsig.transform'));
      }

      it('a transform with parameters (InclusiveNamespaces, XPath body) is refused', () =>
        expectRejected(
          replaceOnce(signed, `<ds:Transform Algorithm="${EXC}"></ds:Transform>`, `<ds:Transform Algorithm="${EXC}"><ds:XPath>1</ds:XPath></ds:Transform>`),
          422,
          'xmldsig.algorithm-parameters',
        ));
    });

    describe('algorithms', () => {
      const signatureMethods = [
        'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
        'http://www.w3.org/2000/09/xmldsig#hmac-sha1',
        'http://www.w3.org/2001/04/xmldsig-more#hmac-sha256',
        'http://www.w3.org/2001/04/xmldsig-more#rsa-md5',
        'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1',
        'urn:unknown:algorithm',
      ];
      for (const uri of signatureMethods) {
        it(`signature method ${uri} is refused`, () => expectRejected(replaceOnce(signed, ECDSA_SHA256, uri), 422, 'xmldsig.signature-algorithm'));
      }

      const digestMethods = ['http://www.w3.org/2000/09/xmldsig#sha1', 'http://www.w3.org/2001/04/xmldsig-more#md5', 'urn:unknown:digest'];
      for (const uri of digestMethods) {
        it(`digest method ${uri} is refused`, () => expectRejected(replaceOnce(signed, SHA256, uri), 422, 'xmldsig.digest-algorithm'));
      }

      it('canonicalization WithComments or inclusive c14n is refused', async () => {
        const method = `<ds:CanonicalizationMethod Algorithm="${EXC}">`;
        await expectRejected(replaceOnce(signed, method, method.replace(EXC, `${EXC}WithComments`)), 422, 'xmldsig.canonicalization');
        await expectRejected(
          replaceOnce(signed, method, method.replace(EXC, 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315')),
          422,
          'xmldsig.canonicalization',
        );
      });

      it('a real rsa-sha1 / sha1 signature made by xml-crypto defaults is refused', async () => {
        const xml = signWithXmlCrypto(writeCanonicalEnvelope(header(), payload), t.key(PARTNER, 'rsa'), {
          signatureAlgorithm: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
          references: [{ xpath: '/*', transforms: [ENVELOPED, EXC], uri: '', digestAlgorithm: 'http://www.w3.org/2000/09/xmldsig#sha1' }],
          defaultTables: true,
        });
        await expectRejected(xml, 422, 'xmldsig.signature-algorithm');
      });
    });

    describe('parsing', () => {
      it('a processing instruction inside signed text is refused', () =>
        expectRejected(replaceOnce(signed, '>0101<', '><?p not-an-?>0101<'), 400, 'xml.processing-instruction'));

      it('a DOCTYPE added to a signed file is refused', () => expectRejected(`<!DOCTYPE swg:Envelope [<!ENTITY x "y">]>${signed}`, 400, 'xml.doctype'));
    });

    describe('signature wrapping (XSW)', () => {
      const id = 'm-01JDX7Q0M3Z9K8ABCDEF123456';
      const forgedBody = () => writeCanonicalEnvelope(header({ to: 'attacker' }), payload).replace('</swg:Envelope>', '');

      it('signed envelope moved inside a wrapper root is refused', () =>
        expectRejected(
          `<w:Wrapper xmlns:w="urn:evil">${forgedBody().replace(` Id="${id}"`, '')}</swg:Envelope>${signed}</w:Wrapper>`,
          422,
          'xmldsig.signature-position',
        ));

      it('forged root with the same Id, original hidden in the payload, is refused', () => {
        const original = signed.replace(signature, '');
        return expectRejected(
          `${forgedBody().replace('<swg:Payload contentType="application/xml">', `$&${original}`)}${signature}</swg:Envelope>`,
          422,
          'xmldsig.duplicate-id',
        );
      });

      it('forged root without the Id, original kept as a child, is refused', () => {
        const original = signed.replace(signature, '');
        const forged = forgedBody().replace(` Id="${id}"`, '');
        return expectRejected(
          `${forged.replace('<swg:Payload contentType="application/xml">', `$&${original}`)}${signature}</swg:Envelope>`,
          422,
          'xmldsig.reference-not-root',
        );
      });

      it('original moved into ds:Object under a forged root with another Id is refused', () => {
        const original = signed.replace(signature, '');
        const forged = forgedBody().replace(` Id="${id}"`, ' Id="m-forged"');
        const wrappedSignature = signature.replace('</ds:KeyInfo>', `</ds:KeyInfo><ds:Object>${original}</ds:Object>`);
        return expectRejected(`${forged}${wrappedSignature}</swg:Envelope>`, 422, 'xmldsig.shape');
      });
    });
  });
}
