import { Ajv } from 'ajv';
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { GATEWAY_ID } from '../gateway-id.js';
import { configFileSchema } from './file-schema.js';
import {
  AS4_DEFAULT_MPC,
  AS4_INITIATOR_ROLE,
  AS4_RESPONDER_ROLE,
  type Agreement,
  type Arrangement,
  type As4Leg,
  type As4Party,
  type As4Self,
  type DeliveryPolicy,
  type EphytoHubSettings,
  type GatewayConfig,
  type Participant,
  type RiskConfig,
  type TransitSettings,
  type Transport,
} from './types.js';

/** Every bad value of the configuration at once, one sentence each. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const DEFAULT_CONFIG_FILE = 'config/sandbox.yaml';
const DEFAULT_DELIVERY: DeliveryPolicy = { attempts: 5, backoffMs: 1000, timeoutMs: 10_000, retry: 'automatic', receiptTimeoutMs: 600_000 };

type Env = Record<string, string | undefined>;

interface ConfigFile {
  as4?: Partial<As4Self> & { partyId: string };
  participants: Array<
    Omit<Participant, 'apiKeySha256' | 'certificateFingerprints' | 'operator' | 'actsFor' | 'issues' | 'as4'> &
      Partial<Omit<Participant, 'as4'>> & { as4?: Omit<As4Party, 'role' | 'certificates'> & Partial<As4Party> }
  >;
  deliveryDefaults?: Partial<DeliveryPolicy>;
  mappingParameters?: Record<string, string>;
  risk?: Partial<RiskConfig>;
  agreements: Array<
    Omit<Agreement, 'delivery' | 'description' | 'transport' | 'as4'> & {
      description?: string;
      transport?: Transport;
      as4?: Partial<As4Leg> & Pick<As4Leg, 'service' | 'action'>;
      delivery?: Partial<DeliveryPolicy>;
    }
  >;
  mutualRecognition?: { arrangements?: Arrangement[] };
  transit?: Partial<TransitSettings>;
  ephytoHub?: Pick<EphytoHubSettings, 'participant' | 'country'> & Partial<EphytoHubSettings>;
}

const validateFile = new Ajv({ allErrors: true }).compile<ConfigFile>(configFileSchema);

/** Loads configuration from the environment and the YAML file it names (SWGATE_CONFIG). */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): GatewayConfig {
  const problems: string[] = [];
  const file = resolve(cwd, env.SWGATE_CONFIG ?? DEFAULT_CONFIG_FILE);
  const parsed = readConfigFile(file, problems);

  const port = integerFrom(env, 'PORT', 8080, 0, 65535, problems);
  const bodyLimitBytes = integerFrom(env, 'SWGATE_BODY_LIMIT', 5 * 1024 * 1024, 1024, 512 * 1024 * 1024, problems);
  const dataDir = resolve(cwd, env.SWGATE_DATA_DIR ?? 'var');
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "${logLevel}").`);
  }
  if (env.REDIS_URL !== undefined && !/^rediss?:\/\/.+/.test(env.REDIS_URL)) {
    problems.push(`REDIS_URL must be a redis:// or rediss:// URL (got "${env.REDIS_URL}").`);
  }
  const publicUrl = env.SWGATE_PUBLIC_URL ?? `http://127.0.0.1:${port}`;
  if (!/^https?:\/\/.+/.test(publicUrl)) problems.push(`SWGATE_PUBLIC_URL must be an http(s) URL (got "${publicUrl}").`);

  const metricsPublic = booleanFrom(env, 'SWGATE_METRICS_PUBLIC', false, problems);
  const requestTimeoutMs = integerFrom(env, 'SWGATE_REQUEST_TIMEOUT_MS', 60_000, 100, 3_600_000, problems);
  const headersTimeoutMs = integerFrom(env, 'SWGATE_HEADERS_TIMEOUT_MS', 10_000, 100, 3_600_000, problems);
  if (headersTimeoutMs > requestTimeoutMs)
    problems.push(`SWGATE_HEADERS_TIMEOUT_MS (${headersTimeoutMs}) must not exceed SWGATE_REQUEST_TIMEOUT_MS (${requestTimeoutMs}).`);
  const idleTimeoutMs = integerFrom(env, 'SWGATE_IDLE_TIMEOUT_MS', 60_000, 100, 3_600_000, problems);
  const keepAliveTimeoutMs = integerFrom(env, 'SWGATE_KEEP_ALIVE_TIMEOUT_MS', 10_000, 100, 3_600_000, problems);
  const maxConnectionsPerClient = integerFrom(env, 'SWGATE_MAX_CONNECTIONS_PER_CLIENT', 128, 0, 1_000_000, problems);
  const reconcile = {
    everyMs: integerFrom(env, 'SWGATE_RECONCILE_EVERY_MS', 10_000, 100, 3_600_000, problems),
    idleMs: integerFrom(env, 'SWGATE_RECONCILE_IDLE_MS', 60_000, 1000, 86_400_000, problems),
  };
  const ecommerce = { linkWindowMs: integerFrom(env, 'SWGATE_ECOMMERCE_LINK_WINDOW_HOURS', 72, 1, 24 * 90, problems) * 3_600_000 };
  const analytics = {
    enabled: booleanFrom(env, 'SWGATE_ANALYTICS', true, problems),
    minCellCount: integerFrom(env, 'SWGATE_ANALYTICS_MIN_CELL_COUNT', 3, 1, 1000, problems),
    syncEveryMs: integerFrom(env, 'SWGATE_ANALYTICS_SYNC_EVERY_MS', 10_000, 100, 60_000, problems),
    threads: integerFrom(env, 'SWGATE_ANALYTICS_THREADS', 1, 1, 64, problems),
    memoryMb: integerFrom(env, 'SWGATE_ANALYTICS_MEMORY_MB', 512, 64, 1_048_576, problems),
  };
  const tls = tlsFrom(env, cwd, problems);
  const unknownLpco = env.SWGATE_UNKNOWN_LPCO ?? 'warning';
  if (unknownLpco !== 'warning' && unknownLpco !== 'error') problems.push(`SWGATE_UNKNOWN_LPCO must be warning or error (got "${unknownLpco}").`);
  const participants = parsed ? participantsFrom(parsed, dirname(file)) : [];
  const agreements = parsed ? agreementsFrom(parsed) : [];
  const arrangements = parsed?.mutualRecognition?.arrangements ?? [];
  if (parsed) {
    checkReferences(participants, agreements, problems);
    checkArrangements(participants, arrangements, problems);
    checkAs4(
      participants,
      agreements,
      participants.some((p) => p.endpoint === 'sandbox'),
      problems,
    );
  }
  const ephytoHub = parsed?.ephytoHub ? ephytoHubFrom(parsed.ephytoHub, participants, agreements, problems) : undefined;
  if (!ephytoHub) {
    for (const a of agreements.filter((x) => x.transport === 'ephyto-hub'))
      problems.push(`agreement "${a.id}" has transport ephyto-hub, but the configuration has no ephytoHub block.`);
  }
  const risk = riskFrom(parsed, participants, problems, riskProfilesDir(env, cwd, file, parsed));
  if (problems.length > 0) throw new ConfigError(problems);
  const sandbox = participants.some((p) => p.endpoint === 'sandbox');
  // The sandbox's keys are public (`sandbox-<participant>`): it answers this machine only unless HOST says otherwise.
  const host = env.HOST ?? (sandbox ? '127.0.0.1' : '0.0.0.0');

  return {
    port,
    host,
    dataDir,
    redisUrl: env.REDIS_URL,
    redisPrefix: env.SWGATE_REDIS_PREFIX ?? 'swgate',
    databaseUrl: env.DATABASE_URL,
    bodyLimitBytes,
    logLevel,
    metricsPublic,
    requestTimeoutMs,
    headersTimeoutMs,
    idleTimeoutMs,
    keepAliveTimeoutMs,
    maxConnectionsPerClient,
    reconcile,
    ecommerce,
    sandbox,
    publicUrl,
    certsDir: resolve(cwd, env.SWGATE_CERTS_DIR ?? 'certs/sandbox'),
    logKeyDir: resolve(cwd, env.SWGATE_LOG_KEY_DIR ?? join(dataDir, 'provenance')),
    configDir: dirname(file),
    mappingsDir: resolve(cwd, env.SWGATE_MAPPINGS_DIR ?? 'mappings'),
    mappingParameters: { ...parsed?.mappingParameters },
    unknownLpco: unknownLpco === 'error' ? 'error' : 'warning',
    ...(tls ? { tls } : {}),
    participants,
    agreements,
    risk: parsed?.risk?.modelDir ? { ...risk, modelDir: resolve(dirname(file), parsed.risk.modelDir) } : risk,
    mutualRecognition: { arrangements },
    analytics,
    transit: {
      guarantees: parsed?.transit?.guarantees ?? [],
      ...(parsed?.transit?.unknownGrnCover === undefined ? {} : { unknownGrnCover: parsed.transit.unknownGrnCover }),
    },
    ...(ephytoHub ? { ephytoHub } : {}),
    as4: as4SelfFrom(parsed?.as4, publicUrl),
  };
}

