import type { Logger } from 'pino';
import type { Agreement, GatewayConfig, Participant } from '../config/types.js';
import type { GatewayServices } from '../http/app.js';
import type { MappingCatalogue } from '../mapping/catalogue.js';
import { acknowledge, acknowledgeVerified } from '../pipeline/acknowledge.js';
import { handPayload } from '../access-point/inbound.js';
import { as4Parties } from '../access-point/parties.js';
import { type As4Answer, receiveAs4Post } from '../access-point/receive.js';
import { as4Channel } from '../access-point/send.js';
import type { AccessPointTables } from '../access-point/tables.js';
import { changeOwnAuthorisation } from '../pipeline/aeo-register.js';
import { readControls, recordControl } from '../pipeline/control.js';
import { receivePartnerMessage } from '../pipeline/partner-messages.js';
import type { RecognitionTables } from '../risk/recognition-tables.js';
import { tablesOf } from '../store/db.js';
import { deliver, type DeliverDeps } from '../pipeline/deliver.js';
import { type EndedExchange, type ExchangeEndDeps, followExchangeEnd } from '../pipeline/end.js';
import { receiveInbound } from '../pipeline/inbound.js';
import { type IngestRequest, ingestDocument } from '../pipeline/ingest.js';
import { lodgeConsignment, lodgeDeclaration, lodgeLpco, lodgeLpcoStatus } from '../pipeline/lodge.js';
import { reconcile, type ReconcileDeps, type ReconcileOptions, type ReconcileSummary } from '../pipeline/reconcile.js';
import { retryDelivery } from '../pipeline/retry.js';
import { tryRouting } from '../pipeline/try-routing.js';
import { reportCertificate, reportFingerprint, reportTrustStore } from '../trust/pki/certificate-report.js';
import type { TargetDeps } from '../pipeline/target.js';
import { profileSetOfBatch } from '../risk/profiles/current.js';
import { mutualRecognitionIn } from '../risk/mutual-recognition.js';
import type { MutualRecognition, RiskScorer } from '../risk/vocabulary.js';
import { post } from '../routing/transport.js';
import { countriesFor } from '../validation/code-lists.js';
import { validateDocument } from '../validation/validate-document.js';
import { DeliveryQueues, type DeliveryProcessor } from './queues.js';
import type { Stores } from './stores.js';
import type { GatewayTrust } from './trust.js';
import { WebhookQueue } from './webhooks.js';
import { type HubConnector, hubConnector } from './ephyto-hub.js';
import type { SimulatedHub } from '../sandbox/ephyto-hub.js';
import { GuaranteeRefusal } from '../pipeline/transit-step.js';
import { lodgeTransit, notificationOf, recordAtDestination, recordOfficeMessage, type TakenMessage, type TransitDeps } from '../pipeline/transit.js';
import { answerTraderMessage, type TransitCustomsDeps } from '../sandbox/transit-customs.js';
import { partnerArrivalNotification, partnerUnloadingRemarks } from '../sandbox/transit-partner.js';
import { findDocument } from '../store/exchanges.js';
import type { LedgerSettings } from '../transit/guarantees.js';
import type { MovementTables } from '../transit/movement-tables.js';
import { findMessageOfExchange, findMovement, listMessages, type MovementDb } from '../transit/movements.js';
import { officeCountry } from '../transit/references.js';
import { validateCtcMessage } from '../transit/validate.js';

/** The pipeline's functions bound to their deps: what the API calls, what the workers run, and the queues they share. */
export interface GatewayPipeline {
  participants: ReadonlyMap<string, Participant>;
  agreements: ReadonlyMap<string, Agreement>;
  /** Every participant an agreement delivers to: one queue and one worker each. */
  destinations: string[];
  queues: DeliveryQueues;
  lodge: GatewayServices['lodge'];
  lpcos: GatewayServices['lpcos'];
  inbound: GatewayServices['inbound'];
  recognition: GatewayServices['recognition'];
  deliveries: GatewayServices['deliveries'];
  validators: GatewayServices['validators'];
  /** Certificates the gateway holds and routing tried without sending (the operator console). */
  console: GatewayServices['console'];
  /** The AS4 access point (POST /as4); absent when the gateway has no RSA key to sign and decrypt with. */
  as4?: (body: Buffer, contentType: string) => Promise<As4Answer>;
  /** Transit movements: a trader's messages in, the movements store read by the routes (docs/TRANSIT.md). */
  transit: GatewayServices['transit'];
  /** One delivery attempt (pipeline/deliver.ts), as a worker runs it. */
  deliver: DeliveryProcessor;
  /** One reconciler pass (pipeline/reconcile.ts). */
  reconcile(options?: ReconcileOptions): Promise<ReconcileSummary>;
  /** The IPPC ePhyto Hub connector, when the configuration has a hub (runtime/ephyto-hub.ts). */
  hub?: HubConnector;
  /** Closes the delivery and webhook queues. */
  close(): Promise<void>;
}

