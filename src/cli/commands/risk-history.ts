import { riskCommand } from './risk-model.js';
import { once } from 'node:events';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ConfigError, loadConfig } from '../../config/load.js';
import { historyRows, type HistoryRange } from '../../risk/export-history.js';
import { HISTORY_HEADER, historyCsvLine } from '../../risk/history.js';
import { ALL_MIGRATIONS } from '../../runtime/stores.js';
import { databaseTarget, openDatabase, tablesOf } from '../../store/db.js';
import type { ExchangeTables } from '../../store/exchange-tables.js';
import { migrateToLatest } from '../../store/migrate.js';
import { type CliIo, processIo } from '../io.js';

/** The `risk` command group: made by whichever command registers first (train and backtest join it). */
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z)?$/;

/** A `--from`/`--to` value as ISO 8601, or undefined when it is not a date. */
function isoOf(value: string): string | undefined {
  if (!DATE.test(value)) return undefined;
  const at = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

/**
 * `swgate risk export-history --out FILE.csv [--from DATE] [--to DATE]`: the gateway's own
 * declarations, one row per goods item, and what controls found, in HISTORY_COLUMNS. Written to
 * a temporary file beside FILE and renamed when whole: a failed export leaves no half file.
 */
export function registerRiskHistory(program: Command, io: CliIo = processIo, env: Record<string, string | undefined> = process.env): void {
  riskCommand(program)
    .command('export-history')
    .description("write the gateway's declarations (one row per goods item) and their control results as history CSV, to train a model on")
    .requiredOption('--out <file>', 'the CSV file to write')
    .option('--from <date>', 'received at or after (YYYY-MM-DD or ISO 8601 UTC)')
    .option('--to <date>', 'received before (YYYY-MM-DD or ISO 8601 UTC)')
    .action(async (options: { out: string; from?: string; to?: string }) => {
      const range: HistoryRange = {};
      for (const bound of ['from', 'to'] as const) {
        const value = options[bound];
        if (value === undefined) continue;
        const iso = isoOf(value);
        if (!iso) {
          io.err(`--${bound} "${value.slice(0, 40)}" is not a date (YYYY-MM-DD or ISO 8601 UTC).`);
          return io.exit(1);
        }
        range[bound] = iso;
      }
      let config: ReturnType<typeof loadConfig>;
      try {
        config = loadConfig(env);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        io.err(error.message);
        return io.exit(1);
      }
      const target = databaseTarget(config.databaseUrl, join(config.dataDir, 'swgate.sqlite'));
      const db = openDatabase<ExchangeTables>(target);
      const partial = `${options.out}.partial`;
      try {
        await migrateToLatest(db, ALL_MIGRATIONS);
        const profiles = new Map(config.participants.map((p) => [p.id, p.wcoNamespaces]));
        const out = (await open(partial, 'w', 0o600)).createWriteStream();
        const write = async (line: string) => {
          if (!out.write(`${line}\n`)) await once(out, 'drain');
        };
        let rows = 0;
        await write(HISTORY_HEADER);
        for await (const row of historyRows({ db: tablesOf<ExchangeTables>(db), kind: target.kind }, range, (sender) => profiles.get(sender))) {
          await write(historyCsvLine(row));
          rows += 1;
        }
        out.end();
        await once(out, 'finish');
        await rename(partial, options.out);
        io.out(`${rows} goods item(s) written to ${options.out}`);
        io.exit(0);
      } catch (error) {
        await rm(partial, { force: true });
        io.err(`export-history failed: ${(error as Error).message}`);
        io.exit(1);
      } finally {
        await db.destroy();
      }
    });
}
