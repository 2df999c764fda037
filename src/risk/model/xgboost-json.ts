/**
 * An evaluator of XGBoost's JSON model format (`Booster.save_model('model.json')`), for the one
 * kind the gateway scores with: a gbtree booster with objective binary:logistic and numerical
 * splits. It follows XGBoost's arithmetic: features compared as float32 (`x < split` goes left,
 * a missing value follows default_left), leaf values summed in float32 onto the base margin
 * (logit of base_score), and the logistic in float32. Anything else — categorical splits, dart,
 * another objective, a malformed or hostile tree — is refused with a ModelFormatError before any
 * row is scored.
 */
export class ModelFormatError extends Error {
  override name = 'ModelFormatError';
}

/** Bounds on what a model file may be, so that a hostile one is refused rather than hung on. */
export const MODEL_LIMITS = { bytes: 64 * 1024 * 1024, nesting: 12, trees: 5000, nodesPerTree: 1 << 16, depth: 64 } as const;

interface Tree {
  left: Int32Array;
  right: Int32Array;
  feature: Uint32Array;
  /** Split threshold on inner nodes, leaf value on leaves (float32, as stored). */
  value: Float32Array;
  defaultLeft: Uint8Array;
}

export interface XgboostModel {
  featureCount: number;
  /** The margin every prediction starts from (float32). */
  baseMargin: number;
  trees: Tree[];
}

/** Parses and checks model.json text; throws ModelFormatError naming what is wrong. */
export function parseXgboostJson(text: string): XgboostModel {
  if (text.length > MODEL_LIMITS.bytes) throw new ModelFormatError(`the model is larger than ${MODEL_LIMITS.bytes} bytes`);
  checkNesting(text);
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new ModelFormatError(`the model is not JSON: ${(error as Error).message}`);
  }
  const learner = field(document, 'learner');
  const objective = field(field(learner, 'objective'), 'name');
  if (objective !== 'binary:logistic') throw new ModelFormatError(`objective ${JSON.stringify(objective)} is not supported (binary:logistic is)`);
  const booster = field(learner, 'gradient_booster');
  const boosterName = field(booster, 'name');
  if (boosterName !== 'gbtree') throw new ModelFormatError(`booster ${JSON.stringify(boosterName)} is not supported (gbtree is)`);
  const parameters = field(learner, 'learner_model_param');
  const featureCount = positiveInteger(field(parameters, 'num_feature'), 'learner_model_param.num_feature');
  const numClass = Number(field(parameters, 'num_class') ?? 0);
  if (numClass > 1) throw new ModelFormatError('multi-class models are not supported');
  // XGBoost 1.x writes "5E-1", 2.x "[5E-1]": a probability for binary:logistic.
  const baseScore = Number(String(field(parameters, 'base_score')).replace(/^\[|\]$/g, ''));
  if (!(baseScore > 0 && baseScore < 1)) throw new ModelFormatError('learner_model_param.base_score is not a probability between 0 and 1');
  const treesJson = field(field(booster, 'model'), 'trees');
  if (!Array.isArray(treesJson)) throw new ModelFormatError('gradient_booster.model.trees is not a list');
  if (treesJson.length > MODEL_LIMITS.trees) throw new ModelFormatError(`the model has more than ${MODEL_LIMITS.trees} trees`);
  const trees = treesJson.map((tree, i) => parseTree(tree, i, featureCount));
  return { featureCount, baseMargin: Math.fround(Math.log(baseScore / (1 - baseScore))), trees };
}

/** The probability of a discrepancy for one row of features (NaN: missing). */
export function predict(model: XgboostModel, features: ArrayLike<number>): number {
  let margin = model.baseMargin;
  for (const tree of model.trees) {
    let node = 0;
    while (tree.left[node] !== -1) {
      const x = features[tree.feature[node] as number] as number;
      const goLeft = Number.isNaN(x) ? tree.defaultLeft[node] === 1 : Math.fround(x) < (tree.value[node] as number);
      node = (goLeft ? tree.left[node] : tree.right[node]) as number;
    }
    margin = Math.fround(margin + (tree.value[node] as number));
  }
  return Math.fround(1 / Math.fround(1 + Math.fround(Math.exp(-margin))));
}

/** Refuses nesting deeper than any model file has, before JSON.parse and the walk over it see it. */
function checkNesting(text: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > MODEL_LIMITS.nesting) throw new ModelFormatError(`the model nests deeper than ${MODEL_LIMITS.nesting} levels`);
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
}

function field(value: unknown, name: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, name)) {
    throw new ModelFormatError(`the model has no "${name}" where XGBoost JSON has one`);
  }
  return (value as Record<string, unknown>)[name];
}

function positiveInteger(value: unknown, where: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw new ModelFormatError(`${where} is not a positive integer`);
  return n;
}

function numbers(tree: unknown, name: string, where: string, length: number): number[] {
  const list = field(tree, name);
  if (!Array.isArray(list) || list.length !== length) throw new ModelFormatError(`${where}.${name} is not a list of ${length} numbers (one per node)`);
  for (const n of list)
    if (typeof n !== 'number' || !Number.isFinite(n)) throw new ModelFormatError(`${where}.${name} holds something other than a finite number`);
  return list as number[];
}

function parseTree(json: unknown, index: number, featureCount: number): Tree {
  const where = `tree ${index}`;
  const nodes = positiveInteger(field(field(json, 'tree_param'), 'num_nodes'), `${where}.tree_param.num_nodes`);
  if (nodes > MODEL_LIMITS.nodesPerTree) throw new ModelFormatError(`${where} has more than ${MODEL_LIMITS.nodesPerTree} nodes`);
  const left = numbers(json, 'left_children', where, nodes);
  const right = numbers(json, 'right_children', where, nodes);
  const features = numbers(json, 'split_indices', where, nodes);
  const values = numbers(json, 'split_conditions', where, nodes);
  const defaultLeft = numbers(json, 'default_left', where, nodes);
  const splitType = Object.hasOwn(json as object, 'split_type') ? numbers(json, 'split_type', where, nodes) : [];
  const tree: Tree = {
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    feature: new Uint32Array(nodes),
    value: Float32Array.from(values),
    defaultLeft: Uint8Array.from(defaultLeft, (d) => (d ? 1 : 0)),
  };
  // Walk from the root: every node reached once (no cycle, no shared child), indices in range, depth bounded.
  const seen = new Uint8Array(nodes);
  const stack: Array<[number, number]> = [[0, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop() as [number, number];
    if (seen[node]) throw new ModelFormatError(`${where}: node ${node} is reached twice (a cycle or a shared child)`);
    seen[node] = 1;
    if (depth > MODEL_LIMITS.depth) throw new ModelFormatError(`${where} is deeper than ${MODEL_LIMITS.depth}`);
    const l = left[node] as number;
    const r = right[node] as number;
    if (l === -1 && r === -1) continue;
    if (splitType[node] === 1) throw new ModelFormatError(`${where}: node ${node} is a categorical split, which the gateway does not evaluate`);
    for (const child of [l, r]) {
      if (!Number.isInteger(child) || child < 1 || child >= nodes)
        throw new ModelFormatError(`${where}: node ${node} has child ${child}, outside 1..${nodes - 1}`);
    }
    const feature = features[node] as number;
    if (!Number.isInteger(feature) || feature < 0 || feature >= featureCount) {
      throw new ModelFormatError(`${where}: node ${node} splits on feature ${feature}, outside 0..${featureCount - 1}`);
    }
    tree.feature[node] = feature;
    stack.push([l, depth + 1], [r, depth + 1]);
  }
  return tree;
}
