import { type Kysely, type Migration, PostgresAdapter, sql } from 'kysely';
import { bucketSql } from './time-release-buckets.js';

/** Exchange statuses of API.md, in lifecycle order. */
export const EXCHANGE_STATUSES = ['received', 'validated', 'routed', 'delivered', 'delivered-with-warnings', 'rejected', 'failed'] as const;
export type ExchangeStatus = (typeof EXCHANGE_STATUSES)[number];

export const DELIVERY_STATUSES = ['queued', 'in-flight', 'retrying', 'delivered', 'acknowledged', 'rejected', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface ExchangeRow {
  id: string;
  sender: string;
  kind: string;
  format: string;
  status: ExchangeStatus;
  content_sha256: string;
  message_id: string | null;
  idempotency_key: string | null;
  /** Sandbox only: the X-Sandbox-Scenario the sender asked for, passed on to simulated destinations. */
  scenario: string | null;
  /** JSON: the facts routing read from the document. */
  facts: string;
  /** JSON: findings of validation and processing. */
  findings: string;
  received_at: string;
  updated_at: string;
  /**
   * When what the exchange's end sets off (e-LPCO write-off or release, the sender's
   * notification) was done; null until then. A final exchange without it is the reconciler's to finish.
   */
  end_handled_at: string | null;
  /** The document's own reference (a declaration's LRN, Declaration/FunctionalReferenceID), for search; null when it has none. */
  reference: string | null;
  /** The declaration's MRN (Declaration/ID) when it states one (an amendment, a cancellation), for search. */
  mrn: string | null;
}

export interface DocumentRow {
  exchange_id: string;
  /** `original`, or the name of a mapped or signed output. */
  name: string;
  media_type: string;
  sha256: string;
  content: string;
  created_at: string;
}

/**
 * A document as stored. An envelope that carries another stored document in base64 (a customs
 * delivery of the original, sealed in XML-DSig) is stored without it: `content` is the envelope
 * with the base64 text cut out at `payload_offset` (a byte offset into its UTF-8 form), and
 * `payload_document` names the document to put back there. That halves what an XML delivery
 * writes; findDocument puts it back.
 */
export interface StoredDocumentRow extends DocumentRow {
  payload_document: string | null;
  payload_offset: number | null;
}

export interface DeliveryRow {
  exchange_id: string;
  destination: string;
  agreement_id: string;
  format: string;
  mapping: string | null;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  /** SHA-256 hex of the bytes last sent: a receipt must name exactly this digest. */
  sent_sha256: string | null;
  /** JSON: the destination's receipt, once there is one. */
  receipt: string | null;
  updated_at: string;
  /** The exchange's received_at, copied so that time-release figures read the deliveries alone (an index covers them). */
  received_at: string | null;
  /** When the destination first took it (delivered or acknowledged). */
  delivered_at: string | null;
  /** When it became final (acknowledged, rejected, failed): its first final word since it was last queued. */
  final_at: string | null;
}

export interface ExchangeEventRow {
  /** ULID: sorts in the order events happened. */
  id: string;
  exchange_id: string;
  at: string;
  event: string;
  destination: string | null;
  /** JSON detail, if any. */
  detail: string | null;
}

/** How often the reconciler acted, by action, over every worker's lifetime (for /metrics). */
export interface ReconcilerActionRow {
  action: string;
  count: number;
}

/**
 * The time-release histograms (/metrics), kept in the database because deliveries settle in the
 * workers, which serve no /metrics: one row per destination, measure and bucket, counting the
 * observations that fell in that bucket alone (not cumulative), with their sum.
 */
export interface TimeReleaseBucketRow {
  destination: string;
  /** `lodged-to-delivered` or `lodged-to-final`. */
  measure: string;
  /** The bucket's upper bound in seconds, or `+Inf`. */
  le: string;
  count: number;
  sum_ms: number;
}

/** Per destination and day lodged (UTC): the deliveries, how many are rejected and failed now (delivery-tallies.ts). */
export interface TimeReleaseDayRow {
  destination: string;
  day: string;
  count: number;
  rejected: number;
  failed: number;
}

/** Per destination, day lodged and measure (`delivered`, `final`): how many deliveries' times fell in each bucket (time-release-buckets.ts). */
export interface TimeReleaseDayBucketRow {
  destination: string;
  day: string;
  measure: string;
  bucket: number;
  count: number;
}

/** Per destination and status: how many deliveries are in it now (delivery-tallies.ts). */
export interface DeliveryStatusCountRow {
  destination: string;
  status: string;
  count: number;
}

export interface ExchangeTables {
  exchanges: ExchangeRow;
  documents: StoredDocumentRow;
  deliveries: DeliveryRow;
  exchange_events: ExchangeEventRow;
  reconciler_actions: ReconcilerActionRow;
  time_release_buckets: TimeReleaseBucketRow;
  time_release_days: TimeReleaseDayRow;
  time_release_day_buckets: TimeReleaseDayBucketRow;
  delivery_status_counts: DeliveryStatusCountRow;
}

/** Portable DDL: text and integer columns only, so one migration serves SQLite and PostgreSQL. */
export const exchangeMigrations: Record<string, Migration> = {
  '001-exchanges': {
    async up(db) {
      await db.schema
        .createTable('exchanges')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('sender', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('content_sha256', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text')
        .addColumn('idempotency_key', 'text')
        .addColumn('scenario', 'text')
        .addColumn('facts', 'text', (c) => c.notNull())
        .addColumn('findings', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('exchanges_sender_received').on('exchanges').columns(['sender', 'received_at']).execute();
      await db.schema.createIndex('exchanges_status').on('exchanges').column('status').execute();
      await db.schema
        .createIndex('exchanges_sender_idempotency')
        .unique()
        .on('exchanges')
        .columns(['sender', 'idempotency_key'])
        .where(sql.ref('idempotency_key'), 'is not', null)
        .execute();

      await db.schema
        .createTable('documents')
        .addColumn('exchange_id', 'text', (c) => c.notNull().references('exchanges.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('documents_pk', ['exchange_id', 'name'])
        .execute();

      await db.schema
        .createTable('deliveries')
        .addColumn('exchange_id', 'text', (c) => c.notNull().references('exchanges.id').onDelete('cascade'))
        .addColumn('destination', 'text', (c) => c.notNull())
        .addColumn('agreement_id', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('mapping', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('sent_sha256', 'text')
        .addColumn('receipt', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('deliveries_pk', ['exchange_id', 'destination'])
        .execute();
      await db.schema.createIndex('deliveries_status').on('deliveries').column('status').execute();

      await db.schema
        .createTable('exchange_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('exchange_id', 'text', (c) => c.notNull().references('exchanges.id').onDelete('cascade'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('destination', 'text')
        .addColumn('detail', 'text')
        .execute();
      await db.schema.createIndex('exchange_events_exchange').on('exchange_events').columns(['exchange_id', 'id']).execute();
    },
    async down(db) {
      for (const t of ['exchange_events', 'deliveries', 'documents', 'exchanges']) await db.schema.dropTable(t).execute();
    },
  },
  // Named to sort after every module's earlier migrations: Kysely refuses one that sorts before a migration already run.
  '030-documents-carry-payloads': {
    async up(db) {
      // One column per statement: SQLite adds one at a time.
      await db.schema.alterTable('documents').addColumn('payload_document', 'text').execute();
      await db.schema.alterTable('documents').addColumn('payload_offset', 'integer').execute();
    },
    async down(db) {
      await db.schema.alterTable('documents').dropColumn('payload_offset').execute();
      await db.schema.alterTable('documents').dropColumn('payload_document').execute();
    },
  },
  '034-reconciler': {
    async up(db) {
      await db.schema.alterTable('exchanges').addColumn('end_handled_at', 'text').execute();
      // Exchanges that ended before this column existed had their end handled then.
      await db
        .updateTable('exchanges')
        .set({ end_handled_at: sql.ref('updated_at') })
        .where('status', 'in', ['delivered', 'delivered-with-warnings', 'rejected', 'failed'])
        .execute();
      await db.schema.createIndex('exchanges_end_unhandled').on('exchanges').columns(['status', 'end_handled_at']).execute();
      await db.schema
        .createTable('reconciler_actions')
        .addColumn('action', 'text', (c) => c.primaryKey())
        .addColumn('count', 'integer', (c) => c.notNull())
        .execute();
    },
    async down(db) {
      await db.schema.dropTable('reconciler_actions').execute();
      await db.schema.dropIndex('exchanges_end_unhandled').execute();
      await db.schema.alterTable('exchanges').dropColumn('end_handled_at').execute();
    },
  },
  '060-exchange-search': {
    async up(db) {
      await db.schema.alterTable('exchanges').addColumn('reference', 'text').execute();
      await db.schema.alterTable('exchanges').addColumn('mrn', 'text').execute();
      // What ingest stored already: a declaration's LRN is among its facts. An MRN was never kept before this column.
      const lrn = sql<string>`${sql.raw(jsonText('facts', 'lrn', dialectOf(db)))}`;
      await db.updateTable('exchanges').set({ reference: lrn }).execute();
      // Search is newest first (by id) under each filter; an exact reference is found by its own index.
      await db.schema.createIndex('exchanges_reference').on('exchanges').column('reference').execute();
      await db.schema.createIndex('exchanges_mrn').on('exchanges').column('mrn').execute();
      await db.schema.createIndex('exchanges_message_id').on('exchanges').column('message_id').execute();
      await db.schema.createIndex('exchanges_status_id').on('exchanges').columns(['status', 'id']).execute();
      await db.schema.createIndex('exchanges_sender_id').on('exchanges').columns(['sender', 'id']).execute();
      await db.schema.createIndex('exchanges_kind_id').on('exchanges').columns(['kind', 'id']).execute();
      await db.schema.createIndex('exchanges_received').on('exchanges').column('received_at').execute();
      // The deliveries list reads one status at a time, newest exchange first, with or without a destination.
      await db.schema.createIndex('deliveries_status_exchange').on('deliveries').columns(['status', 'exchange_id', 'destination']).execute();
      await db.schema.createIndex('deliveries_destination_status').on('deliveries').columns(['destination', 'status', 'exchange_id']).execute();
      // What a destination receives, newest first.
      await db.schema.createIndex('deliveries_destination_exchange').on('deliveries').columns(['destination', 'exchange_id']).execute();
    },
    async down(db) {
      for (const index of [
        'deliveries_destination_exchange',
        'deliveries_destination_status',
        'deliveries_status_exchange',
        'exchanges_received',
        'exchanges_kind_id',
        'exchanges_sender_id',
        'exchanges_status_id',
        'exchanges_message_id',
        'exchanges_mrn',
        'exchanges_reference',
      ])
        await db.schema.dropIndex(index).execute();
      await db.schema.alterTable('exchanges').dropColumn('mrn').execute();
      await db.schema.alterTable('exchanges').dropColumn('reference').execute();
    },
  },
  '061-time-release': {
    async up(db) {
      for (const column of ['received_at', 'delivered_at', 'final_at']) await db.schema.alterTable('deliveries').addColumn(column, 'text').execute();
      // From the exchanges' own timelines: received, the first delivered or acknowledged, the last final word of a delivery now final.
      await sql`update deliveries set received_at = (select e.received_at from exchanges e where e.id = deliveries.exchange_id)`.execute(db);
      await sql`update deliveries set delivered_at = (select min(v.at) from exchange_events v
        where v.exchange_id = deliveries.exchange_id and v.destination = deliveries.destination and v.event in ('delivered', 'acknowledged'))`.execute(db);
      await sql`update deliveries set final_at = (select max(v.at) from exchange_events v
        where v.exchange_id = deliveries.exchange_id and v.destination = deliveries.destination and v.event in ('acknowledged', 'rejected', 'failed'))
        where status in ('acknowledged', 'rejected', 'failed')`.execute(db);
      // Covers the time-release query: a range of days, every column it reads in the index.
      await db.schema
        .createIndex('deliveries_time_release')
        .on('deliveries')
        .columns(['received_at', 'destination', 'status', 'delivered_at', 'final_at'])
        .execute();
      await db.schema
        .createTable('time_release_buckets')
        .addColumn('destination', 'text', (c) => c.notNull())
        .addColumn('measure', 'text', (c) => c.notNull())
        .addColumn('le', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('sum_ms', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('time_release_buckets_pk', ['destination', 'measure', 'le'])
        .execute();
    },
    async down(db) {
      await db.schema.dropTable('time_release_buckets').execute();
      await db.schema.dropIndex('deliveries_time_release').execute();
      for (const column of ['final_at', 'delivered_at', 'received_at']) await db.schema.alterTable('deliveries').dropColumn(column).execute();
    },
  },
  '063-time-release-days': {
    async up(db) {
      await db.schema
        .createTable('time_release_days')
        .addColumn('destination', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('rejected', 'integer', (c) => c.notNull())
        .addColumn('failed', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('time_release_days_pk', ['day', 'destination'])
        .execute();
      await db.schema
        .createTable('time_release_day_buckets')
        .addColumn('destination', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('measure', 'text', (c) => c.notNull())
        .addColumn('bucket', 'integer', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('time_release_day_buckets_pk', ['day', 'destination', 'measure', 'bucket'])
        .execute();
      // From the delivery rows as they stand, counted as delivery-tallies.ts counts a change.
      await sql`insert into time_release_days (destination, day, count, rejected, failed)
        select destination, substr(received_at, 1, 10), count(*),
          sum(case when status = 'rejected' then 1 else 0 end), sum(case when status = 'failed' then 1 else 0 end)
        from deliveries where received_at is not null group by destination, substr(received_at, 1, 10)`.execute(db);
      const dialect = dialectOf(db);
      for (const [measure, column, onlyFinal] of [
        ['delivered', 'delivered_at', ''],
        ['final', 'final_at', `and status in ('acknowledged', 'rejected', 'failed')`],
      ] as const) {
        const bucket = bucketSql(secondsBetween('received_at', column, dialect));
        await sql`insert into time_release_day_buckets (destination, day, measure, bucket, count)
          select destination, day, ${measure}, bucket, count(*) from (
            select destination, substr(received_at, 1, 10) as day, ${sql.raw(bucket)} as bucket from deliveries
            where received_at is not null and ${sql.ref(column)} is not null ${sql.raw(onlyFinal)}) t
          group by destination, day, bucket`.execute(db);
      }
    },
    async down(db) {
      await db.schema.dropTable('time_release_day_buckets').execute();
      await db.schema.dropTable('time_release_days').execute();
    },
  },
  '064-delivery-status-counts': {
    async up(db) {
      await db.schema
        .createTable('delivery_status_counts')
        .addColumn('destination', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('delivery_status_counts_pk', ['destination', 'status'])
        .execute();
      await sql`insert into delivery_status_counts (destination, status, count)
        select destination, status, count(*) from deliveries group by destination, status`.execute(db);
    },
    async down(db) {
      await db.schema.dropTable('delivery_status_counts').execute();
    },
  },
};

/** Seconds from one ISO text column to another, to the millisecond (as bucketOf is given them). */
const secondsBetween = (from: string, to: string, dialect: 'sqlite' | 'postgres') =>
  dialect === 'sqlite'
    ? `(round((julianday(${to}) - julianday(${from})) * 86400000.0) / 1000.0)`
    : `extract(epoch from (${to}::timestamptz - ${from}::timestamptz))`;

/** Which database a migration runs on: what little SQL differs between the two (JSON). */
const dialectOf = (db: Kysely<unknown>): 'sqlite' | 'postgres' => (db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite');

const jsonText = (column: string, key: string, dialect: 'sqlite' | 'postgres') =>
  dialect === 'sqlite' ? `json_extract(${column}, '$.${key}')` : `(${column}::json ->> '${key}')`;
