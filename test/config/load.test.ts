import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.js';

function configFile(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'swgate-config-'));
  const file = join(dir, 'config.yaml');
  writeFileSync(file, yaml);
  return file;
}

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('loads the sandbox with its participants, agreements and the documented defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8080);
    expect(config.bodyLimitBytes).toBe(5 * 1024 * 1024);
    expect(config.sandbox).toBe(true);
    // Its keys are public: it listens on loopback unless HOST says otherwise.
    expect(config.host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(config.participants.map((p) => p.id)).toEqual([
      'customs',
      'pga-plant',
      'pga-food',
      'pga-health',
      'pga-wildlife',
      'partner-xb',
      'ephyto-hub',
      'trader-demo',
      'platform-demo',
      'post-demo',
    ]);
    expect(config.agreements.find((a) => a.id === 'cites')?.delivery).toEqual({
      attempts: 4,
      backoffMs: 1000,
      timeoutMs: 3000,
      retry: 'automatic',
      receiptTimeoutMs: 600_000,
    });
    expect(config.dataDir).toMatch(/var$/);
  });

  it('keeps /metrics behind credentials and bounds every connection in time and number by default', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      metricsPublic: false,
      requestTimeoutMs: 60_000,
      headersTimeoutMs: 10_000,
      idleTimeoutMs: 60_000,
      keepAliveTimeoutMs: 10_000,
      maxConnectionsPerClient: 128,
    });
  });

  it('refuses timeouts that cannot work: none, or headers allowed longer than the whole request', () => {
    expect(problemsOf({ SWGATE_REQUEST_TIMEOUT_MS: '0', SWGATE_IDLE_TIMEOUT_MS: 'forever', SWGATE_MAX_CONNECTIONS_PER_CLIENT: '-1' })).toEqual([
      'SWGATE_REQUEST_TIMEOUT_MS must be a whole number from 100 to 3600000 (got "0").',
      'SWGATE_IDLE_TIMEOUT_MS must be a whole number from 100 to 3600000 (got "forever").',
      'SWGATE_MAX_CONNECTIONS_PER_CLIENT must be a whole number from 0 to 1000000 (got "-1").',
    ]);
    expect(problemsOf({ SWGATE_REQUEST_TIMEOUT_MS: '5000', SWGATE_HEADERS_TIMEOUT_MS: '6000' })).toEqual([
      'SWGATE_HEADERS_TIMEOUT_MS (6000) must not exceed SWGATE_REQUEST_TIMEOUT_MS (5000).',
    ]);
  });

  it('accepts the production example as it stands (trust stores, mTLS, webhooks, namespaces, policies)', () => {
    const config = loadConfig({ SWGATE_CONFIG: 'config/production.example.yaml' });
    expect(config.sandbox).toBe(false);
    expect(config.host).toBe('0.0.0.0');
    expect(config.participants.find((p) => p.id === 'partner-fr')?.wcoNamespaces?.declaration).toBe('urn:partner:wco:declaration:2');
    expect(config.agreements.find((a) => a.id === 'exports-to-fr')?.delivery).toMatchObject({ retry: 'never', attempts: 1 });
    expect(config.ephytoHub).toMatchObject({ participant: 'ephyto-hub', country: 'GB', pullEveryMs: 60_000 });
  });

  it('keeps the provenance log key under the data directory unless SWGATE_LOG_KEY_DIR names a shared one', () => {
    expect(loadConfig({ SWGATE_DATA_DIR: '/srv/swgate' }).logKeyDir).toBe('/srv/swgate/provenance');
    expect(loadConfig({ SWGATE_DATA_DIR: '/srv/swgate', SWGATE_LOG_KEY_DIR: '/etc/swgate/log-key' }).logKeyDir).toBe('/etc/swgate/log-key');
  });

  it('takes PORT, HOST, SWGATE_DATA_DIR, REDIS_URL and DATABASE_URL from the environment', () => {
    const config = loadConfig({
      PORT: '9090',
      HOST: '127.0.0.1',
      SWGATE_DATA_DIR: '/tmp/x',
      REDIS_URL: 'redis://10.0.0.1:6380',
      DATABASE_URL: 'postgres://db/swgate',
    });
    expect(config).toMatchObject({ port: 9090, host: '127.0.0.1', dataDir: '/tmp/x', redisUrl: 'redis://10.0.0.1:6380', databaseUrl: 'postgres://db/swgate' });
  });

  it('names every bad environment value at once, one sentence each', () => {
    const problems = problemsOf({ PORT: 'eighty', SWGATE_BODY_LIMIT: '-1', LOG_LEVEL: 'loud', REDIS_URL: 'localhost:6379', SWGATE_METRICS_PUBLIC: 'maybe' });
    expect(problems).toHaveLength(5);
    expect(problems[0]).toBe('PORT must be a whole number from 0 to 65535 (got "eighty").');
    expect(problems.join('\n')).toMatch(/LOG_LEVEL must be one of/);
    expect(problems.join('\n')).toMatch(/REDIS_URL must be a redis:\/\//);
  });

  it('takes the reconciler timing from the environment, within bounds', () => {
    expect(loadConfig({}).reconcile).toEqual({ everyMs: 10_000, idleMs: 60_000 });
    expect(loadConfig({ SWGATE_RECONCILE_EVERY_MS: '1000', SWGATE_RECONCILE_IDLE_MS: '3000' }).reconcile).toEqual({ everyMs: 1000, idleMs: 3000 });
    expect(problemsOf({ SWGATE_RECONCILE_EVERY_MS: '0', SWGATE_RECONCILE_IDLE_MS: '1e9' })).toEqual([
      'SWGATE_RECONCILE_EVERY_MS must be a whole number from 100 to 3600000 (got "0").',
      'SWGATE_RECONCILE_IDLE_MS must be a whole number from 1000 to 86400000 (got "1e9").',
    ]);
  });

  it('takes the analytics store’s settings from the environment, within bounds: one DuckDB thread and 512 MB unless told', () => {
    expect(loadConfig({}).analytics).toEqual({ enabled: true, minCellCount: 3, syncEveryMs: 10_000, threads: 1, memoryMb: 512 });
    expect(loadConfig({ SWGATE_ANALYTICS_THREADS: '4', SWGATE_ANALYTICS_MEMORY_MB: '2048' }).analytics).toMatchObject({ threads: 4, memoryMb: 2048 });
    expect(problemsOf({ SWGATE_ANALYTICS_THREADS: '0', SWGATE_ANALYTICS_MEMORY_MB: '32' })).toEqual([
      'SWGATE_ANALYTICS_THREADS must be a whole number from 1 to 64 (got "0").',
      'SWGATE_ANALYTICS_MEMORY_MB must be a whole number from 64 to 1048576 (got "32").',
    ]);
    expect(problemsOf({ SWGATE_ANALYTICS_MEMORY_MB: '512MB; SET threads=64' })).toEqual([
      'SWGATE_ANALYTICS_MEMORY_MB must be a whole number from 64 to 1048576 (got "512MB; SET threads=64").',
    ]);
  });

  it('reads the mapping parameters, refusing bad names and values that are not short strings', () => {
    expect(loadConfig({}).mappingParameters).toEqual({ homeCountry: 'XA' });
    const file = configFile(`
mappingParameters:
  homeCountry: ["GB"]
  "__proto__": GB
  long: "${'x'.repeat(257)}"
  empty: ""
participants:
  - { id: customs, kind: customs, name: C, endpoint: sandbox }
agreements: []
`);
    const problems = problemsOf({ SWGATE_CONFIG: file });
    expect(problems).toContain(`${file}: mappingParameters.homeCountry must be string.`);
    expect(problems.some((p) => p.includes('property name must be valid'))).toBe(true);
    expect(problems).toContain(`${file}: mappingParameters.long must NOT have more than 256 characters.`);
    expect(problems).toContain(`${file}: mappingParameters.empty must NOT have fewer than 1 characters.`);
  });

  it('reads the score bands per agency, highest first, and refuses bands of a non-agency, scores outside [0, 1] and unknown lanes', () => {
    expect(loadConfig({}).risk.scoreBands).toEqual({
      customs: [
        { from: 0.9, lane: 'red' },
        { from: 0.7, lane: 'yellow' },
      ],
    });
    const participants = `
participants:
  - { id: customs, kind: customs, name: C, endpoint: sandbox }
  - { id: pga-plant, kind: pga, name: P, endpoint: sandbox }
  - { id: trader-a, kind: trader, name: T }
agreements: []
`;
    const good = configFile(`risk:
  scoreBands:
    customs: [{ from: 0.7, lane: yellow }, { from: 0.9, lane: red }]
    pga-plant: [{ from: 0.95, lane: red }]
${participants}`);
    expect(loadConfig({ SWGATE_CONFIG: good }).risk.scoreBands).toEqual({
      customs: [
        { from: 0.9, lane: 'red' },
        { from: 0.7, lane: 'yellow' },
      ],
      'pga-plant': [{ from: 0.95, lane: 'red' }],
    });
    const notAnAgency = configFile(`risk: { scoreBands: { trader-a: [{ from: 0.5, lane: red }], nobody: [] } }
${participants}`);
    const twice = configFile(`risk: { scoreBands: { customs: [{ from: 0.9, lane: red }, { from: 0.5, lane: red }] } }
${participants}`);
    expect(problemsOf({ SWGATE_CONFIG: twice })).toEqual(['risk.scoreBands.customs: a lane is named twice; one band per lane.']);
    expect(problemsOf({ SWGATE_CONFIG: notAnAgency })).toEqual([
      'risk.scoreBands: "trader-a" is not a customs or PGA participant; only agencies own targeting.',
      'risk.scoreBands: "nobody" is not a customs or PGA participant; only agencies own targeting.',
    ]);
    const bad =
      configFile(`risk: { scoreBands: { customs: [{ from: 1.5, lane: red }, { from: 0.2, lane: purple }, { from: 0.1, lane: red, extra: 1 }, { from: 0, lane: red }] } }
${participants}`);
    const problems = problemsOf({ SWGATE_CONFIG: bad });
    expect(problems).toContain(`${bad}: risk.scoreBands.customs.0.from must be <= 1.`);
    expect(problems).toContain(`${bad}: risk.scoreBands.customs.1.lane must be equal to one of the allowed values (green, yellow, red).`);
    expect(problems).toContain(`${bad}: risk.scoreBands.customs.2 must NOT have additional properties "extra".`);
    expect(problems).toContain(`${bad}: risk.scoreBands.customs must NOT have more than 3 items.`);
  });

  it('names the bad values of the YAML file by their place in it', () => {
    const file = configFile(`
participants:
  - { id: customs, kind: customs, name: C, endpoint: sandbox, colour: blue }
  - { id: Trader, kind: smuggler, name: T }
agreements:
  - { id: a1, when: { hsChapters: ["6"] }, destination: customs, format: wco-xml }
`);
    const problems = problemsOf({ SWGATE_CONFIG: file });
    expect(problems).toContain(`${file}: participants.0 must NOT have additional properties "colour".`);
    expect(problems.some((p) => p.includes('participants.1.id must match pattern'))).toBe(true);
    expect(problems.some((p) => p.includes('participants.1.kind must be equal to one of the allowed values (customs, pga'))).toBe(true);
    expect(problems.some((p) => p.includes('agreements.0.when.hsChapters.0 must match pattern'))).toBe(true);
  });

  it('reads the ePhyto Hub block with its defaults, as the sandbox configures it', () => {
    expect(loadConfig({}).ephytoHub).toEqual({
      participant: 'ephyto-hub',
      country: 'XA',
      deliverWith: 'ValidateAndDeliverEnvelope',
      content: 'raw',
      pullEveryMs: 5000,
      trackEveryMs: 2000,
      timeoutMs: 30_000,
      maxEnvelopeBytes: 10 * 1024 * 1024,
    });
    expect(loadConfig({}).agreements.find((a) => a.id === 'ephyto-certificates-to-hub')).toMatchObject({ destination: 'ephyto-hub', transport: 'ephyto-hub' });
  });

  it('refuses a hub block that names no usable participant, bad values, and hub agreements without the block or to another destination', () => {
    const participants = `
participants:
  - { id: hub, kind: pga, name: H, endpoint: https://uat-hub.ephytoexchange.org/hub/DeliveryService }
  - { id: silent, kind: pga, name: S }
  - { id: customs, kind: customs, name: C, endpoint: sandbox }
`;
    const withBlock = configFile(`${participants}
ephytoHub: { participant: silent, country: XA }
agreements:
  - { id: to-customs, when: {}, destination: customs, format: sps-xml, transport: ephyto-hub }
`);
    expect(problemsOf({ SWGATE_CONFIG: withBlock })).toEqual([
      'ephytoHub.participant: "silent" has no endpoint (the hub\'s DeliveryService URL, or sandbox).',
      'agreement "to-customs" has transport ephyto-hub but delivers to "customs", not the hub participant "silent".',
    ]);
    const withoutBlock = configFile(`${participants}
agreements:
  - { id: to-hub, when: {}, destination: hub, format: sps-xml, transport: ephyto-hub }
`);
    expect(problemsOf({ SWGATE_CONFIG: withoutBlock })).toEqual(['agreement "to-hub" has transport ephyto-hub, but the configuration has no ephytoHub block.']);
    const badValues = configFile(`${participants}
ephytoHub: { participant: nobody, country: xa, deliverWith: SendIt, content: gzip, pullEveryMs: 10, maxEnvelopeBytes: 1e12, extra: 1 }
agreements: []
`);
    const problems = problemsOf({ SWGATE_CONFIG: badValues });
    for (const key of ['country', 'deliverWith', 'content', 'pullEveryMs', 'maxEnvelopeBytes']) expect(problems.join('\n')).toContain(`ephytoHub.${key}`);
    expect(problems.join('\n')).toContain('"extra"');
  });

  it('refuses agreements that name unknown destinations or destinations without an endpoint', () => {
    const file = configFile(`
participants:
  - { id: customs, kind: customs, name: C }
  - { id: trader, kind: trader, name: T }
agreements:
  - { id: a1, when: {}, destination: nobody, format: wco-xml }
  - { id: a2, when: {}, destination: customs, format: wco-xml }
`);
    expect(problemsOf({ SWGATE_CONFIG: file })).toEqual([
      'agreement "a1" names destination "nobody", which is not a participant.',
      'agreement "a2" delivers to "customs", which has no endpoint.',
    ]);
  });

  it('reads whom participants act for and what they issue, as the sandbox configures them', () => {
    const participants = new Map(loadConfig({}).participants.map((p) => [p.id, p]));
    // trader-demo acts for the traders of the bundled samples; platform-demo and post-demo for their own identifiers only.
    expect(participants.get('trader-demo')?.actsFor).toContainEqual({ id: 'XI553202734852', as: 'declarant' });
    expect(participants.get('platform-demo')?.actsFor).toEqual([{ id: 'GB123456789000', as: 'declarant' }]);
    expect(participants.get('post-demo')?.actsFor).toEqual([{ id: 'XA000000000001', as: 'declarant' }]);
    expect(participants.get('customs')?.actsFor).toEqual([]);
    expect(participants.get('partner-xb')?.issues).toEqual([{ documentCodes: ['N851', 'N954'], inNameOf: [{ country: 'XB' }] }]);
    expect(participants.get('trader-demo')?.issues).toEqual([]);
  });

  it('refuses an actsFor or issues entry that is malformed, repeated or out of place', () => {
    /** A broker acting for `actsFor` and issuing `issues` (it may not), and a partner of XB issuing in XA's name (it may not). */
    const broker = (actsFor: string, issues = '[{ documentCodes: [N851], inNameOf: [{ country: XA }] }]') =>
      problemsOf({
        SWGATE_CONFIG: configFile(`
participants:
  - { id: customs, kind: customs, name: C, endpoint: sandbox }
  - { id: broker, kind: trader, name: B, actsFor: ${actsFor}, issues: ${issues} }
  - { id: partner, kind: partner-customs, name: P, country: XB, issues: [{ documentCodes: [N851], inNameOf: [{ country: XA }] }] }
agreements: []
`),
      });
    const malformed = broker('[{ id: GB1, as: declarant }, { id: "GB 2", as: owner }]');
    expect(malformed.some((p) => p.includes('participants.1.actsFor.1.id must match pattern'))).toBe(true);
    expect(malformed.some((p) => p.includes('participants.1.actsFor.1.as must be equal to one of the allowed values (declarant, representative)'))).toBe(true);
    expect(broker('[]', '[{ documentCode: [N851], inNameOf: [{ country: XA }] }]')[0]).toMatch(
      /participants\.1\.issues\.0 must have required property 'documentCodes'/,
    );
    expect(broker('[{ id: GB1, as: declarant }, { id: GB1, as: representative }]')).toEqual([
      'participant "broker" lists "GB1" twice in actsFor.',
      'participant "broker" is a trader; only administrations (customs, pga, partner-customs) issue e-LPCOs.',
      'participant "partner" is a partner administration of XB; it cannot issue in the name of XA.',
    ]);
  });

  it('refuses a participant named as the gateway itself, whose id its signatures and provenance records carry', () => {
    const problems = problemsOf({
      SWGATE_CONFIG: configFile(`
participants:
  - { id: customs, kind: customs, name: C, endpoint: sandbox }
  - { id: gateway, kind: trader, name: Impostor }
agreements: []
`),
    });
    expect(problems).toEqual(['participant "gateway": "gateway" is the gateway\'s own id, not a participant\'s.']);
  });

  it('takes a receipt timeout per agreement or as a default, and refuses one that is not a whole number of ms from 1 s to a week', () => {
    const participants = `
participants:
  - { id: customs, kind: customs, name: C, endpoint: sandbox }
`;
    const good = loadConfig({
      SWGATE_CONFIG: configFile(`${participants}deliveryDefaults: { receiptTimeoutMs: 5000 }
agreements:
  - { id: a1, when: {}, destination: customs, format: wco-xml }
  - { id: a2, when: {}, destination: customs, format: wco-xml, delivery: { receiptTimeoutMs: 120000 } }
`),
    });
    expect(good.agreements.map((a) => a.delivery.receiptTimeoutMs)).toEqual([5000, 120_000]);
    for (const bad of ['0', '999', '604800001', '1.5', '"soon"', '-5000']) {
      const problems = problemsOf({
        SWGATE_CONFIG: configFile(`${participants}agreements:
  - { id: a1, when: {}, destination: customs, format: wco-xml, delivery: { receiptTimeoutMs: ${bad} } }
`),
      });
      expect(problems.some((p) => p.includes('agreements.0.delivery.receiptTimeoutMs must'))).toBe(true);
    }
  });

  it('says so when the file cannot be read or is not YAML', () => {
    expect(problemsOf({ SWGATE_CONFIG: '/nonexistent/swgate.yaml' })).toEqual(['SWGATE_CONFIG: cannot read /nonexistent/swgate.yaml.']);
    expect(problemsOf({ SWGATE_CONFIG: configFile('participants: [\n') })[0]).toMatch(/config\.yaml: /);
  });

  it('loads the sandbox arrangement with partner-xb, and none when the file has none', () => {
    expect(loadConfig({}).mutualRecognition.arrangements).toEqual([{ partner: 'partner-xb', aeo: true, controlResults: true }]);
    const bare = loadConfig({ SWGATE_CONFIG: configFile('participants:\n  - { id: customs, kind: customs, name: C }\nagreements: []\n') });
    expect(bare.mutualRecognition.arrangements).toEqual([]);
  });

  it('refuses an arrangement with an unknown participant, one that is not a partner customs, or a partner twice, naming the key', () => {
    const problems = problemsOf({
      SWGATE_CONFIG: configFile(`
participants:
  - { id: customs, kind: customs, name: C }
  - { id: pga-plant, kind: pga, name: P }
  - { id: partner-xb, kind: partner-customs, name: XB, country: XB }
  - { id: partner-nowhere, kind: partner-customs, name: N }
agreements: []
mutualRecognition:
  arrangements:
    - { partner: partner-zz, aeo: true, controlResults: true }
    - { partner: pga-plant, aeo: true, controlResults: false }
    - { partner: partner-xb, aeo: true, controlResults: true }
    - { partner: partner-xb, aeo: false, controlResults: true }
    - { partner: partner-nowhere, aeo: true, controlResults: true }
`),
    });
    expect(problems).toEqual([
      'mutualRecognition.arrangements.0.partner: "partner-zz" is not a participant.',
      'mutualRecognition.arrangements.1.partner: "pga-plant" is a pga; arrangements are with partner-customs participants only.',
      'mutualRecognition.arrangements.3.partner: "partner-xb" has a second arrangement; one per partner.',
      'mutualRecognition.arrangements.4.partner: "partner-nowhere" has no country: whose operators it speaks for is unknown.',
    ]);
    const malformed = problemsOf({
      SWGATE_CONFIG: configFile(`
participants:
  - { id: partner-xb, kind: partner-customs, name: XB, country: XB }
agreements: []
mutualRecognition:
  arrangements:
    - { partner: partner-xb, aeo: yes please, controlResults: true, since: 2026-13-01 }
    - { partner: partner-xb, aeo: true }
`),
    });
    expect(malformed.some((p) => p.includes('mutualRecognition.arrangements.0.aeo must be boolean'))).toBe(true);
    expect(malformed.some((p) => p.includes('mutualRecognition.arrangements.0.since must match pattern'))).toBe(true);
    expect(malformed.some((p) => p.includes("mutualRecognition.arrangements.1 must have required property 'controlResults'"))).toBe(true);
  });
});
