import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { featureNames } from '../../../src/risk/model/features.js';
import { syntheticHistory } from '../../../src/risk/model/synthetic-history.js';
import { TrainingError, trainRiskModel } from '../../../src/risk/model/train.js';
import { xgboostPresent } from '../../support/tools.js';

const history = syntheticHistory({ rows: 3000, seed: 8, from: '2025-01-01' });
const small = { featureSet: 'full', trees: 10, depth: 3, eta: 0.3 } as const;

describe('training', () => {
  it('refuses history without outcomes, or without rows, before any work', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'swgate-train-'));
    const withoutOutcomes = history.map(({ illicit: _i, revenue: _r, ...row }) => row);
    await expect(trainRiskModel(withoutOutcomes, join(dir, 'model'), small)).rejects.toThrow(/needs the illicit and revenue columns/);
    await expect(trainRiskModel([], join(dir, 'model'), small)).rejects.toThrow(TrainingError);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe.runIf(xgboostPresent())('training with XGBoost', () => {
  it('writes model.json, features.json and a manifest, replacing a previous model whole, leaving nothing else', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'swgate-train-'));
    const dir = join(parent, 'model');
    const first = await trainRiskModel(history, dir, small);
    expect(first).toMatchObject({
      format: 'swgate-risk-model/1',
      featureSet: 'full',
      features: featureNames('full'),
      trainer: { library: 'xgboost', trees: 10, depth: 3 },
    });
    expect(first.version).toMatch(/^sha256:[0-9a-f]{32}$/);
    expect(readdirSync(dir).sort()).toEqual(['features.json', 'manifest.json', 'model.json']);
    const model = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as {
      learner: { feature_names: string[]; gradient_booster: { model: { trees: unknown[] } } };
    };
    expect(model.learner.feature_names).toEqual(featureNames('full'));
    expect(model.learner.gradient_booster.model.trees).toHaveLength(10);
    const second = await trainRiskModel(history.slice(0, 2000), dir, { ...small, trees: 5 });
    expect(second.version).not.toBe(first.version);
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))).toEqual(second);
    expect(readdirSync(parent)).toEqual(['model']);
  }, 60_000);

  it('turns an XGBoost failure into a TrainingError with its last words, leaving the previous model as it was', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'swgate-train-'));
    const dir = join(parent, 'model');
    const kept = await trainRiskModel(history, dir, small);
    await expect(trainRiskModel(history, dir, { ...small, eta: -1 })).rejects.toThrow(/XGBoost training failed \(exit 1\): .*learning_rate/);
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))).toEqual(kept);
    expect(readdirSync(parent)).toEqual(['model']);
  }, 60_000);
});