export interface PipelineOptions {
  mappings: MappingCatalogue;
  trust: GatewayTrust;
  /** The gateway's base URL: where the simulated agencies are reached (known only once the API listens on an ephemeral port). */
  baseUrl: () => string;
  logger: Logger;
  /** The judges of targeting the configuration does not name: the profile set, the model, mutual recognition. */
  risk?: RiskJudges;
  /** The sandbox's simulated ePhyto Hub, for a hub participant whose endpoint is `sandbox`. */
  simulatedHub?: () => Promise<SimulatedHub> | undefined;
}

export interface RiskJudges {
  profiles?: TargetDeps['profiles'];
  scorer?: RiskScorer;
  mutualRecognition?: MutualRecognition;
  /** The analytics store's snapshot, where this process holds the store (gateway.ts). */
  analyticsFacts?: TargetDeps['analyticsFacts'];
}

/** Binds each stage of the pipeline to the stores, the queues, the configuration and the keys: the one place that knows them all. */
export function buildPipeline(config: GatewayConfig, stores: Stores, options: PipelineOptions): GatewayPipeline {
  const { store, lpcoDb, recordProvenance } = stores;
  const { mappings, trust, logger } = options;
  const kind = store.kind;
  const now = () => new Date();
  const ledger: LedgerSettings = config.transit;
  const queues = new DeliveryQueues(stores.queueSettings);
  const webhooks = new WebhookQueue(stores.queueSettings);
  const participants = new Map(config.participants.map((p) => [p.id, p]));
  const agreements = new Map(config.agreements.map((a) => [a.id, a]));

  const endDeps: ExchangeEndDeps = {
    store,
    kind,
    participants,
    recordProvenance,
    now,
    notify: (participant, notification) => webhooks.notify(participant, notification),
  };
  const onExchangeEnded = (exchangeId: string, ended: EndedExchange) => followExchangeEnd(endDeps, exchangeId, ended);

  const targeting: TargetDeps = {
    profiles: options.risk?.profiles ?? profileSetOfBatch,
    scorer: options.risk?.scorer,
    mutualRecognition: options.risk?.mutualRecognition ?? mutualRecognitionIn(config),
    scoreBands: config.risk.scoreBands,
    agencies: new Set(config.participants.filter((p) => p.kind === 'customs' || p.kind === 'pga').map((p) => p.id)),
    analyticsFacts: options.risk?.analyticsFacts,
  };

  // Partner administrations may carry ISO 3166 user-assigned codes (the sandbox's XA and XB).
  const validation = { countries: countriesFor(config.participants.map((p) => p.country)) };
  const ingest = (req: IngestRequest) =>
    ingestDocument(
      {
        store,
        agreements: config.agreements,
        enqueue: (job, policy) => queues.enqueue(job, policy),
        onEnqueueFailed: (job, error) =>
          logger.warn({ ...job, err: (error as Error).message }, 'delivery not queued; the reconciler queues it once the queue answers'),
        recordProvenance,
        unknownLpco: config.unknownLpco,
        now,
        targeting,
        guarantees: ledger,
      },
      req,
    );
  const lodgeDeps = { ingest, mappings, validation };
  const hub = hubConnector(config, {
    store,
    participants,
    recordProvenance,
    onExchangeEnded,
    now,
    lodge: (l) => lodgeLpco(lodgeDeps, l),
    ...(options.simulatedHub ? { simulatedHub: options.simulatedHub } : {}),
  });

  const settleDeps = { store, onExchangeEnded, recordProvenance, now };
  const as4Key = trust.keys?.rsa;
  const parties = as4Parties(config.as4, config.participants, (id) => trust.participantRsaOf(id)?.certificateFile);
  const as4Db = tablesOf<AccessPointTables>(store.db);
  const inboundDeps = { trustStoreOf: trust.storeOf, ingest, validation, mappings, gatewayKey: trust.keys?.ecdsa, now };
  const as4 = as4Key
    ? {
        channel: as4Channel({
          parties,
          key: as4Key,
          db: as4Db,
          post,
          now,
          sandboxUrl: (id: string) => `${options.baseUrl()}/sandbox/destinations/${id}/as4`,
        }),
        receive: (body: Buffer, contentType: string) =>
          receiveAs4Post(
            {
              parties,
              key: as4Key,
              db: as4Db,
              maxPayloadBytes: config.bodyLimitBytes,
              now,
              inbound: (partner, payload, messageId) =>
                handPayload(
                  {
                    envelope: async (from, body, type) => (await receiveInbound(inboundDeps, from, body, type, 'as4')).result,
                    declaration: (l) => lodgeDeclaration(lodgeDeps, l),
                    lpco: (l) => lodgeLpco(lodgeDeps, l),
                  },
                  partner,
                  payload,
                  messageId,
                ),
              acknowledgePulled: async (partner, messageId, receivedAt) => void (await acknowledgeVerified(settleDeps, partner, messageId, receivedAt)),
            },
            body,
            contentType,
          ),
      }
    : undefined;

  const movementDb = tablesOf<MovementTables>(store.db);
  const answering = new Set<Promise<void>>();
  const transitDeps: TransitDeps = {
    ingest,
    sandbox: config.sandbox,
    messageOfExchange: async (exchangeId) => {
      const row = await findMessageOfExchange(movementDb, exchangeId);
      return row && { movementId: row.movement_id, messageId: row.id };
    },
    movementOf: async (id) => {
      const row = await findMovement(movementDb, id);
      return row && { owner: row.owner, kind: row.kind };
    },
    onTaken: (taken) => onTransitMessage(taken),
  };
  const customs = config.sandbox ? sandboxCustoms(config, transitDeps, store, movementDb, now) : undefined;
  const onTransitMessage = (taken: TakenMessage) => {
    const notification = notificationOf(taken, now());
    if (notification && participants.get(taken.owner)?.webhook)
      void webhooks
        .notify(taken.owner, notification)
        .catch((error: unknown) => logger.warn({ err: (error as Error).message, ...taken }, 'movement notification not queued'));
    if (!customs || (taken.direction !== 'from-trader' && taken.type !== 'IE018')) return;
    // The simulated offices answer after the trader's 202, as NCTS does; shutdown waits for what they started.
    const answer = answerTraderMessage(customs, taken).catch((error: unknown) =>
      logger.warn({ err: (error as Error).message, movementId: taken.movementId, type: taken.type }, 'the simulated customs office could not answer'),
    );
    answering.add(answer);
    void answer.finally(() => answering.delete(answer));
  };

  const deliverDeps: DeliverDeps = {
    store,
    mappings,
    trustStoreOf: trust.storeOf,
    ...(trust.keys ? { keys: trust.keys } : {}),
    participants,
    agreements,
    sandboxUrl: (id: string) => `${options.baseUrl()}/sandbox/destinations/${id}/deliveries`,
    ...(trust.sandboxDeliverySecret ? { sandboxSecret: trust.sandboxDeliverySecret } : {}),
    send: post,
    channels: { ...(hub ? { 'ephyto-hub': hub.channel } : {}), ...(as4 ? { as4: as4.channel } : {}) },
    onExchangeEnded,
    recordProvenance,
    now,
  };

  const reconcileDeps: ReconcileDeps = {
    store,
    now,
    recordProvenance,
    agreements,
    onExchangeEnded,
    requeue: (job, policy) => queues.requeue(job, policy),
    onAction: (action, subject) => logger.info({ action, ...subject }, 'reconciler acted'),
    onError: (subject, error) => logger.warn({ ...subject, err: (error as Error).message }, 'reconciler could not finish this; the next pass tries again'),
  };

  return {
    participants,
    agreements,
    destinations: [...new Set(config.agreements.map((a) => a.destination))],
    queues,
    lodge: { declaration: (l) => lodgeDeclaration(lodgeDeps, l), consignment: (l) => lodgeConsignment(lodgeDeps, l), lpco: (l) => lodgeLpco(lodgeDeps, l) },
    lpcos: {
      db: lpcoDb,
      kind,
      now,
      changeStatus: (id, change, issuer) => lodgeLpcoStatus({ ingest, lpcoDb, now }, issuer, id, change),
    },
    inbound: (partner, body, contentType) => receiveInbound(inboundDeps, partner, body, contentType),
    ...(as4 ? { as4: as4.receive } : {}),
    recognition: {
      controls: {
        record: (controller, exchangeId, report, idempotencyKey) =>
          recordControl({ store, recordProvenance, now }, controller, exchangeId, report, idempotencyKey),
        read: (reader, exchangeId) => readControls(store, reader, exchangeId),
      },
      aeo: {
        db: tablesOf<RecognitionTables>(store.db),
        change: (by, operatorId, statement) => changeOwnAuthorisation({ store, recordProvenance, now }, by, operatorId, statement),
      },
      partnerMessages: (partner, body, contentType) =>
        receivePartnerMessage(
          { store, recordProvenance, trustStoreOf: trust.storeOf, gatewayKey: trust.keys?.ecdsa, arrangements: config.mutualRecognition.arrangements, now },
          partner,
          body,
          contentType,
        ),
    },
    deliveries: {
      acknowledge: (from, ack) => acknowledge({ store, onExchangeEnded, recordProvenance, trustStoreOf: trust.storeOf, now }, from, ack),
      retry: (operator, exchangeId, destination) =>
        retryDelivery({ store, agreements, requeue: (job, policy) => queues.requeue(job, policy), now }, operator, exchangeId, destination),
    },
    validators: { declaration: (body, format) => validateDocument(body, format, validation) },
    console: {
      certificates: {
        of: async (p) => [
          ...(await reportTrustStore(trust.storeOf(p.id), trust.certificatesOf(p.id), now())),
          ...p.certificateFingerprints.map(reportFingerprint),
        ],
        gateway: async () => (trust.keys ? [trust.keys.ecdsa, trust.keys.rsa].map((k) => reportCertificate(k.certificate, 'signing', now())) : []),
      },
      tryRouting: (viewer, sender, kind, body, format) =>
        tryRouting({ agreements: config.agreements, mappings, validation }, viewer, sender, kind, body, format),
    },
    transit: { lodge: (l) => lodgeTransit(transitDeps, l), db: movementDb, now },
    deliver: (job, attempt) => deliver(deliverDeps, job, attempt),
    reconcile: (reconcileOptions = { idleMs: config.reconcile.idleMs }) => reconcile(reconcileDeps, reconcileOptions),
    ...(hub ? { hub } : {}),
    async close() {
      await Promise.allSettled([...answering]);
      await queues.close();
      await webhooks.close();
    },
  };
}

