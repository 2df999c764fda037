// `npx tsx bench/trust.ts`: XML-DSig signing and verification of a ~10 KB envelope, the template
// path and the fast engine against xml-crypto measured in the same run (verify: the signature
// alone; inbound: what POST /v1/inbound pays, header and payload read too), plus JWS.
import { sign, verify, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CompactSign, compactVerify } from 'jose';
import { SignedXml } from 'xml-crypto';
import { ENVELOPED_SIGNATURE, EXC_C14N, SHA256_URI, xmlCryptoHashAlgorithms, xmlCryptoSignatureAlgorithms } from '../src/trust/xmldsig/algorithms.js';
import { writeCanonicalEnvelope, xmlPayload } from '../src/trust/envelope.js';
import { signJsonEnvelope, verifyJsonEnvelope } from '../src/trust/json-envelope.js';
import { receivedDigest, signReceipt, verifyReceipt } from '../src/trust/receipt.js';
import { ensureSandboxPki } from '../src/trust/pki/sandbox-ca.js';
import { loadSigningKey, SIGNING_ALGORITHMS, type SigningKey } from '../src/trust/pki/signing-key.js';
import { sandboxTrustStore } from '../src/trust/pki/trust-config.js';
import { signEnvelopeXml } from '../src/trust/xml-sign.js';
import { verifyXmlSignature } from '../src/trust/xmldsig/xml-verify.js';
import { verifyInboundEnvelope } from '../src/trust/inbound.js';
import { decideTrust } from '../src/trust/pki/trust-store.js';
import { FIXTURES, header as envelopeHeader, PARTNER } from '../test/trust/support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);

/** Runs `operation` for about SECONDS after a short warm-up; returns operations per second. */
async function rate(operation: () => unknown): Promise<number> {
  const warmUpUntil = performance.now() + 200;
  while (performance.now() < warmUpUntil) await operation();
  let count = 0;
  const start = performance.now();
  const until = start + SECONDS * 1000;
  while (performance.now() < until) {
    for (let i = 0; i < 20; i++) await operation();
    count += 20;
  }
  return count / ((performance.now() - start) / 1000);
}

function line(label: string, perSecond: number): void {
  console.log(`${label.padEnd(58)} ${perSecond.toFixed(0).padStart(8)} ops/s  ${(1e6 / perSecond).toFixed(1).padStart(8)} µs/op`);
}

function signWithXmlCrypto(unsigned: string, key: SigningKey, privateKeyPem: string): string {
  const signer = new SignedXml({
    privateKey: privateKeyPem,
    publicCert: key.certificate.toString(),
    signatureAlgorithm: SIGNING_ALGORITHMS[key.algorithm].uri,
    canonicalizationAlgorithm: EXC_C14N,
  });
  signer.SignatureAlgorithms = xmlCryptoSignatureAlgorithms();
  signer.HashAlgorithms = xmlCryptoHashAlgorithms();
  signer.addReference({ xpath: '/*', transforms: [ENVELOPED_SIGNATURE, EXC_C14N], digestAlgorithm: SHA256_URI });
  signer.computeSignature(unsigned, { prefix: 'ds', location: { reference: '/*', action: 'append' } });
  return signer.getSignedXml();
}

const pki = await ensureSandboxPki(mkdtempSync(join(tmpdir(), 'swgate-bench-')), [PARTNER]);
const store = sandboxTrustStore(pki, PARTNER);
const document = readFileSync(join(FIXTURES, 'wco-dm/TT1_IM_v2.02_Accepted.xml'));
const payload = xmlPayload(document);
const header = envelopeHeader();

