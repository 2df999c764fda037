import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HistoryRow } from '../history.js';
import { selectionFigures } from './backtest.js';
import { type FeatureSet, FeatureScorer, featureNames, fitFeatureTables, trainingMatrix } from './features.js';
import { parseXgboostJson, predict } from './xgboost-json.js';
import { FEATURES_FILE, MANIFEST_FILE, MODEL_FILE, type ModelManifest, modelVersion } from './model-directory.js';

export interface TrainingOptions {
  featureSet: FeatureSet;
  trees: number;
  depth: number;
  eta: number;
  minChildWeight?: number;
  subsample?: number;
  colsample?: number;
}

/** The anchor of the issue: 300 trees of depth 6 on the anchor features. */
export const ANCHOR_TRAINING: TrainingOptions = { featureSet: 'anchor', trees: 300, depth: 6, eta: 0.1 };
/** The gateway's own model: every feature, slower learning, rows and columns subsampled. */
export const DEFAULT_TRAINING: TrainingOptions = { featureSet: 'full', trees: 300, depth: 6, eta: 0.05, minChildWeight: 5, subsample: 0.8, colsample: 0.8 };

export class TrainingError extends Error {
  override name = 'TrainingError';
}

const TRAINER = fileURLToPath(new URL('./train_xgboost.py', import.meta.url));
const PYTHON_REMEDY = 'Debian/Ubuntu: apt-get install python3-xgboost; elsewhere: pip install xgboost; SWGATE_PYTHON names the interpreter to use';

let python: string | null | undefined;

/** The first Python that imports xgboost: $SWGATE_PYTHON, python3 on the PATH, then Debian's own (where python3-xgboost installs). */
export function xgboostPython(): string | undefined {
  if (python === undefined) {
    const candidates = [process.env.SWGATE_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => Boolean(c));
    python = candidates.find((c) => spawnSync(c, ['-c', 'import xgboost'], { stdio: 'ignore' }).status === 0) ?? null;
  }
  return python ?? undefined;
}

/**
 * Trains on `rows` (each with its outcome) and writes the model directory `out` (created if
 * absent; its three files replaced only once all three are written).
 */
export async function trainRiskModel(rows: readonly HistoryRow[], out: string, options: TrainingOptions = DEFAULT_TRAINING): Promise<ModelManifest> {
  if (rows.length === 0) throw new TrainingError('the history has no rows');
  if (rows.some((r) => r.illicit === undefined)) throw new TrainingError('training needs the illicit and revenue columns');
  const interpreter = xgboostPython();
  if (!interpreter) throw new TrainingError(`no Python with XGBoost (${PYTHON_REMEDY})`);
  const started = performance.now();
  await mkdir(out, { recursive: true });
  const staging = await mkdtemp(join(dirname(out), '.swgate-model-'));
  const work = await mkdtemp(join(tmpdir(), 'swgate-train-'));
  try {
    const manifest = await train(rows, staging, work, interpreter, options, started);
    for (const file of [MODEL_FILE, FEATURES_FILE, MANIFEST_FILE]) await rename(join(staging, file), join(out, file));
    return manifest;
  } finally {
    await rm(work, { recursive: true, force: true });
    await rm(staging, { recursive: true, force: true });
  }
}

async function train(
  rows: readonly HistoryRow[],
  out: string,
  work: string,
  interpreter: string,
  options: TrainingOptions,
  started: number,
): Promise<ModelManifest> {
  const tables = fitFeatureTables(rows, options.featureSet);
  await runXgboost(rows, trainingMatrix(rows, options.featureSet), join(out, MODEL_FILE), work, interpreter, options);
  const featuresText = JSON.stringify(tables);
  await writeFile(join(out, FEATURES_FILE), featuresText);
  const modelText = await readFile(join(out, MODEL_FILE), 'utf8');
  const model = parseXgboostJson(modelText);
  const scorer = new FeatureScorer(tables);
  const features = new Float64Array(scorer.names.length);
  const inSample = selectionFigures(
    rows,
    rows.map((row) => {
      scorer.features(row, features);
      return predict(model, features);
    }),
    0.05,
  );
  const dates = rows.map((r) => r.date).sort();
  const manifest: ModelManifest = {
    format: 'swgate-risk-model/1',
    version: modelVersion(modelText, featuresText),
    featureSet: options.featureSet,
    features: featureNames(options.featureSet),
    training: { from: dates[0] as string, to: dates[dates.length - 1] as string, rows: rows.length, discrepancies: rows.filter((r) => r.illicit === 1).length },
    trainer: {
      library: 'xgboost',
      trees: options.trees,
      depth: options.depth,
      eta: options.eta,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    },
    // On the training rows themselves: a check that training worked, not a forecast (bench/risk-model.ts back-tests).
    figures: { inSamplePrecisionAt5Percent: round3(inSample.precision), inSampleRevenueAt5Percent: round3(inSample.revenue) },
  };
  await writeFile(join(out, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Hands the matrix and labels to train_xgboost.py, which writes the XGBoost JSON model to `modelFile`. */
async function runXgboost(
  rows: readonly HistoryRow[],
  matrix: Float32Array,
  modelFile: string,
  work: string,
  interpreter: string,
  options: TrainingOptions,
): Promise<void> {
  const spec = {
    features: featureNames(options.featureSet),
    rows: rows.length,
    matrix: join(work, 'matrix.f32'),
    labels: join(work, 'labels.u8'),
    out: modelFile,
    trees: options.trees,
    depth: options.depth,
    eta: options.eta,
    minChildWeight: options.minChildWeight ?? 1,
    subsample: options.subsample ?? 1,
    colsample: options.colsample ?? 1,
    threads: 2,
  };
  await writeFile(spec.matrix, new Uint8Array(matrix.buffer, matrix.byteOffset, matrix.byteLength));
  await writeFile(
    spec.labels,
    Uint8Array.from(rows, (r) => r.illicit ?? 0),
  );
  await writeFile(join(work, 'spec.json'), JSON.stringify(spec));
  await runPython(interpreter, [TRAINER, join(work, 'spec.json')]);
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/** Runs a Python script to its end; a failure becomes a TrainingError with the script's last words. */
function runPython(interpreter: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(interpreter, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on('error', (error) => reject(new TrainingError(`cannot run ${interpreter}: ${error.message}`)));
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new TrainingError(`XGBoost training failed (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`)),
    );
  });
}
