import { syncPartyNetwork } from '../analytics/party-identifiers.js';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { alerts } from '../analytics/alerts.js';
import { type AnalyticsFacts, buildAnalyticsFacts } from '../analytics/risk-facts.js';
import { type AnalyticsLimits, openAnalyticsStore } from '../analytics/schema.js';
import { type SyncSummary, syncAnalytics } from '../analytics/sync.js';
import type { GatewayConfig } from '../config/types.js';
import type { Stores } from './stores.js';
import { WebhookQueue } from './webhooks.js';

/** The analytics store's file under the data directory. */
export const ANALYTICS_FILE = 'analytics.duckdb';
const NETWORK_REBUILD_EVERY_MS = 5 * 60_000;
/** The snapshot targeting reads (about half a second at a million items): after a change, at most this often, and after every network rebuild. */
const FACTS_REBUILD_EVERY_MS = 60_000;
/** The alert scan looks back this far and runs at most this often (ANALYTICS.md, "Alerts reach customs"). */
const ALERT_SCAN_DAYS = 56;
const ALERT_SCAN_EVERY_MS = 3_600_000;

/** DuckDB lets one process write a file: a second one is told who holds it, in words. */
export async function openAnalyticsFile(dataDir: string, limits: AnalyticsLimits): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
  const path = join(dataDir, ANALYTICS_FILE);
  try {
    return await openAnalyticsStore(path, limits);
  } catch (error) {
    if (/lock/i.test((error as Error).message))
      throw new Error(`the analytics store ${path} is in use by another process (a running gateway?): stop it first, or set SWGATE_ANALYTICS=false here`);
    throw error;
  }
}

export interface AnalyticsService {
  instance: DuckDBInstance;
  /** One sync pass now (also run every `analytics.syncEveryMs`). */
  sync(now?: Date): Promise<SyncSummary>;
  /** Tells customs of the alerts of the last weeks not told before; returns how many were new. */
  scanAlerts(now?: Date): Promise<number>;
  /** The snapshot targeting reads at ingest (analytics/risk-facts.ts): built at start, rebuilt after a pass that changed something. */
  facts(): AnalyticsFacts | undefined;
  /**
   * One pass now as the timer runs it, the party network rebuilt whatever its last rebuild: sync,
   * network, snapshot. What a test (or an operator's tool) calls instead of waiting for the timer.
   */
  refresh(now?: Date): Promise<SyncSummary>;
  /** Stops the timer, waits for a pass in progress, closes the store. */
  close(): Promise<void>;
}

/**
 * The analytics store in the process that serves the API (ANALYTICS.md, "Who holds the store"):
 * opened under the data directory, synced from the exchange store on a timer, one pass at a
 * time, with an alert scan after a pass at most hourly. A failing pass is logged and tried again.
 */
export async function startAnalytics(config: GatewayConfig, stores: Stores, logger: Logger): Promise<AnalyticsService> {
  const { instance, connection } = await openAnalyticsFile(config.dataDir, config.analytics);
  const webhooks = new WebhookQueue(stores.queueSettings);
  const customs = config.participants.filter((p) => p.kind === 'customs' && p.webhook);
  let lastScan = 0;
  let lastNetwork = 0;
  // At start the network is rebuilt from what the store holds (a history import, say) once the first pass is done.
  let networkStale = true;

  const sync = (now = new Date()) => syncAnalytics(stores.analyticsSource, connection, now);
  const scanAlerts = async (now = new Date()) => {
    const range = { from: new Date(now.getTime() - ALERT_SCAN_DAYS * 86_400_000).toISOString().slice(0, 10), to: now.toISOString().slice(0, 10) };
    const found = await alerts(instance, { kind: 'customs' }, range, now);
    let fresh = 0;
    for (const alert of found.alerts) {
      const key = { kind: alert.kind, origin: alert.origin, commodity: alert.commodity, period: alert.period };
      const sent = await connection.runAndReadAll(
        'SELECT 1 FROM alerts_sent WHERE kind = $kind AND origin = $origin AND commodity = $commodity AND period = $period',
        key,
      );
      if (sent.currentRowCount > 0) continue;
      // Told first, marked after: a notification that fails is tried again at the next scan
      // (its job id is the alert's, so one that did go out is not sent twice).
      for (const p of customs) await webhooks.notify(p.id, { event: 'analytics.alert', alert, at: now.toISOString() });
      await connection.run('INSERT INTO alerts_sent VALUES ($kind, $origin, $commodity, $period, $at::TIMESTAMP) ON CONFLICT DO NOTHING', {
        ...key,
        at: now.toISOString(),
      });
      fresh += 1;
    }
    return fresh;
  };

  let snapshot: AnalyticsFacts | undefined;
  let lastFacts = 0;
  // A change the snapshot has not seen yet: it is rebuilt once due, even if no pass changes anything more by then.
  let factsStale = false;
  const rebuildFacts = async () => {
    lastFacts = Date.now();
    factsStale = false;
    const started = performance.now();
    snapshot = await buildAnalyticsFacts(instance);
    logger.debug(
      { ms: Math.round(performance.now() - started), parties: snapshot.distances.size, cells: snapshot.originShares.size },
      'analytics facts rebuilt',
    );
  };
  await rebuildFacts();

  const pass = async (now: Date, networkDue: boolean, factsDue = Date.now() - lastFacts >= FACTS_REBUILD_EVERY_MS) => {
    const summary = await sync(now);
    const changed = summary.items > 0 || summary.controlled > 0;
    if (changed) {
      factsStale = true;
      logger.debug(summary, 'analytics store synced');
    }
    // The party network is rebuilt whole (seconds at a million items): when something changed, at most every few minutes.
    const rebuildNetwork = networkDue && (networkStale || changed);
    if (rebuildNetwork) {
      lastNetwork = Date.now();
      const sources = await syncPartyNetwork(stores.store, connection);
      networkStale = false;
      logger.debug({ sources }, 'party network rebuilt');
    }
    if (rebuildNetwork || (factsStale && factsDue)) await rebuildFacts();
    return summary;
  };

  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = (async () => {
      await pass(new Date(), Date.now() - lastNetwork >= NETWORK_REBUILD_EVERY_MS);
      if (Date.now() - lastScan >= ALERT_SCAN_EVERY_MS) {
        lastScan = Date.now();
        const fresh = await scanAlerts();
        if (fresh > 0) logger.info({ alerts: fresh }, 'new analytics alerts told to customs');
      }
    })()
      .catch((error: unknown) => logger.warn({ err: (error as Error).message }, 'analytics sync failed; trying again'))
      .finally(() => (running = undefined));
  }, config.analytics.syncEveryMs);

  const refresh = async (now = new Date()) => {
    // One pass at a time: the timer's, then this one, which the timer waits for in turn.
    while (running) await running;
    networkStale = true;
    const passing = pass(now, true, true);
    running = passing.then(
      () => undefined,
      () => undefined,
    );
    try {
      return await passing;
    } finally {
      running = undefined;
    }
  };

  return {
    instance,
    sync,
    scanAlerts,
    facts: () => snapshot,
    refresh,
    async close() {
      clearInterval(timer);
      await running;
      await webhooks.close();
      connection.closeSync();
      instance.closeSync();
    },
  };
}
