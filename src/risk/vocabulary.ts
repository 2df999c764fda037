import type { Store } from '../store/exchanges.js';
import type { ItemFacts } from './fact-names.js';
import type { ScoringRow } from './history.js';

/** Lanes in order of severity: a declaration's lane is the most severe of its goods items'. */
export const LANES = ['green', 'yellow', 'red'] as const;
export type Lane = (typeof LANES)[number];

/** What a control found (POST /v1/exchanges/{id}/control-results; a partner customs' control of an export). */
export const CONTROL_OUTCOMES = ['compliant', 'discrepancy'] as const;
export type ControlOutcome = (typeof CONTROL_OUTCOMES)[number];

/**
 * A trained model as the ingest path uses it: one score in [0, 1] per goods item (higher is
 * riskier). `version` is recorded with every decision it took part in.
 */
export interface RiskScorer {
  readonly version: string;
  score(row: ScoringRow): number;
}

/**
 * What mutual recognition adds to a declaration's facts, read in the exchange's own write batch
 * (`transaction`), so that a status received before a declaration's 202 counts for it.
 */
export interface MutualRecognition {
  /**
   * The ids among `operators` that hold a valid AEO authorisation at `at`: in customs' own
   * register, or granted by a partner customs with which an arrangement is configured (and not
   * suspended or revoked since).
   */
  aeoHolders(transaction: Store, operators: readonly string[], at: Date): Promise<Set<string>>;
  /**
   * The partner customs' control outcome of the exports an import matches, by the export's
   * reference as the import cites it (its MRN as PreviousDocument/ID, or the UCR), when that
   * result has reached the gateway.
   */
  partnerControls(transaction: Store, exportReferences: readonly string[]): Promise<Map<string, ControlOutcome>>;
}

/** A profile that selected a goods item (`item`: its index among the declaration's items). */
export interface ProfileHit {
  profile: string;
  version: number;
  owner: string;
  lane: Lane;
  instruction?: string;
  item: number;
}

/** Every owner's current profiles, compiled once: evaluated on each declaration at ingest. */
export interface ProfileSet {
  /** Changes whenever any profile changes: recorded with each decision. */
  readonly version: string;
  evaluate(items: readonly ItemFacts[], exchangeId: string, at: Date): ProfileHit[];
}