// --- The IPPC ePhyto Hub connector ---

/**
 * The hub block with its defaults. The hub's participant must have an endpoint and issue what
 * arrives from the hub in the exporting countries' names; an agreement with `transport:
 * ephyto-hub` must deliver to it, and there must be a hub block for such an agreement.
 */
function ephytoHubFrom(
  file: NonNullable<ConfigFile['ephytoHub']>,
  participants: Participant[],
  agreements: Agreement[],
  problems: string[],
): EphytoHubSettings {
  const hub = participants.find((p) => p.id === file.participant);
  if (!hub) problems.push(`ephytoHub.participant: "${file.participant}" is not a participant.`);
  else if (!hub.endpoint) problems.push(`ephytoHub.participant: "${file.participant}" has no endpoint (the hub's DeliveryService URL, or sandbox).`);
  for (const a of agreements.filter((x) => x.transport === 'ephyto-hub' && x.destination !== file.participant))
    problems.push(`agreement "${a.id}" has transport ephyto-hub but delivers to "${a.destination}", not the hub participant "${file.participant}".`);
  return {
    deliverWith: 'ValidateAndDeliverEnvelope',
    content: 'raw',
    trackEveryMs: 30_000,
    timeoutMs: 30_000,
    maxEnvelopeBytes: 10 * 1024 * 1024,
    ...file,
  };
}

