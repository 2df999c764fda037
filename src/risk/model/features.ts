import type { HistoryRow, ScoringRow } from '../history.js';

/**
 * The model's features, one module for training and scoring so that the gateway scores exactly
 * what was trained. `anchor` is the reference set (row values, the code's median unit
 * value, smoothed target encodings with log counts); `full` adds the code's normal unit value
 * and price per kilogram, the tax rate against the code's, a recent (last 90 days of training)
 * origin-by-chapter encoding that follows drift, and relationship features over the bipartite
 * importer–declarant graph (parties linked through shared declarants to parties with discrepancies).
 * Everything learnt from outcomes is computed out-of-fold on training rows and frozen in the
 * model directory (features.json) for scoring.
 */
export const FEATURE_SETS = ['anchor', 'full'] as const;
export type FeatureSet = (typeof FEATURE_SETS)[number];

const ENCODED_KEYS = ['importer', 'declarant', 'origin', 'office', 'tariffCode', 'chapter', 'originChapter'] as const;
type EncodedKey = (typeof ENCODED_KEYS)[number] | 'originChapterRecent';

const ANCHOR_FEATURES = [
  'logCifValue',
  'logGrossMass',
  'logQuantity',
  'logUnitValue',
  'logUnitValueOverCodeMedian',
  'taxesOverCif',
  ...ENCODED_KEYS.flatMap((key) => [`${key}Rate`, `${key}LogCount`]),
];
const FULL_FEATURES = [
  ...ANCHOR_FEATURES,
  'codeLogMedianUnitValue',
  'logValuePerKgOverCodeMedian',
  'taxRateOverCodeMedian',
  'originChapterRecentRate',
  'originChapterRecentLogCount',
  'linkOffenderShare',
  'declarantOffenderShare',
  'offenderDistance',
  'linkDiscrepancyRate',
];

export function featureNames(set: FeatureSet): readonly string[] {
  return set === 'anchor' ? ANCHOR_FEATURES : FULL_FEATURES;
}

/** How many discrepancy-free declarations' worth of the overall rate a target encoding starts from. */
const SMOOTHING = 20;
/** The recent encoding covers this many days before the last training day. */
const RECENT_DAYS = 90;
/** A graph distance past this many hops counts as "no offender reachable". */
const FAR = 6;

/** [declarations, discrepancies] */
type Tally = [number, number];

/** What scoring needs, frozen from training: JSON in the model directory's features.json. */
export interface FeatureTables {
  format: 'swgate-risk-features/1';
  featureSet: FeatureSet;
  prior: number;
  encodings: Record<EncodedKey, Record<string, Tally>>;
  /** tariff code → [median unit value, median value per kg, median taxes over CIF] */
  codeMedians: Record<string, [number, number, number]>;
  globalMedians: [number, number, number];
  /** [importer, declarant, declarations, discrepancies]: the importer–declarant graph with outcomes. */
  links: Array<[string, string, number, number]>;
}

function keyOf(row: ScoringRow, key: EncodedKey): string {
  switch (key) {
    case 'importer':
      return row.importerId;
    case 'declarant':
      return row.declarantId;
    case 'origin':
      return row.country;
    case 'office':
      return row.officeId;
    case 'tariffCode':
      return row.tariffCode;
    case 'chapter':
      return row.tariffCode.slice(0, 2);
    case 'originChapter':
    case 'originChapterRecent':
      return `${row.country}:${row.tariffCode.slice(0, 2)}`;
  }
}

const unitValue = (row: ScoringRow) => (row.quantity > 0 ? row.cifValue / row.quantity : Number.NaN);
const valuePerKg = (row: ScoringRow) => (row.grossWeight > 0 ? row.cifValue / row.grossWeight : Number.NaN);
const taxRate = (row: ScoringRow) => (row.cifValue > 0 ? row.totalTaxes / row.cifValue : Number.NaN);

function median(values: number[]): number {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length === 0) return Number.NaN;
  const middle = finite.length >> 1;
  return finite.length % 2 ? (finite[middle] as number) : ((finite[middle - 1] as number) + (finite[middle] as number)) / 2;
}

