import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ScoringRow } from '../history.js';
import type { RiskScorer } from '../vocabulary.js';
import { FEATURE_SETS, type FeatureSet, FeatureScorer, type FeatureTables, featureNames } from './features.js';
import { MODEL_LIMITS, ModelFormatError, parseXgboostJson, predict, type XgboostModel } from './xgboost-json.js';

/**
 * A model directory: model.json (XGBoost JSON), features.json (the frozen feature tables) and
 * manifest.json (what was trained on what, with which figures). The version is the content hash
 * of model.json and features.json, so a model.json trained elsewhere on the same features gets a
 * version of its own.
 */
export const MODEL_FILE = 'model.json';
export const FEATURES_FILE = 'features.json';
export const MANIFEST_FILE = 'manifest.json';

export interface ModelManifest {
  format: 'swgate-risk-model/1';
  version: string;
  featureSet: FeatureSet;
  features: readonly string[];
  training: { from: string; to: string; rows: number; discrepancies: number };
  trainer: { library: string; trees: number; depth: number; eta: number; seconds: number };
  figures: Record<string, number>;
}

const FEATURES_LIMIT_BYTES = 256 * 1024 * 1024;

export function modelVersion(modelJson: string, featuresJson: string): string {
  return `sha256:${createHash('sha256').update(modelJson).update('\u0000').update(featuresJson).digest('hex').slice(0, 32)}`;
}

/** The directory's model as the ingest path and the back-test use it; throws ModelFormatError naming the file and what is wrong. */
export function loadRiskModel(dir: string): RiskScorer & { readonly features: readonly string[] } {
  const manifest = readJson(dir, MANIFEST_FILE, 1024 * 1024) as Partial<ModelManifest>;
  if (manifest.format !== 'swgate-risk-model/1') throw new ModelFormatError(`${join(dir, MANIFEST_FILE)}: format is not swgate-risk-model/1`);
  const featureSet = manifest.featureSet;
  if (!FEATURE_SETS.includes(featureSet as FeatureSet))
    throw new ModelFormatError(`${join(dir, MANIFEST_FILE)}: featureSet is not one of ${FEATURE_SETS.join(', ')}`);
  const names = featureNames(featureSet as FeatureSet);
  if (JSON.stringify(manifest.features) !== JSON.stringify(names)) {
    throw new ModelFormatError(`${join(dir, MANIFEST_FILE)}: features are not the gateway's ${featureSet} features (${names.join(', ')})`);
  }
  const modelText = readText(dir, MODEL_FILE, MODEL_LIMITS.bytes);
  const featuresText = readText(dir, FEATURES_FILE, FEATURES_LIMIT_BYTES);
  let model: XgboostModel;
  try {
    model = parseXgboostJson(modelText);
  } catch (error) {
    throw new ModelFormatError(`${join(dir, MODEL_FILE)}: ${(error as Error).message}`);
  }
  if (model.featureCount !== names.length)
    throw new ModelFormatError(`${join(dir, MODEL_FILE)}: has ${model.featureCount} features, the ${featureSet} set ${names.length}`);
  const trainedOn = (JSON.parse(modelText) as { learner: { feature_names?: unknown } }).learner.feature_names;
  if (Array.isArray(trainedOn) && trainedOn.length > 0 && JSON.stringify(trainedOn) !== JSON.stringify(names)) {
    throw new ModelFormatError(`${join(dir, MODEL_FILE)}: was trained on features ${trainedOn.join(', ')}, not the gateway's ${featureSet} features`);
  }
  const tables = parseTables(featuresText, join(dir, FEATURES_FILE), featureSet as FeatureSet);
  const scorer = new FeatureScorer(tables);
  const row = new Float64Array(names.length);
  return {
    version: modelVersion(modelText, featuresText),
    features: names,
    score(input: ScoringRow): number {
      scorer.features(input, row);
      return predict(model, row);
    },
  };
}

function readText(dir: string, file: string, limit: number): string {
  const path = join(dir, file);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new ModelFormatError(`${path}: no such file (a model directory holds ${MODEL_FILE}, ${FEATURES_FILE} and ${MANIFEST_FILE})`);
  }
  if (size > limit) throw new ModelFormatError(`${path}: larger than ${limit} bytes`);
  return readFileSync(path, 'utf8');
}

function readJson(dir: string, file: string, limit: number): unknown {
  try {
    return JSON.parse(readText(dir, file, limit));
  } catch (error) {
    if (error instanceof ModelFormatError) throw error;
    throw new ModelFormatError(`${join(dir, file)}: not JSON (${(error as Error).message})`);
  }
}

function parseTables(text: string, path: string, featureSet: FeatureSet): FeatureTables {
  let tables: Partial<FeatureTables>;
  try {
    tables = JSON.parse(text) as Partial<FeatureTables>;
  } catch (error) {
    throw new ModelFormatError(`${path}: not JSON (${(error as Error).message})`);
  }
  const wellFormed =
    tables.format === 'swgate-risk-features/1' &&
    tables.featureSet === featureSet &&
    typeof tables.prior === 'number' &&
    typeof tables.encodings === 'object' &&
    typeof tables.codeMedians === 'object' &&
    Array.isArray(tables.globalMedians) &&
    Array.isArray(tables.links);
  if (!wellFormed) throw new ModelFormatError(`${path}: not swgate-risk-features/1 tables for the ${featureSet} features`);
  return tables as FeatureTables;
}
