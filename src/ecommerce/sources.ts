/**
 * What a consignment contributes to its parcel's link: which side it is (by its sender's kind),
 * the parcel's key, and the facts the other side is held against. Plain data, made by the
 * consignment's reader and written in its exchange's transaction (pipeline/ingest.ts).
 */
import type { ParticipantKind } from '../config/types.js';
import { tablesOf } from '../store/db.js';
import type { Store } from '../store/exchanges.js';
import { normaliseAddress, normaliseEmail, normaliseReference, normaliseText } from './normalise.js';
import type { EcommerceSide, EcommerceTables } from './tables.js';

interface Amount {
  amount: string;
  currency: string;
}
interface Weight {
  value: string;
  unitCode: 'GRM' | 'KGM' | 'LBR' | 'ONZ';
}
interface Party {
  id?: string;
  name: string;
  email?: string;
  address: { line: string; city: string; postcode?: string; country: string };
}

/** The consignment as its schema (mappings/consignment-to-declaration/input.schema.json) admits it. */
export interface Consignment {
  consignmentId: string;
  seller: Party;
  buyer: Party;
  platform?: { id: string; name: string; url?: string };
  order?: { id: string; date: string; total: Amount };
  payment?: { transactionId: string; method: string; date?: string };
  shipment: {
    trackingNumber: string;
    carrier: { id?: string; name: string };
    deliveryMode: string;
    pieces: string;
    grossWeight: Weight;
    exportCountry?: string;
  };
  items: Array<{ description: string; hsCode: string; quantity: string; value: Amount; weight: Weight; origin: string }>;
}

/** A party as the network links it: its declared id (when any) and its normalised identifiers. */
export interface PartyIdentifiers {
  role: 'seller' | 'buyer' | 'platform';
  id: string | null;
  email: string | null;
  address: string | null;
}

/** What one source says about the parcel, in comparable units. */
export interface SourceFacts {
  /** What the buyer paid (the order's total): platforms only. */
  paid: Amount | null;
  /** The items' values summed per currency. */
  declared: Record<string, number>;
  grossWeightKg: number;
  pieces: number;
  descriptions: string[];
  origins: string[];
  parties: PartyIdentifiers[];
  /** The payment transaction, normalised: platforms only. */
  payment: string | null;
}

export interface EcommerceSource {
  trackingNumber: string;
  carrier: string;
  side: EcommerceSide;
  facts: SourceFacts;
}

const KILOGRAMS: Record<Weight['unitCode'], number> = { GRM: 0.001, KGM: 1, LBR: 0.45359237, ONZ: 0.028349523125 };
const kilograms = (w: Weight): number => Number(w.value) * KILOGRAMS[w.unitCode];

/** Platforms hold the order; posts and express carriers the shipment; nobody else sends a link source. */
export function sideOf(kind: ParticipantKind): EcommerceSide | undefined {
  if (kind === 'platform') return 'order';
  if (kind === 'post' || kind === 'express') return 'shipping';
  return undefined;
}

const partyOf = (role: PartyIdentifiers['role'], party: Party): PartyIdentifiers => ({
  role,
  id: party.id ?? null,
  email: party.email === undefined ? null : normaliseEmail(party.email),
  address: normaliseAddress(party.address),
});

export function sourceOf(consignment: Consignment, side: EcommerceSide): EcommerceSource {
  const declared: Record<string, number> = {};
  for (const item of consignment.items) declared[item.value.currency] = (declared[item.value.currency] ?? 0) + Number(item.value.amount);
  const parties = [partyOf('seller', consignment.seller), partyOf('buyer', consignment.buyer)];
  if (consignment.platform) parties.push({ role: 'platform', id: consignment.platform.id, email: null, address: null });
  return {
    trackingNumber: normaliseReference(consignment.shipment.trackingNumber),
    carrier: normaliseText(consignment.shipment.carrier.name),
    side,
    facts: {
      paid: consignment.order?.total ?? null,
      declared,
      grossWeightKg: kilograms(consignment.shipment.grossWeight),
      pieces: Number(consignment.shipment.pieces),
      descriptions: consignment.items.map((i) => i.description),
      origins: [...new Set(consignment.items.map((i) => i.origin))].sort(),
      parties,
      payment: consignment.payment ? normaliseReference(consignment.payment.transactionId) : null,
    },
  };
}

/** Writes the source inside `transaction` (the exchange's own, from writeInBatch). */
export async function insertSource(transaction: Store, source: EcommerceSource, exchange: { id: string; sender: string; receivedAt: string }): Promise<void> {
  await tablesOf<EcommerceTables>(transaction.db)
    .insertInto('ecommerce_sources')
    .values({
      exchange_id: exchange.id,
      tracking_number: source.trackingNumber,
      carrier: source.carrier,
      side: source.side,
      participant: exchange.sender,
      facts: JSON.stringify(source.facts),
      received_at: exchange.receivedAt,
      unmatched_at: null,
    })
    .execute();
}