/** The label-free part of the tables: medians per tariff code. */
function codeMedians(rows: readonly ScoringRow[]): Pick<FeatureTables, 'codeMedians' | 'globalMedians'> {
  const byCode = new Map<string, ScoringRow[]>();
  for (const row of rows) {
    const list = byCode.get(row.tariffCode);
    if (list) list.push(row);
    else byCode.set(row.tariffCode, [row]);
  }
  // Keyed by values from the history file: no prototype, so "__proto__" is a tariff code like any other.
  const medians: Record<string, [number, number, number]> = Object.create(null);
  for (const [code, list] of byCode) medians[code] = [median(list.map(unitValue)), median(list.map(valuePerKg)), median(list.map(taxRate))];
  return { codeMedians: medians, globalMedians: [median(rows.map(unitValue)), median(rows.map(valuePerKg)), median(rows.map(taxRate))] };
}

function tallies(rows: readonly HistoryRow[], recentFrom: string): Pick<FeatureTables, 'encodings' | 'links' | 'prior'> {
  const encodings = Object.fromEntries([...ENCODED_KEYS, 'originChapterRecent'].map((k) => [k, Object.create(null)])) as FeatureTables['encodings'];
  const links = new Map<string, [string, string, number, number]>();
  let discrepancies = 0;
  for (const row of rows) {
    const bad = row.illicit === 1 ? 1 : 0;
    discrepancies += bad;
    for (const key of ENCODED_KEYS) add(encodings[key], keyOf(row, key), bad);
    if (row.date >= recentFrom) add(encodings.originChapterRecent, keyOf(row, 'originChapterRecent'), bad);
    const id = `${row.importerId}\u0000${row.declarantId}`;
    const link = links.get(id) ?? [row.importerId, row.declarantId, 0, 0];
    link[2] += 1;
    link[3] += bad;
    links.set(id, link);
  }
  return { encodings, links: [...links.values()], prior: rows.length ? discrepancies / rows.length : 0 };
}

function add(table: Record<string, Tally>, value: string, bad: number): void {
  const tally = table[value];
  if (tally) {
    tally[0] += 1;
    tally[1] += bad;
  } else table[value] = [1, bad];
}

function recentStart(rows: readonly ScoringRow[]): string {
  let last = '0000-00-00';
  for (const row of rows) if (row.date > last) last = row.date;
  return new Date(Date.parse(`${last}T00:00:00Z`) - RECENT_DAYS * 86_400_000).toISOString().slice(0, 10);
}

/** The tables from every training row: what scoring uses. */
export function fitFeatureTables(rows: readonly HistoryRow[], featureSet: FeatureSet): FeatureTables {
  return { format: 'swgate-risk-features/1', featureSet, ...tallies(rows, recentStart(rows)), ...codeMedians(rows) };
}

/** Which of `folds` folds a training row is in: from its id, so that a row's fold does not depend on order. */
function foldOf(sgdId: string, folds: number): number {
  let hash = 2166136261;
  for (let i = 0; i < sgdId.length; i += 1) hash = Math.imul(hash ^ sgdId.charCodeAt(i), 16777619);
  return (hash >>> 0) % folds;
}

/**
 * The training matrix (rows × features, row-major, float32 as XGBoost reads it), every row's
 * outcome-derived features computed from the other folds' rows only (no row sees its own label).
 * Counts and medians use no outcome, so they come from every row, as at scoring.
 */
export function trainingMatrix(rows: readonly HistoryRow[], featureSet: FeatureSet, folds = 5): Float32Array {
  const width = featureNames(featureSet).length;
  const matrix = new Float32Array(rows.length * width);
  const full = fitFeatureTables(rows, featureSet);
  const recentFrom = recentStart(rows);
  const foldOfRow = rows.map((r) => foldOf(r.sgdId, folds));
  const out = new Float64Array(width);
  for (let fold = 0; fold < folds; fold += 1) {
    const outOfFold = tallies(
      rows.filter((_, i) => foldOfRow[i] !== fold),
      recentFrom,
    );
    const scorer = new FeatureScorer({ ...full, ...outOfFold, links: mergeLinks(full.links, outOfFold.links) }, full.encodings);
    rows.forEach((row, i) => {
      if (foldOfRow[i] !== fold) return;
      scorer.features(row, out);
      matrix.set(out, i * width);
    });
  }
  return matrix;
}

