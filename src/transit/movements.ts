/**
 * The movements store: movements and the messages of each, read and written as plain rows. A
 * write runs inside the transaction of the exchange that carries the message (pipeline/
 * transit-step.ts), under the write lock: the state a message is judged against is the one the
 * last committed message left.
 */
import type { Kysely } from 'kysely';
import type { Participant } from '../config/types.js';
import { type MessageDirection, type MessageType, type MovementKind, type MovementSnapshot, type Transition, transition } from './movement-state.js';
import type { MovementMessageRow, MovementRow, MovementTables } from './movement-tables.js';

export type MovementDb = Kysely<MovementTables>;

export interface NewMovement {
  id: string;
  kind: MovementKind;
  owner: string;
  holder?: string | undefined;
  lrn?: string | undefined;
  mrn?: string | undefined;
  prelodged: boolean;
  scenario?: string | undefined;
  officeOfDeparture?: string | undefined;
  officeOfDestination?: string | undefined;
  departureId?: string | undefined;
  facts: unknown;
  at: string;
}

/** The movement and its first message (IE015, IE007). */
export async function insertMovement(db: MovementDb, movement: NewMovement, message: { id: string; type: MessageType; exchangeId: string }): Promise<void> {
  await db
    .insertInto('transit_movements')
    .values({
      id: movement.id,
      kind: movement.kind,
      owner: movement.owner,
      holder: movement.holder ?? null,
      lrn: movement.lrn ?? null,
      mrn: movement.mrn ?? null,
      state: 'submitted',
      prelodged: movement.prelodged ? 1 : 0,
      presented: 0,
      scenario: movement.scenario ?? null,
      office_of_departure: movement.officeOfDeparture ?? null,
      office_of_destination: movement.officeOfDestination ?? null,
      partner: null,
      departure_id: movement.departureId ?? null,
      facts: JSON.stringify(movement.facts),
      time_limit: null,
      created_at: movement.at,
      updated_at: movement.at,
      enquiry_at: null,
    })
    .execute();
  await insertMessage(db, {
    id: message.id,
    movement_id: movement.id,
    type: message.type,
    direction: 'from-trader',
    received_at: movement.at,
    exchange_id: message.exchangeId,
  });
}

const insertMessage = (db: MovementDb, row: MovementMessageRow) => db.insertInto('transit_messages').values(row).execute();

export const snapshotOf = (row: MovementRow): MovementSnapshot => ({
  kind: row.kind,
  state: row.state,
  prelodged: row.prelodged === 1,
  presented: row.presented === 1,
});

/** What else a message sets on its movement besides its state. */
export interface MessageEffects {
  mrn?: string;
  timeLimit?: string;
  partner?: string;
}

/**
 * Takes one more message of a movement, if its state allows (movement-state.ts): the new state,
 * what the message sets, and the message row. Answers the refusal and writes nothing otherwise.
 */
export async function applyMessage(
  db: MovementDb,
  movement: MovementRow,
  message: { id: string; type: MessageType; direction: MessageDirection; exchangeId: string; at: string },
  effects: MessageEffects = {},
): Promise<Transition> {
  const next = transition(snapshotOf(movement), message.type);
  if (!next.ok) return next;
  // The control results leave the state as it is (arrived, until the write-off): taken once all the same.
  if (message.type === 'IE018' && (await hasMessage(db, movement.id, 'IE018')))
    return { ok: false, reason: 'IE018: the control results of this movement have been taken already' };
  await db
    .updateTable('transit_movements')
    .set({
      state: next.state,
      updated_at: message.at,
      ...(next.presented ? { presented: 1 } : {}),
      ...(effects.mrn ? { mrn: effects.mrn } : {}),
      ...(effects.timeLimit ? { time_limit: effects.timeLimit } : {}),
      ...(effects.partner ? { partner: effects.partner } : {}),
    })
    .where('id', '=', movement.id)
    .execute();
  await insertMessage(db, {
    id: message.id,
    movement_id: movement.id,
    type: message.type,
    direction: message.direction,
    received_at: message.at,
    exchange_id: message.exchangeId,
  });
  return next;
}

const hasMessage = async (db: MovementDb, movementId: string, type: MessageType): Promise<boolean> =>
  (await db.selectFrom('transit_messages').select('id').where('movement_id', '=', movementId).where('type', '=', type).executeTakeFirst()) !== undefined;

export const findMovement = (db: MovementDb, id: string): Promise<MovementRow | undefined> =>
  db.selectFrom('transit_movements').selectAll().where('id', '=', id).executeTakeFirst();