const UNREGISTERED_PARTY_ID_TYPE = 'urn:oasis:names:tc:ebcore:partyid-type:unregistered';

/** The gateway's own AS4 name: configured, or `swgate` (unregistered type) with MessageIds in the public URL's host. */
function as4SelfFrom(given: ConfigFile['as4'], publicUrl: string): As4Self {
  let host = 'swgate.invalid';
  try {
    host = new URL(publicUrl).hostname || host;
  } catch {
    // An invalid SWGATE_PUBLIC_URL is reported on its own.
  }
  return {
    partyId: given?.partyId ?? 'swgate',
    ...(given?.partyIdType ? { partyIdType: given.partyIdType } : given?.partyId ? {} : { partyIdType: UNREGISTERED_PARTY_ID_TYPE }),
    role: given?.role ?? AS4_INITIATOR_ROLE,
    messageIdDomain: given?.messageIdDomain ?? host,
  };
}

/**
 * AS4 agreements need a destination that is an AS4 party, and a leg; every certificate of a
 * party is read at start (an RSA key, as the 1.15 profile signs and encrypts with), so a typo
 * is a configuration error and not a failed delivery at night.
 */
function checkAs4(participants: Participant[], agreements: Agreement[], sandbox: boolean, problems: string[]): void {
  const parties = new Map<string, string>();
  for (const p of participants) {
    if (!p.as4) continue;
    const key = `${p.as4.partyIdType ?? ''}|${p.as4.partyId}`;
    const other = parties.get(key);
    if (other) problems.push(`participant "${p.id}": AS4 party id "${p.as4.partyId}" is already "${other}"'s; a party id names one participant.`);
    parties.set(key, p.id);
    if (p.as4.certificates.length === 0 && !sandbox)
      problems.push(`participant "${p.id}": as4.certificates is empty; outside the sandbox an AS4 party needs its certificates.`);
    p.as4.certificates.forEach((c, i) => {
      const where = `participant "${p.id}" as4.certificates.${i}`;
      let certificate: X509Certificate;
      try {
        certificate = new X509Certificate(readFileSync(c.file));
      } catch {
        problems.push(`${where}: cannot read an X.509 certificate (PEM) from ${c.file}.`);
        return;
      }
      if (certificate.publicKey.asymmetricKeyType !== 'rsa')
        problems.push(
          `${where}: ${c.file} holds a ${certificate.publicKey.asymmetricKeyType} key; the eDelivery AS4 1.15 profile signs and encrypts with RSA.`,
        );
      for (const bound of ['notBefore', 'notAfter'] as const) {
        const value = c[bound];
        if (value !== undefined && Number.isNaN(Date.parse(value))) problems.push(`${where}.${bound}: "${value}" is not a date.`);
      }
      if (c.notBefore && c.notAfter && Date.parse(c.notBefore) >= Date.parse(c.notAfter))
        problems.push(`${where}: notBefore (${c.notBefore}) must come before notAfter (${c.notAfter}).`);
    });
  }
  for (const a of agreements) {
    const destination = participants.find((p) => p.id === a.destination);
    if (a.transport !== 'as4') {
      if (a.as4) problems.push(`agreement "${a.id}" has an as4 leg but its transport is ${a.transport}; say transport: as4, or drop the leg.`);
      continue;
    }
    if (!a.as4) problems.push(`agreement "${a.id}" goes over AS4 but names no as4 leg (service, action).`);
    if (destination && !destination.as4)
      problems.push(`agreement "${a.id}" goes over AS4 to "${destination.id}", which has no as4 party (partyId, certificates).`);
    if (destination && a.as4?.mode !== 'pull' && !destination.endpoint && !destination.as4?.endpoint)
      problems.push(`agreement "${a.id}" pushes over AS4 to "${destination.id}", which has no endpoint (as4.endpoint or endpoint).`);
    // A pulled message travels on the partner's request: unencrypted, anyone who can read that exchange reads the document.
    if (a.as4?.mode === 'pull' && a.as4.security === 'sign-only')
      problems.push(`agreement "${a.id}": a pulled AS4 leg must be sign-encrypt; sign-only is for push only.`);
    // Receipts pushed back later are not taken yet (POST /as4 settles Receipts of pulled messages only): such a delivery would never settle.
    if (a.as4?.receipt === 'callback')
      problems.push(`agreement "${a.id}": as4.receipt callback is not supported; this access point takes the receipt on the same HTTP exchange (response).`);
  }
}

