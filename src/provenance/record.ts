import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json.js';
import { randomHex } from '../random-bytes.js';

/**
 * The events of an exchange that are logged, in lifecycle order; then how a declaration moved
 * the quantities of the e-LPCOs it cites (lpco/write-off.ts); then the risk unit's words: a
 * control's result (customs', a PGA's or a partner customs'), a change of an AEO authorisation
 * and a change of an agency's risk profiles (risk/profiles/store.ts). Those are logged under
 * their own id (the control result's, the authorisation version's, the profile's), not the
 * exchange's, so the sender's provenance receipt does not show that its goods were controlled
 * or targeted (docs/RISK.md).
 */
export const PROVENANCE_EVENTS = [
  'received',
  'validated',
  'signed',
  'routed',
  'targeted',
  'mapped',
  'delivered',
  'acknowledged',
  'rejected',
  'failed',
  'lpco-reserved',
  'lpco-written-off',
  'lpco-released',
  'lpco-given-back',
  'controlled',
  'aeo-changed',
  'profile-changed',
  'profile-deleted',
] as const;
export type ProvenanceEvent = (typeof PROVENANCE_EVENTS)[number];

/** A PROV entity: one version of a document, named by its content hash. */
export interface ProvEntity {
  contentSha256: string;
  /** `original`, or the name of a mapped or signed output. */
  name?: string;
  mediaType?: string;
}

/** A PROV agent: who acted (the sender, the gateway, a destination). */
export interface ProvAgent {
  participant: string;
  /** SHA-256 of the agent's certificate (DER), when a certificate authenticated it. */
  certificateFingerprint?: string;
}

/** The mapping that derived an entity from another, pinned by version and by spec content. */
export interface ProvDerivation {
  /** contentSha256 of the source entity. */
  entity: string;
  /** `id@version` of the mapping. */
  mapping: string;
  /** SHA-256 of the mapping specification text. */
  specSha256: string;
}

export interface ProvActivity {
  /** `urn:swgate:<exchangeId>:<event>[:<destination>]` — unique per step of the exchange. */
  id: string;
  type: ProvenanceEvent;
  destination?: string;
}

/**
 * One event of an exchange in W3C PROV terms. `wasGeneratedBy` is the activity id; `used` lists
 * the entities the activity read. The canonical JSON of this object is the log's leaf input, so
 * optional fields are left out rather than set to undefined or null.
 */
export interface ProvenanceRecord {
  exchangeId: string;
  event: ProvenanceEvent;
  time: string;
  entity: ProvEntity;
  activity: ProvActivity;
  agent: ProvAgent;
  used: ProvEntity[];
  wasGeneratedBy: string;
  wasDerivedFrom?: ProvDerivation;
}

/** An optional field may be stated as undefined: the record leaves it out. */
type MaybeUndefined<T> = { [K in keyof T]: T[K] | (undefined extends T[K] ? undefined : never) };

export interface RecordInput {
  exchangeId: string;
  event: ProvenanceEvent;
  time: Date;
  entity: MaybeUndefined<ProvEntity>;
  agent: MaybeUndefined<ProvAgent>;
  used?: MaybeUndefined<ProvEntity>[];
  destination?: string;
  derivedFrom?: ProvDerivation;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const MAPPING_REF = /^[^@\s]+@[^@\s]+$/;

/** Builds a record; throws on malformed hashes or mapping references, which are programming errors. */
export function buildRecord(input: RecordInput): ProvenanceRecord {
  if (!PROVENANCE_EVENTS.includes(input.event)) throw new TypeError(`unknown provenance event "${input.event}"`);
  for (const entity of [input.entity, ...(input.used ?? [])]) requireSha256(entity.contentSha256, 'contentSha256');
  if (input.agent.certificateFingerprint !== undefined) requireSha256(input.agent.certificateFingerprint, 'certificateFingerprint');
  if (input.derivedFrom) {
    requireSha256(input.derivedFrom.entity, 'wasDerivedFrom.entity');
    requireSha256(input.derivedFrom.specSha256, 'wasDerivedFrom.specSha256');
    if (!MAPPING_REF.test(input.derivedFrom.mapping)) throw new TypeError(`mapping "${input.derivedFrom.mapping}" is not id@version`);
  }
  const activityId = ['urn:swgate', input.exchangeId, input.event, ...(input.destination ? [input.destination] : [])].join(':');
  return {
    exchangeId: input.exchangeId,
    event: input.event,
    time: input.time.toISOString(),
    entity: withoutUndefined<ProvEntity>(input.entity),
    activity: withoutUndefined<ProvActivity>({ id: activityId, type: input.event, destination: input.destination }),
    agent: withoutUndefined<ProvAgent>(input.agent),
    used: (input.used ?? []).map((entity) => withoutUndefined<ProvEntity>(entity)),
    wasGeneratedBy: activityId,
    ...(input.derivedFrom ? { wasDerivedFrom: { ...input.derivedFrom } } : {}),
  };
}

/** RFC 8785 canonical JSON, UTF-8: the bytes a commitment covers (and the leaf input of a record logged in clear, before migration 033). */
export function recordBytes(record: ProvenanceRecord): Buffer {
  return Buffer.from(canonicalJson(record), 'utf8');
}

/** A salt: 32 random bytes, as lowercase hex. */
export const SALT_HEX = /^[0-9a-f]{64}$/;

/**
 * The commitment the log holds for a record: SHA-256(salt ‖ recordBytes(record)), hex. The salt
 * is fresh for every record, so without it nobody can test a guess (a sender, an exchange id, a
 * document hash) against the log, nor tell which entries belong to one exchange.
 */
export function commitmentOf(record: ProvenanceRecord, salt: string): string {
  return commitmentOfBytes(recordBytes(record), salt);
}

function commitmentOfBytes(bytes: Buffer, salt: string): string {
  if (!SALT_HEX.test(salt)) throw new TypeError('a salt is 32 bytes as lowercase hex');
  return createHash('sha256').update(Buffer.from(salt, 'hex')).update(bytes).digest('hex');
}

const committedLeafInput = (bytes: Buffer, salt: string) => Buffer.from(canonicalJson({ commitment: commitmentOfBytes(bytes, salt) }), 'utf8');

/**
 * The bytes the log hashes as the leaf: `{"commitment":"<hex>"}` (RFC 8785) for a record with its
 * salt; the record itself for a record logged in clear (no salt: entries written before 033).
 */
export function leafInputOf(record: ProvenanceRecord, salt: string | undefined): Buffer {
  return salt === undefined ? recordBytes(record) : committedLeafInput(recordBytes(record), salt);
}

/** A record ready to append: its canonical bytes, its fresh salt and the leaf input that commits to them. */
export interface SealedRecord {
  record: ProvenanceRecord;
  bytes: Buffer;
  salt: string;
  leafInput: Buffer;
}

export function sealRecord(record: ProvenanceRecord, salt = randomHex(32)): SealedRecord {
  const bytes = recordBytes(record);
  return { record, bytes, salt, leafInput: committedLeafInput(bytes, salt) };
}

function requireSha256(value: string, field: string): void {
  if (!SHA256_HEX.test(value)) throw new TypeError(`${field} must be a lowercase hex SHA-256, got "${value}"`);
}

function withoutUndefined<T extends object>(value: MaybeUndefined<T>): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
