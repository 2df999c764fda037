import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import type { ScoringRow } from '../../../src/risk/history.js';
import { FeatureScorer, fitFeatureTables, trainingMatrix } from '../../../src/risk/model/features.js';
import { loadRiskModel, type ModelManifest } from '../../../src/risk/model/model-directory.js';
import { syntheticHistory } from '../../../src/risk/model/synthetic-history.js';
import { trainRiskModel, xgboostPython } from '../../../src/risk/model/train.js';
import { ModelFormatError } from '../../../src/risk/model/xgboost-json.js';
import { xgboostPresent } from '../../support/tools.js';

const history = syntheticHistory({ rows: 6000, seed: 3, from: '2025-01-01' });
const training = history.slice(0, 5000);
// Rows to score, some with a quantity or mass of zero: features missing, default directions taken.
const scored = history.slice(5000).map((r, i) => (i % 10 === 0 ? { ...r, quantity: 0 } : i % 10 === 1 ? { ...r, grossWeight: 0, cifValue: 0 } : r));

/** A data scientist's XGBoost, in Python: trains on the matrix, saves model.json, predicts the rows to score. */
const DATA_SCIENTIST = `
import sys, json, numpy as np, xgboost as xgb
work, width = sys.argv[1], int(sys.argv[2])
names = json.load(open(work + '/names.json'))
X = np.fromfile(work + '/train.f32', dtype='<f4').reshape(-1, width)
y = np.fromfile(work + '/labels.u8', dtype=np.uint8)
booster = xgb.train({'objective': 'binary:logistic', 'max_depth': 5, 'eta': 0.3, 'base_score': 0.3, 'nthread': 1},
                    xgb.DMatrix(X, label=y, missing=np.nan, feature_names=names), num_boost_round=60)
booster.save_model(work + '/model.json')
rows = np.fromfile(work + '/score.f32', dtype='<f4').reshape(-1, width)
booster.predict(xgb.DMatrix(rows, missing=np.nan, feature_names=names)).astype('<f8').tofile(work + '/predicted.f64')
`;

function refusal(dir: string): string {
  try {
    loadRiskModel(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(ModelFormatError);
    return (error as Error).message;
  }
  throw new Error('the model directory was accepted');
}

describe('the sandbox’s model', () => {
  it('is named by the sandbox configuration (risk.modelDir), loads and scores every row in [0, 1] under its manifest’s version', () => {
    const { modelDir } = loadConfig({}).risk;
    expect(modelDir).toBe(resolve('config/risk-model'));
    const model = loadRiskModel(modelDir as string);
    const manifest = JSON.parse(readFileSync(join(modelDir as string, 'manifest.json'), 'utf8')) as ModelManifest;
    expect(model.version).toBe(manifest.version);
    const scores = history.map((r) => model.score(r));
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);
    // A declaration of parties and codes it never saw still gets a score.
    expect(
      model.score({ ...(history[0] as ScoringRow), importerId: 'GB553202734852', declarantId: 'GB553202734852', tariffCode: '0000000000' }),
    ).toBeGreaterThan(0);
  });

  it('refuses a model.json over 64 MiB from its size, without reading it', () => {
    const copy = mkdtempSync(join(tmpdir(), 'swgate-model-'));
    for (const file of ['manifest.json', 'features.json']) writeFileSync(join(copy, file), readFileSync(join('config/risk-model', file)));
    writeFileSync(join(copy, 'model.json'), '');
    truncateSync(join(copy, 'model.json'), 65 * 1024 * 1024);
    expect(refusal(copy)).toMatch(/model.json: larger than 67108864 bytes/);
  });
});

