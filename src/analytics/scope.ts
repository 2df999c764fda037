/**
 * Who sees what of the analytics store (ANALYTICS.md, "Who sees what"). Customs sees every row
 * and every cell; a PGA sees aggregates of the declarations delivered to it, with no cell
 * resting on fewer than `minCellCount` declarations; everyone else is refused.
 */
import type { Participant } from '../config/types.js';
import { finding, RejectionError } from '../findings.js';

export type AnalyticsScope = { kind: 'customs' } | { kind: 'recipient'; participant: string; minCellCount: number };

/** The party columns: who trades with whom is customs' alone to group by. */
export const PARTY_COLUMNS = ['importer', 'exporter', 'declarant', 'carrier'] as const;

export function scopeOf(participant: Pick<Participant, 'id' | 'kind'>, minCellCount: number): AnalyticsScope {
  if (participant.kind === 'customs') return { kind: 'customs' };
  if (participant.kind === 'pga') return { kind: 'recipient', participant: participant.id, minCellCount };
  throw new RejectionError(403, 'Forbidden', [
    finding('analytics.forbidden', `Analytics are for customs and, for what was delivered to them, PGAs; a ${participant.kind} may not read them.`),
  ]);
}

/**
 * The rows a scope may aggregate, as a CTE named `scoped` (its parameter `$participant` bound by
 * `scopeValues`).
 */
export function scopedItems(scope: AnalyticsScope): string {
  return scope.kind === 'customs'
    ? 'scoped AS (SELECT * FROM items)'
    : `scoped AS (SELECT i.* FROM items i WHERE i.source = 'exchange'
        AND EXISTS (SELECT 1 FROM recipients r WHERE r.declaration = i.declaration AND r.participant = $participant))`;
}

export function scopeValues(scope: AnalyticsScope): Record<string, string> {
  return scope.kind === 'customs' ? {} : { participant: scope.participant };
}

/** The fewest declarations a cell shown to this scope may rest on (1: every cell). */
export function minimumCell(scope: AnalyticsScope): number {
  return scope.kind === 'customs' ? 1 : scope.minCellCount;
}
