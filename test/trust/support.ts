/** Shared by the trust tests: a sandbox PKI in a temp dir and helpers to make odd certificates. */
import { createPrivateKey, generateKeyPairSync, randomInt, type KeyObject, type X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignedXml } from 'xml-crypto';
import { ConfigError, loadConfig } from '../../src/config/load.js';
import { issueCertificate, type CertificateSpec, type Issuer } from '../../src/trust/pki/certificate-builder.js';
import { xmlCryptoHashAlgorithms, xmlCryptoSignatureAlgorithms } from '../../src/trust/xmldsig/algorithms.js';
import type { Clock } from '../../src/trust/clock.js';
import type { EnvelopeHeader } from '../../src/trust/envelope.js';
import { CA_COMMON_NAME, ensureSandboxPki, type SandboxPki } from '../../src/trust/pki/sandbox-ca.js';
import { loadSigningKey, signingKeyFromPem, type SigningKey } from '../../src/trust/pki/signing-key.js';
import { sandboxTrustStore } from '../../src/trust/pki/trust-config.js';
import type { TrustStore } from '../../src/trust/pki/trust-store.js';

export const PARTNER = 'partner-xb';
export const OTHER_PARTNER = 'partner-yz';
export const FIXTURES = join(import.meta.dirname, '../fixtures/trust');

/** What the configuration loader says of a partner whose `trust:` block is `trustYaml` (one line of flow YAML per setting), one problem a line. */
export function trustConfigProblems(dir: string, trustYaml: string): string {
  const file = join(dir, 'trust-config.yaml');
  writeFileSync(
    file,
    `participants:\n  - id: ${PARTNER}\n    kind: partner-customs\n    name: P\n    trust:\n      anchors: [ca.crt.pem]\n      ${trustYaml}\nagreements: []\n`,
  );
  try {
    loadConfig({ SWGATE_CONFIG: file });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.join('\n');
    throw error;
  }
  return '';
}

export interface TestPki {
  pki: SandboxPki;
  ca: Issuer;
  key(participant: string, kind?: 'ecdsa' | 'rsa'): SigningKey;
  store(participant: string, clock?: Clock): TrustStore;
}

export async function createTestPki(): Promise<TestPki> {
  const dir = mkdtempSync(join(tmpdir(), 'swgate-trust-'));
  const pki = await ensureSandboxPki(dir, [PARTNER, OTHER_PARTNER]);
  return {
    pki,
    ca: { commonName: CA_COMMON_NAME, privateKey: createPrivateKey(readFileSync(pki.ca.privateKey)) },
    key: (participant, kind = 'ecdsa') => loadSigningKey(pki.entities[participant]![kind]),
    store: (participant, clock) => sandboxTrustStore(pki, participant, clock),
  };
}

export function header(overrides: Partial<EnvelopeHeader> = {}): EnvelopeHeader {
  return {
    messageId: '01JDX7Q0M3Z9K8ABCDEF123456',
    conversationId: 'conv-1',
    from: PARTNER,
    to: 'customs',
    documentKind: 'declaration',
    createdAt: '2026-11-29T05:00:00Z',
    ...overrides,
  };
}

export const HOUR_MS = 3_600_000;

/** A certificate + key with sensible defaults, any field overridable. */
export async function issueTestCertificate(
  overrides: Partial<CertificateSpec> & { keyKind?: 'ec' | 'rsa1024' } = {},
): Promise<{ certificate: X509Certificate; privateKey: KeyObject; signingKey: SigningKey }> {
  const { publicKey, privateKey } =
    overrides.keyKind === 'rsa1024' ? generateKeyPairSync('rsa', { modulusLength: 1024 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const now = Date.now();
  const certificate = await issueCertificate({
    commonName: PARTNER,
    publicKey,
    serialNumber: randomInt(1, 2 ** 47),
    notBefore: new Date(now - HOUR_MS),
    notAfter: new Date(now + 24 * HOUR_MS),
    keyUsage: ['digitalSignature'],
    selfSignKey: privateKey,
    ...overrides,
  });
  const signingKey = signingKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }), certificate.toString());
  return { certificate, privateKey, signingKey };
}

export interface ReferenceSpec {
  xpath: string;
  transforms: string[];
  digestAlgorithm?: string;
  uri?: string;
}

/** Signs with xml-crypto (the reference implementation), for shapes the template never makes. */
export function signWithXmlCrypto(
  xml: string,
  key: SigningKey,
  options: { references: ReferenceSpec[]; signatureAlgorithm: string; canonicalizationAlgorithm?: string; defaultTables?: boolean },
): string {
  const signer = new SignedXml({
    privateKey: key.privateKey.export({ type: 'pkcs8', format: 'pem' }),
    publicCert: key.certificate.toString(),
    signatureAlgorithm: options.signatureAlgorithm,
    canonicalizationAlgorithm: options.canonicalizationAlgorithm ?? 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  if (!options.defaultTables) {
    signer.SignatureAlgorithms = xmlCryptoSignatureAlgorithms();
    signer.HashAlgorithms = xmlCryptoHashAlgorithms();
  }
  for (const reference of options.references) {
    signer.addReference({
      xpath: reference.xpath,
      transforms: reference.transforms,
      digestAlgorithm: reference.digestAlgorithm ?? 'http://www.w3.org/2001/04/xmlenc#sha256',
      ...(reference.uri !== undefined ? { uri: reference.uri, isEmptyUri: reference.uri === '' } : {}),
    });
  }
  signer.computeSignature(xml, { prefix: 'ds', location: { reference: '/*', action: 'append' } });
  return signer.getSignedXml();
}
