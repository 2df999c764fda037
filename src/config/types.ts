import type { NamespaceProfile } from '../documents/wco/namespaces.js';
import type { TlsFiles } from '../http-client.js';
import type { Lane } from '../risk/vocabulary.js';
import type { TrustStoreConfig } from '../trust/pki/trust-config.js';

/** Kinds of participant (ARCHITECTURE.md, "participant"). */
export const PARTICIPANT_KINDS = ['customs', 'pga', 'partner-customs', 'trader', 'platform', 'post', 'express'] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];

export interface Participant {
  id: string;
  kind: ParticipantKind;
  name: string;
  /** ISO 3166 alpha-2 (or a sandbox code such as XB) for administrations. */
  country?: string;
  /** SHA-256 hex digests of the participant's API keys: keys are never stored in clear. */
  apiKeySha256: string[];
  /** SHA-256 fingerprints (hex) of mTLS client certificates registered for the participant. */
  certificateFingerprints: string[];
  /** Where deliveries to this participant go; `sandbox` means the simulated agency in-process. */
  endpoint?: string;
  /** mTLS towards the endpoint: the gateway's client certificate and key, the CA the endpoint's certificate chains to. */
  endpointTls?: TlsFiles;
  /** May act as an operator (re-queue deliveries, see every exchange). */
  operator: boolean;
  /** Where the participant is told when its exchanges end. */
  webhook?: Webhook;
  /** The WCO DM namespace URIs of the participant's own profile, when not the published DMS ones. */
  wcoNamespaces?: NamespaceProfile;
  /** Whom the participant's signatures are trusted by (pinned certificates, CA anchors, CRLs, OCSP); file paths relative to the config file. */
  trust?: TrustStoreConfig;
  /** The traders (EORI/TIN) the participant lodges declarations for, and draws on the e-LPCOs of. */
  actsFor: ActingFor[];
  /** The e-LPCO document codes the participant is the competent authority for, and in whose name. */
  issues: IssuingAuthority[];
  /** The participant as an AS4 party (its access point): needed by agreements with `transport: as4`, and to send to `POST /as4`. */
  as4?: As4Party;
}

export const AS4_INITIATOR_ROLE = 'http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/initiator';
export const AS4_RESPONDER_ROLE = 'http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/responder';
export const AS4_DEFAULT_MPC = 'http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/defaultMPC';

/**
 * An AS4 certificate of a party with the window it is used in: the configured window within the
 * certificate's own validity. Several may overlap: a message signed with any valid one is taken,
 * and what is sent is encrypted for the newest valid one (rollover without a restart).
 */
export interface As4Certificate {
  /** PEM file, relative to the configuration file. */
  file: string;
  notBefore?: string;
  notAfter?: string;
}

/** A partner's AS4 access point (PMode[].Initiator/Responder and its security tokens). */
export interface As4Party {
  partyId: string;
  /** ebCore party id type URN; absent: the party id must itself be a URI. */
  partyIdType?: string;
  /** Its role in what it receives (the responder by default). */
  role: string;
  /** Where UserMessages are pushed (PMode[].Protocol.Address); absent: the participant's `endpoint`. */
  endpoint?: string;
  /** Empty in the sandbox only: there the participant's sandbox RSA certificate is its AS4 certificate. */
  certificates: As4Certificate[];
}

/** PMode parameters of one agreement's leg (PMode[].BusinessInfo, .Security, .PayloadService, .ReceptionAwareness). */
export interface As4Leg {
  service: string;
  serviceType?: string;
  action: string;
  agreementRef?: string;
  mpc: string;
  /** push: sent to the partner's endpoint; pull: held on the MPC until the partner's signed PullRequest. */
  mode: 'push' | 'pull';
  /** The 1.15 profile signs and encrypts; sign-only for partners whose PMode says so (Domibus `signOnly`). */
  security: 'sign-encrypt' | 'sign-only';
  /** Payloads gzip-compressed (CompressionType application/gzip). */
  compression: boolean;
  /** response: the signed non-repudiation receipt on the same HTTP exchange; callback (a separate signal later) is refused at load: nothing would settle it. */
  receipt: 'response' | 'callback';
}

/** This gateway as an AS4 party: what it names itself in eb:From, and the domain of its MessageIds. */
export interface As4Self {
  partyId: string;
  partyIdType?: string;
  role: string;
  /** The right-hand side of the MessageIds it makes (`<delivery message id>@<domain>`). */
  messageIdDomain: string;
}

/**
 * A trader the participant acts for: `declarant` when it lodges in that trader's own name (it is
 * the trader, or its in-house system); `representative` when it is a customs representative
 * the trader has authorised, so a declaration in that trader's name must say so (WCO DM Agent
 * with FunctionCode 2, direct, or 3, indirect representation).
 */
export interface ActingFor {
  id: string;
  as: 'declarant' | 'representative';
}

