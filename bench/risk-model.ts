/**
 * The trained model's quality bar and figures (issue 25): `npm run bench:risk`.
 * A year of synthetic history the tests never use (seed 20260101, 120,000 declarations, drift
 * from 1 July), trained on January to September and back-tested on October to December.
 * precision@5% and revenue@5% of: random selection, a unit-value rule, the anchor (XGBoost, 300
 * trees of depth 6 on the anchor features, trained in this run on the same rows) and the
 * gateway's model; the run exits 1 when the model falls below 0.95 of the anchor on either.
 * Then training time and back-test rate on all 120,000 rows, and the per-declaration scoring
 * cost (3 goods items) against a baseline of the same run: computing the features alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { HistoryRow } from '../src/risk/history.js';
import { selectionFigures, unitValueRule } from '../src/risk/model/backtest.js';
import { FeatureScorer, fitFeatureTables } from '../src/risk/model/features.js';
import { loadRiskModel } from '../src/risk/model/model-directory.js';
import { SeededRandom } from '../src/risk/model/random.js';
import { syntheticHistory } from '../src/risk/model/synthetic-history.js';
import { ANCHOR_TRAINING, DEFAULT_TRAINING, trainRiskModel } from '../src/risk/model/train.js';

const SHARE = 0.05;
const BAR = 0.95;
const work = mkdtempSync(join(tmpdir(), 'swgate-bench-risk-'));
const history = syntheticHistory({ rows: 120_000, seed: 20260101, from: '2025-01-01' });
const training = history.filter((r) => r.date < '2025-10-01');
const backtest = history.filter((r) => r.date >= '2025-10-01');
console.log(`history: ${history.length} declarations, ${training.length} trained on (Jan–Sep), ${backtest.length} back-tested (Oct–Dec)`);

async function trained(name: string, rows: readonly HistoryRow[], options = DEFAULT_TRAINING) {
  const dir = join(work, name);
  const start = performance.now();
  await trainRiskModel(rows, dir, options);
  return { model: loadRiskModel(dir), seconds: (performance.now() - start) / 1000 };
}

const anchor = await trained('anchor', training, ANCHOR_TRAINING);
const ours = await trained('ours', training);
const random = new SeededRandom(99);
const rule = unitValueRule(training);
const figures = {
  random: selectionFigures(
    backtest,
    backtest.map(() => random.next()),
    SHARE,
  ),
  'unit-value rule': selectionFigures(backtest, backtest.map(rule), SHARE),
  'anchor (XGBoost 300×6, anchor features)': selectionFigures(backtest, backtest.map(anchor.model.score), SHARE),
  'swgate model': selectionFigures(backtest, backtest.map(ours.model.score), SHARE),
};
for (const [name, f] of Object.entries(figures)) console.log(`${name.padEnd(42)} precision@5% ${f.precision.toFixed(3)}  revenue@5% ${f.revenue.toFixed(3)}`);
const precisionRatio = figures['swgate model'].precision / figures['anchor (XGBoost 300×6, anchor features)'].precision;
const revenueRatio = figures['swgate model'].revenue / figures['anchor (XGBoost 300×6, anchor features)'].revenue;
console.log(`swgate/anchor: precision@5% ${precisionRatio.toFixed(3)}, revenue@5% ${revenueRatio.toFixed(3)} (bar ${BAR}, goal > 1)`);

const full = await trained('full', history);
console.log(
  `training on ${history.length} declarations (features, XGBoost ${DEFAULT_TRAINING.trees}×${DEFAULT_TRAINING.depth}, 2 threads): ${full.seconds.toFixed(1)} s (budget 300 s)`,
);
const start = performance.now();
for (const row of history) full.model.score(row);
const seconds = (performance.now() - start) / 1000;
console.log(`back-test of ${history.length} declarations: ${seconds.toFixed(2)} s, ${Math.round(history.length / seconds)} declarations/s (budget 60 s)`);

/** Per declaration of 3 goods items: median and p99 in µs over `declarations` runs. */
function perDeclaration(score: (row: HistoryRow) => unknown, declarations: number): { median: number; p99: number } {
  const times: number[] = [];
  for (let d = 0; d < declarations; d += 1) {
    const at = (d * 3) % (backtest.length - 3);
    const begin = performance.now();
    for (let item = 0; item < 3; item += 1) score(backtest[at + item] as HistoryRow);
    times.push((performance.now() - begin) * 1000);
  }
  times.sort((a, b) => a - b);
  return { median: times[times.length >> 1] as number, p99: times[Math.floor(times.length * 0.99)] as number };
}
const featuresOnly = new FeatureScorer(fitFeatureTables(training, 'full'));
const buffer = new Float64Array(featuresOnly.names.length);
perDeclaration((row) => featuresOnly.features(row, buffer), 5000);
const baseline = perDeclaration((row) => featuresOnly.features(row, buffer), 20_000);
const scoring = perDeclaration(ours.model.score, 20_000);
console.log(`baseline, features alone per declaration (3 items): median ${baseline.median.toFixed(1)} µs, p99 ${baseline.p99.toFixed(1)} µs`);
console.log(
  `scoring per declaration (3 items, features + ${DEFAULT_TRAINING.trees} trees): median ${scoring.median.toFixed(1)} µs, p99 ${scoring.p99.toFixed(1)} µs (${(scoring.median / baseline.median).toFixed(1)}× the baseline)`,
);
rmSync(work, { recursive: true, force: true });
if (precisionRatio < BAR || revenueRatio < BAR) {
  console.log(`FAIL: the model is below ${BAR} of the anchor`);
  process.exitCode = 1;
}
