import { describe, expect, it } from 'vitest';
import { getLpco, registerLpco } from '../../src/lpco/registry.js';
import { reserveForDeclaration } from '../../src/lpco/write-off.js';
import { AMENDMENT, CANCELLATION, customsDecision, followCustomsDecision } from '../../src/pipeline/lpco-decisions.js';
import type { RecordInput } from '../../src/provenance/record.js';
import { insertAcceptedExchange, newId, updateDelivery } from '../../src/store/exchanges.js';
import { databaseKinds } from '../support/databases.js';
import { acceptedExchange } from '../support/exchanges.js';
import { HOLDER, PLANT_AUTHORITY, duringValidity, sampleLpco, useLpcoDatabase } from '../lpco/support.js';
import { participant } from './support.js';

const kinds = await databaseKinds();

const PARTICIPANTS = new Map(
  [participant('customs', { kind: 'customs' }), participant('pga-plant', { kind: 'pga' }), participant('partner-xb', { kind: 'partner-customs' })].map((p) => [
    p.id,
    p,
  ]),
);
const receipt = (status: string) => JSON.stringify({ status });

describe('customsDecision', () => {
  const d = (destination: string, status: 'queued' | 'acknowledged' | 'rejected' | 'failed' | 'delivered', receiptStatus?: string) => ({
    destination,
    status,
    receipt: receiptStatus ? receipt(receiptStatus) : null,
  });

  it("is the customs administration's receipt, whatever the other destinations said", () => {
    expect(customsDecision([d('customs', 'acknowledged', 'accepted'), d('pga-plant', 'rejected', 'rejected')], PARTICIPANTS)).toEqual({
      verdict: 'accepted',
      by: 'customs',
    });
    expect(customsDecision([d('customs', 'acknowledged', 'accepted-with-warnings')], PARTICIPANTS)).toEqual({ verdict: 'accepted', by: 'customs' });
    expect(customsDecision([d('customs', 'rejected', 'rejected'), d('pga-plant', 'acknowledged', 'accepted')], PARTICIPANTS)).toEqual({
      verdict: 'rejected',
      by: 'customs',
    });
  });

  it('is nothing until customs has answered with a receipt: failed, awaiting or only a partner', () => {
    expect(customsDecision([d('customs', 'failed')], PARTICIPANTS)).toBeUndefined();
    expect(customsDecision([d('customs', 'delivered')], PARTICIPANTS)).toBeUndefined();
    expect(customsDecision([d('partner-xb', 'acknowledged', 'accepted')], PARTICIPANTS)).toBeUndefined();
    expect(customsDecision([], PARTICIPANTS)).toBeUndefined();
  });
});

