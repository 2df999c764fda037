/**
 * A parcel's sources held against each other. The link of a parcel is its source rows with one
 * tracking number and carrier: read together whenever asked, so it exists as soon as the second
 * source is committed, whichever came first, and two arriving at once (on two API instances)
 * each commit their own row with nothing shared to race on.
 */
import { tablesOf } from '../store/db.js';
import type { Store } from '../store/exchanges.js';
import { normaliseReference, normaliseText } from './normalise.js';
import type { EcommerceSource, SourceFacts } from './sources.js';
import type { EcommerceSourceRow, EcommerceTables } from './tables.js';

export const LINK_FINDING_CODES = ['value-gap', 'weight-gap', 'pieces-gap', 'description-gap', 'origin-gap', 'unmatched', 'source-conflict'] as const;
export type LinkFindingCode = (typeof LINK_FINDING_CODES)[number];
export interface LinkFinding {
  code: LinkFindingCode;
  text: string;
}

export interface Link {
  trackingNumber: string;
  sources: Array<{ participant: string; exchangeId: string }>;
  findings: LinkFinding[];
}

/**
 * How far the sources may differ before it is a finding. The order total includes shipping and
 * fees, so what was paid may exceed the goods' declared value by a tenth (and one unit of
 * currency) before it counts; scales differ, so weights by a tenth (at least 100 g).
 */
const TOLERANCE = { valueShare: 0.1, valueUnits: 1, weightShare: 0.1, weightKg: 0.1, descriptionOverlap: 0.2 } as const;

const sourcesTable = (store: Store) => tablesOf<EcommerceTables>(store.db);

/** The parcel's link, or undefined when no source has that tracking number. */
export async function linkOf(store: Store, trackingNumber: string): Promise<Link | undefined> {
  const key = normaliseReference(trackingNumber);
  const rows = await sourcesTable(store).selectFrom('ecommerce_sources').selectAll().where('tracking_number', '=', key).orderBy('received_at').execute();
  if (rows.length === 0) return undefined;
  return {
    trackingNumber: key,
    sources: rows.map((r) => ({ participant: r.participant, exchangeId: r.exchange_id })),
    findings: findingsOf(rows),
  };
}

/** The findings of the parcel's link as risk facts: none for an unknown tracking number. */
export async function linkFindingsOf(store: Store, trackingNumber: string): Promise<LinkFinding[]> {
  return (await linkOf(store, trackingNumber))?.findings ?? [];
}

/**
 * The findings of the parcel `source` belongs to, as they stand once it is stored: its parcel's
 * rows read with one statement inside `transaction` (the arriving exchange's, before its own row
 * is written), the arriving source counted as the latest of its side. What targeting sees of a
 * consignment: the one that completes a link sees the findings against the other source.
 */
export async function linkFindingsWith(
  transaction: Store,
  source: EcommerceSource,
  arriving: { id: string; sender: string; receivedAt: string },
): Promise<LinkFinding[]> {
  const rows = await parcelRows(transaction, source.trackingNumber, source.carrier);
  const own: EcommerceSourceRow = {
    exchange_id: arriving.id,
    tracking_number: source.trackingNumber,
    carrier: source.carrier,
    side: source.side,
    participant: arriving.sender,
    facts: JSON.stringify(source.facts),
    received_at: arriving.receivedAt,
    unmatched_at: null,
  };
  return findingsOf([...rows, own]);
}

/** The findings of the link `exchangeId`'s consignment belongs to; undefined when it is not a consignment's source. */
export async function linkFindingsOfExchange(store: Store, exchangeId: string): Promise<LinkFinding[] | undefined> {
  const row = await sourcesTable(store)
    .selectFrom('ecommerce_sources')
    .select(['tracking_number', 'carrier'])
    .where('exchange_id', '=', exchangeId)
    .executeTakeFirst();
  if (!row) return undefined;
  // This parcel's: another carrier's parcel under the same tracking number is another link.
  return findingsOf(await parcelRows(store, row.tracking_number, row.carrier));
}

/** One parcel's sources (a tracking number of one carrier), in the order they arrived. */
function parcelRows(store: Store, trackingNumber: string, carrier: string): Promise<EcommerceSourceRow[]> {
  return sourcesTable(store)
    .selectFrom('ecommerce_sources')
    .selectAll()
    .where('tracking_number', '=', trackingNumber)
    .where('carrier', '=', carrier)
    .orderBy('received_at')
    .execute();
}

