import { loadRiskModel } from '../risk/model/model-directory.js';
import { ModelFormatError } from '../risk/model/xgboost-json.js';
import type { RiskScorer } from '../risk/vocabulary.js';
import { retryWhileConnectionLost, warningOfRetries } from '../store/connection-lost.js';
import type { FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import type { GatewayConfig } from '../config/types.js';
import { ConfigError } from '../config/load.js';
import { agreementMappingProblems, MappingSpecError, loadMappings, type MappingCatalogue } from '../mapping/catalogue.js';
import type { ReconcileOptions, ReconcileSummary } from '../pipeline/reconcile.js';
import type { SandboxDestinations } from '../sandbox/destinations.js';
import type { Store } from '../store/exchanges.js';
import { within } from '../deadline.js';
import { type FolderProfile, loadProfileFolder, ProfileFolderError, syncProfileFolder } from '../risk/profiles/folder.js';
import { type AnalyticsService, startAnalytics } from './analytics.js';
import { type Api, simulatedAgencies, simulatedAs4Partners, startApi } from './api.js';
import { buildPipeline, type RiskJudges } from './pipeline.js';
import { openStores } from './stores.js';
import { loadGatewayTrust } from './trust.js';
import { startWorkers, type Workers } from './workers.js';
import { startSandboxHub, wantsSandboxHub } from './ephyto-hub.js';
import type { SimulatedHub } from '../sandbox/ephyto-hub.js';

export interface GatewayRoles {
  api: boolean;
  workers: boolean;
}

export interface Gateway {
  config: GatewayConfig;
  store: Store;
  /** The listening base URL, when the API runs in this process. */
  url?: string;
  app?: FastifyInstance;
  sandbox?: SandboxDestinations;
  /** The sandbox's simulated IPPC ePhyto Hub, on its own loopback listener, started once the gateway is up (runtime/ephyto-hub.ts). */
  ephytoHub?: Promise<SimulatedHub>;
  /** The analytics store, in the process that serves the API when `analytics.enabled` (runtime/analytics.ts). */
  analytics?: AnalyticsService;
  logger: Logger;
  /** One reconciler pass (pipeline/reconcile.ts); workers run one every `config.reconcile.everyMs`. */
  reconcile(options?: ReconcileOptions): Promise<ReconcileSummary>;
  /** Stops taking work, lets in-flight requests and deliveries finish, then releases everything. */
  close(): Promise<void>;
}

/** How long shutdown waits for in-flight deliveries, then for in-flight requests. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * The mapping catalogue as configured: the specs in mappingsDir, given the configured
 * mappingParameters. A parameter value a spec refuses, or an agreement naming a mapping that is
 * not there, is the configuration's mistake, said as a ConfigError.
 */
export async function configuredMappings(config: Pick<GatewayConfig, 'mappingsDir' | 'mappingParameters' | 'agreements'>): Promise<MappingCatalogue> {
  const mappings = await loadMappings(config.mappingsDir, config.mappingParameters).catch((error: unknown) => {
    if (error instanceof MappingSpecError && error.findings.every((f) => f.code === 'mapping.parameter'))
      throw new ConfigError(error.findings.map((f) => `mappingParameters: ${f.message}`));
    throw error;
  });
  const mismatches = agreementMappingProblems(config.agreements, mappings, config.mappingsDir);
  if (mismatches.length > 0) throw new ConfigError(mismatches);
  return mappings;
}

/** The profiles folder as configured (risk.profilesDir); a bad file is the configuration's mistake. */
/** The model of `risk.modelDir`, loaded before anything is opened: a bad model directory is a configuration error. */
export function configuredModel(config: Pick<GatewayConfig, 'risk'>): RiskScorer | undefined {
  if (!config.risk.modelDir) return undefined;
  try {
    return loadRiskModel(config.risk.modelDir);
  } catch (error) {
    if (error instanceof ModelFormatError) throw new ConfigError([`risk.modelDir: ${error.message}`]);
    throw error;
  }
}

export function configuredProfiles(config: Pick<GatewayConfig, 'risk' | 'participants'>): FolderProfile[] | undefined {
  try {
    return loadProfileFolder(config.risk.profilesDir, config.participants);
  } catch (error) {
    if (error instanceof ProfileFolderError) throw new ConfigError(error.problems.map((p) => `risk.profilesDir: ${p}`));
    throw error;
  }
}

/**
 * The composition root: opens the stores (stores.ts), binds the pipeline to them
 * (pipeline.ts), then starts the API (api.ts) and the workers (workers.ts) this process runs,
 * and closes them in the reverse order.
 */
export async function startGateway(
  config: GatewayConfig,
  roles: GatewayRoles,
  logger: Logger = pino({ level: config.logLevel }),
  risk: RiskJudges = {},
): Promise<Gateway> {
  // Before anything is opened: a configuration mistake found here leaves nothing to close.
  const mappings = await configuredMappings(config);
  const trust = await loadGatewayTrust(config);
  const profiles = configuredProfiles(config);
  const scorer = configuredModel(config);
  const stores = await openStores(config, logger);
  await retryWhileConnectionLost(() => syncProfileFolder(stores, profiles), warningOfRetries(logger)).catch(async (error: unknown) => {
    await stores.close();
    throw error;
  });
  // Started once the gateway is up (below); what needs it before then waits for it.
  let startHub: (() => void) | undefined;
  const ephytoHub = wantsSandboxHub(config) ? new Promise<void>((resolve) => (startHub = resolve)).then(startSandboxHub) : undefined;
  ephytoHub?.catch((error: unknown) => logger.error({ err: (error as Error).message }, 'the simulated ePhyto hub did not start'));

  let baseUrl = config.publicUrl;
  let analytics: AnalyticsService | undefined;
  // Targeting reads the analytics store's snapshot where this process holds the store; the store starts after the pipeline.
  const judges: RiskJudges = { analyticsFacts: () => analytics?.facts(), ...(scorer ? { scorer } : {}), ...risk };
  const pipeline = buildPipeline(config, stores, { mappings, trust, baseUrl: () => baseUrl, logger, risk: judges, simulatedHub: () => ephytoHub });
  const sandbox = config.sandbox ? simulatedAgencies(pipeline.participants, trust, () => baseUrl) : undefined;

  let api: Api | undefined;
  if (roles.api) {
    // One process writes the analytics store: the one that serves its routes (ANALYTICS.md, "Who holds the store").
    analytics = config.analytics.enabled ? await startAnalytics(config, stores, logger) : undefined;
    const sandboxAs4 = sandbox ? simulatedAs4Partners(sandbox, trust) : undefined;
    api = await startApi(config, stores, pipeline, sandbox, analytics?.instance, logger, sandboxAs4).catch(async (error: unknown) => {
      await analytics?.close();
      throw error;
    });
    // An ephemeral port (PORT=0) is only known now; the simulated agencies live on this listener.
    if (config.port === 0) baseUrl = `${config.tls ? 'https' : 'http'}://127.0.0.1:${new URL(api.address).port}`;
  }
  const workers: Workers | undefined = roles.workers ? await startWorkers(config, stores, pipeline, logger) : undefined;

  const app = api?.app;
  startHub?.();
  return {
    config,
    store: stores.store,
    logger,
    reconcile: (options) => pipeline.reconcile(options),
    ...(app ? { app, url: baseUrl } : {}),
    ...(sandbox ? { sandbox } : {}),
    ...(ephytoHub ? { ephytoHub } : {}),
    ...(analytics ? { analytics } : {}),
    async close() {
      // Workers first, while the API still answers them (in `start`, their sandbox destinations
      // live on it); then the API. Each gets a grace period, so shutdown always ends.
      if (workers && !(await within(workers.stop(), SHUTDOWN_GRACE_MS)))
        logger.warn({ graceMs: SHUTDOWN_GRACE_MS }, 'workers did not finish in time; closing anyway');
      if (app && !(await within(app.close(), SHUTDOWN_GRACE_MS))) {
        logger.warn({ graceMs: SHUTDOWN_GRACE_MS }, 'requests did not finish in time; closing their connections');
        app.server.closeAllConnections();
      }
      await analytics?.close();
      await (await ephytoHub?.catch(() => undefined))?.close();
      await pipeline.close();
      await stores.close();
    },
  };
}
