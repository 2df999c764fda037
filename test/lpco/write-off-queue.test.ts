import { describe, expect, it } from 'vitest';
import { RejectionError } from '../../src/findings.js';
import { getLpco, registerLpco } from '../../src/lpco/registry.js';
import { createReservationQueue } from '../../src/lpco/write-off-queue.js';
import { databaseKinds } from '../support/databases.js';
import { HOLDER, PLANT_AUTHORITY, duringValidity, sampleLpco, useLpcoDatabase } from './support.js';

const kinds = await databaseKinds();

describe.each(kinds)('group-committed write-offs on %s', (kind) => {
  const t = useLpcoDatabase(kind);

  it('answers each declaration on its own and never over-draws: 33 of 50 fit in 100 kg at 3 kg', async () => {
    const lpco = sampleLpco();
    const id = await registerLpco(t.db, t.kind, lpco, PLANT_AUTHORITY, { now: duringValidity });
    const queue = createReservationQueue(t.db, t.kind, { unknownLpco: 'error', now: duringValidity }, 8);
    const citation = { documentCode: 'N851', number: lpco.number, goodsItem: '1', quantity: '3', unit: 'KGM' };
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => queue.reserve({ declarationExchangeId: `01JQUEUE${String(i).padStart(18, '0')}`, holderId: i === 7 ? 'GB999999999000' : HOLDER, actsFor: [HOLDER, 'GB999999999000'], citations: [citation] })),
    );
    const codes = results.map((r) => (r.status === 'fulfilled' ? 'reserved' : (r.reason as RejectionError).findings[0]?.code));
    // Declaration 7 is someone else's: refused on its own, without costing the others their turn.
    expect(codes[7]).toBe('lpco.holder-mismatch');
    expect(codes.filter((c) => c === 'reserved')).toHaveLength(33);
    expect(codes.slice(0, 34).filter((c) => c !== 'reserved')).toEqual(['lpco.holder-mismatch']);
    expect(new Set(codes.slice(34))).toEqual(new Set(['lpco.quantity-insufficient']));
    expect((await getLpco(t.db, id, { now: duringValidity }))?.lines[0]?.remaining).toBe('1.000');
  });

  it('refuses a declaration that reserves twice in one batch', async () => {
    const lpco = sampleLpco();
    await registerLpco(t.db, t.kind, lpco, PLANT_AUTHORITY, { now: duringValidity });
    const queue = createReservationQueue(t.db, t.kind, { unknownLpco: 'error', now: duringValidity });
    const request = { declarationExchangeId: '01JQUEUETWICE0000000000000', holderId: HOLDER, actsFor: [HOLDER], citations: [{ documentCode: 'N851', number: lpco.number, quantity: '1', unit: 'KGM' }] };
    const [first, second] = await Promise.allSettled([queue.reserve(request), queue.reserve(request)]);
    expect(first.status).toBe('fulfilled');
    expect(second.status === 'rejected' && second.reason instanceof RejectionError && second.reason.findings[0]?.code).toBe('lpco.already-reserved');
  });
});