/** Score bands belong to an agency (customs or a PGA) that is a participant; sorted so the highest band is tried first. */
function riskFrom(file: ConfigFile | undefined, participants: Participant[], problems: string[], profilesDir: string): RiskConfig {
  const bands = file?.risk?.scoreBands ?? {};
  for (const owner of Object.keys(bands)) {
    const participant = participants.find((p) => p.id === owner);
    if (!participant || (participant.kind !== 'customs' && participant.kind !== 'pga'))
      problems.push(`risk.scoreBands: "${owner}" is not a customs or PGA participant; only agencies own targeting.`);
    const lanes = bands[owner]?.map((b) => b.lane) ?? [];
    if (new Set(lanes).size < lanes.length) problems.push(`risk.scoreBands.${owner}: a lane is named twice; one band per lane.`);
  }
  return { profilesDir, scoreBands: Object.fromEntries(Object.entries(bands).map(([owner, own]) => [owner, [...own].sort((a, b) => b.from - a.from)])) };
}

/**
 * SWGATE_RISK_PROFILES_DIR (from the working directory), else the file's risk.profilesDir, else
 * risk-profiles beside the file (config/risk-profiles for config/sandbox.yaml): a folder belongs
 * with the participants that own it, so another configuration never picks up the sandbox's.
 */
