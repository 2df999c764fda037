import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.js';
import { ensureSandboxPki, type SandboxPki } from '../../src/trust/pki/sandbox-ca.js';

let pki: SandboxPki;
beforeAll(async () => {
  pki = await ensureSandboxPki(mkdtempSync(join(tmpdir(), 'swgate-as4-config-')), ['red']);
});

function load(yaml: string) {
  const dir = mkdtempSync(join(tmpdir(), 'swgate-as4-config-'));
  writeFileSync(join(dir, 'config.yaml'), yaml);
  return loadConfig({ SWGATE_CONFIG: join(dir, 'config.yaml'), SWGATE_PUBLIC_URL: 'https://ap.example.org:8443' });
}

function problemsOf(yaml: string): string[] {
  try {
    load(yaml);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const red = (as4: string, extra = '') => `
participants:
  - id: red
    kind: partner-customs
    name: Red
    country: XB
${extra}    as4:
${as4
  .split('\n')
  .map((l) => `      ${l}`)
  .join('\n')}
`;

const rsaCert = () => pki.entities.red?.rsa.certificate as string;
const ecCert = () => pki.entities.red?.ecdsa.certificate as string;

describe('AS4 configuration', () => {
  it('reads a party with rollover certificates and a push leg with the profile defaults, and names the gateway after its public URL', () => {
    const config = load(`${red(`partyId: domibus-red
partyIdType: urn:oasis:names:tc:ebcore:partyid-type:unregistered
endpoint: https://red.example.org/domibus/services/msh
certificates:
  - { file: ${rsaCert()}, notAfter: "2027-01-31T00:00:00Z" }
  - { file: ${rsaCert()}, notBefore: "2027-01-01T00:00:00Z" }`)}
agreements:
  - id: to-red
    when: { documentKinds: [declaration] }
    destination: red
    format: wco-xml
    transport: as4
    as4: { service: bdx:noprocess, serviceType: tc1, action: TC1Leg1, agreementRef: A1 }
`);
    const party = config.participants[0]?.as4;
    expect(party).toMatchObject({
      partyId: 'domibus-red',
      role: 'http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/responder',
      endpoint: 'https://red.example.org/domibus/services/msh',
    });
    expect(party?.certificates.map((c) => c.notBefore ?? c.notAfter)).toEqual(['2027-01-31T00:00:00Z', '2027-01-01T00:00:00Z']);
    expect(config.agreements[0]?.as4).toEqual({
      service: 'bdx:noprocess',
      serviceType: 'tc1',
      action: 'TC1Leg1',
      agreementRef: 'A1',
      mpc: 'http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/defaultMPC',
      mode: 'push',
      security: 'sign-encrypt',
      compression: true,
      receipt: 'response',
    });
    expect(config.as4).toEqual({
      partyId: 'swgate',
      partyIdType: 'urn:oasis:names:tc:ebcore:partyid-type:unregistered',
      role: 'http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/initiator',
      messageIdDomain: 'ap.example.org',
    });
  });

  it('lets a pull partner go without any endpoint', () => {
    const config = load(`${red(`partyId: red\ncertificates: [{ file: ${rsaCert()} }]`)}
agreements:
  - { id: to-red, when: {}, destination: red, format: wco-xml, transport: as4, as4: { service: s, action: a, mode: pull } }
`);
    expect(config.agreements[0]?.as4?.mode).toBe('pull');
  });

  it('refuses, one sentence each: an AS4 agreement without a leg or to a participant that is no AS4 party, a leg on another transport, a push without endpoint', () => {
    const problems = problemsOf(`
participants:
  - { id: plain, kind: pga, name: Plain, endpoint: "https://plain.example.org" }
${red(`partyId: red\ncertificates: [{ file: ${rsaCert()} }]`).replace('participants:\n', '')}
agreements:
  - { id: no-leg, when: {}, destination: red, format: wco-xml, transport: as4 }
  - { id: no-party, when: {}, destination: plain, format: wco-xml, transport: as4, as4: { service: s, action: a } }
  - { id: stray-leg, when: {}, destination: plain, format: wco-xml, as4: { service: s, action: a } }
  - { id: no-endpoint, when: {}, destination: red, format: wco-xml, transport: as4, as4: { service: s, action: a } }
`);
    expect(problems).toEqual([
      'agreement "no-leg" goes over AS4 but names no as4 leg (service, action).',
      'agreement "no-leg" pushes over AS4 to "red", which has no endpoint (as4.endpoint or endpoint).',
      'agreement "no-party" goes over AS4 to "plain", which has no as4 party (partyId, certificates).',
      'agreement "stray-leg" has an as4 leg but its transport is swgate; say transport: as4, or drop the leg.',
      'agreement "no-endpoint" pushes over AS4 to "red", which has no endpoint (as4.endpoint or endpoint).',
    ]);
  });

  it('refuses a pulled leg that is only signed, and the callback receipt pattern nothing would settle', () => {
    const problems = problemsOf(`${red(`partyId: red\nendpoint: https://red.example.org/as4\ncertificates: [{ file: ${rsaCert()} }]`)}
agreements:
  - { id: pull-clear, when: {}, destination: red, format: wco-xml, transport: as4, as4: { service: s, action: a, mode: pull, security: sign-only } }
  - { id: push-callback, when: {}, destination: red, format: wco-xml, transport: as4, as4: { service: s, action: a, receipt: callback } }
  - { id: push-clear, when: {}, destination: red, format: wco-xml, transport: as4, as4: { service: s, action: a, security: sign-only } }
`);
    expect(problems).toEqual([
      'agreement "pull-clear": a pulled AS4 leg must be sign-encrypt; sign-only is for push only.',
      'agreement "push-callback": as4.receipt callback is not supported; this access point takes the receipt on the same HTTP exchange (response).',
    ]);
  });

  it('refuses certificates that cannot be used: missing file, not a certificate, an EC key, a window backwards or not a date', () => {
    const problems = problemsOf(`${red(`partyId: red
certificates:
  - { file: /nonexistent/red.pem }
  - { file: ${pki.entities.red?.rsa.privateKey} }
  - { file: ${ecCert()} }
  - { file: ${rsaCert()}, notBefore: "2027-02-01", notAfter: "2027-01-01" }
  - { file: ${rsaCert()}, notBefore: "2027-02-31T99:00:00Z" }`)}
agreements: []
`);
    expect(problems).toEqual([
      'participant "red" as4.certificates.0: cannot read an X.509 certificate (PEM) from /nonexistent/red.pem.',
      `participant "red" as4.certificates.1: cannot read an X.509 certificate (PEM) from ${pki.entities.red?.rsa.privateKey}.`,
      `participant "red" as4.certificates.2: ${ecCert()} holds a ec key; the eDelivery AS4 1.15 profile signs and encrypts with RSA.`,
      'participant "red" as4.certificates.3: notBefore (2027-02-01) must come before notAfter (2027-01-01).',
      'participant "red" as4.certificates.4.notBefore: "2027-02-31T99:00:00Z" is not a date.',
    ]);
  });

  it('refuses hostile values at the schema: a party id with spaces or control characters, a role that is no URI, a twice-used party id, too many certificates', () => {
    const many = Array.from({ length: 21 }, () => `  - { file: ${rsaCert()} }`).join('\n');
    const problems = problemsOf(`
as4: { partyId: "gate way" }
participants:
  - { id: a, kind: pga, name: A, as4: { partyId: "x\\u0000y", role: "not a uri", certificates: [{ file: ${rsaCert()} }] } }
  - id: b
    kind: pga
    name: B
    as4:
      partyId: b
      certificates:
${many.replaceAll('  - ', '        - ')}
agreements: []
`);
    expect(problems.join('\n')).toMatch(/as4\.partyId must match pattern/);
    expect(problems.join('\n')).toMatch(/participants\.0\.as4\.partyId must match pattern/);
    expect(problems.join('\n')).toMatch(/participants\.0\.as4\.role must match pattern/);
    expect(problems.join('\n')).toMatch(/participants\.1\.as4\.certificates must NOT have more than 20 items/);
    const twice = problemsOf(`
participants:
  - { id: a, kind: pga, name: A, as4: { partyId: same, certificates: [{ file: ${rsaCert()} }] } }
  - { id: b, kind: pga, name: B, as4: { partyId: same, certificates: [{ file: ${rsaCert()} }] } }
agreements: []
`);
    expect(twice).toEqual(['participant "b": AS4 party id "same" is already "a"\'s; a party id names one participant.']);
  });

  it('asks for certificates outside the sandbox; in the sandbox a party without takes its sandbox RSA certificate', () => {
    expect(problemsOf(`${red('partyId: red')}\nagreements: []\n`)).toEqual([
      'participant "red": as4.certificates is empty; outside the sandbox an AS4 party needs its certificates.',
    ]);
    expect(loadConfig({}).participants.find((p) => p.id === 'partner-xb')?.as4).toMatchObject({ partyId: 'partner-xb', certificates: [] });
  });
});
