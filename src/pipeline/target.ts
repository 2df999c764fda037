/**
 * Targeting at ingest: the one decision per declaration (risk/decide.ts), taken inside the
 * exchange's own write batch and stored with it, so a refused document leaves no decision and a
 * profile or AEO status committed before the 202 counts. What it adds to the exchange: the
 * decision row, one decision document per agency the exchange is routed to (only that agency
 * and customs read it: store/visibility.ts), and a provenance record that commits to the
 * decision without revealing it (SECURITY.md, "Targeting is confidential").
 */
import { randomHex } from '../random-bytes.js';
import type { AnalyticsFacts } from '../analytics/risk-facts.js';
import { canonicalJson } from '../canonical-json.js';
import { linkFindingsWith } from '../ecommerce/links.js';
import { GATEWAY_ID } from '../gateway-id.js';
import { sha256Hex } from '../hashing.js';
import type { RecordInput } from '../provenance/record.js';
import { type Decision, decide, decisionDocumentName, ownersDecision, profileHitsOf, type ScoreBands } from '../risk/decide.js';
import { partyHistories, writeDecision } from '../risk/decisions.js';
import { writeProfileHits } from '../risk/profiles/store.js';
import { type DeclarationRisk, type FactContext, itemFactsOf, NO_CONTEXT, type PartyHistories, partiesOf, scoringRowsOf } from '../risk/facts.js';
import type { MutualRecognition, ProfileSet, RiskScorer } from '../risk/vocabulary.js';
import type { DocumentRow } from '../store/exchange-tables.js';
import type { Store } from '../store/exchanges.js';

export interface TargetDeps {
  /** Every owner's current profiles, read in the write batch's transaction (risk/profiles/current.ts). */
  profiles: (transaction: Store) => Promise<ProfileSet>;
  scorer?: RiskScorer | undefined;
  scoreBands: ScoreBands;
  mutualRecognition?: MutualRecognition | undefined;
  /** The participants (customs and PGAs) that receive their own decision with their delivery. */
  agencies: ReadonlySet<string>;
  /** The analytics store's current snapshot, in the process that holds the store (runtime/analytics.ts); else its facts are null. */
  analyticsFacts?: (() => AnalyticsFacts | undefined) | undefined;
}

/** Read before the write batch: the parties' history (one statement), so the batch waits on nothing more for it. */
export function historyFor(store: Store, risk: DeclarationRisk | undefined): Promise<PartyHistories> {
  return risk ? partyHistories(store, partiesOf(risk)) : Promise.resolve(new Map());
}

export interface Targeted {
  decision: Decision;
  documents: DocumentRow[];
  records: RecordInput[];
}

/**
 * Decides on the declaration and stores the decision with `transaction` (the exchange's, from
 * writeInBatch); hands back the documents and provenance records ingest adds to the exchange's.
 */
export async function target(
  transaction: Store,
  deps: TargetDeps,
  risk: DeclarationRisk,
  exchange: { id: string; receivedAt: string; destinations: readonly string[]; history: PartyHistories },
): Promise<Targeted> {
  const at = new Date(exchange.receivedAt);
  const context = await contextOf(transaction, deps, risk, exchange, at);
  const profiles = await deps.profiles(transaction);
  const decision = decide(
    { profiles, scorer: deps.scorer, scoreBands: deps.scoreBands },
    itemFactsOf(risk, context),
    scoringRowsOf(exchange.id, exchange.receivedAt, risk.items),
    exchange.id,
    at,
  );
  const salt = randomHex(32);
  await writeProfileHits(transaction, exchange.id, profileHitsOf(decision));
  writeDecision(
    transaction,
    {
      exchange_id: exchange.id,
      lane: decision.lane,
      score: decision.score,
      model_version: decision.model,
      hits: JSON.stringify(decision.hits),
      decided_at: exchange.receivedAt,
      profiles_version: decision.profilesVersion,
      commitment_salt: salt,
    },
    partiesOf(risk).map((p) => ({ exchange_id: exchange.id, ...p })),
  );
  // An agency that selected nothing is sent no decision: most declarations make no document at all.
  const owners = new Set(decision.hits.map((h) => h.owner));
  const documents = exchange.destinations
    .filter((d) => deps.agencies.has(d) && owners.has(d))
    .map((agency): DocumentRow => {
      const content = JSON.stringify({ exchangeId: exchange.id, ...ownersDecision(decision, agency) });
      return {
        exchange_id: exchange.id,
        name: decisionDocumentName(agency),
        media_type: 'application/json',
        sha256: sha256Hex(content),
        content,
        created_at: exchange.receivedAt,
      };
    });
  const record: RecordInput = {
    exchangeId: exchange.id,
    event: 'targeted',
    time: at,
    entity: { contentSha256: decisionCommitment(decision, salt), name: 'decision' },
    agent: { participant: GATEWAY_ID },
  };
  return { decision, documents, records: [record] };
}

/**
 * SHA-256(salt ‖ canonical JSON of the decision): binds the log to the decision taken, and
 * reveals nothing to whoever reads the record (the sender does) without the salt, which is
 * kept with the decision for customs and auditors to open it.
 */
export function decisionCommitment(decision: Decision, salt: string): string {
  return sha256Hex(salt + canonicalJson(decision));
}

async function contextOf(
  transaction: Store,
  deps: TargetDeps,
  risk: DeclarationRisk,
  exchange: { id: string; receivedAt: string; history: PartyHistories },
  at: Date,
): Promise<FactContext> {
  const analytics = deps.analyticsFacts?.();
  // Only a consignment with a tracking number asks, with one statement: a declaration never does.
  const linkFindings = risk.parcel
    ? (await linkFindingsWith(transaction, risk.parcel.source, { ...exchange, sender: risk.parcel.sender })).map((f) => f.code)
    : undefined;
  const known = { history: exchange.history, analytics, ...(linkFindings ? { linkFindings } : {}) };
  const recognition = deps.mutualRecognition;
  if (!recognition) return { ...NO_CONTEXT, ...known };
  const importers = [...new Set(risk.items.flatMap((i) => (i.importer ? [i.importer] : [])))];
  // One connection: asked one after the other.
  const aeoHolders = importers.length > 0 ? await recognition.aeoHolders(transaction, importers, at) : new Set<string>();
  // Only an import that cites an export asks: most cite none.
  const partnerControls = risk.exportReferences.length > 0 ? await recognition.partnerControls(transaction, risk.exportReferences) : new Map();
  return { ...known, aeoHolders, partnerControls };
}
