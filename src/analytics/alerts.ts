/**
 * Alerts: the weekly cells (origin × commodity at 2, 4 and 6 digits) that break from their own
 * baseline: a surge or drop in declarations or in customs value, a shift in unit value
 * (ANALYTICS.md, "Alerts: the method").
 *
 * - Baseline: the median of the cell's 26 weeks before (weeks without trade count as zero), its
 *   spread the interquartile range (÷1.349, a standard deviation under normality), floored by the noise a
 *   count of that size has anyway (Poisson, with the expectation's own error), so a quiet cell
 *   is not a hair trigger. Values are compared in logs: they are heavy-tailed, and a value
 *   break is tested only where both the week and its expectation hold enough goods items.
 * - Seasonality: where the cell has 80 weeks of history, the expectation is scaled by last
 *   year's same three weeks against the median of the 26 weeks before them (clamped to ½…2).
 * - Minimum volume: a cell-week is tested only when it or its expectation reaches 5 goods
 *   items, and a break must be large as well as unlikely (±50 % in count or value, ±25 %
 *   in unit value).
 * - Multiple testing: every test in the range counts; Benjamini–Hochberg keeps the false
 *   discovery rate at 1 %.
 */
import type { DuckDBInstance } from '@duckdb/node-api';
import type { DateRange } from './parameters.js';
import { readRows } from './read.js';
import { type AnalyticsScope, minimumCell, scopedItems, scopeValues } from './scope.js';

