/**
 * The risk vocabulary: every fact a profile's condition may name, with its type (RISK.md). Facts
 * are per goods item; a declaration's header facts are repeated on each of its items.
 */
export const RISK_FACTS = {
  direction: 'string',
  origin: 'string',
  exportCountry: 'string',
  commodity: 'string',
  importer: 'string',
  exporter: 'string',
  declarant: 'string',
  office: 'string',
  procedure: 'string',
  transportMode: 'string',
  partnerControl: 'string',
  platform: 'string',
  seller: 'string',
  buyer: 'string',
  carrier: 'string',
  customsValue: 'number',
  grossMass: 'number',
  quantity: 'number',
  unitValuePerKg: 'number',
  score: 'number',
  importerDeclarations: 'number',
  importerDiscrepancies: 'number',
  exporterDeclarations: 'number',
  exporterDiscrepancies: 'number',
  declarantDeclarations: 'number',
  declarantDiscrepancies: 'number',
  aeo: 'boolean',
  /** The share of the heading's customs value that comes from the item's origin, in [0, 1] (analytics/risk-facts.ts); null: no snapshot or no value for the heading. */
  originTypicality: 'number',
  /** Links from the nearest party with a discrepancy (analytics/risk-facts.ts, as analytics/network.ts discrepancyDistance); null: none within 3. */
  discrepancyDistance: 'number',
  /** The goods description points with confidence to another chapter than the declared code's (analytics/descriptions.ts). */
  descriptionMismatch: 'boolean',
  /** The codes of the parcel's e-commerce link findings, comma-separated (ecommerce/links.ts): empty when the parcel has none (yet), null when not a consignment's. */
  linkFindings: 'string',
} as const satisfies Record<string, 'string' | 'number' | 'boolean'>;

export type RiskFact = keyof typeof RISK_FACTS;

/** One goods item's facts; a fact that is absent or null was not declared (or does not apply). */
export type ItemFacts = {
  [K in RiskFact]?: (typeof RISK_FACTS)[K] extends 'string' ? string | null : (typeof RISK_FACTS)[K] extends 'number' ? number | null : boolean | null;
};
