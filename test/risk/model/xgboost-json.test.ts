import { describe, expect, it } from 'vitest';
import { MODEL_LIMITS, ModelFormatError, parseXgboostJson, predict } from '../../../src/risk/model/xgboost-json.js';

interface TreeSpec {
  left: number[];
  right: number[];
  feature: number[];
  value: number[];
  defaultLeft: number[];
  splitType?: number[];
}

/** A model as XGBoost 1.7 writes it, with only the fields the evaluator reads and their neighbours. */
function modelJson(trees: TreeSpec[], overrides: { baseScore?: string; objective?: string; booster?: string; features?: number } = {}): string {
  return JSON.stringify({
    learner: {
      attributes: {},
      feature_names: [],
      feature_types: [],
      gradient_booster: {
        model: {
          gbtree_model_param: { num_parallel_tree: '1', num_trees: String(trees.length), size_leaf_vector: '0' },
          tree_info: trees.map(() => 0),
          trees: trees.map((t, id) => ({
            base_weights: t.value,
            categories: [],
            categories_nodes: [],
            categories_segments: [],
            categories_sizes: [],
            default_left: t.defaultLeft,
            id,
            left_children: t.left,
            loss_changes: t.value.map(() => 0),
            parents: t.left.map(() => 2147483647),
            right_children: t.right,
            split_conditions: t.value,
            split_indices: t.feature,
            split_type: t.splitType ?? t.left.map(() => 0),
            sum_hessian: t.value.map(() => 1),
            tree_param: { num_deleted: '0', num_feature: String(overrides.features ?? 2), num_nodes: String(t.left.length), size_leaf_vector: '0' },
          })),
        },
        name: overrides.booster ?? 'gbtree',
      },
      learner_model_param: {
        base_score: overrides.baseScore ?? '5E-1',
        boost_from_average: '1',
        num_class: '0',
        num_feature: String(overrides.features ?? 2),
        num_target: '1',
      },
      objective: { name: overrides.objective ?? 'binary:logistic', reg_loss_param: { scale_pos_weight: '1' } },
    },
    version: [1, 7, 4],
  });
}

// x0 < 0.5 (missing: left) → 0.2; else x1 < 10 (missing: right) → -0.1 | 0.3. Then a lone leaf 0.05.
const splitting: TreeSpec = {
  left: [1, -1, 3, -1, -1],
  right: [2, -1, 4, -1, -1],
  feature: [0, 0, 1, 0, 0],
  value: [0.5, 0.2, 10, -0.1, 0.3],
  defaultLeft: [1, 0, 0, 0, 0],
};
const leaf: TreeSpec = { left: [-1], right: [-1], feature: [0], value: [0.05], defaultLeft: [0] };
const sigmoid = (margin: number) => 1 / (1 + Math.exp(-margin));

function refusal(text: string): string {
  try {
    parseXgboostJson(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ModelFormatError);
    return (error as Error).message;
  }
  throw new Error('the model was accepted');
}

