import { ANALYTICS_FILE } from '../../runtime/analytics.js';
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { trainDescriptions } from '../../analytics/misclassifications.js';
import { openAnalyticsStore } from '../../analytics/schema.js';
import { loadConfig } from '../../config/load.js';
import { type CliIo, processIo } from '../io.js';

/**
 * `swgate analytics train-descriptions`: trains the goods-description classifier on the
 * analytics store (with the gateway stopped, or on a copy: DuckDB lets one process write) and
 * prints how it measured on the descriptions it held out. The gateway uses the newest model.
 */
export function registerTrainDescriptions(analytics: Command, io: CliIo = processIo): void {
  analytics
    .command('train-descriptions')
    .description('train the goods-description classifier on the analytics store and print its held-out measure')
    .option('--store <file>', 'the analytics store (default: analytics.duckdb under SWGATE_DATA_DIR)')
    .action(async (options: { store?: string }) => {
      const config = loadConfig();
      const store = options.store ?? join(config.dataDir, ANALYTICS_FILE);
      if (!existsSync(store)) {
        io.err(`No analytics store at ${store}: start the gateway once (it creates it), or name one with --store.`);
        io.exit(1);
        return;
      }
      const { instance, connection } = await openAnalyticsStore(store, config.analytics);
      try {
        const model = await trainDescriptions(connection, new Date());
        const m = model.measured;
        io.out(
          [
            `trained on ${model.items} goods items (${model.examples} distinct descriptions), ${model.chapters.length} chapters`,
            m
              ? `held out ${m.heldOut}: accuracy ${m.accuracy.toFixed(3)}; at confidence ${m.confidence}, ${m.flagged} flagged of ${m.planted} planted misclassifications: precision ${m.precision.toFixed(3)}, recall ${m.recall.toFixed(3)}`
              : 'too few descriptions to hold any out',
          ].join('\n'),
        );
        io.exit(0);
      } finally {
        instance.closeSync();
      }
    });
}
