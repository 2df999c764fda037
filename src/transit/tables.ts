import { type Migration, sql } from 'kysely';

/**
 * One row per guarantee the ledger has seen: configured ones at start, sandbox ones on first
 * use. Amounts are integer hundredths (the schema's amounts have at most two decimals) in
 * 64-bit integer columns, so "balance - amount" and "balance >= amount" are exact in SQL;
 * drivers hand them back as number (SQLite) or string (pg), BigInt() reads both.
 */
export interface TransitGuaranteeRow {
  grn: string;
  /** The issuing country (GRN characters 3-4): only an office of departure there may use it. */
  country: string;
  currency: string;
  reference_amount: bigint | number | string;
  balance: bigint | number | string;
  /** 'configured' (transit.guarantees) or 'sandbox' (any other well-formed GRN). */
  source: string;
  created_at: string;
  updated_at: string;
}

export interface TransitGuaranteeReservationRow {
  movement_id: string;
  grn: string;
  amount: bigint | number | string;
  currency: string;
  state: 'reserved' | 'released';
  created_at: string;
  updated_at: string;
}

export interface TransitTables {
  transit_guarantees: TransitGuaranteeRow;
  transit_guarantee_reservations: TransitGuaranteeReservationRow;
}

/** Portable DDL (text and integer columns), one migration for SQLite and PostgreSQL. */
export const transitMigrations: Record<string, Migration> = {
  '090-transit-guarantees': {
    async up(db) {
      await db.schema
        .createTable('transit_guarantees')
        .addColumn('grn', 'text', (c) => c.primaryKey())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('reference_amount', 'bigint', (c) => c.notNull())
        .addColumn('balance', 'bigint', (c) => c.notNull().check(sql`balance >= 0`)) // the last guard against an over-draw
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('transit_guarantee_reservations')
        .addColumn('movement_id', 'text', (c) => c.notNull())
        .addColumn('grn', 'text', (c) => c.notNull().references('transit_guarantees.grn'))
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('transit_guarantee_reservations_pk', ['movement_id', 'grn'])
        .execute();
      await db.schema.createIndex('transit_guarantee_reservations_grn').on('transit_guarantee_reservations').columns(['grn', 'state']).execute();
    },
    async down(db) {
      for (const t of ['transit_guarantee_reservations', 'transit_guarantees']) await db.schema.dropTable(t).execute();
    },
  },
};
