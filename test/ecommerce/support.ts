import { readFileSync } from 'node:fs';
import type { Consignment } from '../../src/ecommerce/sources.js';

/** The platform's consignment of the mapping's example (order, payment and shipment). */
export const platformConsignment = (): Consignment =>
  JSON.parse(readFileSync('mappings/consignment-to-declaration/examples/parcel-two-items.input.json', 'utf8')) as Consignment;

/** The same parcel as its post declares it: no platform, order or payment; the post is the carrier. */
export function postConsignment(): Consignment {
  const { platform: _platform, order: _order, payment: _payment, ...shipping } = platformConsignment();
  return { ...shipping, consignmentId: 'POST-2026-0001', shipment: { ...shipping.shipment, carrier: { id: 'XA000000000001', name: 'China Post' } } };
}
