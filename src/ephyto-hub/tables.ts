import type { Kysely, Migration } from 'kysely';

/**
 * One row per delivery handed to the hub: the hub's delivery number and the last tracking state
 * read, so the state is followed until it is final and a resend asks the hub instead of
 * delivering a second copy.
 */
export interface HubDeliveryRow {
  exchange_id: string;
  destination: string;
  hub_delivery_number: string;
  /** HUBTrackingInfo as last read (PendingDelivery until the importing NPPO acknowledges). */
  state: string;
  delivered_at: string;
  checked_at: string;
}

/**
 * One row per envelope pulled from the hub, keyed by its hubDeliveryNumber: an envelope listed
 * again is acknowledged again with the same answer, never registered twice.
 */
export interface HubImportRow {
  hub_delivery_number: string;
  from_country: string;
  certificate_number: string;
  /** registered | refused | unreadable | empty | missing */
  outcome: string;
  /** The e-LPCO's exchange, when it was registered. */
  exchange_id: string | null;
  /** AcknowledgeEnvelopeReceipt | AdvancedAcknowledgeEnvelopeReceipt | AcknowledgeFailedEnvelopeReceipt */
  acknowledgement: string;
  /** The warning or failure message the acknowledgement carries. */
  message: string | null;
  pulled_at: string;
  acknowledged_at: string | null;
}

export interface EphytoHubTables {
  ephyto_hub_deliveries: HubDeliveryRow;
  ephyto_hub_imports: HubImportRow;
}

export type HubDb = Kysely<EphytoHubTables>;

export const ephytoHubMigrations: Record<string, Migration> = {
  '075-ephyto-hub': {
    async up(db) {
      await db.schema
        .createTable('ephyto_hub_deliveries')
        .addColumn('exchange_id', 'text', (c) => c.notNull())
        .addColumn('destination', 'text', (c) => c.notNull())
        .addColumn('hub_delivery_number', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('delivered_at', 'text', (c) => c.notNull())
        .addColumn('checked_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('ephyto_hub_deliveries_pk', ['exchange_id', 'destination'])
        .execute();
      await db.schema.createIndex('ephyto_hub_deliveries_state').on('ephyto_hub_deliveries').columns(['state', 'checked_at']).execute();
      await db.schema
        .createTable('ephyto_hub_imports')
        .addColumn('hub_delivery_number', 'text', (c) => c.primaryKey())
        .addColumn('from_country', 'text', (c) => c.notNull())
        .addColumn('certificate_number', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('exchange_id', 'text')
        .addColumn('acknowledgement', 'text', (c) => c.notNull())
        .addColumn('message', 'text')
        .addColumn('pulled_at', 'text', (c) => c.notNull())
        .addColumn('acknowledged_at', 'text')
        .execute();
    },
  },
};