/** How long the simulated offices pause between two answers: all of a departure's within two seconds. */
const SANDBOX_ANSWER_PAUSE_MS = 100;
/** Days a released movement has to reach its destination when its declaration states no limit date. */
const TIME_LIMIT_DAYS = 8;

/** The sandbox's offices of departure and destination (sandbox/transit-customs.ts), answering as the customs participant. */
function sandboxCustoms(
  config: GatewayConfig,
  transit: TransitDeps,
  store: Stores['store'],
  movementDb: MovementDb,
  now: () => Date,
): TransitCustomsDeps | undefined {
  const customs = config.participants.find((p) => p.kind === 'customs');
  if (!customs) return undefined;
  // A partner's office: a partner administration of the office's country that an agreement sends transit messages to.
  const partners = new Map(
    config.participants
      .filter(
        (p) => p.kind === 'partner-customs' && p.country && config.agreements.some((a) => a.destination === p.id && a.when.documentKinds?.includes('transit')),
      )
      .map((p) => [p.country as string, p]),
  );
  return {
    async answer(answer) {
      try {
        const { exchange } = await recordOfficeMessage(transit, { sender: customs, ...answer });
        return { ok: true, exchangeId: exchange.exchangeId };
      } catch (error) {
        if (error instanceof GuaranteeRefusal) return { ok: false, refusals: error.refusals };
        throw error;
      }
    },
    atDestination: (departureId, type, exchangeId) => recordAtDestination(store, departureId, type, exchangeId, now().toISOString()),
    movement: (id) => findMovement(movementDb, id),
    async declarationOf(movementId) {
      const messages = await listMessages(movementDb, movementId, false);
      const last = messages.filter((m) => m.type === 'IE015' || m.type === 'IE013').at(-1);
      const document = last && (await findDocument(store, last.exchange_id, 'original'));
      if (!document) throw new Error(`movement ${movementId} has no declaration`);
      return validateCtcMessage(document.content).document;
    },
    partnerOf: (office) => {
      const country = officeCountry(office);
      const partner = partners.get(country);
      return partner ? { country, id: partner.id } : undefined;
    },
    timeLimitDays: TIME_LIMIT_DAYS,
    async partnerArrives(country, arrival) {
      const partner = partners.get(country);
      if (!partner) return;
      for (const xml of [partnerArrivalNotification(arrival, country, now()), partnerUnloadingRemarks(arrival, country, now())])
        await lodgeTransit(transit, { sender: partner, body: Buffer.from(xml), kind: 'arrival' });
    },
    pauseMs: SANDBOX_ANSWER_PAUSE_MS,
    now,
  };
}
