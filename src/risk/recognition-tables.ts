import type { CreateTableBuilder, Migration } from 'kysely';
import type { ControlOutcome } from './vocabulary.js';

/** AEO statuses, as customs' register and partner customs' status messages state them. */
export const AEO_STATUSES = ['granted', 'suspended', 'revoked'] as const;
export type AeoStatus = (typeof AEO_STATUSES)[number];

/** AEO authorisation types: customs simplifications, security and safety, or both (full). */
export const AEO_TYPES = ['AEOC', 'AEOS', 'AEOF'] as const;
export type AeoType = (typeof AEO_TYPES)[number];

/**
 * An operator's authorisation as its authority last stated it: customs' own register (`authority`
 * is the customs participant) or a partner customs (`authority` is the partner). One row per
 * authority and operator, so the latest word is the only one `aeoHolders` reads.
 */
export interface AeoAuthorisationRow {
  authority: string;
  operator_id: string;
  /** 1 for the first statement, one more for each change: the version the history keeps. */
  version: number;
  status: AeoStatus;
  type: AeoType;
  /** YYYY-MM-DD. */
  valid_from: string;
  /** YYYY-MM-DD, inclusive; null: open-ended. */
  valid_to: string | null;
  changed_at: string;
  /** The participant that stated it: customs' user of the register, or the partner. */
  changed_by: string;
}

/** Every version of every authorisation, never changed once written. */
export interface AeoAuthorisationVersionRow extends AeoAuthorisationRow {
  /** ULID: also the subject of its provenance record. */
  id: string;
}

/** A partner customs' control of one of its exports, from its signed message. */
export interface PartnerControlRow {
  /** ULID. */
  id: string;
  partner: string;
  message_id: string;
  outcome: ControlOutcome;
  /** JSON: `[{code, text}]`. */
  findings: string;
  controlled_at: string;
  received_at: string;
}

/** The references of the export a partner control names (MRN, LRN, the gateway exchange that carried it): what an import cites. */
export interface PartnerControlReferenceRow {
  reference: string;
  control_id: string;
}

/** Partner messages taken, by their envelope's MessageId: a message sent again is answered as before, never taken twice. */
export interface PartnerMessageRow {
  partner: string;
  message_id: string;
  kind: string;
  /** SHA-256 of the signed content: the same MessageId with other content is a conflict. */
  content_sha256: string;
  received_at: string;
  /** JSON: the answer given the first time. */
  answer: string;
}

export interface RecognitionTables {
  aeo_authorisations: AeoAuthorisationRow;
  aeo_authorisation_versions: AeoAuthorisationVersionRow;
  partner_controls: PartnerControlRow;
  partner_control_references: PartnerControlReferenceRow;
  partner_messages: PartnerMessageRow;
}

/** What an authority states of an operator: the current word and each version have these columns. */
const authorisationColumns = <T extends string>(table: CreateTableBuilder<T>) =>
  table
    .addColumn('authority', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull());

export const recognitionMigrations: Record<string, Migration> = {
  '045-aeo-register': {
    async up(db) {
      await authorisationColumns(db.schema.createTable('aeo_authorisations'))
        .addPrimaryKeyConstraint('aeo_authorisations_pk', ['authority', 'operator_id'])
        .execute();
      // aeoHolders looks operators up by id across authorities.
      await db.schema.createIndex('aeo_authorisations_operator').on('aeo_authorisations').columns(['operator_id', 'authority']).execute();
      await authorisationColumns(db.schema.createTable('aeo_authorisation_versions').addColumn('id', 'text', (c) => c.primaryKey())).execute();
      await db.schema
        .createIndex('aeo_authorisation_versions_key')
        .on('aeo_authorisation_versions')
        .columns(['authority', 'operator_id', 'version'])
        .unique()
        .execute();
    },
  },
  '046-partner-messages': {
    async up(db) {
      await db.schema
        .createTable('partner_messages')
        .addColumn('partner', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('content_sha256', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('answer', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('partner_messages_pk', ['partner', 'message_id'])
        .execute();
      await db.schema
        .createTable('partner_controls')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('partner', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('findings', 'text', (c) => c.notNull())
        .addColumn('controlled_at', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('partner_control_references')
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('control_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('partner_control_references_pk', ['reference', 'control_id'])
        .execute();
    },
  },
};
