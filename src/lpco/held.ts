import type { LpcoDb } from './registry.js';

/**
 * Declarations that have held e-LPCO quantities (reserved, neither written off nor released)
 * since before `before`, oldest first. The reconciler gives back what a declaration whose
 * exchange was never stored holds: a crash between the reservation and the exchange's commit.
 */
export async function declarationsHoldingSince(db: LpcoDb, before: string, limit = 1000): Promise<string[]> {
  const rows = await db
    .selectFrom('lpco_reservations')
    .select('declaration_exchange_id')
    .where('state', '=', 'reserved')
    .where('created_at', '<', before)
    .groupBy('declaration_exchange_id')
    .orderBy('declaration_exchange_id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.declaration_exchange_id);
}