function findingsOf(rows: readonly EcommerceSourceRow[]): LinkFinding[] {
  const byCarrier = new Map<string, EcommerceSourceRow[]>();
  for (const row of rows) byCarrier.set(row.carrier, [...(byCarrier.get(row.carrier) ?? []), row]);
  return [...byCarrier.values()].flatMap((parcel) => {
    // A side belongs to the participant that sent it first; an amended consignment from that
    // participant replaces its earlier one. Another participant's data for the same side replaces
    // nothing (it could hide a gap): it is a finding of its own.
    const holderOf = (side: EcommerceSourceRow['side']) => parcel.find((r) => r.side === side)?.participant;
    const order = parcel.findLast((r) => r.side === 'order' && r.participant === holderOf('order'));
    const shipping = parcel.findLast((r) => r.side === 'shipping' && r.participant === holderOf('shipping'));
    const conflicts = parcel
      .filter((r) => r.participant !== holderOf(r.side))
      .map((r) => ({
        code: 'source-conflict' as const,
        text: `${r.participant} sent ${r.side} data for a parcel whose ${r.side} data ${holderOf(r.side)} had sent; the first sender's counts.`,
      }));
    if (order && shipping) return [...gaps(JSON.parse(order.facts) as SourceFacts, JSON.parse(shipping.facts) as SourceFacts), ...conflicts];
    if (conflicts.length > 0) return conflicts;
    const alone = order ?? shipping;
    if (alone?.unmatched_at == null) return [];
    const missing = alone.side === 'order' ? 'no shipping data from a post or express carrier' : 'no order and payment data from a platform';
    return [
      { code: 'unmatched' as const, text: `${alone.participant} sent its ${alone.side} data at ${alone.received_at}; ${missing} came within the link window.` },
    ];
  });
}

const words = (texts: readonly string[]) =>
  new Set(
    normaliseText(texts.join(' '))
      .split(' ')
      .filter((w) => w.length >= 3),
  );

function overlap(a: Set<string>, b: Set<string>): number {
  const shared = [...a].filter((w) => b.has(w)).length;
  const all = new Set([...a, ...b]).size;
  return all === 0 ? 1 : shared / all;
}

/** The order side's facts against the shipping side's. */
export function gaps(order: SourceFacts, shipping: SourceFacts): LinkFinding[] {
  const findings: LinkFinding[] = [];
  const paid = order.paid;
  const declared = paid ? shipping.declared[paid.currency] : undefined;
  if (paid && declared !== undefined && Number(paid.amount) > declared * (1 + TOLERANCE.valueShare) + TOLERANCE.valueUnits) {
    findings.push({
      code: 'value-gap',
      text: `Paid ${paid.amount} ${paid.currency} on the platform; ${declared.toFixed(2)} ${paid.currency} declared for shipping.`,
    });
  }
  const heavier = Math.max(order.grossWeightKg, shipping.grossWeightKg);
  if (Math.abs(order.grossWeightKg - shipping.grossWeightKg) > Math.max(TOLERANCE.weightKg, heavier * TOLERANCE.weightShare)) {
    findings.push({
      code: 'weight-gap',
      text: `The platform gives ${order.grossWeightKg.toFixed(3)} kg; the carrier ${shipping.grossWeightKg.toFixed(3)} kg.`,
    });
  }
  if (order.pieces !== shipping.pieces) {
    findings.push({ code: 'pieces-gap', text: `The platform gives ${order.pieces} piece(s); the carrier ${shipping.pieces}.` });
  }
  if (overlap(words(order.descriptions), words(shipping.descriptions)) < TOLERANCE.descriptionOverlap) {
    findings.push({
      code: 'description-gap',
      text: `The platform describes "${order.descriptions.join('; ')}"; the carrier "${shipping.descriptions.join('; ')}".`,
    });
  }
  if (order.origins.join() !== shipping.origins.join()) {
    findings.push({ code: 'origin-gap', text: `Origin ${order.origins.join(', ')} on the platform; ${shipping.origins.join(', ')} for shipping.` });
  }
  return findings;
}

/**
 * The worker's scan: marks the sources older than `windowMs` that no source of the other side
 * has joined. A conditional update, so several workers scanning at once mark each row once.
 */
export async function markUnmatched(store: Store, now: Date, windowMs: number): Promise<number> {
  const before = new Date(now.getTime() - windowMs).toISOString();
  const result = await sourcesTable(store)
    .updateTable('ecommerce_sources as s')
    .set({ unmatched_at: now.toISOString() })
    .where('s.unmatched_at', 'is', null)
    .where('s.received_at', '<', before)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('ecommerce_sources as o')
            .select('o.exchange_id')
            .whereRef('o.tracking_number', '=', 's.tracking_number')
            .whereRef('o.carrier', '=', 's.carrier')
            .whereRef('o.side', '<>', 's.side'),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
