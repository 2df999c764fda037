import { type Migration, sql } from 'kysely';
import type { LpcoStatus } from './lpco.js';

export const RESERVATION_STATES = ['reserved', 'written-off', 'released'] as const;
export type ReservationState = (typeof RESERVATION_STATES)[number];

export interface LpcoRow {
  /** ULID. */
  id: string;
  document_code: string;
  number: string;
  /** The participant that registered it: the only one that may change its status. */
  issuer_participant: string;
  holder_id: string;
  valid_from: string;
  valid_until: string;
  status: LpcoStatus;
  /** Id of the LPCO that replaced this one. */
  replaced_by: string | null;
  /** JSON: the LPCO as registered (lpco.ts shape). */
  document: string;
  registered_at: string;
  updated_at: string;
}

/**
 * Quantities are integer milli-units in 64-bit integer columns (INTEGER in SQLite, int8 in
 * PostgreSQL), so "remaining - q" and "remaining >= q" are exact in SQL. Drivers hand them back
 * as number (SQLite) or string (pg); BigInt() reads both.
 */
export interface LpcoLineRow {
  lpco_id: string;
  sequence: string;
  /** '' where the certificate gives no HS code: the line is then matched by `goods_name`. */
  hs_code: string;
  /** '' with quantity and remaining 0 on a line that is not quantity-controlled. */
  unit: string;
  quantity: bigint | number | string;
  remaining: bigint | number | string;
  /** 1: quantity-controlled; 0: the certificate states no usable quantity, and nothing is drawn on the line. */
  controlled: number;
  /** Description and botanical name, lower-case, for lines without an HS code; null otherwise. */
  goods_name: string | null;
}

export interface LpcoReservationRow {
  /** ULID. */
  id: string;
  declaration_exchange_id: string;
  lpco_id: string;
  line_sequence: string;
  /** The declaration's goods item sequence number; '' for a header-level citation. */
  goods_item: string;
  quantity: bigint | number | string;
  state: ReservationState;
  created_at: string;
  updated_at: string;
}

/** How a declaration moves a line's quantity: drawn at lodging, then final, or back. */
export const MOVEMENTS = ['reserved', 'written-off', 'released', 'given-back'] as const;
export type Movement = (typeof MOVEMENTS)[number];

/**
 * One change of an LPCO: of its status (movement null), or a movement of one line's quantity by
 * one declaration (from_status = to_status unless the movement exhausted it, recorded apart).
 */
export interface LpcoHistoryRow {
  /** ULID: sorts in the order changes happened. */
  id: string;
  lpco_id: string;
  at: string;
  /** Null for the registration itself. */
  from_status: LpcoStatus | null;
  to_status: LpcoStatus;
  reason: string;
  /** Participant id, or "registry" for changes the registry makes itself (exhausted, replaced). */
  actor: string;
  movement: Movement | null;
  declaration_exchange_id: string | null;
  line_sequence: string | null;
  /** Milli-units moved (see LpcoLineRow). */
  quantity: bigint | number | string | null;
}

export interface LpcoTables {
  lpcos: LpcoRow;
  lpco_lines: LpcoLineRow;
  lpco_reservations: LpcoReservationRow;
  lpco_history: LpcoHistoryRow;
}