export const ALERT_KINDS = ['count-surge', 'count-drop', 'value-surge', 'value-drop', 'unit-value-shift'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface Alert {
  kind: AlertKind;
  origin: string;
  commodity: string;
  /** ISO week, e.g. 2025-W28. */
  period: string;
  observed: number;
  expected: number;
  /** How far from the baseline, in robust standard deviations: the ranking. */
  score: number;
}

export const MAX_ALERTS = 1000;
const BASELINE_WEEKS = 26;
/** Baseline weeks, last year's three weeks around the same one, and the baseline before those. */
const HISTORY_WEEKS = 80;
const MIN_WEEKLY_ITEMS = 5;
const MIN_BASELINE_WEEKS = 8;
const FALSE_DISCOVERY_RATE = 0.01;
/**
 * Item values are heavy-tailed (log-normal): their coefficient of variation is well above 1, so
 * a week's value is steady only with many items. The floor of a weekly value's spread, in logs,
 * is this over the square root of its items.
 */
const ITEM_VALUE_SPREAD = 1.5;
/** The same for a week's median unit value: items of one subheading vary in price too. */
const ITEM_PRICE_SPREAD = 0.5;
/** A narrower code within this fraction of a wider one's score tells the same break better. */
const SAME_STRENGTH = 0.9;
/** Candidates below this are never significant after the correction; they are not fetched. */
const CANDIDATE_SCORE = 3;

interface Candidate extends Alert {
  /** The week's Monday, YYYY-MM-DD. */
  week: string;
  digits: number;
  tests: number;
  declarations: number;
}

/** The alerts of the weeks in `range` that have ended by `now` (a week still running would read as a drop). */
export async function alerts(instance: DuckDBInstance, scope: AnalyticsScope, range: DateRange, now: Date): Promise<{ alerts: Alert[]; suppressed: number }> {
  const minimum = minimumCell(scope);
  const start = new Date(Date.parse(range.from) - HISTORY_WEEKS * 7 * 86_400_000).toISOString().slice(0, 10);
  const candidates = await readRows<Candidate>(
    instance,
    `WITH ${scopedItems(scope)},
     -- One pass over the items at the subheading, then rolled up to heading and chapter.
     subheadings AS (
       SELECT origin, left(commodity, 6) AS commodity, date_trunc('week', date)::DATE AS week,
              count(*)::DOUBLE AS n, coalesce(sum(value), 0) AS value, median(value / mass) FILTER (mass > 0) AS uv
       FROM scoped
       WHERE date BETWEEN $start::DATE AND $to::DATE AND origin IS NOT NULL AND commodity IS NOT NULL
       GROUP BY ALL
     ),
     weekly AS (
       SELECT origin, left(commodity, d.digits) AS commodity, d.digits, week, sum(n) AS n, sum(value) AS value,
              -- Unit values compare like with like only within a subheading.
              any_value(uv) FILTER (d.digits = 6) AS uv
       FROM subheadings, (VALUES (2), (4), (6)) d(digits)
       WHERE length(commodity) >= d.digits
       GROUP BY ALL
     ),
     active AS (
       SELECT origin, commodity, digits, min(week) AS first_week FROM weekly GROUP BY ALL HAVING max(n) >= ${MIN_WEEKLY_ITEMS}
     ),
     weeks AS (SELECT unnest(generate_series(date_trunc('week', $start::DATE), $to::DATE, INTERVAL 7 DAY))::DATE AS week),
     dense AS (
       SELECT a.origin, a.commodity, a.digits, w.week, coalesce(x.n, 0) AS n, coalesce(x.value, 0) AS value, x.uv
       FROM active a JOIN weeks w ON w.week >= a.first_week
       LEFT JOIN weekly x ON x.origin = a.origin AND x.commodity = a.commodity AND x.digits = a.digits AND x.week = w.week
     ),
     windows AS (
       SELECT *,
         count(*) OVER recent AS weeks_before,
         quantile_cont(n, [0.25, 0.5, 0.75]) OVER recent AS qn,
         quantile_cont(ln(greatest(value, 1)), [0.25, 0.5, 0.75]) OVER recent AS qv,
         quantile_cont(ln(uv), [0.25, 0.5, 0.75]) OVER recent AS qu, count(uv) OVER recent AS uv_weeks,
         avg(n) OVER last_year AS n_ly, median(n) OVER before_last_year AS n_bly,
         avg(value) OVER last_year AS v_ly, median(value) OVER before_last_year AS v_bly,
         count(*) OVER before_last_year AS weeks_bly
       FROM dense
       WINDOW recent AS (PARTITION BY origin, commodity, digits ORDER BY week ROWS BETWEEN ${BASELINE_WEEKS} PRECEDING AND 1 PRECEDING),
              last_year AS (PARTITION BY origin, commodity, digits ORDER BY week ROWS BETWEEN 53 PRECEDING AND 51 PRECEDING),
              before_last_year AS (PARTITION BY origin, commodity, digits ORDER BY week ROWS BETWEEN 79 PRECEDING AND 54 PRECEDING)
     ),
     -- The median, and the interquartile range over 1.349: a standard deviation under normality, robust to outliers.
     baseline AS (
       SELECT *, qn[2] AS n_med, (qn[3] - qn[1]) / 1.349 AS n_sd, exp(qv[2]) AS v_med, (qv[3] - qv[1]) / 1.349 AS lv_sd,
              exp(qu[2]) AS uv_med, (qu[3] - qu[1]) / 1.349 AS luv_sd
       FROM windows WHERE week BETWEEN $from::DATE AND $to::DATE
     ),
     expected AS (
       SELECT *,
         n_med * CASE WHEN weeks_bly = 26 AND n_bly > 0 THEN least(2, greatest(0.5, n_ly / n_bly)) ELSE 1 END AS n_exp,
         v_med * CASE WHEN weeks_bly = 26 AND v_bly > 0 THEN least(2, greatest(0.5, v_ly / v_bly)) ELSE 1 END AS v_exp
       FROM baseline WHERE week + INTERVAL 7 DAY <= $today::DATE AND weeks_before >= ${MIN_BASELINE_WEEKS}
     ),
     tests AS (
       SELECT origin, commodity, digits, week, n,
         CASE WHEN greatest(n, n_exp) >= ${MIN_WEEKLY_ITEMS} THEN
           (n - n_exp) / greatest(n_sd, sqrt(1.5 * greatest(n_exp, 1))) END AS z_n,
         CASE WHEN least(n, n_exp) >= ${MIN_WEEKLY_ITEMS} AND v_exp > 0 THEN
           ln(value / v_exp) / greatest(lv_sd, ${ITEM_VALUE_SPREAD} / sqrt(least(n, n_exp))) END AS z_v,
         CASE WHEN n >= ${MIN_WEEKLY_ITEMS} AND uv > 0 AND uv_weeks >= ${MIN_BASELINE_WEEKS} AND uv_med > 0 THEN
           ln(uv / uv_med) / greatest(luv_sd, ${ITEM_PRICE_SPREAD} / sqrt(n)) END AS z_uv,
         n_exp, value, v_exp, uv, uv_med
       FROM expected
     ),
     counted AS (
       SELECT *, (count(z_n) OVER () + count(z_v) OVER () + count(z_uv) OVER ())::INTEGER AS tests FROM tests
     ),
     broken AS (
       SELECT CASE WHEN z_n > 0 THEN 'count-surge' ELSE 'count-drop' END AS kind, origin, commodity, digits, week,
              n AS observed, n_exp AS expected, abs(z_n) AS score, tests, n AS items
       FROM counted WHERE abs(z_n) >= ${CANDIDATE_SCORE} AND (abs(n / nullif(n_exp, 0) - 1) >= 0.5) IS NOT false
       UNION ALL
       SELECT CASE WHEN z_v > 0 THEN 'value-surge' ELSE 'value-drop' END, origin, commodity, digits, week, value, v_exp, abs(z_v), tests, n
       FROM counted WHERE abs(z_v) >= ${CANDIDATE_SCORE} AND (abs(value / nullif(v_exp, 0) - 1) >= 0.5) IS NOT false
       UNION ALL
       SELECT 'unit-value-shift', origin, commodity, digits, week, uv, uv_med, abs(z_uv), tests, n
       FROM counted WHERE abs(z_uv) >= ${CANDIDATE_SCORE} AND abs(uv / uv_med - 1) >= 0.25
     )
     SELECT kind, origin, commodity, digits, strftime(week, '%G-W%V') AS period, strftime(week, '%Y-%m-%d') AS week,
            observed, expected, score, tests,
            ${
              // Only a scope with a minimum cell count needs the declarations under each break.
              minimum > 1
                ? `(SELECT count(DISTINCT declaration) FROM scoped s
                    WHERE s.origin = b.origin AND starts_with(s.commodity, b.commodity) AND date_trunc('week', s.date)::DATE = b.week)::INTEGER`
                : 'items'
            } AS declarations
     FROM broken b ORDER BY score DESC, kind, origin, commodity, period`,
    { ...scopeValues(scope), start, from: range.from, to: range.to, today: now.toISOString().slice(0, 10) },
  );
  const significant = falseDiscoveryControlled(candidates, candidates[0]?.tests ?? 0);
  const shown = significant.filter((c) => c.declarations >= minimum);
  return { alerts: bestLength(firstOfRuns(shown)).slice(0, MAX_ALERTS), suppressed: significant.length - shown.length };
}

/** Benjamini–Hochberg over all `tests`: the candidates (sorted by score, strongest first) that stay significant. */
function falseDiscoveryControlled(sorted: Candidate[], tests: number): Candidate[] {
  let keep = 0;
  sorted.forEach((c, i) => {
    if (twoSidedP(c.score) <= ((i + 1) * FALSE_DISCOVERY_RATE) / tests) keep = i + 1;
  });
  return sorted.slice(0, keep);
}

/**
 * A shift that lasts breaks from the baseline week after week until the baseline takes it in:
 * it is one alert, in the week it began, scored as its strongest week. Returns them strongest first.
 */
function firstOfRuns(sorted: Candidate[]): Candidate[] {
  const byCell = new Map<string, Candidate[]>();
  for (const c of sorted) {
    const key = `${c.kind}|${c.origin}|${c.commodity}`;
    byCell.set(key, [...(byCell.get(key) ?? []), c]);
  }
  const runs: Candidate[] = [];
  for (const cell of byCell.values()) {
    cell.sort((a, b) => a.week.localeCompare(b.week));
    let run: Candidate | undefined;
    let last = '';
    for (const c of cell) {
      // A few quiet weeks inside a run do not end it: the shift is still the one that began it.
      if (run && Date.parse(c.week) - Date.parse(last) <= 28 * 86_400_000) run.score = Math.max(run.score, c.score);
      else {
        run = { ...c };
        runs.push(run);
      }
      last = c.week;
    }
  }
  return runs.sort((a, b) => b.score - a.score);
}

/**
 * A break shows at every code length that contains it; each is told once, at the length where
 * it scores highest (a surge in one heading dilutes in its chapter; noise in a subheading is
 * steadied in its heading).
 */
function bestLength(sorted: Candidate[]): Alert[] {
  const kept: Candidate[] = [];
  for (const c of sorted) {
    const same = kept.findIndex(
      (k) =>
        k.kind === c.kind && k.origin === c.origin && k.period === c.period && (k.commodity.startsWith(c.commodity) || c.commodity.startsWith(k.commodity)),
    );
    const k = kept[same];
    if (!k) kept.push(c);
    // Nearly as strong and more precise: the narrower code says more (a chapter that is all one subheading scores the same).
    else if (c.commodity.length > k.commodity.length && c.score >= SAME_STRENGTH * k.score) kept[same] = c;
  }
  return kept
    .sort((a, b) => b.score - a.score)
    .map(
      ({ kind, origin, commodity, period, observed, expected, score }): Alert => ({
        kind,
        origin,
        commodity,
        period,
        observed: round(observed),
        expected: round(expected),
        score: round(score),
      }),
    );
}

const round = (n: number) => Math.round(n * 100) / 100;

/** P(|Z| ≥ z) for a standard normal Z (erfc by Abramowitz and Stegun 7.1.26; error below 1.5e-7). */
function twoSidedP(z: number): number {
  const x = z / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return poly * Math.exp(-x * x);
}
