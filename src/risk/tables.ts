import { type Migration, PostgresAdapter, sql } from 'kysely';
import type { ControlOutcome, Lane } from './vocabulary.js';

/**
 * One targeting decision per exchange, written in the exchange's own transaction at ingest.
 * Analytics reads `lane` from here, and the outcome and revenue from control_results.
 */
export interface RiskDecisionRow {
  exchange_id: string;
  lane: Lane;
  /** The model's score of the riskiest item, in [0, 1]; null when no model is configured. */
  score: number | null;
  model_version: string | null;
  /** JSON: every owner's hits, `[{profile, version, owner, lane, item}]`: confidential (RISK.md). */
  hits: string;
  decided_at: string;
  /** The profile set's version the decision was taken with (ProfileSet.version). */
  profiles_version: string | null;
  /** Hex: opens the decision's commitment in the provenance log (`targeted`), which without it reveals nothing (SECURITY.md). */
  commitment_salt: string | null;
}

/** A party of a declaration: what the history facts (its earlier declarations and discrepancies) count. */
export interface RiskPartyRow {
  exchange_id: string;
  role: 'importer' | 'exporter' | 'declarant';
  party: string;
}

/** A control's result on an exchange, by customs or a PGA it was routed to. */
export interface ControlResultRow {
  /** ULID. */
  id: string;
  exchange_id: string;
  /** The participant that controlled. */
  controller: string;
  outcome: ControlOutcome;
  /** JSON: `[{code, text}]`. */
  findings: string;
  /** What the control recovered (duties, fines); 0 when none. */
  revenue: number;
  seized: number;
  recorded_at: string;
}

/** A party's history in one row, read once per declaration: kept current by ingest (declarations) and by a trigger on control_results (discrepancies). */
export interface RiskPartyCountRow {
  role: RiskPartyRow['role'];
  party: string;
  declarations: number;
  /** Its declarations a control found a discrepancy in (each counted once, however many controls). */
  discrepancies: number;
}

export interface RiskTables {
  risk_decisions: RiskDecisionRow;
  control_results: ControlResultRow;
  risk_parties: RiskPartyRow;
  risk_party_counts: RiskPartyCountRow;
}

export const riskMigrations: Record<string, Migration> = {
  '036-risk-decisions': {
    async up(db) {
      await db.schema
        .createTable('risk_decisions')
        .addColumn('exchange_id', 'text', (c) => c.primaryKey())
        .addColumn('lane', 'text', (c) => c.notNull())
        .addColumn('score', 'real')
        .addColumn('model_version', 'text')
        .addColumn('hits', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('control_results')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('exchange_id', 'text', (c) => c.notNull())
        .addColumn('controller', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('findings', 'text', (c) => c.notNull())
        .addColumn('revenue', 'real', (c) => c.notNull())
        .addColumn('seized', 'integer', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('control_results_exchange').on('control_results').column('exchange_id').execute();
      await db.schema.createIndex('control_results_recorded').on('control_results').column('recorded_at').execute();
    },
  },
  '043-risk-decision-commitment': {
    async up(db) {
      await db.schema.alterTable('risk_decisions').addColumn('profiles_version', 'text').execute();
      await db.schema.alterTable('risk_decisions').addColumn('commitment_salt', 'text').execute();
    },
  },
  '044-risk-parties': {
    async up(db) {
      await db.schema
        .createTable('risk_parties')
        .addColumn('exchange_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('party', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('risk_parties_pk', ['exchange_id', 'role'])
        .execute();
      await db.schema
        .createTable('risk_party_counts')
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('party', 'text', (c) => c.notNull())
        .addColumn('declarations', 'integer', (c) => c.notNull())
        .addColumn('discrepancies', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('risk_party_counts_pk', ['party', 'role'])
        .execute();
      // Whoever records a control result (the API, a partner's message), the parties' counts follow in its transaction.
      const firstDiscrepancy = sql`NEW.outcome = 'discrepancy' AND NOT EXISTS (SELECT 1 FROM control_results c WHERE c.exchange_id = NEW.exchange_id AND c.outcome = 'discrepancy' AND c.id <> NEW.id)`;
      const count = sql`UPDATE risk_party_counts SET discrepancies = discrepancies + 1 WHERE (party, role) IN (SELECT party, role FROM risk_parties WHERE exchange_id = NEW.exchange_id)`;
      if (db.getExecutor().adapter instanceof PostgresAdapter) {
        await sql`CREATE FUNCTION risk_party_discrepancy() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF ${firstDiscrepancy} THEN ${count}; END IF; RETURN NEW; END $$`.execute(
          db,
        );
        await sql`CREATE TRIGGER risk_party_discrepancies AFTER INSERT ON control_results FOR EACH ROW EXECUTE FUNCTION risk_party_discrepancy()`.execute(db);
      } else {
        await sql`CREATE TRIGGER risk_party_discrepancies AFTER INSERT ON control_results WHEN ${firstDiscrepancy} BEGIN ${count}; END`.execute(db);
      }
    },
  },
};