describe('XGBoost JSON evaluator', () => {
  const model = parseXgboostJson(modelJson([splitting, leaf]));

  it('sums the leaves each row reaches onto the base margin and applies the logistic', () => {
    expect(predict(model, [0.2, 0])).toBeCloseTo(sigmoid(0.25), 7);
    expect(predict(model, [0.7, 5])).toBeCloseTo(sigmoid(-0.05), 7);
    expect(predict(model, [0.7, 50])).toBeCloseTo(sigmoid(0.35), 7);
    // A split value goes right (x < split is left), and x is compared as float32, as XGBoost does.
    expect(predict(model, [0.5, 50])).toBeCloseTo(sigmoid(0.35), 7);
    expect(predict(model, [0.49999999, 50])).toBeCloseTo(sigmoid(0.35), 7);
  });

  it('sends a missing value where the node’s default direction says', () => {
    expect(predict(model, [Number.NaN, 50])).toBeCloseTo(sigmoid(0.25), 7);
    expect(predict(model, [0.7, Number.NaN])).toBeCloseTo(sigmoid(0.35), 7);
  });

  it('starts from the logit of base_score, written as XGBoost 1.x or 2.x writes it', () => {
    const logit = Math.log(0.2 / 0.8);
    expect(predict(parseXgboostJson(modelJson([leaf], { baseScore: '2E-1' })), [0, 0])).toBeCloseTo(sigmoid(logit + 0.05), 7);
    expect(predict(parseXgboostJson(modelJson([leaf], { baseScore: '[2E-1]' })), [0, 0])).toBeCloseTo(sigmoid(logit + 0.05), 7);
  });

  it('refuses what it does not evaluate: categorical splits, dart, another objective', () => {
    expect(refusal(modelJson([{ ...splitting, splitType: [1, 0, 0, 0, 0] }]))).toMatch(/tree 0: node 0 is a categorical split/);
    expect(refusal(modelJson([leaf], { booster: 'dart' }))).toMatch(/booster "dart" is not supported/);
    expect(refusal(modelJson([leaf], { objective: 'reg:squarederror' }))).toMatch(/objective "reg:squarederror" is not supported/);
    expect(refusal(modelJson([leaf], { baseScore: '1.5' }))).toMatch(/base_score/);
    expect(refusal('{"learner": 1}')).toMatch(/no "objective"/);
    expect(refusal('not json')).toMatch(/not JSON/);
  });

  it('refuses node indices out of range, cycles, shared children and features past num_feature', () => {
    expect(refusal(modelJson([{ ...splitting, left: [9, -1, 3, -1, -1] }]))).toMatch(/tree 0: node 0 has child 9, outside 1\.\.4/);
    expect(refusal(modelJson([{ ...splitting, left: [1, -1, 2, -1, -1] }]))).toMatch(/node 2 is reached twice/);
    expect(refusal(modelJson([{ ...splitting, left: [1, -1, 1, -1, -1] }]))).toMatch(/node 1 is reached twice/);
    expect(refusal(modelJson([{ ...splitting, left: [-1, -1, 3, -1, -1] }]))).toMatch(/node 0 has child -1/);
    expect(refusal(modelJson([{ ...splitting, feature: [0, 0, 7, 0, 0] }]))).toMatch(/node 2 splits on feature 7, outside 0\.\.1/);
    expect(refusal(modelJson([leaf, { ...splitting, value: [0.5, 0.2, 10, -0.1] }]))).toMatch(/tree 1\.split_conditions is not a list of 5 numbers/);
  });

  it('refuses a huge or deeply nested file at once, without parsing it', () => {
    const start = performance.now();
    expect(refusal(`${' '.repeat(MODEL_LIMITS.bytes)}${modelJson([leaf])}`)).toMatch(/larger than/);
    expect(refusal(`${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`)).toMatch(/nests deeper than 12 levels/);
    expect(refusal(`{"a": "[[[[[[[[[[[[[[[[", "learner": 1}`)).toMatch(/no "objective"/);
    expect(performance.now() - start).toBeLessThan(5000);
  });

  it('refuses a tree deeper than the bound', () => {
    const depth = MODEL_LIMITS.depth + 2;
    const chain: TreeSpec = { left: [], right: [], feature: [], value: [], defaultLeft: [] };
    for (let d = 0; d < depth; d += 1) {
      chain.left.push(2 * d + 1);
      chain.right.push(2 * d + 2);
      chain.feature.push(0);
      chain.value.push(0.5);
      chain.defaultLeft.push(0);
      // The left child is a leaf; the chain continues on the right.
      chain.left.push(-1);
      chain.right.push(-1);
      chain.feature.push(0);
      chain.value.push(0.1);
      chain.defaultLeft.push(0);
    }
    chain.left.push(-1);
    chain.right.push(-1);
    chain.feature.push(0);
    chain.value.push(0.1);
    chain.defaultLeft.push(0);
    expect(refusal(modelJson([chain]))).toMatch(/deeper than 64/);
  });
});
