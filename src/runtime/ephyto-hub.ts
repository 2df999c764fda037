import type { Logger } from 'pino';
import type { EphytoHubSettings, GatewayConfig, Participant } from '../config/types.js';
import type { HubEndpoint } from '../ephyto-hub/client.js';
import { type FollowSummary, followHubDeliveries, type HubDeps, hubChannel } from '../ephyto-hub/delivery.js';
import { type PullSummary, pullFromHub } from '../ephyto-hub/import.js';
import type { EphytoHubTables } from '../ephyto-hub/tables.js';
import type { Channel } from '../pipeline/channel.js';
import type { Lodgement } from '../pipeline/lodge.js';
import type { IngestResult } from '../pipeline/ingest.js';
import type { SettleDeps } from '../pipeline/settle.js';
import { tablesOf } from '../store/db.js';
import type { SimulatedHub } from '../sandbox/ephyto-hub.js';

/** The ePhyto Hub connector bound to the gateway: its channel, the tracking follow-up and the import poller. */
export interface HubConnector {
  settings: EphytoHubSettings;
  channel: Channel;
  follow(): Promise<FollowSummary>;
  pull(): Promise<PullSummary>;
}

export interface HubBinding extends SettleDeps {
  participants: ReadonlyMap<string, Participant>;
  lodge: (lodgement: Lodgement) => Promise<IngestResult>;
  /** The simulated hub, for a hub participant whose endpoint is `sandbox`. */
  simulatedHub?: () => Promise<SimulatedHub> | undefined;
}

/** The connector for `config.ephytoHub`, or undefined when the configuration has no hub. */
export function hubConnector(config: GatewayConfig, binding: HubBinding): HubConnector | undefined {
  const settings = config.ephytoHub;
  const hub = settings && binding.participants.get(settings.participant);
  if (!settings || !hub) return undefined;
  const endpointOf = async (participant: Participant, timeoutMs = settings.timeoutMs): Promise<HubEndpoint> => {
    const simulated = participant.endpoint === 'sandbox' ? await binding.simulatedHub?.() : undefined;
    if (participant.endpoint === 'sandbox' && !simulated) throw new Error('the sandbox hub is not running');
    return {
      url: simulated ? simulated.serviceUrl(settings.country) : (participant.endpoint as string),
      timeoutMs,
      maxEnvelopeBytes: settings.maxEnvelopeBytes,
      ...(participant.endpointTls ? { tls: participant.endpointTls } : {}),
    };
  };
  const deps: HubDeps = { db: tablesOf<EphytoHubTables>(binding.store.db), settings, endpointOf, now: binding.now };
  return {
    settings,
    channel: hubChannel(deps),
    follow: () => followHubDeliveries({ ...binding, ...deps }),
    pull: () => pullFromHub({ ...deps, hub, lodge: binding.lodge }),
  };
}

/** Whether the configuration calls for the sandbox's simulated hub: a hub participant whose endpoint is `sandbox`. */
export function wantsSandboxHub(config: GatewayConfig): boolean {
  const settings = config.ephytoHub;
  return config.sandbox && settings !== undefined && config.participants.find((p) => p.id === settings.participant)?.endpoint === 'sandbox';
}

/**
 * The sandbox's simulated hub. XC, the sandbox's country reached over the hub only
 * (config/sandbox.yaml, agreement ephyto-certificates-to-hub), is a simulated NPPO that takes
 * what it is sent after a second. Loaded only here: the SOAP stack and the WSDL take about a
 * second of CPU, which a production gateway never pays and the sandbox pays after it is ready.
 */
export async function startSandboxHub(): Promise<SimulatedHub> {
  const { startSimulatedHub } = await import('../sandbox/ephyto-hub.js');
  return startSimulatedHub({ importers: ['XC'], importAfterMs: 1000 });
}

/** Runs `task` every `everyMs`, one at a time; stopped by the returned function. */
export function every(everyMs: number, task: () => Promise<unknown>, logger: Logger, what: string): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void task()
      .catch((error: unknown) => logger.warn({ err: (error as Error).message }, `${what} failed; the next pass tries again`))
      .finally(() => (running = false));
  }, everyMs);
  return () => clearInterval(timer);
}
