/**
 * A declaration's goods items as risk targeting and analytics read them: one record per
 * GovernmentAgencyGoodsItem, with the header's parties, office and transport repeated on each.
 * Read from the element tree validation already made (XML as parsed, or WCO JSON as a tree), so
 * nothing is parsed twice. Amounts are numbers in the declaration's own currency; an element that
 * is absent, empty or not a finite number is null, never 0.
 */
import { declarationElement, type NamespaceProfile, WCO_NAMESPACES } from './declaration.js';
import { descendantsAt, firstChild, textOf, type XmlElement } from './xml/tree.js';

export interface GoodsItem {
  /** SequenceNumeric as declared, else the item's 1-based position. */
  sequence: number;
  /** The TSP classification (the tariff code), else the first classification given. */
  commodity: string | null;
  description: string | null;
  origin: string | null;
  exportCountry: string | null;
  destinationCountry: string | null;
  /** The item's procedure: CurrentCode + PreviousCode of its first GovernmentProcedure (e.g. 4000). */
  procedure: string | null;
  /** StatisticalValueAmount, CustomsValueAmount or the invoice line's ItemChargeAmount, in that order. */
  customsValue: number | null;
  currency: string | null;
  grossMass: number | null;
  netMass: number | null;
  /** GoodsMeasure/TariffQuantity, else the packages' QuantityQuantity summed. */
  quantity: number | null;
  /** Sum of the item's DutyTaxFee payments (TaxAssessedAmount, else PaymentAmount). */
  taxes: number | null;
  importer: string | null;
  exporter: string | null;
  declarant: string | null;
  buyer: string | null;
  seller: string | null;
  carrier: string | null;
  /** The office that handles the declaration: presentation, supervising or exit office, else the goods location. */
  office: string | null;
  /** Mode of transport at the border (BorderTransportMeans/ModeCode), else the inland mode. */
  transportMode: string | null;
}

export function goodsItemsOf(root: XmlElement, profile: NamespaceProfile = WCO_NAMESPACES): GoodsItem[] {
  const declaration = declarationElement(root, profile);
  const ns = profile.declaration;
  const at = (from: XmlElement[], path: string[]): XmlElement[] => from.flatMap((el) => descendantsAt(el, ns, path));
  const text = (from: XmlElement[], ...paths: string[][]): string | null => {
    for (const path of paths) {
      for (const el of at(from, path)) {
        const value = textOf(el).trim();
        if (value !== '') return value;
      }
    }
    return null;
  };
  const party = (from: XmlElement[], name: string): string | null => text(from, [name, 'ID'], [name, 'Name']);

  const header = [declaration];
  const shipments = at(header, ['GoodsShipment']);
  // Exports carry the consignment on the declaration, imports on the goods shipment.
  const consignments = at([...header, ...shipments], ['Consignment']);
  const common = {
    exportCountry: text(shipments, ['ExportCountry', 'ID']),
    destinationCountry: text(shipments, ['Destination', 'CountryCode']),
    importer: party(shipments, 'Importer') ?? party(header, 'Importer'),
    exporter: party(header, 'Exporter') ?? party(shipments, 'Exporter'),
    declarant: party(header, 'Declarant'),
    buyer: party(shipments, 'Buyer'),
    seller: party(shipments, 'Seller'),
    carrier: party(consignments, 'Carrier') ?? party(header, 'Carrier'),
    office:
      text(header, ['PresentationOffice', 'ID'], ['SupervisingOffice', 'ID'], ['ExitOffice', 'ID']) ??
      text(consignments, ['GoodsLocation', 'ID'], ['GoodsLocation', 'Name']),
    transportMode: text(header, ['BorderTransportMeans', 'ModeCode']) ?? text(consignments, ['DepartureTransportMeans', 'ModeCode']),
  };

  return at(shipments, ['GovernmentAgencyGoodsItem']).map((item, index) => {
    const commodities = at([item], ['Commodity']);
    const classifications = at(commodities, ['Classification']);
    const tariff = classifications.find((c) => text([c], ['IdentificationTypeCode']) === 'TSP') ?? classifications[0];
    const valueElement = [['StatisticalValueAmount'], ['CustomsValueAmount'], ['Commodity', 'InvoiceLine', 'ItemChargeAmount']]
      .map((path) => at([item], path)[0])
      .find((el) => el !== undefined && amountOf(el) !== null);
    const procedure = at([item], ['GovernmentProcedure'])[0];
    const payments = at(commodities, ['DutyTaxFee', 'Payment']).map(
      (p) => amountOf(firstChild(p, ns, 'TaxAssessedAmount')) ?? amountOf(firstChild(p, ns, 'PaymentAmount')),
    );
    const packages = at([item], ['Packaging', 'QuantityQuantity']).map(amountOf);
    return {
      sequence: amountOf(firstChild(item, ns, 'SequenceNumeric')) ?? index + 1,
      commodity: tariff ? text([tariff], ['ID']) : null,
      description: text(commodities, ['Description']),
      origin: text([item], ['Origin', 'CountryCode']),
      procedure: procedure ? `${text([procedure], ['CurrentCode']) ?? ''}${text([procedure], ['PreviousCode']) ?? ''}` || null : null,
      customsValue: valueElement ? amountOf(valueElement) : null,
      currency: valueElement?.attrs.find((a) => a.name === 'currencyID')?.value ?? null,
      grossMass: amountOf(at(commodities, ['GoodsMeasure', 'GrossMassMeasure'])[0]),
      netMass: amountOf(at(commodities, ['GoodsMeasure', 'NetNetWeightMeasure'])[0]),
      quantity: amountOf(at(commodities, ['GoodsMeasure', 'TariffQuantity'])[0]) ?? sumOf(packages),
      taxes: sumOf(payments),
      ...common,
    };
  });
}

function amountOf(el: XmlElement | undefined): number | null {
  if (!el) return null;
  const value = textOf(el).trim();
  if (value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** The sum of the values given; null when none is. */
function sumOf(values: Array<number | null>): number | null {
  const given = values.filter((v): v is number => v !== null);
  return given.length === 0 ? null : given.reduce((a, b) => a + b, 0);
}
