/**
 * Goods descriptions against declared codes (ANALYTICS.md, "Descriptions"): a multinomial naive
 * Bayes classifier of the HS chapter, trained on the gateway's own history (the analytics
 * `items`: description and declared commodity), over word unigrams and bigrams and the
 * character 4-grams of each word, so that "t-shirt", "tshirts" and "T SHIRT" meet. A declaration
 * is flagged when its description points to another chapter than its code's with a posterior of
 * at least `confidence`, and its own chapter is all but excluded. Plain data in, plain data out:
 * the model is JSON, stored in the analytics store (`description_models`) by whoever trains it.
 */
import { normaliseText } from '../ecommerce/normalise.js';

export interface DescriptionModel {
  trainedAt: string;
  /** Distinct (description, chapter) pairs it learned from, and the goods items they stand for. */
  examples: number;
  items: number;
  chapters: string[];
  /** Log prior per chapter, in `chapters` order. */
  priors: number[];
  /**
   * Per feature, its smoothed log likelihood in the chapters that showed it, as [chapter index,
   * log likelihood] pairs: sparse, since most features belong to a few chapters.
   */
  likelihoods: Record<string, Array<[number, number]>>;
  /** The log likelihood of a feature a chapter never showed, per chapter. */
  unseen: number[];
  /** How it scored on descriptions it did not learn from (measure.ts below); absent for a model trained without hold-out. */
  measured?: DescriptionMeasure;
}

export interface DescriptionMeasure {
  heldOut: number;
  accuracy: number;
  confidence: number;
  planted: number;
  flagged: number;
  precision: number;
  recall: number;
}

export interface LabelledDescription {
  description: string;
  chapter: string;
  /** How many goods items carry this pair. */
  count: number;
}

/** The posterior a flag needs (measured on planted misclassifications: ANALYTICS.md). */
export const FLAG_CONFIDENCE = 0.95;
/** What the declared chapter's own posterior must stay under for the flag. */
const DECLARED_AT_MOST = 0.01;
/** Laplace smoothing; small, as descriptions are short. */
const ALPHA = 0.1;
/** Features seen fewer times are dropped: they are typos and serial numbers, and the model stays small. */
const MIN_FEATURE_COUNT = 2;

/** The features of a description: its words, word pairs and the character 4-grams of each word. */
export function featuresOf(description: string): string[] {
  const words = normaliseText(description).split(' ').filter(Boolean);
  const features: string[] = [];
  words.forEach((word, i) => {
    features.push(`w:${word}`);
    if (i > 0) features.push(`b:${words[i - 1]} ${word}`);
    const padded = `_${word}_`;
    for (let at = 0; at + 4 <= padded.length; at++) features.push(`c:${padded.slice(at, at + 4)}`);
  });
  return features;
}

export const chapterOf = (commodity: string): string => commodity.slice(0, 2);

export function trainDescriptionModel(examples: readonly LabelledDescription[], trainedAt: Date): DescriptionModel {
  const chapters = [...new Set(examples.map((e) => e.chapter))].sort();
  const index = new Map(chapters.map((c, i) => [c, i]));
  const docs = new Array<number>(chapters.length).fill(0);
  const totals = new Array<number>(chapters.length).fill(0);
  const counts = new Map<string, number[]>();
  let items = 0;
  for (const example of examples) {
    const c = index.get(example.chapter) as number;
    docs[c] = (docs[c] as number) + example.count;
    items += example.count;
    for (const feature of featuresOf(example.description)) {
      const perChapter = counts.get(feature) ?? new Array<number>(chapters.length).fill(0);
      perChapter[c] = (perChapter[c] as number) + example.count;
      counts.set(feature, perChapter);
    }
  }
  const kept = [...counts].filter(([, perChapter]) => perChapter.reduce((a, b) => a + b, 0) >= MIN_FEATURE_COUNT);
  for (const [, perChapter] of kept) {
    for (let c = 0; c < perChapter.length; c++) totals[c] = (totals[c] as number) + (perChapter[c] as number);
  }
  const denominators = totals.map((t) => Math.log(t + ALPHA * kept.length));
  return {
    trainedAt: trainedAt.toISOString(),
    examples: examples.length,
    items,
    chapters,
    priors: docs.map((d) => Math.log(d / items)),
    likelihoods: Object.fromEntries(
      kept.map(([feature, perChapter]) => [
        feature,
        perChapter.flatMap((n, c): Array<[number, number]> => (n > 0 ? [[c, Math.log(n + ALPHA) - (denominators[c] as number)]] : [])),
      ]),
    ),
    unseen: denominators.map((d) => Math.log(ALPHA) - d),
  };
}

