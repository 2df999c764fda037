/**
 * One targeting decision per declaration: every owner's profiles and the model judge its goods
 * items once, and the declaration's lane is the most severe of its items'. A pure function: the
 * pipeline step (pipeline/target.ts) hands it the facts and stores what it answers.
 */
import type { RiskConfig } from '../config/types.js';
import type { ItemFacts } from './fact-names.js';
import type { ScoringRow } from './history.js';
import { type Lane, LANES, type ProfileHit, type ProfileSet, type RiskScorer } from './vocabulary.js';

/** Score bands per owner (config `risk.scoreBands`), highest `from` first. */
export type ScoreBands = RiskConfig['scoreBands'];

/** The profile id a model selection is recorded under, as a hit of each band's owner. */
const MODEL_PROFILE = 'model';

/** The hits of profiles, without the model's selections (version 0): what a profile's stats count. */
export function profileHitsOf(decision: Decision): ProfileHit[] {
  return decision.hits.filter((h) => !(h.profile === MODEL_PROFILE && h.version === 0));
}

export interface Judges {
  profiles: ProfileSet;
  scorer?: RiskScorer | undefined;
  scoreBands: ScoreBands;
}

export interface Decision {
  lane: Lane;
  hits: ProfileHit[];
  /** The riskiest item's score; null without a model. */
  score: number | null;
  model: string | null;
  profilesVersion: string;
}

export function decide(judges: Judges, items: readonly ItemFacts[], rows: readonly ScoringRow[], exchangeId: string, at: Date): Decision {
  const { scorer } = judges;
  const scores = scorer ? rows.map((row) => clampScore(scorer.score(row))) : [];
  // The score is a fact too: a profile may combine it with others.
  const facts = scorer ? items.map((item, i) => ({ ...item, score: scores[i] ?? null })) : items;
  const hits = [...judges.profiles.evaluate(facts, exchangeId, at), ...bandHits(judges.scoreBands, scores, scorer?.version)];
  return {
    lane: mostSevere(hits.map((h) => h.lane)),
    hits,
    score: scores.length > 0 ? Math.max(...scores) : null,
    model: scorer?.version ?? null,
    profilesVersion: judges.profiles.version,
  };
}

function bandHits(bands: ScoreBands, scores: readonly number[], model: string | undefined): ProfileHit[] {
  if (model === undefined) return [];
  return Object.entries(bands).flatMap(([owner, ownBands]) =>
    scores.flatMap((score, item) => {
      const band = ownBands.find((b) => score >= b.from);
      return band ? [{ profile: MODEL_PROFILE, version: 0, owner, lane: band.lane, instruction: `model ${model} scored ${score.toFixed(3)}`, item }] : [];
    }),
  );
}

/** A scorer's answer outside [0, 1] (or not a number) is the scorer's fault: held to the range, NaN as 0. */
function clampScore(score: number): number {
  return Number.isFinite(score) ? Math.min(1, Math.max(0, score)) : 0;
}

export function mostSevere(lanes: readonly Lane[]): Lane {
  return lanes.reduce<Lane>((worst, lane) => (LANES.indexOf(lane) > LANES.indexOf(worst) ? lane : worst), 'green');
}

/** What one owner is told of the decision: its own hits and lane, and which other owners selected the declaration. */
export interface OwnersDecision {
  owner: string;
  lane: Lane;
  hits: Array<Pick<ProfileHit, 'profile' | 'lane' | 'item'> & { instruction?: string }>;
  /** Other owners whose profiles put the declaration in yellow or red: one joint inspection can be arranged. */
  alsoSelectedBy: string[];
}

export function ownersDecision(decision: Pick<Decision, 'hits'>, owner: string): OwnersDecision {
  const own = decision.hits.filter((h) => h.owner === owner);
  const selecting = new Set(decision.hits.filter((h) => h.lane !== 'green' && h.owner !== owner).map((h) => h.owner));
  return {
    owner,
    lane: mostSevere(own.map((h) => h.lane)),
    hits: own.map((h) => ({ profile: h.profile, lane: h.lane, item: h.item, ...(h.instruction ? { instruction: h.instruction } : {}) })),
    alsoSelectedBy: [...selecting].sort(),
  };
}

const DECISION_DOCUMENT_PREFIX = 'risk-decision-';

/** The document of the exchange that carries an agency's own decision (pipeline/target.ts): only that agency and customs read it. */
export const decisionDocumentName = (agency: string): string => `${DECISION_DOCUMENT_PREFIX}${agency}`;

export const isDecisionDocument = (name: string): boolean => name.startsWith(DECISION_DOCUMENT_PREFIX);
