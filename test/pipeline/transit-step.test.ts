import { describe, expect, it } from 'vitest';
import { GuaranteeRefusal, type MovementStep, writeMovementStep } from '../../src/pipeline/transit-step.js';
import { tablesOf } from '../../src/store/db.js';
import { newId } from '../../src/store/exchanges.js';
import { writeInBatch } from '../../src/store/write-batches.js';
import { SANDBOX_LEDGER, balanceOf } from '../../src/transit/guarantees.js';
import { movementMigrations, type MovementTables } from '../../src/transit/movement-tables.js';
import { findMovement, listMessages, movementCounts, overdueMovements } from '../../src/transit/movements.js';
import { type TransitTables, transitMigrations } from '../../src/transit/tables.js';
import { databaseKinds, useExchangeStore } from '../support/databases.js';

const at = '2026-12-06T10:00:00.000Z';
const GRN = '26GB0000010000053';

const start = (lrn: string, owner = 'trader-a'): Extract<MovementStep, { step: 'start' }> => ({
  step: 'start',
  type: 'IE015',
  messageId: newId(),
  pointer: '/CC015C/TransitOperation/LRN',
  movement: { id: newId(), kind: 'departure', owner, lrn, prelodged: false, officeOfDeparture: 'GB000246', facts: {} },
});
const message = (
  movementId: string,
  type: Extract<MovementStep, { step: 'message' }>['type'],
  more: Partial<Extract<MovementStep, { step: 'message' }>> = {},
): MovementStep => ({
  step: 'message',
  movementId,
  type,
  messageId: newId(),
  direction: 'to-trader',
  ...more,
});
const guarantee = (amount: string) => ({
  reserve: { officeOfDepartureCountry: 'GB', guarantees: [{ type: '1', references: [{ grn: GRN, amountToBeCovered: amount, currency: 'GBP' }] }] },
});