/** Every link of the whole training set (the graph needs no outcome), with the out-of-fold tallies. */
function mergeLinks(all: FeatureTables['links'], outOfFold: FeatureTables['links']): FeatureTables['links'] {
  const tallied = new Map(outOfFold.map((l) => [`${l[0]}\u0000${l[1]}`, l]));
  return all.map(([importer, declarant]) => tallied.get(`${importer}\u0000${declarant}`) ?? [importer, declarant, 0, 0]);
}

interface DeclarantNode {
  clients: number;
  offenderClients: number;
  declarations: number;
  discrepancies: number;
  /** Hops to the nearest declarant with an offender client (0: it has one). */
  distance: number;
}

/** The tables hydrated for fast per-row use. */
export class FeatureScorer {
  readonly names: readonly string[];
  private readonly rates: Map<EncodedKey, Map<string, number>>;
  private readonly counts: Map<EncodedKey, Map<string, number>>;
  private readonly medians: Map<string, [number, number, number]>;
  private readonly globalMedians: [number, number, number];
  private readonly importerLinks = new Map<string, Map<string, Tally>>();
  private readonly offenders = new Set<string>();
  private readonly declarants = new Map<string, DeclarantNode>();
  private readonly full: boolean;
  private readonly prior: number;

  /** `counts`: where the log counts come from when they differ from the rates' tallies (out-of-fold training). */
  constructor(tables: FeatureTables, counts: FeatureTables['encodings'] = tables.encodings) {
    this.full = tables.featureSet === 'full';
    this.names = featureNames(tables.featureSet);
    const prior = tables.prior;
    this.rates = new Map(
      (Object.keys(tables.encodings) as EncodedKey[]).map((key) => [
        key,
        new Map(Object.entries(tables.encodings[key]).map(([value, [n, d]]) => [value, (d + prior * SMOOTHING) / (n + SMOOTHING)])),
      ]),
    );
    this.counts = new Map(
      (Object.keys(counts) as EncodedKey[]).map((key) => [key, new Map(Object.entries(counts[key]).map(([value, [n]]) => [value, Math.log1p(n)]))]),
    );
    this.medians = new Map(Object.entries(tables.codeMedians));
    this.globalMedians = tables.globalMedians;
    this.prior = prior;
    if (this.full) this.buildGraph(tables.links, prior);
  }

  private buildGraph(links: FeatureTables['links'], prior: number): void {
    const importerTotals = new Map<string, Tally>();
    for (const [importer, declarant, n, d] of links) {
      const own = this.importerLinks.get(importer) ?? new Map<string, Tally>();
      own.set(declarant, [n, d]);
      this.importerLinks.set(importer, own);
      const total = importerTotals.get(importer) ?? [0, 0];
      importerTotals.set(importer, [total[0] + n, total[1] + d]);
    }
    // An offender: at least two discrepancies and a smoothed rate of at least twice the overall one.
    for (const [importer, [n, d]] of importerTotals) if (d >= 2 && (d + prior * SMOOTHING) / (n + SMOOTHING) >= 2 * prior) this.offenders.add(importer);
    const clientsOf = new Map<string, string[]>();
    for (const [importer, declarant, n, d] of links) {
      const node = this.declarants.get(declarant) ?? { clients: 0, offenderClients: 0, declarations: 0, discrepancies: 0, distance: FAR };
      node.clients += 1;
      node.offenderClients += this.offenders.has(importer) ? 1 : 0;
      node.declarations += n;
      node.discrepancies += d;
      this.declarants.set(declarant, node);
      const clients = clientsOf.get(declarant);
      if (clients) clients.push(importer);
      else clientsOf.set(declarant, [importer]);
    }
    // Breadth-first from the declarants serving offenders, declarant to declarant through shared clients.
    let frontier = [...this.declarants].filter(([, node]) => node.offenderClients > 0).map(([id]) => id);
    for (const id of frontier) (this.declarants.get(id) as DeclarantNode).distance = 0;
    for (let hops = 1; frontier.length && hops < FAR; hops += 1) {
      const next: string[] = [];
      for (const id of frontier)
        for (const client of clientsOf.get(id) ?? [])
          for (const neighbour of this.importerLinks.get(client)?.keys() ?? []) {
            const node = this.declarants.get(neighbour) as DeclarantNode;
            if (node.distance > hops) {
              node.distance = hops;
              next.push(neighbour);
            }
          }
      frontier = next;
    }
  }