describe.each(kinds)('quantities follow customs decisions on %s', (kind) => {
  const t = useLpcoDatabase(kind);
  const recorded: RecordInput[] = [];
  const deps = () => ({
    store: t.store,
    kind: t.kind,
    participants: PARTICIPANTS,
    recordProvenance: async (_transaction: unknown, r: RecordInput[]) => {
      recorded.push(...r);
      return [];
    },
    now: duringValidity,
  });

  /** A declaration (or cancellation) as the gateway stores it, with one delivery to customs. */
  async function lodged(lrn: string, typeCode = 'IMA', sender = 'trader-demo'): Promise<string> {
    const id = newId();
    await insertAcceptedExchange(
      t.store,
      acceptedExchange(id, {
        at: duringValidity().toISOString(),
        exchange: { sender, message_id: lrn, facts: JSON.stringify({ typeCode, lrn }) },
        deliveries: [{ destination: 'customs' }],
      }),
    );
    return id;
  }
  async function decided(exchangeId: string, verdict: 'accepted' | 'rejected') {
    await updateDelivery(t.store, exchangeId, 'customs', {
      status: verdict === 'accepted' ? 'acknowledged' : 'rejected',
      receipt: { status: verdict },
      at: duringValidity().toISOString(),
    });
    return followCustomsDecision(deps(), exchangeId);
  }
  async function licence(quantity = '100') {
    const lpco = sampleLpco({ lines: [{ ...sampleLpco().lines[0]!, quantity }] });
    return { id: await registerLpco(t.db, t.kind, lpco, PLANT_AUTHORITY, { now: duringValidity }), lpco };
  }
  const reserve = (exchangeId: string, number: string, quantity: string) =>
    reserveForDeclaration(
      t.db,
      t.kind,
      {
        declarationExchangeId: exchangeId,
        holderId: HOLDER,
        actsFor: [HOLDER],
        citations: [{ documentCode: 'N851', number, goodsItem: '1', quantity, unit: 'KGM' }],
      },
      { unknownLpco: 'error', now: duringValidity },
    );
  const remaining = async (id: string) => (await getLpco(t.db, id, { now: duringValidity }))?.lines[0]?.remaining;
  const movements = async (id: string) =>
    (await getLpco(t.db, id, { now: duringValidity }))?.history.flatMap((h) => (h.movement ? [`${h.movement.kind} ${h.movement.quantity} by ${h.actor}`] : []));

  it('writes off on acceptance, releases on rejection, and logs each movement', async () => {
    const { id, lpco } = await licence();
    const [accepted, refused] = [await lodged('LRN-A'), await lodged('LRN-B')];
    await reserve(accepted, lpco.number, '10');
    await reserve(refused, lpco.number, '5');
    expect(await remaining(id)).toBe('85.000');
    expect(await decided(accepted, 'accepted')).toMatchObject([{ movement: 'written-off', quantity: '10.000' }]);
    expect(await decided(refused, 'rejected')).toMatchObject([{ movement: 'released', quantity: '5.000' }]);
    expect(await remaining(id)).toBe('90.000');
    expect(await movements(id)).toEqual([
      'reserved 10.000 by registry',
      'reserved 5.000 by registry',
      'written-off 10.000 by customs',
      'released 5.000 by customs',
    ]);
    expect(recorded.filter((r) => r.exchangeId === accepted || r.exchangeId === refused).map((r) => [r.exchangeId, r.event, r.agent.participant])).toEqual([
      [accepted, 'lpco-written-off', 'customs'],
      [refused, 'lpco-released', 'customs'],
    ]);
    // The same end announced again (an operator's retry) moves nothing more.
    expect(await followCustomsDecision(deps(), accepted)).toEqual([]);
  });

  it('gives back only on an accepted cancellation of the same sender, and only that declaration', async () => {
    const { id, lpco } = await licence();
    const declaration = await lodged('LRN-C');
    const other = await lodged('LRN-D');
    await reserve(declaration, lpco.number, '10');
    await reserve(other, lpco.number, '7');
    await decided(declaration, 'accepted');
    await decided(other, 'accepted');
    expect(await remaining(id)).toBe('83.000');
    // Lodged, not decided: nothing. Rejected: nothing. Someone else's with the same LRN: nothing.
    const waiting = await lodged('LRN-C', CANCELLATION);
    expect(await followCustomsDecision(deps(), waiting)).toEqual([]);
    expect(await decided(await lodged('LRN-C', CANCELLATION), 'rejected')).toEqual([]);
    expect(await decided(await lodged('LRN-C', CANCELLATION, 'post-demo'), 'accepted')).toEqual([]);
    expect(await remaining(id)).toBe('83.000');
    expect(await decided(await lodged('LRN-C', CANCELLATION), 'accepted')).toMatchObject([{ movement: 'given-back', quantity: '10.000' }]);
    expect(await remaining(id)).toBe('93.000');
    expect(recorded.find((r) => r.exchangeId === declaration && r.event === 'lpco-given-back')?.entity.name).toBe('lpco-given-back');
  });

  it('gives back what an accepted amendment lowers, and only then; what it restates replaces what was drawn', async () => {
    const { id, lpco } = await licence();
    const two = await licence();
    const declaration = await lodged('LRN-E');
    await reserveForDeclaration(
      t.db,
      t.kind,
      {
        declarationExchangeId: declaration,
        holderId: HOLDER,
        actsFor: [HOLDER],
        citations: [
          { documentCode: 'N851', number: lpco.number, goodsItem: '1', quantity: '10', unit: 'KGM' },
          { documentCode: 'N851', number: two.lpco.number, goodsItem: '2', quantity: '3', unit: 'KGM' },
        ],
      },
      { unknownLpco: 'error', now: duringValidity },
    );
    await decided(declaration, 'accepted');
    expect([await remaining(id), await remaining(two.id)]).toEqual(['90.000', '97.000']);

    // The amendment restates goods item 1 at 6 kg: reserved when lodged, nothing given back while customs has not accepted it.
    const refused = await lodged('LRN-E', AMENDMENT);
    await reserve(refused, lpco.number, '6');
    expect(await remaining(id)).toBe('84.000');
    expect(await decided(refused, 'rejected')).toMatchObject([{ movement: 'released', quantity: '6.000' }]);
    expect(await remaining(id)).toBe('90.000');

    const amendment = await lodged('LRN-E', AMENDMENT);
    await reserve(amendment, lpco.number, '6');
    const moved = await decided(amendment, 'accepted');
    expect(moved.map((m) => `${m.movement} ${m.quantity}`)).toEqual(['written-off 6.000', 'given-back 10.000']);
    // 4 kg back on the amended line; goods item 2, which the amendment does not restate, keeps its write-off.
    expect([await remaining(id), await remaining(two.id)]).toEqual(['94.000', '97.000']);
    expect(await followCustomsDecision(deps(), amendment)).toEqual([]);
  });

  it('never over-draws nor gives back twice, with declarations and cancellations lodged concurrently against one licence', async () => {
    const { id, lpco } = await licence('100');
    const first = await Promise.all(Array.from({ length: 30 }, (_, i) => lodged(`RACE-${i}`)));
    const reserved = await Promise.allSettled(first.map((d) => reserve(d, lpco.number, '5')));
    const drawn = first.filter((_, i) => reserved[i]?.status === 'fulfilled');
    expect(drawn).toHaveLength(20);
    await Promise.all(drawn.map((d) => decided(d, 'accepted')));
    expect(await remaining(id)).toBe('0.000');

    // Three accepted cancellations race for each of ten declarations, while ten more declarations try to draw.
    const cancelled = drawn.slice(0, 10);
    const cancellations = await Promise.all(cancelled.flatMap((d) => [0, 1, 2].map(() => lodged(`RACE-${first.indexOf(d)}`, CANCELLATION))));
    const second = await Promise.all(Array.from({ length: 10 }, (_, i) => lodged(`LATE-${i}`)));
    await Promise.allSettled([...cancellations.map((c) => decided(c, 'accepted')), ...second.map((d) => reserve(d, lpco.number, '5'))]);

    const rows = await t.db.selectFrom('lpco_reservations').select(['declaration_exchange_id', 'state', 'quantity']).where('lpco_id', '=', id).execute();
    const held = rows.filter((r) => r.state !== 'released').reduce((sum, r) => sum + BigInt(r.quantity), 0n);
    expect(held).toBeLessThanOrEqual(100_000n);
    expect(await remaining(id)).toBe(`${(100_000n - held) / 1000n}.000`);
    const givenBack = (
      await t.db.selectFrom('lpco_history').select('declaration_exchange_id').where('lpco_id', '=', id).where('movement', '=', 'given-back').execute()
    ).map((r) => r.declaration_exchange_id);
    expect(givenBack.sort()).toEqual([...cancelled].sort());
    expect(rows.filter((r) => cancelled.includes(r.declaration_exchange_id)).map((r) => r.state)).toEqual(Array(10).fill('released'));
  });
});