describe.runIf(xgboostPresent())('a model directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'swgate-model-'));
  let manifest: ModelManifest;
  beforeAll(async () => {
    manifest = await trainRiskModel(training, dir, { featureSet: 'full', trees: 20, depth: 4, eta: 0.3 });
  }, 60_000);

  it('scores what `swgate risk train` wrote, under the version its manifest names', () => {
    const model = loadRiskModel(dir);
    expect(model.version).toBe(manifest.version);
    expect(manifest.training).toEqual({
      from: '2025-01-01',
      to: training.at(-1)?.date,
      rows: 5000,
      discrepancies: training.filter((r) => r.illicit === 1).length,
    });
    const scores = scored.map((r) => model.score(r));
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);
    expect(new Set(scores).size).toBeGreaterThan(50);
  });

  it('scores a model trained by Python XGBoost on the project’s features as Booster.predict does (|Δ| < 1e-6)', () => {
    const work = mkdtempSync(join(tmpdir(), 'swgate-parity-'));
    const scorer = new FeatureScorer(JSON.parse(readFileSync(join(dir, 'features.json'), 'utf8')));
    const width = scorer.names.length;
    const rows = new Float32Array(scored.length * width);
    const out = new Float64Array(width);
    scored.forEach((r, i) => {
      scorer.features(r, out);
      rows.set(out, i * width);
    });
    expect(rows.some(Number.isNaN)).toBe(true);
    const matrix = trainingMatrix(training, 'full');
    writeFileSync(join(work, 'names.json'), JSON.stringify(scorer.names));
    writeFileSync(join(work, 'train.f32'), new Uint8Array(matrix.buffer));
    writeFileSync(
      join(work, 'labels.u8'),
      Uint8Array.from(training, (r) => r.illicit ?? 0),
    );
    writeFileSync(join(work, 'score.f32'), new Uint8Array(rows.buffer));
    const run = spawnSync(xgboostPython() as string, ['-c', DATA_SCIENTIST, work, String(width)], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    writeFileSync(join(dir, 'model.json'), readFileSync(join(work, 'model.json')));
    const predicted = new Float64Array(readFileSync(join(work, 'predicted.f64')).buffer.slice(0));
    const model = loadRiskModel(dir);
    expect(model.version).not.toBe(manifest.version);
    const worst = Math.max(...scored.map((r, i) => Math.abs(model.score(r) - (predicted[i] as number))));
    expect(worst).toBeLessThan(1e-6);
    expect(new Set(predicted).size).toBeGreaterThan(50);
  });

  it('refuses a directory without the model, or with a model trained on other features, naming the file', () => {
    expect(refusal(join(dir, 'absent'))).toMatch(/absent\/manifest.json: no such file/);
    const other = mkdtempSync(join(tmpdir(), 'swgate-model-'));
    const copy = (file: string, edit: (text: string) => string = (t) => t) => writeFileSync(join(other, file), edit(readFileSync(join(dir, file), 'utf8')));
    copy('manifest.json');
    copy('features.json');
    expect(refusal(other)).toMatch(/model.json: no such file/);
    copy('model.json', (t) => t.replace('"logCifValue"', '"somethingElse"'));
    expect(refusal(other)).toMatch(/model.json: was trained on features somethingElse/);
    copy('model.json');
    copy('manifest.json', (t) => t.replace('"logCifValue"', '"somethingElse"'));
    expect(refusal(other)).toMatch(/manifest.json: features are not the gateway's full features/);
    copy('manifest.json', (t) => t.replace('"featureSet": "full"', '"featureSet": "anchor"'));
    expect(refusal(other)).toMatch(/manifest.json: features are not/);
    copy('manifest.json');
    copy('features.json', () => '{"format": "other"}');
    expect(refusal(other)).toMatch(/features.json: not swgate-risk-features\/1/);
    copy('features.json');
    expect(loadRiskModel(other).version).toBe(loadRiskModel(dir).version);
  });

  it('refuses a model whose feature count is not the feature set’s', () => {
    const anchorTables = fitFeatureTables(training, 'anchor');
    const other = mkdtempSync(join(tmpdir(), 'swgate-model-'));
    writeFileSync(join(other, 'features.json'), JSON.stringify(anchorTables));
    writeFileSync(join(other, 'model.json'), readFileSync(join(dir, 'model.json')));
    writeFileSync(join(other, 'manifest.json'), JSON.stringify({ ...manifest, featureSet: 'anchor', features: new FeatureScorer(anchorTables).names }));
    expect(refusal(other)).toMatch(/model.json: has 29 features, the anchor set 20/);
  });
});