/** Portable DDL: text and integer columns only, so one migration serves SQLite and PostgreSQL. */
export const lpcoMigrations: Record<string, Migration> = {
  '020-lpco-registry': {
    async up(db) {
      await db.schema
        .createTable('lpcos')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('document_code', 'text', (c) => c.notNull())
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('issuer_participant', 'text', (c) => c.notNull())
        .addColumn('holder_id', 'text', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('valid_until', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('replaced_by', 'text', (c) => c.references('lpcos.id'))
        .addColumn('document', 'text', (c) => c.notNull())
        .addColumn('registered_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // A declaration cites an LPCO by document code and number: that pair names one document.
      await db.schema.createIndex('lpcos_code_number').unique().on('lpcos').columns(['document_code', 'number']).execute();

      await db.schema
        .createTable('lpco_lines')
        .addColumn('lpco_id', 'text', (c) => c.notNull().references('lpcos.id').onDelete('cascade'))
        .addColumn('sequence', 'text', (c) => c.notNull())
        .addColumn('hs_code', 'text', (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('quantity', 'bigint', (c) => c.notNull())
        .addColumn('remaining', 'bigint', (c) => c.notNull().check(sql`remaining >= 0`)) // the last guard against an over-draw
        .addPrimaryKeyConstraint('lpco_lines_pk', ['lpco_id', 'sequence'])
        .execute();

      await db.schema
        .createTable('lpco_reservations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('declaration_exchange_id', 'text', (c) => c.notNull())
        .addColumn('lpco_id', 'text', (c) => c.notNull().references('lpcos.id').onDelete('cascade'))
        .addColumn('line_sequence', 'text', (c) => c.notNull())
        .addColumn('goods_item', 'text', (c) => c.notNull())
        .addColumn('quantity', 'bigint', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('lpco_reservations_declaration').on('lpco_reservations').columns(['declaration_exchange_id', 'state']).execute();
      await db.schema.createIndex('lpco_reservations_lpco').on('lpco_reservations').column('lpco_id').execute();

      await db.schema
        .createTable('lpco_history')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('lpco_id', 'text', (c) => c.notNull().references('lpcos.id').onDelete('cascade'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('lpco_history_lpco').on('lpco_history').columns(['lpco_id', 'id']).execute();
    },
    async down(db) {
      for (const t of ['lpco_history', 'lpco_reservations', 'lpco_lines', 'lpcos']) await db.schema.dropTable(t).execute();
    },
  },
  // A document number is unique for its issuing authority only: two authorities may number alike,
  // and a participant cannot take a number before the competent authority uses it.
  '031-lpco-authorities': {
    async up(db) {
      await db.schema.dropIndex('lpcos_code_number').execute();
      await db.schema.createIndex('lpcos_issuer_code_number').unique().on('lpcos').columns(['issuer_participant', 'document_code', 'number']).execute();
      await db.schema.createIndex('lpcos_code_number').on('lpcos').columns(['document_code', 'number']).execute();
    },
    async down(db) {
      await db.schema.dropIndex('lpcos_code_number').execute();
      await db.schema.dropIndex('lpcos_issuer_code_number').execute();
      await db.schema.createIndex('lpcos_code_number').unique().on('lpcos').columns(['document_code', 'number']).execute();
    },
  },
  // Every quantity movement is a history row, beside the status changes.
  '032-lpco-movements': {
    async up(db) {
      await db.schema.alterTable('lpco_history').addColumn('movement', 'text').execute();
      await db.schema.alterTable('lpco_history').addColumn('declaration_exchange_id', 'text').execute();
      await db.schema.alterTable('lpco_history').addColumn('line_sequence', 'text').execute();
      await db.schema.alterTable('lpco_history').addColumn('quantity', 'bigint').execute();
      await db.schema.createIndex('lpco_history_declaration').on('lpco_history').column('declaration_exchange_id').execute();
    },
    async down(db) {
      await db.schema.dropIndex('lpco_history_declaration').execute();
      for (const c of ['quantity', 'line_sequence', 'declaration_exchange_id', 'movement']) await db.schema.alterTable('lpco_history').dropColumn(c).execute();
    },
  },
  // Real certificates: lines without an HS code (matched by name) and lines without a quantity.
  '035-lpco-line-control': {
    async up(db) {
      await db.schema
        .alterTable('lpco_lines')
        .addColumn('controlled', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.alterTable('lpco_lines').addColumn('goods_name', 'text').execute();
    },
    async down(db) {
      for (const c of ['goods_name', 'controlled']) await db.schema.alterTable('lpco_lines').dropColumn(c).execute();
    },
  },
  // The registry list (GET /v1/lpcos): newest first, within a holder or a status.
  '062-lpco-list': {
    async up(db) {
      await db.schema.createIndex('lpcos_holder_id').on('lpcos').columns(['holder_id', 'id']).execute();
      await db.schema.createIndex('lpcos_status_id').on('lpcos').columns(['status', 'id']).execute();
    },
    async down(db) {
      await db.schema.dropIndex('lpcos_status_id').execute();
      await db.schema.dropIndex('lpcos_holder_id').execute();
    },
  },
};
