/**
 * The MutualRecognition the ingest path reads facts from (vocabulary.ts): customs' own AEO
 * register and the partners' word, counted only as the configured arrangements say. Each lookup
 * is one indexed statement, run in the exchange's own write transaction.
 */
import type { GatewayConfig } from '../config/types.js';
import { tablesOf } from '../store/db.js';
import type { Store } from '../store/exchanges.js';
import type { RecognitionTables } from './recognition-tables.js';
import type { ControlOutcome, MutualRecognition } from './vocabulary.js';

const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/**
 * Whose AEO register counts: every customs participant's own, and each partner's with which an
 * arrangement with `aeo` is in force on the day; whose control results count: each partner's
 * with an arrangement with `controlResults`. Read from the configuration once: an arrangement
 * taken out of it stops counting at the next start.
 */
export function mutualRecognitionIn(config: Pick<GatewayConfig, 'participants' | 'mutualRecognition'>): MutualRecognition {
  const ownRegisters = config.participants.filter((p) => p.kind === 'customs').map((p) => p.id);
  const { arrangements } = config.mutualRecognition;
  const aeoArrangements = arrangements.filter((a) => a.aeo);
  const controlPartners = arrangements.filter((a) => a.controlResults).map((a) => a.partner);

  return {
    async aeoHolders(transaction: Store, operators: readonly string[], at: Date): Promise<Set<string>> {
      const day = dayOf(at);
      const authorities = [...ownRegisters, ...aeoArrangements.filter((a) => a.since === undefined || a.since <= day).map((a) => a.partner)];
      const ids = [...new Set(operators)];
      if (ids.length === 0 || authorities.length === 0) return new Set();
      const rows = await tablesOf<RecognitionTables>(transaction.db)
        .selectFrom('aeo_authorisations')
        .select('operator_id')
        .distinct()
        .where('operator_id', 'in', ids)
        .where('authority', 'in', authorities)
        .where('status', '=', 'granted')
        .where('valid_from', '<=', day)
        .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', day)]))
        .execute();
      return new Set(rows.map((r) => r.operator_id));
    },

    async partnerControls(transaction: Store, exportReferences: readonly string[]): Promise<Map<string, ControlOutcome>> {
      const references = [...new Set(exportReferences)];
      if (references.length === 0 || controlPartners.length === 0) return new Map();
      const rows = await tablesOf<RecognitionTables>(transaction.db)
        .selectFrom('partner_control_references as r')
        .innerJoin('partner_controls as c', 'c.id', 'r.control_id')
        .select(['r.reference', 'c.outcome'])
        .where('r.reference', 'in', references)
        .where('c.partner', 'in', controlPartners)
        .orderBy('c.controlled_at')
        .orderBy('c.id')
        .execute();
      // The partner's latest word on an export wins: a result it corrected later replaces the first.
      return new Map(rows.map((r) => [r.reference, r.outcome]));
    },
  };
}
