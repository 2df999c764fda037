/**
 * The risk facts of a declaration (or of the declaration a consignment was made into): one
 * ItemFacts per goods item, from what its reader already read (goodsItemsOf) and what the
 * gateway knows of its parties (history, AEO status, a partner's control of the matching export).
 * Plain functions on plain data: the pipeline step (pipeline/target.ts) looks the context up.
 */
import { declarationElement, type NamespaceProfile, WCO_NAMESPACES } from '../documents/declaration.js';
import { type GoodsItem, goodsItemsOf } from '../documents/goods-items.js';
import { descendantsAt, textOf, type XmlElement } from '../documents/xml/tree.js';
import { type AnalyticsFacts, descriptionMismatchIn, discrepancyDistanceIn, originTypicalityIn } from '../analytics/risk-facts.js';
import type { EcommerceSource } from '../ecommerce/sources.js';
import type { ItemFacts } from './fact-names.js';
import type { ScoringRow } from './history.js';
import type { ControlOutcome } from './vocabulary.js';

/** What ingest carries of a declaration for targeting (ReadDocument.risk). */
export interface DeclarationRisk {
  direction: 'import' | 'export' | 'other';
  items: GoodsItem[];
  /** The exports an import cites (PreviousDocument IDs, the UCR): where a partner's control result is looked for. */
  exportReferences: string[];
  /** The e-commerce platform that lodged the consignment the declaration was made of. */
  platform?: string;
  /** The consignment's side of its parcel (a platform's order, a carrier's shipping data): where link findings are looked for. */
  parcel?: { source: EcommerceSource; sender: string };
}

export function declarationRiskOf(tree: XmlElement, direction: DeclarationRisk['direction'], profile: NamespaceProfile = WCO_NAMESPACES): DeclarationRisk {
  return { direction, items: goodsItemsOf(tree, profile), exportReferences: direction === 'import' ? exportReferencesOf(tree, profile) : [] };
}

const REFERENCE_PATHS = [
  ['GoodsShipment', 'PreviousDocument', 'ID'],
  ['GoodsShipment', 'GovernmentAgencyGoodsItem', 'PreviousDocument', 'ID'],
  ['GoodsShipment', 'UCR', 'ID'],
  ['GoodsShipment', 'UCR', 'TraderAssignedReferenceID'],
  ['UCR', 'ID'],
  ['UCR', 'TraderAssignedReferenceID'],
];

/** At most this many references are looked up: a declaration citing more is not made slower by them. */
const MAX_EXPORT_REFERENCES = 50;

function exportReferencesOf(tree: XmlElement, profile: NamespaceProfile): string[] {
  const declaration = declarationElement(tree, profile);
  const ids = REFERENCE_PATHS.flatMap((path) => descendantsAt(declaration, profile.declaration, path)).map((el) => textOf(el).trim());
  return [...new Set(ids.filter((id) => id !== '' && id.length <= 70))].slice(0, MAX_EXPORT_REFERENCES);
}

export type PartyRole = 'importer' | 'exporter' | 'declarant';
const PARTY_ROLES: readonly PartyRole[] = ['importer', 'exporter', 'declarant'];

/** A party's earlier declarations through this gateway, and how many of them a control found a discrepancy in. */
export interface PartyHistory {
  declarations: number;
  discrepancies: number;
}

/** History by `partyKey(role, id)`; a party that is not there has none. */
export type PartyHistories = ReadonlyMap<string, PartyHistory>;

export const partyKey = (role: PartyRole, id: string): string => `${role}\u0000${id}`;

/** The declaration's parties, once each per role (header parties are the same on every item). */
export function partiesOf(risk: DeclarationRisk): Array<{ role: PartyRole; party: string }> {
  const seen = new Map<string, { role: PartyRole; party: string }>();
  for (const item of risk.items)
    for (const role of PARTY_ROLES) {
      const party = item[role];
      if (party) seen.set(partyKey(role, party), { role, party });
    }
  return [...seen.values()];
}