describe.each(await databaseKinds())("a transit message's step in its exchange's transaction (%s)", (kind) => {
  const t = useExchangeStore(kind, { ...transitMigrations, ...movementMigrations });
  const write = (step: MovementStep) => writeInBatch(t.store, (transaction) => writeMovementStep(transaction, step, newId(), at, SANDBOX_LEDGER));
  const movements = () => tablesOf<MovementTables>(t.store.db);

  async function released(amount: string) {
    const first = start(`LRN${newId()}`);
    await write(first);
    const id = first.movement.id;
    for (const type of ['IE928', 'IE028'] as const) expect((await write(message(id, type))).refused).toBeUndefined();
    return { id, outcome: await write(message(id, 'IE029', { guarantee: guarantee(amount) })) };
  }

  it('starts a movement and refuses a duplicate LRN of the same owner (422, code 26), not of another', async () => {
    const first = start('LRN-DUP');
    expect(await write(first)).toEqual({ extra: { movementId: first.movement.id, messageId: first.messageId } });
    const again = await write(start('LRN-DUP'));
    expect(again.refused?.status).toBe(422);
    expect(again.refused?.findings[0]).toMatchObject({ errorCode: '26', errorPointer: '/CC015C/TransitOperation/LRN' });
    expect((await write(start('LRN-DUP', 'trader-b'))).refused).toBeUndefined();
  });

  it('hands back a message out of sequence with nothing written, so the batch it shares stands', async () => {
    const first = start(`LRN${newId()}`);
    await write(first);
    const [early, neighbour] = await Promise.all([write(message(first.movement.id, 'IE029')), write(message(first.movement.id, 'IE928'))]);
    expect(early.refused?.status).toBe(400);
    expect(early.refused?.findings[0]).toMatchObject({ code: 'transit.out-of-state', errorCode: '92' });
    expect(neighbour.refused).toBeUndefined();
    expect((await listMessages(movements(), first.movement.id, true)).map((m) => m.type)).toEqual(['IE015', 'IE928']);
  });

  it('an MRN names one departure (unique index 096): a second departure given it is refused; arrivals repeat it', async () => {
    const mrn = '26GB000246UNIQUE0J1';
    const [a, b] = [start(`LRN${newId()}`), start(`LRN${newId()}`)];
    for (const s of [a, b]) {
      await write(s);
      await write(message(s.movement.id, 'IE928'));
    }
    expect((await write(message(a.movement.id, 'IE028', { effects: { mrn } }))).refused).toBeUndefined();
    await expect(write(message(b.movement.id, 'IE028', { effects: { mrn } }))).rejects.toThrow(/unique|UNIQUE/);
    expect((await findMovement(movements(), b.movement.id))?.mrn).toBeNull();
    const arrival = { ...(await findMovement(movements(), a.movement.id))!, id: newId(), kind: 'arrival' as const };
    await movements().insertInto('transit_movements').values(arrival).execute();
    await movements()
      .insertInto('transit_movements')
      .values({ ...arrival, id: newId() })
      .execute();
  });

  it('a released departure is overdue the day after its time limit, not on the day itself', async () => {
    const { id } = await released('1.00');
    await movements().updateTable('transit_movements').set({ time_limit: '2030-01-15' }).where('id', '=', id).execute();
    const overdue = async (now: string) => (await overdueMovements(movements(), new Date(now))).some((m) => m.id === id);
    expect(await overdue('2030-01-15T23:59:59.000Z')).toBe(false);
    expect(await overdue('2030-01-16T00:00:00.000Z')).toBe(true);
    const counted = async (now: string) => (await movementCounts(movements(), new Date(now))).overdue;
    expect(await counted('2030-01-16T00:00:00.000Z')).toBe((await counted('2030-01-15T12:00:00.000Z')) + 1);
  });

  it('takes the control results once, and an arrival only for a departure released and not arrived yet', async () => {
    const { id } = await released('1.00');
    const mrn = `26GB000246${newId().slice(-8)}J1`;
    await movements().updateTable('transit_movements').set({ mrn }).where('id', '=', id).execute();
    const arrival = () =>
      write({
        step: 'start',
        type: 'IE007',
        messageId: newId(),
        pointer: '/CC007C/TransitOperation/MRN',
        arrivalOf: { mrn, mayName: () => true },
        movement: { id: newId(), kind: 'arrival', owner: 'trader-a', mrn, prelodged: false, officeOfDestination: 'GB000142', facts: {} },
      });
    expect((await arrival()).refused).toBeUndefined();
    expect((await write(message(id, 'IE006', { direction: 'from-office' }))).refused).toBeUndefined();
    const second = await arrival();
    expect([second.refused?.status, second.refused?.findings[0]?.code]).toEqual([422, 'transit.mrn-unknown']);
    expect((await write(message(id, 'IE018', { direction: 'from-office' }))).refused).toBeUndefined();
    const again = await write(message(id, 'IE018', { direction: 'from-office' }));
    expect([again.refused?.status, again.refused?.findings[0]?.code]).toEqual([400, 'transit.out-of-state']);
    expect((await listMessages(movements(), id, true)).map((m) => m.type)).toEqual(['IE015', 'IE928', 'IE028', 'IE029', 'IE006', 'IE018']);
  });

  it("recognises the partner the movement's data went to by participant id: another partner of the same country is told the MRN is unknown", async () => {
    const { id } = await released('1.00');
    const mrn = `26GB000246${newId().slice(-8)}J2`;
    await movements().updateTable('transit_movements').set({ mrn, partner: 'partner-xb' }).where('id', '=', id).execute();
    const relayed = (participant: string) =>
      write(message(mrn, 'IE006', { direction: 'from-office', ofPartner: { participant, pointer: '/CC007C/TransitOperation/MRN' } }));
    const other = await relayed('partner-xb-2');
    expect([other.refused?.status, other.refused?.findings[0]?.code]).toEqual([422, 'transit.mrn-unknown']);
    expect((await relayed('partner-xb')).refused).toBeUndefined();
    expect((await findMovement(movements(), id))?.state).toBe('arrived');
  });

  it("answers 404 for another owner's movement", async () => {
    const first = start(`LRN${newId()}`);
    await write(first);
    const foreign = await write(message(first.movement.id, 'IE014', { owner: 'trader-b', direction: 'from-trader' }));
    expect(foreign.refused?.status).toBe(404);
  });

  it('reserves the guarantee with the release; of two releases racing for the last of it exactly one wins; the write-off gives it back', async () => {
    const before = await balanceOf(tablesOf<TransitTables>(t.store.db), GRN);
    const start = before ? Number(before.balance) : 5000;
    const amount = (start / 2 + 1).toFixed(2);
    const [a, b] = await Promise.all([released(amount), released(amount)]);
    const outcomes = [a.outcome, b.outcome];
    expect(outcomes.filter((o) => o.refused === undefined)).toHaveLength(1);
    const refusal = outcomes.find((o) => o.refused)?.refused;
    expect(refusal).toBeInstanceOf(GuaranteeRefusal);
    expect((refusal as GuaranteeRefusal).refusals[0]).toMatchObject({ grn: GRN, code: 'G09' });
    const winner = a.outcome.refused ? b.id : a.id;
    const loser = a.outcome.refused ? a.id : b.id;
    expect((await findMovement(movements(), winner))?.state).toBe('released');
    expect((await findMovement(movements(), loser))?.state).toBe('mrn-allocated');
    expect(Number((await balanceOf(tablesOf<TransitTables>(t.store.db), GRN))?.balance)).toBeCloseTo(start - Number(amount), 2);
    for (const type of ['IE006', 'IE018'] as const) await write(message(winner, type, { direction: 'from-office' }));
    expect((await write(message(winner, 'IE045', { guarantee: { release: true } }))).refused).toBeUndefined();
    expect(Number((await balanceOf(tablesOf<TransitTables>(t.store.db), GRN))?.balance)).toBeCloseTo(start, 2);
  });
});