/** Document codes (e.g. N851, C400, X002) a participant may issue, in the name of these issuers. */
export interface IssuingAuthority {
  documentCodes: string[];
  /** The issuer the document must name: its country, and its agency when given. */
  inNameOf: Array<{ country: string; agency?: string }>;
}

export interface AgreementConditions {
  documentKinds?: string[];
  senderKinds?: ParticipantKind[];
  /** Two-digit HS chapters, e.g. "06". */
  hsChapters?: string[];
  /** Four-digit HS headings, e.g. "0602". */
  hsHeadings?: string[];
  /** Declaration type prefixes: "IM", "EX", "CO". */
  declarationDirections?: Array<'import' | 'export' | 'other'>;
  procedureCodes?: string[];
  destinationCountries?: string[];
  exportCountries?: string[];
  /** Cited document codes: category + type, e.g. "C400". */
  citedDocumentCodes?: string[];
}

export interface DeliveryPolicy {
  attempts: number;
  /** First retry after this long, doubling each time (with ±20 % jitter). */
  backoffMs: number;
  timeoutMs: number;
  /** `never` for state-changing writes: one attempt, then an operator decides. */
  retry: 'automatic' | 'never';
  /** At most this many deliveries per second to the destination (the strictest agreement wins). */
  ratePerSecond?: number;
  /**
   * How long a delivery the destination took without a receipt (202, "acknowledged later") waits
   * for that receipt before the reconciler sends it again, same bytes and message id (AS4
   * "reception awareness": the destination recognises the copy).
   */
  receiptTimeoutMs: number;
}

export interface Webhook {
  url: string;
  /** HMAC-SHA256 key the participant verifies notifications with. */
  secret: string;
}

export const TRANSPORTS = ['swgate', 'as4', 'ephyto-hub'] as const;
export type Transport = (typeof TRANSPORTS)[number];

export interface Agreement {
  id: string;
  description: string;
  when: AgreementConditions;
  destination: string;
  format: string;
  mapping?: string;
  signing?: 'ecdsa-p256' | 'rsa-sha256';
  /** How deliveries under this agreement travel: swgate's own signed envelope over HTTP, eDelivery AS4, or the IPPC ePhyto Hub. */
  transport: Transport;
  /** The PMode leg of an agreement with `transport: as4`. */
  as4?: As4Leg;
  delivery: DeliveryPolicy;
}

// --- The IPPC ePhyto Hub connector (its own block: README, "Partner channels") ---

/** The hub operations a certificate can be delivered with (the hub's WSDL). */
export const HUB_DELIVER_OPERATIONS = ['ValidateAndDeliverEnvelope', 'DeliverEnvelope', 'DeliverPhytoEnvelope'] as const;
export type HubDeliverOperation = (typeof HUB_DELIVER_OPERATIONS)[number];

/**
 * The ePhyto Hub as this NPPO uses it: the participant that stands for the hub (the destination
 * of agreements with `transport: ephyto-hub`, the issuer of the certificates pulled from it; its
 * `endpoint` is the DeliveryService URL or `sandbox`, its `endpointTls` the TLS client
 * certificate registered in the hub's AdminConsole), and this NPPO's country code on the hub.
 */
export interface EphytoHubSettings {
  participant: string;
  /** ISO 3166 alpha-2 (or a sandbox code): `From` of what is delivered, `To` of what is pulled. */
  country: string;
  deliverWith: HubDeliverOperation;
  /** The certificate in `Content` as XML text (raw) or base64. */
  content: 'raw' | 'base64';
  /** Pull import envelopes every so often; unset: no pulling. */
  pullEveryMs?: number;
  /** Ask the hub where pending deliveries stand every so often. */
  trackEveryMs: number;
  /** Each call to the hub gives up after this (a delivery: its agreement's timeout). */
  timeoutMs: number;
  /** The largest certificate delivered or pulled. */
  maxEnvelopeBytes: number;
}

/**
 * A mutual recognition arrangement with a partner customs administration (docs/RISK.md, "Mutual
 * recognition"): what of the partner's word counts in this administration's risk facts.
 */
export interface Arrangement {
  /** A participant of kind partner-customs. */
  partner: string;
  /** The partner's AEO authorisations count for the `aeo` fact. */
  aeo: boolean;
  /** The partner's control results of its exports count for the `partnerControl` fact, and it may send them. */
  controlResults: boolean;
  /** YYYY-MM-DD: in force from that day; absent: from the start. */
  since?: string;
}

