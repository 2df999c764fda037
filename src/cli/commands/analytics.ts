import { registerTrainDescriptions } from './train-descriptions.js';
import type { Command } from 'commander';
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { exportParquet } from '../../analytics/export.js';
import { importHistory } from '../../analytics/history-import.js';
import { ConfigError, loadConfig } from '../../config/load.js';
import { HistoryCsvError } from '../../risk/history.js';
import { openAnalyticsFile } from '../../runtime/analytics.js';
import { type CliIo, processIo } from '../io.js';

type Env = Record<string, string | undefined>;

/**
 * `swgate analytics import --history FILE.csv` and `swgate analytics export --out DIR`, on the
 * analytics store of the configured data directory (SWGATE_DATA_DIR), with the gateway stopped:
 * one process writes the store at a time (ANALYTICS.md).
 */
export function registerAnalytics(program: Command, io: CliIo = processIo, env: Env = process.env): void {
  const analytics = program.command('analytics').description('the analytics store: import a history, export Parquet, train the description classifier');
  registerTrainDescriptions(analytics, io);

  analytics
    .command('import')
    .description("load a legacy system's declaration history (history CSV columns) into the analytics store; all of it or nothing")
    .requiredOption('--history <file>', 'the history CSV')
    .action((options: { history: string }) =>
      withStore(io, env, async (connection) => {
        const loaded = await importHistory(connection, createReadStream(options.history));
        return `Loaded ${loaded.rows} rows (${loaded.declarations} declarations) from ${options.history}; a declaration loaded before was replaced.`;
      }),
    );

  analytics
    .command('export')
    .description('write the goods items as Parquet, partitioned by month (Hive layout: month=YYYY-MM/)')
    .requiredOption('--out <dir>', 'an empty or new directory')
    .action((options: { out: string }) =>
      withStore(io, env, async (connection) => {
        const out = resolve(options.out);
        if (existsSync(out) && readdirSync(out).length > 0) throw new Error(`${out} is not empty: export into an empty or new directory`);
        const written = await exportParquet(connection, out);
        return `Wrote ${written.rows} goods items in ${written.months} monthly partitions under ${out}.`;
      }),
    );
}

async function withStore(io: CliIo, env: Env, work: (connection: Awaited<ReturnType<typeof openAnalyticsFile>>['connection']) => Promise<string>) {
  let store: Awaited<ReturnType<typeof openAnalyticsFile>> | undefined;
  try {
    const config = loadConfig(env);
    store = await openAnalyticsFile(config.dataDir, config.analytics);
    io.out(await work(store.connection));
    io.exit(0);
  } catch (error) {
    if (error instanceof HistoryCsvError) io.err(`Nothing was loaded: ${error.message}`);
    else if (error instanceof ConfigError) io.err(error.message);
    else io.err(`swgate analytics: ${(error as Error).message}`);
    io.exit(1);
  } finally {
    store?.connection.closeSync();
    store?.instance.closeSync();
  }
}
