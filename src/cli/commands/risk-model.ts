import { csvField } from '../../risk/history.js';
import type { Command } from 'commander';
import { mkdtemp, open, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { HistoryCsvError, type HistoryRow, readHistoryCsv } from '../../risk/history.js';
import { loadRiskModel } from '../../risk/model/model-directory.js';
import { historyCsv, syntheticHistory } from '../../risk/model/synthetic-history.js';
import { DEFAULT_TRAINING, TrainingError, trainRiskModel } from '../../risk/model/train.js';
import { ModelFormatError } from '../../risk/model/xgboost-json.js';
import { type CliIo, processIo } from '../io.js';

/** The `swgate risk` command group, shared with the other risk commands whichever registers first. */
/** The `swgate risk` group, made by whichever of its commands registers first. */
export function riskCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'risk') ??
    program.command('risk').description('risk targeting: synthetic history, models, back-tests, history export')
  );
}

const MAX_SYNTHETIC_ROWS = 5_000_000;

/**
 * `swgate risk synth | train | backtest`: the project's synthetic history, a model trained from
 * history, and a back-test's scores. A bad input (CSV naming line and column, a missing or
 * malformed model, an output that cannot be written) is one line on stderr and exit 1; no output
 * file is left half-written.
 */
export function registerRiskModelCommands(program: Command, io: CliIo = processIo): void {
  const risk = riskCommand(program);
  risk
    .command('synth')
    .description('write synthetic declaration history with planted patterns and drift (docs/RISK.md)')
    .requiredOption('--out <file>', 'the CSV to write')
    .option('--rows <n>', 'how many declarations', '120000')
    .option('--seed <n>', 'the seed: the same seed writes the same file', '1')
    .option('--from <date>', 'the first day (YYYY-MM-DD); a year follows, drifting from 1 July', '2025-01-01')
    .action(async (options: { out: string; rows: string; seed: string; from: string }) => {
      const rows = Number(options.rows);
      const seed = Number(options.seed);
      if (!Number.isInteger(rows) || rows < 1 || rows > MAX_SYNTHETIC_ROWS) return fail(io, `--rows must be a whole number from 1 to ${MAX_SYNTHETIC_ROWS}`);
      if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) return fail(io, '--seed must be a whole number from 0 to 4294967295');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(options.from) || Number.isNaN(Date.parse(`${options.from}T00:00:00Z`)))
        return fail(io, '--from must be a date, YYYY-MM-DD');
      if (!(await writeWhole(io, options.out, historyCsv(syntheticHistory({ rows, seed, from: options.from }))))) return;
      io.err(`wrote ${rows} declarations to ${options.out}`);
      io.exit(0);
    });
  risk
    .command('train')
    .description('train the risk model (XGBoost) from history CSV into a model directory')
    .requiredOption('--history <file>', 'history CSV with the illicit and revenue columns')
    .requiredOption('--out <dir>', 'the model directory to write (model.json, features.json, manifest.json)')
    .option('--trees <n>', 'boosting rounds', String(DEFAULT_TRAINING.trees))
    .option('--depth <n>', 'tree depth', String(DEFAULT_TRAINING.depth))
    .action(async (options: { history: string; out: string; trees: string; depth: string }) => {
      const trees = Number(options.trees);
      const depth = Number(options.depth);
      if (!Number.isInteger(trees) || trees < 1 || trees > 2000) return fail(io, '--trees must be a whole number from 1 to 2000');
      if (!Number.isInteger(depth) || depth < 1 || depth > 12) return fail(io, '--depth must be a whole number from 1 to 12');
      const rows = await readHistory(io, options.history, 'required');
      if (!rows) return;
      try {
        const manifest = await trainRiskModel(rows, options.out, { ...DEFAULT_TRAINING, trees, depth });
        io.err(
          `trained ${manifest.version} on ${manifest.training.rows} declarations (${manifest.training.from} to ${manifest.training.to}) in ${manifest.trainer.seconds} s`,
        );
        io.exit(0);
      } catch (error) {
        if (error instanceof TrainingError || isFileError(error)) return fail(io, `${options.out}: ${(error as Error).message}`);
        throw error;
      }
    });
  risk
    .command('backtest')
    .description('score every declaration of a history CSV with a model: sgd.id,score')
    .requiredOption('--model <dir>', 'the model directory')
    .requiredOption('--history <file>', 'history CSV (illicit and revenue may be absent)')
    .requiredOption('--out <file>', 'the scores CSV to write')
    .action(async (options: { model: string; history: string; out: string }) => {
      let model: ReturnType<typeof loadRiskModel>;
      try {
        model = loadRiskModel(options.model);
      } catch (error) {
        if (error instanceof ModelFormatError) return fail(io, error.message);
        throw error;
      }
      const rows = await readHistory(io, options.history, 'optional');
      if (!rows) return;
      const lines = ['sgd.id,score', ...rows.map((row) => `${csvField(row.sgdId)},${model.score(row)}`)];
      if (!(await writeWhole(io, options.out, `${lines.join('\n')}\n`))) return;
      io.err(`scored ${rows.length} declarations with ${model.version}`);
      io.exit(0);
    });
}

function fail(io: CliIo, line: string): void {
  io.err(line);
  io.exit(1);
}

async function readHistory(io: CliIo, file: string, outcomes: 'required' | 'optional'): Promise<HistoryRow[] | undefined> {
  const rows: HistoryRow[] = [];
  try {
    // Opened first: a stream piped into the CSV parser would not pass an open error on.
    const handle = await open(file);
    for await (const row of readHistoryCsv(handle.createReadStream(), { outcomes })) rows.push(row);
    return rows;
  } catch (error) {
    if (error instanceof HistoryCsvError || isFileError(error)) {
      fail(io, `${file}: ${(error as Error).message}`);
      return undefined;
    }
    throw error;
  }
}

/** Writes `text` to `file` through a temporary file beside it, so that `file` is whole or untouched. */
async function writeWhole(io: CliIo, file: string, text: string): Promise<boolean> {
  let staging: string | undefined;
  try {
    staging = await mkdtemp(join(dirname(file), '.swgate-'));
    await writeFile(join(staging, 'out'), text);
    await rename(join(staging, 'out'), file);
    return true;
  } catch (error) {
    if (!isFileError(error)) throw error;
    fail(io, `cannot write ${file}: ${(error as Error).message}`);
    return false;
  } finally {
    if (staging) await rm(staging, { recursive: true, force: true });
  }
}

function isFileError(error: unknown): boolean {
  return typeof (error as { code?: unknown })?.code === 'string' && (error as { syscall?: unknown }).syscall !== undefined;
}