export interface GatewayConfig {
  port: number;
  host: string;
  dataDir: string;
  /** Unset: the default Redis, or a private one started under dataDir when none answers. */
  redisUrl?: string | undefined;
  /** Key prefix for every Redis key swgate writes (queues). */
  redisPrefix: string;
  /** `postgres://…`, or unset for SQLite under dataDir. */
  databaseUrl?: string | undefined;
  bodyLimitBytes: number;
  logLevel: string;
  /** Serve /metrics without credentials (off by default: it names routes, destinations and volumes). */
  metricsPublic: boolean;
  /** A request must arrive whole (headers and body) within this time, or it gets 408 and its connection is closed. */
  requestTimeoutMs: number;
  /** The request headers must arrive within this time (at most requestTimeoutMs); also bounds a TLS handshake. */
  headersTimeoutMs: number;
  /** A connection on which nothing moves for this long is closed. */
  idleTimeoutMs: number;
  /** How long a kept-alive connection waits for its next request. */
  keepAliveTimeoutMs: number;
  /** Connections one client address may hold open at once; each one beyond gets 429 and is closed. 0: no cap. */
  maxConnectionsPerClient: number;
  /** The reconciler in each worker: a pass every `everyMs`; work unchanged for `idleMs` counts as left undone. */
  reconcile: { everyMs: number; idleMs: number };
  /** E-commerce links: a source that no source of the other side joins within `linkWindowMs` is `unmatched` (SWGATE_ECOMMERCE_LINK_WINDOW_HOURS, 72 h). */
  ecommerce: { linkWindowMs: number };
  /** Runs the simulated agencies and prints the sandbox credentials. */
  sandbox: boolean;
  /** Base URL the simulated agencies are reached at (defaults to this gateway's own listener). */
  publicUrl: string;
  /** The gateway's signing key and certificate (`gateway.{crt,key}.pem`), and in the sandbox the whole sandbox PKI. */
  certsDir: string;
  /**
   * The provenance log's Ed25519 key (log.key.pem, log.pub.pem), made there on first start when
   * missing (SWGATE_LOG_KEY_DIR, default <dataDir>/provenance). Every instance must sign the log
   * with the same key: on Kubernetes, a Secret mounted here.
   */
  logKeyDir: string;
  /** Where relative paths in the configuration file are taken from. */
  configDir: string;
  /** A declaration citing an e-LPCO the registry does not know: a warning (paper or foreign documents) or an error. */
  unknownLpco: 'warning' | 'error';
  /** The mapping specifications agreements may name (`mappings/<id>/mapping.yaml`). */
  mappingsDir: string;
  /** Values for the parameters mapping specs declare (`$param.<name>`), e.g. homeCountry for export-to-import; unset: none. */
  mappingParameters?: Record<string, string>;
  /** HTTPS listener: server certificate and key; with `ca`, client certificates are asked for (mTLS). */
  tls?: TlsFiles & { cert: string; key: string };
  participants: Participant[];
  agreements: Agreement[];
  risk: RiskConfig;
  mutualRecognition: { arrangements: Arrangement[] };
  /** The analytics store (ANALYTICS.md). */
  analytics: AnalyticsSettings;
  /** Transit (docs/TRANSIT.md): the guarantee ledger of the offices of departure. */
  transit: TransitSettings;
  /** The IPPC ePhyto Hub connector; unset: none. */
  ephytoHub?: EphytoHubSettings;
  /** The gateway as an AS4 party; it signs with its RSA key and decrypts with it. */
  as4: As4Self;
}

/** A guarantee the office of departure knows: its GRN, reference amount ("5000.00") and currency. */
export interface TransitGuarantee {
  grn: string;
  referenceAmount: string;
  currency: string;
}

export interface TransitSettings {
  guarantees: TransitGuarantee[];
  /** Sandbox: what any other well-formed GRN covers, in the movement's currency; unset: unknown GRNs are refused. */
  unknownGrnCover?: string;
}

/** A model score at or above `from` puts a goods item in `lane` for the band's owner; the first band that holds wins. */
export interface ScoreBand {
  from: number;
  lane: Lane;
}

export interface RiskConfig {
  /** The folder of YAML profiles synced into the store at start (`<profilesDir>/<owner>/*.yaml`). */
  profilesDir: string;
  /** The trained model every declaration is scored with (a directory `swgate risk train` writes: src/risk/model); unset: no score. */
  modelDir?: string;
  /** Per owner (customs or a PGA), its score bands, highest `from` first (sorted at load). Empty: the model's score selects for no one. */
  scoreBands: Readonly<Record<string, readonly ScoreBand[]>>;
}

export interface AnalyticsSettings {
  /**
   * Whether this process, when it serves the API, holds the analytics store (`<dataDir>/analytics.duckdb`:
   * one writing process per file) and keeps it current. Off: its analytics routes answer 503.
   */
  enabled: boolean;
  /** The fewest declarations a cell shown to anyone but customs may rest on. */
  minCellCount: number;
  /** How often the store takes in what the exchange store gained. */
  syncEveryMs: number;
  /**
   * DuckDB's threads and memory in the process that holds the store: that process also serves the
   * API, and a query on every core (an alert scan takes seconds at a million items) would starve ingest.
   */
  threads: number;
  memoryMb: number;
}