/** What the gateway knows around the declaration, looked up once for all its items. */
export interface FactContext {
  history: PartyHistories;
  /** The importers (and other parties) among the declaration's that hold a valid AEO authorisation. */
  aeoHolders: ReadonlySet<string>;
  /** The partner customs' control outcomes of the exports the import cites. */
  partnerControls: ReadonlyMap<string, ControlOutcome>;
  /** The analytics store's snapshot (analytics/risk-facts.ts); absent in a process without the store: its facts are null. */
  analytics?: AnalyticsFacts | undefined;
  /** The codes of the parcel's link findings, for a consignment that carries a tracking number. */
  linkFindings?: readonly string[];
}

export const NO_CONTEXT: FactContext = { history: new Map(), aeoHolders: new Set(), partnerControls: new Map() };

const NETWORK_ROLES = ['importer', 'exporter', 'declarant', 'carrier', 'seller', 'buyer'] as const;

export function itemFactsOf(risk: DeclarationRisk, context: FactContext): ItemFacts[] {
  // A discrepancy anywhere among the matching exports is what counts; compliant only when every one was.
  const outcomes = [...context.partnerControls.values()];
  const partnerControl = outcomes.length === 0 ? null : outcomes.includes('discrepancy') ? 'discrepancy' : 'compliant';
  const history = (role: PartyRole, party: string | null) => (party ? context.history.get(partyKey(role, party)) : undefined);
  // The declaration's parties are one network question: the nearest of any of them to a discrepancy.
  const discrepancyDistance = discrepancyDistanceIn(
    context.analytics,
    risk.items.flatMap((item) => NETWORK_ROLES.map((role) => item[role])),
  );
  const linkFindings = context.linkFindings ? context.linkFindings.join(',') : null;
  return risk.items.map((item) => {
    const importer = history('importer', item.importer);
    const exporter = history('exporter', item.exporter);
    const declarant = history('declarant', item.declarant);
    return {
      direction: risk.direction,
      origin: item.origin,
      exportCountry: item.exportCountry,
      commodity: item.commodity,
      importer: item.importer,
      exporter: item.exporter,
      declarant: item.declarant,
      office: item.office,
      procedure: item.procedure,
      transportMode: item.transportMode,
      partnerControl,
      platform: risk.platform ?? null,
      seller: item.seller,
      buyer: item.buyer,
      carrier: item.carrier,
      customsValue: item.customsValue,
      grossMass: item.grossMass,
      quantity: item.quantity,
      unitValuePerKg: unitValuePerKg(item),
      importerDeclarations: importer?.declarations ?? 0,
      importerDiscrepancies: importer?.discrepancies ?? 0,
      exporterDeclarations: exporter?.declarations ?? 0,
      exporterDiscrepancies: exporter?.discrepancies ?? 0,
      declarantDeclarations: declarant?.declarations ?? 0,
      declarantDiscrepancies: declarant?.discrepancies ?? 0,
      aeo: item.importer ? context.aeoHolders.has(item.importer) : false,
      originTypicality: originTypicalityIn(context.analytics, item.origin, item.commodity),
      discrepancyDistance,
      descriptionMismatch: descriptionMismatchIn(context.analytics, item.description, item.commodity),
      linkFindings,
    };
  });
}

/** Customs value per kilogram, net mass preferred; null when either is missing or 0. */
export function unitValuePerKg(item: Pick<GoodsItem, 'customsValue' | 'netMass' | 'grossMass'>): number | null {
  const mass = item.netMass ?? item.grossMass;
  return item.customsValue && mass ? item.customsValue / mass : null;
}

/**
 * What the model scores each goods item on (the DATE columns). `id` is `<exchangeId>/<item>`
 * (1-based), as export-history writes it; an amount not declared is 0, the FOB value the customs
 * value when no FOB is declared.
 */
export function scoringRowsOf(exchangeId: string, receivedAt: string, items: readonly GoodsItem[]): ScoringRow[] {
  return items.map((item, index) => ({
    sgdId: `${exchangeId}/${index + 1}`,
    date: receivedAt.slice(0, 10),
    importerId: item.importer ?? '',
    declarantId: item.declarant ?? '',
    country: item.origin ?? '',
    officeId: item.office ?? '',
    tariffCode: item.commodity ?? '',
    quantity: item.quantity ?? 0,
    grossWeight: item.grossMass ?? 0,
    fobValue: item.customsValue ?? 0,
    cifValue: item.customsValue ?? 0,
    totalTaxes: item.taxes ?? 0,
  }));
}