/** The departure an MRN names. */
export const findDepartureByMrn = (db: MovementDb, mrn: string): Promise<MovementRow | undefined> =>
  db.selectFrom('transit_movements').selectAll().where('mrn', '=', mrn).where('kind', '=', 'departure').executeTakeFirst();

/** Whether the owner has a departure with this LRN still open (NCTS: duplicate LRN, error 26). */
export async function lrnInUse(db: MovementDb, owner: string, lrn: string): Promise<boolean> {
  const row = await db
    .selectFrom('transit_movements')
    .select('id')
    .where('owner', '=', owner)
    .where('lrn', '=', lrn)
    .where('kind', '=', 'departure')
    .where('state', 'not in', ['rejected'])
    .executeTakeFirst();
  return row !== undefined;
}

/** The owner's movements of one kind, newest first, `limit` at a time after `cursor` (the last id of the page before). */
export async function listMovements(
  db: MovementDb,
  owner: string,
  kind: MovementKind,
  page: { limit: number; cursor?: string | undefined },
): Promise<MovementRow[]> {
  let query = db.selectFrom('transit_movements').selectAll().where('owner', '=', owner).where('kind', '=', kind);
  if (page.cursor) query = query.where('id', '<', page.cursor);
  return query.orderBy('id', 'desc').limit(page.limit).execute();
}

/** A movement's messages, oldest first; `withOffice` adds those between offices (customs only). */
export async function listMessages(db: MovementDb, movementId: string, withOffice: boolean): Promise<MovementMessageRow[]> {
  let query = db.selectFrom('transit_messages').selectAll().where('movement_id', '=', movementId);
  if (!withOffice) query = query.where('direction', '!=', 'from-office');
  return query.orderBy('id', 'asc').execute();
}

export const findMessage = (db: MovementDb, movementId: string, messageId: string): Promise<MovementMessageRow | undefined> =>
  db.selectFrom('transit_messages').selectAll().where('movement_id', '=', movementId).where('id', '=', messageId).executeTakeFirst();

// A time limit is a date (the declaration's limitDate, or release + 8 days): the movement is
// overdue the day after it, so the comparison is with today's date, not the current instant.
const todayOf = (now: Date) => now.toISOString().slice(0, 10);

/** Released departures past their time limit with no arrival (the first 1,000, longest overdue first). */
export async function overdueMovements(db: MovementDb, now: Date): Promise<MovementRow[]> {
  return db
    .selectFrom('transit_movements')
    .selectAll()
    .where('kind', '=', 'departure')
    .where('state', '=', 'released')
    .where('time_limit', 'is not', null)
    .where('time_limit', '<', todayOf(now))
    .orderBy('time_limit', 'asc')
    .limit(1000)
    .execute();
}

/** Flags movements for an enquiry, once: in the caller's transaction (the write batch). */
export async function flagForEnquiry(db: MovementDb, ids: readonly string[], at: string): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('transit_movements').set({ enquiry_at: at }).where('id', 'in', ids).where('enquiry_at', 'is', null).execute();
}

/** The movement and message an exchange carried (an idempotent replay names its exchange only). */
export const findMessageOfExchange = (db: MovementDb, exchangeId: string): Promise<MovementMessageRow | undefined> =>
  db.selectFrom('transit_messages').selectAll().where('exchange_id', '=', exchangeId).executeTakeFirst();

/** A movement is its owner's; customs administrations and operators read every one. Anyone else is told it does not exist. */
export const mayReadMovement = (reader: Pick<Participant, 'id' | 'kind' | 'operator'>, movement: Pick<MovementRow, 'owner'>): boolean =>
  movement.owner === reader.id || reader.kind === 'customs' || reader.operator;

/** Movements by kind and state, and how many released departures are past their time limit: for /metrics. */
export async function movementCounts(db: MovementDb, now: Date): Promise<{ byState: Array<{ kind: string; state: string; count: number }>; overdue: number }> {
  const rows = await db
    .selectFrom('transit_movements')
    .select(['kind', 'state', (eb) => eb.fn.countAll<string | number>().as('n')])
    .groupBy(['kind', 'state'])
    .execute();
  const overdue = await db
    .selectFrom('transit_movements')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('kind', '=', 'departure')
    .where('state', '=', 'released')
    .where('time_limit', '<', todayOf(now))
    .executeTakeFirstOrThrow();
  return { byState: rows.map((r) => ({ kind: r.kind, state: r.state, count: Number(r.n) })), overdue: Number(overdue.n) };
}
