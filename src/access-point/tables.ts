import type { Migration } from 'kysely';

/**
 * A UserMessage this gateway took at POST /as4, by the sender's MessageId: a copy (reception
 * awareness: the sender retries until it has a receipt) gets the same receipt again and is not
 * processed twice. The receipt is kept as sent, so the copy's answer is byte for byte the first.
 */
export interface As4ReceivedRow {
  message_id: string;
  /** The participant whose signature the message carried. */
  partner: string;
  exchange_id: string;
  /** The signed Receipt signal as answered, and its content type (MIME or bare SOAP). */
  receipt: string;
  receipt_type: string;
  received_at: string;
}

/**
 * A UserMessage waiting on its MPC for the partner's PullRequest (agreements in `pull` mode):
 * made once per delivery message id, signed and encrypted as pushed ones are, answered to the
 * oldest PullRequest of that partner on that MPC; its Receipt signal settles the delivery.
 */
export interface As4WaitingRow {
  message_id: string;
  exchange_id: string;
  destination: string;
  mpc: string;
  /** The message as sent: base64 of the HTTP body, and its content type. */
  body: string;
  content_type: string;
  /** Digests the partner's receipt must name (JSON list of {uri, digest}), for non-repudiation. */
  signed_references: string;
  created_at: string;
  /** When a PullRequest last took it; null while it waits. */
  pulled_at: string | null;
}

/** A partner's signed Receipt for a UserMessage this gateway sent: the evidence of non-repudiation of receipt, kept as received. */
export interface As4ReceiptRow {
  message_id: string;
  exchange_id: string;
  destination: string;
  /** base64 of the signal as received, and its content type. */
  receipt: string;
  content_type: string;
  received_at: string;
}

/** A signal (PullRequest, Receipt) taken once: its MessageId, so a captured signal cannot be played again. */
export interface As4SignalRow {
  message_id: string;
  partner: string;
  received_at: string;
}

export interface AccessPointTables {
  as4_received: As4ReceivedRow;
  as4_waiting: As4WaitingRow;
  as4_receipts: As4ReceiptRow;
  as4_signals: As4SignalRow;
}

export const accessPointMigrations: Record<string, Migration> = {
  '070-as4-received': {
    async up(db) {
      await db.schema
        .createTable('as4_received')
        .addColumn('message_id', 'text', (c) => c.primaryKey())
        .addColumn('partner', 'text', (c) => c.notNull())
        .addColumn('exchange_id', 'text', (c) => c.notNull())
        .addColumn('receipt', 'text', (c) => c.notNull())
        .addColumn('receipt_type', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '071-as4-waiting': {
    async up(db) {
      await db.schema
        .createTable('as4_waiting')
        .addColumn('message_id', 'text', (c) => c.primaryKey())
        .addColumn('exchange_id', 'text', (c) => c.notNull())
        .addColumn('destination', 'text', (c) => c.notNull())
        .addColumn('mpc', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('signed_references', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('pulled_at', 'text')
        .execute();
      await db.schema.createIndex('as4_waiting_mpc').on('as4_waiting').columns(['destination', 'mpc', 'pulled_at', 'created_at']).execute();
    },
  },
  '072-as4-receipts': {
    async up(db) {
      await db.schema
        .createTable('as4_receipts')
        .addColumn('message_id', 'text', (c) => c.primaryKey())
        .addColumn('exchange_id', 'text', (c) => c.notNull())
        .addColumn('destination', 'text', (c) => c.notNull())
        .addColumn('receipt', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('as4_receipts_exchange').on('as4_receipts').column('exchange_id').execute();
    },
  },
  '073-as4-signals': {
    async up(db) {
      await db.schema
        .createTable('as4_signals')
        .addColumn('message_id', 'text', (c) => c.primaryKey())
        .addColumn('partner', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
};