function riskProfilesDir(env: Env, cwd: string, file: string, parsed: ConfigFile | undefined): string {
  if (env.SWGATE_RISK_PROFILES_DIR) return resolve(cwd, env.SWGATE_RISK_PROFILES_DIR);
  return resolve(dirname(file), parsed?.risk?.profilesDir ?? 'risk-profiles');
}

function readConfigFile(file: string, problems: string[]): ConfigFile | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    problems.push(`SWGATE_CONFIG: cannot read ${file}.`);
    return undefined;
  }
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    for (const e of doc.errors) problems.push(`${file}: ${e.message.split('\n')[0]}`);
    return undefined;
  }
  const data: unknown = doc.toJS();
  if (!validateFile(data)) {
    for (const e of validateFile.errors ?? []) {
      const where = e.instancePath ? e.instancePath.slice(1).replaceAll('/', '.') : '(top level)';
      const extra = e.keyword === 'additionalProperties' ? ` "${String(e.params.additionalProperty)}"` : '';
      const allowed = e.keyword === 'enum' ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : '';
      problems.push(`${file}: ${where} ${e.message ?? 'is invalid'}${extra}${allowed}.`);
    }
    return undefined;
  }
  return data;
}

function participantsFrom(file: ConfigFile, configDir: string): Participant[] {
  return file.participants.map(({ as4, ...p }) => ({
    ...p,
    apiKeySha256: p.apiKeySha256 ?? [],
    certificateFingerprints: p.certificateFingerprints ?? [],
    operator: p.operator ?? false,
    actsFor: p.actsFor ?? [],
    issues: p.issues ?? [],
    ...(as4
      ? {
          as4: {
            ...as4,
            role: as4.role ?? AS4_RESPONDER_ROLE,
            certificates: (as4.certificates ?? []).map((c) => ({ ...c, file: resolve(configDir, c.file) })),
          },
        }
      : {}),
  }));
}

function agreementsFrom(file: ConfigFile): Agreement[] {
  const defaults = { ...DEFAULT_DELIVERY, ...file.deliveryDefaults };
  return file.agreements.map((a) => {
    const delivery = { ...defaults, ...a.delivery };
    // "Never retry" means exactly one attempt, whatever the defaults say.
    const { as4, ...rest } = a;
    return {
      ...rest,
      description: a.description ?? a.id,
      transport: a.transport ?? 'swgate',
      ...(as4
        ? {
            as4: {
              mpc: AS4_DEFAULT_MPC,
              mode: 'push' as const,
              security: 'sign-encrypt' as const,
              compression: true,
              receipt: 'response' as const,
              ...as4,
            },
          }
        : {}),
      delivery: delivery.retry === 'never' ? { ...delivery, attempts: 1 } : delivery,
    };
  });
}

