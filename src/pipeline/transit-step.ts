/**
 * What an accepted transit message changes in the movements store, as plain data its reader
 * returns (transit.ts), written in the transaction of the exchange that carries it, under the
 * write lock: a movement started, or one more message of a movement taken if its state allows.
 * A refusal (a state that does not take the message, an unknown or foreign MRN, a guarantee the
 * ledger cannot cover) is handed back, not thrown, so the write batch it shares stands for its
 * other writes, and nothing of the message is stored.
 */
import { RejectionError } from '../findings.js';
import { tablesOf } from '../store/db.js';
import type { Store } from '../store/exchanges.js';
import type { InvalidGuaranteeCode } from '../transit/answers.js';
import { type LedgerSettings, release, reserveAll } from '../transit/guarantees.js';
import type { GuaranteeFacts } from '../transit/read.js';
import type { TransitTables } from '../transit/tables.js';
import { transitFinding } from '../transit/validate.js';
import { type MessageDirection, type MessageType, transition } from '../transit/movement-state.js';
import type { MovementRow, MovementTables } from '../transit/movement-tables.js';
import {
  applyMessage,
  findDepartureByMrn,
  findMovement,
  insertMovement,
  lrnInUse,
  type MessageEffects,
  type NewMovement,
  snapshotOf,
} from '../transit/movements.js';

/** The guarantees a movement's release could not reserve, each with its CC055C reason: refused as the exchange is, so a sender can answer with a CC055C. */
export class GuaranteeRefusal extends RejectionError {
  constructor(readonly refusals: Array<{ grn: string; code: InvalidGuaranteeCode; reason: string }>) {
    super(
      409,
      'Guarantee not valid',
      refusals.map((r) => transitFinding(`transit.guarantee-not-valid`, '12', '/CC015C/Guarantee/GuaranteeReference/GRN', `${r.grn}: ${r.reason} (${r.code})`)),
    );
  }
}

export type MovementStep =
  | {
      step: 'start';
      movement: Omit<NewMovement, 'at'>;
      type: MessageType;
      messageId: string;
      /** The pointer of the LRN (departure: a duplicate is refused) or MRN (arrival: must name a released departure the sender may see). */
      pointer: string;
      /** Arrival: the MRN named and who may name it (the departure's owner, or one acting for its holder). */
      arrivalOf?: { mrn: string; mayName: (departure: { owner: string; holder: string | null }) => boolean };
    }
  | {
      step: 'message';
      /** The movement; or, for a partner administration's word on a departure, the MRN it names and the partner's participant id. */
      movementId: string;
      ofPartner?: { participant: string; pointer: string };
      /** Who may add messages: the owner (a trader's message), anyone (customs' answers). */
      owner?: string;
      type: MessageType;
      messageId: string;
      direction: MessageDirection;
      effects?: MessageEffects;
      /** The LRN or MRN the message names, to be the movement's own. */
      names?: { lrn?: string | undefined; mrn?: string | undefined; pointer: string };
      /** IE029 reserves the movement's guarantees; IE045 gives them back. */
      guarantee?: { reserve: { officeOfDepartureCountry: string; guarantees: readonly GuaranteeFacts[] } } | { release: true };
    };

export interface WrittenStep {
  refused?: RejectionError;
  extra: Record<string, string>;
}

const notFound = (id: string) =>
  new RejectionError(404, 'Not found', [{ severity: 'error', code: 'movement.not-found', message: `There is no movement ${id}.`, path: '' }]);