// The machine is shared: the load average says how far these figures are from an idle core.
console.log(
  `load average ${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')}; ${SECONDS} s per figure`,
);
for (const kind of ['ecdsa', 'rsa'] as const) {
  const key = loadSigningKey(pki.entities[PARTNER]![kind]);
  const privateKeyPem = readFileSync(pki.entities[PARTNER]![kind].privateKey, 'utf8');
  const signed = signEnvelopeXml(header, payload, key);
  console.log(`-- ${kind}: envelope ${Buffer.byteLength(signed)} bytes signed (payload ${document.length} bytes as received)`);
  const signedInfoSized = Buffer.alloc(900, 'a');
  const ceiling = await rate(() => sign('sha256', signedInfoSized, { key: key.privateKey, dsaEncoding: 'ieee-p1363' }));
  const template = await rate(() => signEnvelopeXml(header, payload, key));
  const unsigned = writeCanonicalEnvelope(header, payload);
  const reference = await rate(() => signWithXmlCrypto(unsigned, key, privateKeyPem));
  line(`sign ${kind}, bare crypto.sign of a SignedInfo (ceiling)`, ceiling);
  line(`sign ${kind}, template (xml-sign.ts)`, template);
  line(`sign ${kind}, xml-crypto computeSignature`, reference);
  console.log(`sign ${kind}: template / xml-crypto = ${(template / reference).toFixed(1)}x`);
  const byXmlCrypto = await rate(() => verifyXmlSignature(signed, store, { engine: 'xml-crypto' }));
  const fast = await rate(() => verifyXmlSignature(signed, store, { engine: 'fast' }));
  line(`verify ${kind}, recipe with xml-crypto (engine xml-crypto)`, byXmlCrypto);
  line(`verify ${kind}, recipe with swgate exc-c14n (engine fast)`, fast);
  console.log(`verify ${kind}: fast / xml-crypto = ${(fast / byXmlCrypto).toFixed(1)}x`);
  // What POST /v1/inbound pays: verification plus header and payload read from what was signed.
  const body = Buffer.from(signed);
  const inboundByXmlCrypto = await rate(() => verifyInboundEnvelope(body, 'application/xml', store, { engine: 'xml-crypto' }));
  const inboundFast = await rate(() => verifyInboundEnvelope(body, 'application/xml', store, { engine: 'fast' }));
  line(`inbound ${kind}, verify + read envelope (engine xml-crypto)`, inboundByXmlCrypto);
  line(`inbound ${kind}, verify + read envelope (engine fast)`, inboundFast);
  console.log(`inbound ${kind}: fast / xml-crypto = ${(inboundFast / inboundByXmlCrypto).toFixed(1)}x`);
  const der = key.certificate.raw;
  line(`  part of it, ${kind}: decideTrust`, await rate(() => decideTrust(store, key.certificate)));
  line(`  spared, ${kind}: new X509Certificate (certificate-cache)`, await rate(() => new X509Certificate(der)));
}

line('payload canonicalisation once per document (xmlPayload)', await rate(() => xmlPayload(document)));
const jsonKey = loadSigningKey(pki.entities[PARTNER]!.ecdsa);
const jsonEnvelope = { header, payload: JSON.parse(JSON.stringify({ text: payload.canonical })) as unknown };
const jws = await signJsonEnvelope(jsonEnvelope, jsonKey);
const jwsSign = await rate(() => signJsonEnvelope(jsonEnvelope, jsonKey));
const jwsVerify = await rate(() => verifyJsonEnvelope(jws, store));
// jose on the same bytes and key, the library compact-jws.ts replaces on the hot path.
const signedBytes = Buffer.from(jws.split('.')[1]!, 'base64url');
const joseSign = await rate(() => new CompactSign(signedBytes).setProtectedHeader({ alg: 'ES256', typ: 'swgate-envelope+jws' }).sign(jsonKey.privateKey));
const joseVerify = await rate(() => compactVerify(jws, jsonKey.certificate.publicKey, { algorithms: ['ES256'] }));
line('JWS ES256 sign (RFC 8785 + compact-jws)', jwsSign);
line('JWS ES256 sign, jose CompactSign of the same bytes', joseSign);
line('JWS ES256 verify (trust store + compact-jws + canonical)', jwsVerify);
line('JWS ES256 verify, jose compactVerify alone (no trust)', joseVerify);
console.log(
  `JWS ES256: sign compact-jws / jose = ${(jwsSign / joseSign).toFixed(1)}x; whole verification / jose signature check alone = ${(jwsVerify / joseVerify).toFixed(1)}x`,
);
// What the delivery worker pays per delivery for a destination's signed receipt (pipeline/receipts.ts).
const sentSha256 = receivedDigest(document);
const receipt = await signReceipt(
  {
    messageId: '0190b7a2-6c1e-7d3a-9f4b-2e8c5a1d3f60',
    from: PARTNER,
    to: 'gateway',
    status: 'accepted',
    receivedSha256: sentSha256,
    receivedAt: new Date().toISOString(),
    findings: [],
  },
  jsonKey,
);
const receiptVerify = await rate(() => verifyReceipt(receipt, store, sentSha256));
const [receiptHeader, receiptPayload, receiptSignature] = receipt.split('.') as [string, string, string];
const receiptSigningInput = Buffer.from(`${receiptHeader}.${receiptPayload}`, 'latin1');
const receiptCeiling = await rate(() =>
  verify('sha256', receiptSigningInput, { key: jsonKey.certificate.publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(receiptSignature, 'base64url')),
);
line('JWS ES256 verifyReceipt (trust, compact-jws, canonical)', receiptVerify);
line('JWS ES256 receipt, bare crypto.verify (ceiling)', receiptCeiling);
console.log(`JWS ES256: verifyReceipt / bare crypto.verify = ${(receiptVerify / receiptCeiling).toFixed(2)}x`);
