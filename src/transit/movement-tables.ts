import { type Migration, sql } from 'kysely';
import type { MessageDirection, MessageType, MovementKind, MovementState } from './movement-state.js';

/**
 * One row per transit movement (docs/TRANSIT.md): a departure (its CC015C) or an arrival (its
 * CC007C), owned by the participant that lodged it. Each message of it, either way, is an
 * exchange of the gateway; `transit_messages` ties them to the movement in order.
 */
export interface MovementRow {
  id: string;
  kind: MovementKind;
  /** The participant that lodged the movement: it alone (and customs) reads it. */
  owner: string;
  /** The holder of the transit procedure (departure) or trader at destination (arrival): TIN/EORI as the message gives it. */
  holder: string | null;
  lrn: string | null;
  /** Allocated by the office of departure (IE028); for an arrival, the MRN it names. */
  mrn: string | null;
  state: MovementState;
  /** 1: additional declaration type D, waiting for its presentation notification (IE170). */
  prelodged: number;
  presented: number;
  /** Sandbox only: the X-Sandbox-Scenario of the first message. */
  scenario: string | null;
  office_of_departure: string | null;
  office_of_destination: string | null;
  /** The partner administration the movement's data went to (across borders), when one did. */
  partner: string | null;
  /** For an arrival: the departure movement whose MRN it names. */
  departure_id: string | null;
  /** JSON: the facts read from the first message (transit/read.ts). */
  facts: string;
  /** YYYY-MM-DD or RFC 3339: the time limit for the goods to reach destination, set at release. */
  time_limit: string | null;
  created_at: string;
  updated_at: string;
  /** When the overdue scan flagged it for an enquiry (past its time limit, not arrived). */
  enquiry_at: string | null;
}

export interface MovementMessageRow {
  /** ULID: sorts in the order the messages were taken. */
  id: string;
  movement_id: string;
  type: MessageType;
  direction: MessageDirection;
  received_at: string;
  /** The exchange that carries it: its original is the message as it came. */
  exchange_id: string;
}

export interface MovementTables {
  transit_movements: MovementRow;
  transit_messages: MovementMessageRow;
}

export const movementMigrations: Record<string, Migration> = {
  '095-transit-movements': {
    async up(db) {
      await db.schema
        .createTable('transit_movements')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('holder', 'text')
        .addColumn('lrn', 'text')
        .addColumn('mrn', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('prelodged', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('presented', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('scenario', 'text')
        .addColumn('office_of_departure', 'text')
        .addColumn('office_of_destination', 'text')
        .addColumn('partner', 'text')
        .addColumn('departure_id', 'text')
        .addColumn('facts', 'text', (c) => c.notNull())
        .addColumn('time_limit', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('enquiry_at', 'text')
        .execute();
      await db.schema.createIndex('transit_movements_owner').on('transit_movements').columns(['owner', 'kind', 'id']).execute();
      // An MRN names one departure; arrivals repeat the MRN they name, so only departures are unique.
      await db.schema.createIndex('transit_movements_mrn').on('transit_movements').columns(['mrn', 'kind']).execute();
      await db.schema.createIndex('transit_movements_lrn').on('transit_movements').columns(['owner', 'lrn']).execute();
      await db.schema.createIndex('transit_movements_time_limit').on('transit_movements').columns(['state', 'time_limit']).execute();
      await db.schema
        .createTable('transit_messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('movement_id', 'text', (c) => c.notNull().references('transit_movements.id'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('exchange_id', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('transit_messages_movement').on('transit_messages').columns(['movement_id', 'id']).execute();
      await db.schema.createIndex('transit_messages_exchange').on('transit_messages').column('exchange_id').execute();
    },
  },
  // An MRN names one departure: the guard behind allocateMrn's random serial (arrivals repeat the MRN they name).
  '096-transit-mrn-unique': {
    async up(db) {
      await db.schema
        .createIndex('transit_movements_departure_mrn')
        .on('transit_movements')
        .column('mrn')
        .unique()
        .where(sql.ref('kind'), '=', sql.lit('departure'))
        .execute();
    },
  },
};