  /** The row's features into `out` (length names.length); NaN is a missing value. */
  features(row: ScoringRow, out: Float64Array): void {
    const [codeUnitValue, codePerKg, codeTaxRate] = this.medians.get(row.tariffCode) ?? this.globalMedians;
    const logUnitValue = Math.log1p(unitValue(row));
    out[0] = Math.log1p(row.cifValue);
    out[1] = Math.log1p(row.grossWeight);
    out[2] = Math.log1p(row.quantity);
    out[3] = logUnitValue;
    out[4] = logUnitValue - Math.log1p(codeUnitValue);
    out[5] = taxRate(row);
    let i = 6;
    for (const key of ENCODED_KEYS) {
      const value = keyOf(row, key);
      out[i++] = this.rates.get(key)?.get(value) ?? this.prior;
      out[i++] = this.counts.get(key)?.get(value) ?? 0;
    }
    if (!this.full) return;
    out[i++] = Math.log1p(codeUnitValue);
    out[i++] = Math.log1p(valuePerKg(row)) - Math.log1p(codePerKg);
    out[i++] = taxRate(row) / codeTaxRate;
    const recent = keyOf(row, 'originChapterRecent');
    out[i++] = this.rates.get('originChapterRecent')?.get(recent) ?? this.prior;
    out[i++] = this.counts.get('originChapterRecent')?.get(recent) ?? 0;
    this.relationships(row, out, i);
  }

  /**
   * Through the row's declarant and every declarant the importer used in training: the offender
   * share among their other clients, the row declarant's alone, hops to an offender, and the
   * discrepancy rate of the other clients' declarations. The importer itself never counts.
   */
  private relationships(row: ScoringRow, out: Float64Array, at: number): void {
    const own = this.importerLinks.get(row.importerId);
    const selfOffender = this.offenders.has(row.importerId);
    let clients = 0;
    let offenderClients = 0;
    let declarations = 0;
    let discrepancies = 0;
    let distance = FAR;
    let rowShare = Number.NaN;
    const visit = (declarant: string): void => {
      const node = this.declarants.get(declarant);
      if (!node) return;
      const link = own?.get(declarant);
      const otherClients = node.clients - (link ? 1 : 0);
      const otherOffenders = node.offenderClients - (link && selfOffender ? 1 : 0);
      clients += otherClients;
      offenderClients += otherOffenders;
      declarations += node.declarations - (link?.[0] ?? 0);
      discrepancies += node.discrepancies - (link?.[1] ?? 0);
      distance = Math.min(distance, otherOffenders > 0 ? 1 : Math.min(FAR, 1 + Math.max(1, node.distance)));
      if (declarant === row.declarantId) rowShare = otherClients > 0 ? otherOffenders / otherClients : Number.NaN;
    };
    visit(row.declarantId);
    for (const declarant of own?.keys() ?? []) if (declarant !== row.declarantId) visit(declarant);
    out[at] = clients > 0 ? offenderClients / clients : Number.NaN;
    out[at + 1] = rowShare;
    out[at + 2] = distance;
    out[at + 3] = (discrepancies + this.prior * SMOOTHING) / (declarations + SMOOTHING);
  }
}