function checkReferences(participants: Participant[], agreements: Agreement[], problems: string[]): void {
  const ids = new Set<string>();
  for (const p of participants) {
    if (ids.has(p.id)) problems.push(`participant "${p.id}" is defined twice.`);
    // The gateway signs, receives envelopes and records its own provenance under this id: a participant of that name would pass as the gateway.
    if (p.id === GATEWAY_ID) problems.push(`participant "${p.id}": "${GATEWAY_ID}" is the gateway's own id, not a participant's.`);
    ids.add(p.id);
  }
  for (const p of participants) {
    const actedFor = new Set<string>();
    for (const a of p.actsFor) {
      if (actedFor.has(a.id)) problems.push(`participant "${p.id}" lists "${a.id}" twice in actsFor.`);
      actedFor.add(a.id);
    }
    // A partner administration is competent in its own country only: it cannot issue in another's name.
    if (p.kind === 'partner-customs') {
      for (const issuer of p.issues.flatMap((i) => i.inNameOf)) {
        if (issuer.country !== p.country)
          problems.push(`participant "${p.id}" is a partner administration of ${p.country ?? 'no country'}; it cannot issue in the name of ${issuer.country}.`);
      }
    }
    if (p.issues.length > 0 && !['pga', 'partner-customs', 'customs'].includes(p.kind))
      problems.push(`participant "${p.id}" is a ${p.kind}; only administrations (customs, pga, partner-customs) issue e-LPCOs.`);
  }
  const agreementIds = new Set<string>();
  for (const a of agreements) {
    if (agreementIds.has(a.id)) problems.push(`agreement "${a.id}" is defined twice.`);
    agreementIds.add(a.id);
    const destination = participants.find((p) => p.id === a.destination);
    if (!destination) problems.push(`agreement "${a.id}" names destination "${a.destination}", which is not a participant.`);
    // An AS4 destination is reached at its own access point, or pulls what waits for it (checkAs4).
    else if (!destination.endpoint && a.transport !== 'as4') problems.push(`agreement "${a.id}" delivers to "${a.destination}", which has no endpoint.`);
  }
}

/** An arrangement is with a partner customs administration, one per partner. */
function checkArrangements(participants: Participant[], arrangements: Arrangement[], problems: string[]): void {
  const seen = new Set<string>();
  arrangements.forEach((arrangement, i) => {
    const key = `mutualRecognition.arrangements.${i}.partner`;
    const partner = participants.find((p) => p.id === arrangement.partner);
    if (!partner) problems.push(`${key}: "${arrangement.partner}" is not a participant.`);
    else if (partner.kind !== 'partner-customs')
      problems.push(`${key}: "${arrangement.partner}" is a ${partner.kind}; arrangements are with partner-customs participants only.`);
    else if (!partner.country) problems.push(`${key}: "${arrangement.partner}" has no country: whose operators it speaks for is unknown.`);
    if (seen.has(arrangement.partner)) problems.push(`${key}: "${arrangement.partner}" has a second arrangement; one per partner.`);
    seen.add(arrangement.partner);
  });
}

/** SWGATE_TLS_CERT + SWGATE_TLS_KEY turn the listener into HTTPS; SWGATE_TLS_CLIENT_CA asks clients for certificates. */
function tlsFrom(env: Env, cwd: string, problems: string[]): GatewayConfig['tls'] {
  const [cert, key, ca] = [env.SWGATE_TLS_CERT, env.SWGATE_TLS_KEY, env.SWGATE_TLS_CLIENT_CA].map((f) => (f ? resolve(cwd, f) : undefined));
  if (!cert && !key && !ca) return undefined;
  if (!cert || !key) {
    problems.push('SWGATE_TLS_CERT and SWGATE_TLS_KEY go together: set both for HTTPS, or neither.');
    return undefined;
  }
  for (const [name, file] of [
    ['SWGATE_TLS_CERT', cert],
    ['SWGATE_TLS_KEY', key],
    ['SWGATE_TLS_CLIENT_CA', ca],
  ] as const) {
    if (file && !existsSync(file)) problems.push(`${name}: cannot read ${file}.`);
  }
  return { cert, key, ...(ca ? { ca } : {}) };
}

function integerFrom(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
    return fallback;
  }
  return value;
}

function booleanFrom(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  problems.push(`${name} must be true or false (got "${raw}").`);
  return fallback;
}