/** Writes the step in the exchange's transaction; a refusal is answered, with nothing written. */
export async function writeMovementStep(transaction: Store, step: MovementStep, exchangeId: string, at: string, ledger: LedgerSettings): Promise<WrittenStep> {
  const db = tablesOf<MovementTables>(transaction.db);
  if (step.step === 'start') {
    let departureId: string | undefined;
    if (step.arrivalOf) {
      const departure = await findDepartureByMrn(db, step.arrivalOf.mrn);
      // Unknown, someone else's, or not released: one answer for all, so that MRNs cannot be probed.
      // Released and not arrived yet: a second arrival notification for one movement is refused.
      if (!departure || !step.arrivalOf.mayName(departure) || departure.state !== 'released') {
        return {
          refused: new RejectionError(422, 'Unknown MRN', [
            transitFinding('transit.mrn-unknown', '90', step.pointer, `No released movement of yours has the MRN ${step.arrivalOf.mrn}.`),
          ]),
          extra: {},
        };
      }
      departureId = departure.id;
    } else if (step.movement.lrn && (await lrnInUse(db, step.movement.owner, step.movement.lrn))) {
      return {
        refused: new RejectionError(422, 'Duplicate LRN', [
          transitFinding('transit.duplicate-lrn', '26', step.pointer, `You have a movement with the LRN ${step.movement.lrn} already.`),
        ]),
        extra: {},
      };
    }
    await insertMovement(db, { ...step.movement, at, ...(departureId ? { departureId } : {}) }, { id: step.messageId, type: step.type, exchangeId });
    return { extra: { movementId: step.movement.id, messageId: step.messageId } };
  }

  if (step.ofPartner) {
    const departure = await findDepartureByMrn(db, step.movementId);
    // Only the partner the movement's data went to may speak of it; to any other it is an unknown MRN.
    if (!departure || departure.partner !== step.ofPartner.participant)
      return {
        refused: new RejectionError(422, 'Unknown MRN', [
          transitFinding('transit.mrn-unknown', '90', step.ofPartner.pointer, `No movement with the MRN ${step.movementId} was sent to you.`),
        ]),
        extra: {},
      };
    return takeMessage(transaction, { ...step, movementId: departure.id }, departure, exchangeId, at, ledger);
  }
  const movement = await findMovement(db, step.movementId);
  if (!movement || (step.owner !== undefined && movement.owner !== step.owner)) return { refused: notFound(step.movementId), extra: {} };
  return takeMessage(transaction, step, movement, exchangeId, at, ledger);
}

async function takeMessage(
  transaction: Store,
  step: Extract<MovementStep, { step: 'message' }>,
  movement: MovementRow,
  exchangeId: string,
  at: string,
  ledger: LedgerSettings,
): Promise<WrittenStep> {
  const db = tablesOf<MovementTables>(transaction.db);
  const guaranteeDb = tablesOf<TransitTables>(transaction.db);
  const mismatch = step.names && referenceMismatch(movement, step.names);
  if (mismatch) return { refused: new RejectionError(422, 'Not this movement', [mismatch]), extra: {} };
  // Judged before anything is written: a refusal commits with the rest of the batch, so it must leave nothing.
  const allowed = transition(snapshotOf(movement), step.type);
  if (!allowed.ok) return { refused: outOfState(step.type, allowed.reason), extra: {} };
  if (step.guarantee && 'reserve' in step.guarantee) {
    const { officeOfDepartureCountry, guarantees } = step.guarantee.reserve;
    const reserved = await reserveAll(guaranteeDb, ledger, movement.id, officeOfDepartureCountry, guarantees, new Date(at));
    // reserveAll gives back what it reserved before a refusal: the refusal commits with the batch and leaves nothing held.
    if (!reserved.ok) return { refused: new GuaranteeRefusal(reserved.refusals), extra: {} };
  }
  const applied = await applyMessage(db, movement, { id: step.messageId, type: step.type, direction: step.direction, exchangeId, at }, step.effects);
  // Judged on what the movement has taken (IE018 once), before anything is written; no guarantee moves with an IE018.
  if (!applied.ok) return { refused: outOfState(step.type, applied.reason), extra: {} };
  if (step.guarantee && 'release' in step.guarantee) await release(guaranteeDb, movement.id, new Date(at));
  return { extra: { movementId: movement.id, messageId: step.messageId } };
}

const outOfState = (type: MessageType, reason: string) =>
  new RejectionError(400, 'Message out of sequence', [transitFinding('transit.out-of-state', '92', `/CC${type.slice(2)}C`, reason)], reason);

function referenceMismatch(
  movement: { lrn: string | null; mrn: string | null },
  names: { lrn?: string | undefined; mrn?: string | undefined; pointer: string },
) {
  if (names.mrn !== undefined && names.mrn !== movement.mrn)
    return transitFinding(
      'transit.not-this-movement',
      '93',
      names.pointer,
      `The message names the MRN ${names.mrn}; this movement's is ${movement.mrn ?? 'not allocated yet'}.`,
    );
  if (names.lrn !== undefined && movement.lrn !== null && names.lrn !== movement.lrn)
    return transitFinding('transit.not-this-movement', '12', names.pointer, `The message names the LRN ${names.lrn}; this movement's is ${movement.lrn}.`);
  return undefined;
}