/** The posterior of every chapter the model knows, for one description. */
export function chapterPosteriors(model: DescriptionModel, description: string): Map<string, number> {
  const scores = [...model.priors];
  let known = 0;
  for (const feature of featuresOf(description)) {
    const likelihood = model.likelihoods[feature];
    if (!likelihood) continue;
    known++;
    for (const [c, logLikelihood] of likelihood) scores[c] = (scores[c] as number) + logLikelihood - (model.unseen[c] as number);
  }
  // A description of words the model never saw points nowhere: the priors alone never flag it.
  if (known === 0) return new Map();
  // Every known feature counts as unseen in the chapters that never showed it.
  for (let c = 0; c < scores.length; c++) scores[c] = (scores[c] as number) + known * (model.unseen[c] as number);
  const top = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - top));
  const sum = exp.reduce((a, b) => a + b, 0);
  return new Map(model.chapters.map((chapter, c) => [chapter, (exp[c] as number) / sum]));
}

export interface DescriptionMismatch {
  /** The chapter the description points to. */
  suggested: string;
  confidence: number;
}

/** The chapter `description` points to instead of the declared `commodity`'s, when it does so with confidence. */
export function descriptionMismatch(
  model: DescriptionModel,
  description: string,
  commodity: string,
  confidence = FLAG_CONFIDENCE,
): DescriptionMismatch | undefined {
  const posteriors = chapterPosteriors(model, description);
  let best: DescriptionMismatch | undefined;
  for (const [chapter, p] of posteriors) if (!best || p > best.confidence) best = { suggested: chapter, confidence: p };
  if (!best || best.suggested === chapterOf(commodity) || best.confidence < confidence) return undefined;
  // A chapter the model never learned is not contradicted by it.
  if (!posteriors.has(chapterOf(commodity)) || (posteriors.get(chapterOf(commodity)) as number) > DECLARED_AT_MOST) return undefined;
  return best;
}

/** A stable split: one description is on one side only, however often it repeats. */
function heldOut(description: string): boolean {
  let h = 2166136261;
  for (let i = 0; i < description.length; i++) h = Math.imul(h ^ description.charCodeAt(i), 16777619);
  return (h >>> 0) % 5 === 0;
}

/**
 * Trains on four fifths of the descriptions and measures on the fifth it did not see: top-1
 * chapter accuracy, then, after giving every tenth held-out description another chapter's code
 * (the next chapter the model knows), the precision and recall of the flags at `confidence`.
 */
export function measureDescriptionModel(examples: readonly LabelledDescription[], trainedAt: Date, confidence = FLAG_CONFIDENCE): DescriptionMeasure {
  const test = examples.filter((e) => heldOut(e.description));
  const model = trainDescriptionModel(
    examples.filter((e) => !heldOut(e.description)),
    trainedAt,
  );
  let right = 0;
  let planted = 0;
  let flagged = 0;
  let flaggedPlanted = 0;
  test.forEach((example, i) => {
    const posteriors = chapterPosteriors(model, example.description);
    const predicted = [...posteriors].reduce<[string, number] | undefined>((a, b) => (!a || b[1] > a[1] ? b : a), undefined)?.[0];
    if (predicted === example.chapter) right++;
    const plant = i % 10 === 0 && model.chapters.length > 1;
    const declared = plant ? (model.chapters[(model.chapters.indexOf(example.chapter) + 1) % model.chapters.length] as string) : example.chapter;
    if (plant) planted++;
    if (descriptionMismatch(model, example.description, declared, confidence)) {
      flagged++;
      if (plant) flaggedPlanted++;
    }
  });
  return {
    heldOut: test.length,
    accuracy: test.length === 0 ? 0 : right / test.length,
    confidence,
    planted,
    flagged,
    precision: flagged === 0 ? 1 : flaggedPlanted / flagged,
    recall: planted === 0 ? 0 : flaggedPlanted / planted,
  };
}
