import type { Migration } from 'kysely';

/**
 * One row per e-commerce source: a consignment from a platform (its order and payment) or from a
 * post or express carrier (its shipping data), written in the consignment's own exchange
 * transaction. Sources of one parcel share `tracking_number` and `carrier` (both normalised):
 * the link is those rows, read together, so two sources arriving at once on two API instances
 * need no row of their own to agree on (links.ts).
 */
export interface EcommerceSourceRow {
  exchange_id: string;
  tracking_number: string;
  carrier: string;
  side: EcommerceSide;
  participant: string;
  /** JSON: the `SourceFacts` the findings compare (sources.ts). */
  facts: string;
  received_at: string;
  /** Set by the worker's scan when no source of the other side came within `ecommerce.linkWindow`. */
  unmatched_at: string | null;
}

/** `order`: a platform's order and payment; `shipping`: a post's or express carrier's shipment. */
export type EcommerceSide = 'order' | 'shipping';

export interface EcommerceTables {
  ecommerce_sources: EcommerceSourceRow;
}

export const ecommerceMigrations: Record<string, Migration> = {
  '050-ecommerce-sources': {
    async up(db) {
      await db.schema
        .createTable('ecommerce_sources')
        .addColumn('exchange_id', 'text', (c) => c.primaryKey())
        .addColumn('tracking_number', 'text', (c) => c.notNull())
        .addColumn('carrier', 'text', (c) => c.notNull())
        .addColumn('side', 'text', (c) => c.notNull())
        .addColumn('participant', 'text', (c) => c.notNull())
        .addColumn('facts', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('unmatched_at', 'text')
        .execute();
      await db.schema.createIndex('ecommerce_sources_parcel').on('ecommerce_sources').columns(['tracking_number', 'carrier', 'side']).execute();
      await db.schema.createIndex('ecommerce_sources_received').on('ecommerce_sources').column('received_at').execute();
    },
  },
};
