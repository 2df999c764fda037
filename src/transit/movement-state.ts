/**
 * The life of a transit movement as NCTS phase 5 gives it (docs/TRANSIT.md): which message may
 * come in which state, and the state it leaves. Pure: the store (movements.ts) asks it before it
 * writes, under the write lock, so two messages racing for one movement are judged one after the
 * other.
 *
 * Messages are named as the CTC Traders API names them (`IE015` for a CC015C). Besides the
 * trader's and the office of departure's messages, two come from the office of destination (at
 * home, or a partner administration across the border): IE006 arrival advice and IE018 control
 * results, which is what lets the office of departure write the movement off (IE045); and the
 * anticipated arrival record (IE001) the office of departure sends a partner office at release.
 */

export const MOVEMENT_KINDS = ['departure', 'arrival'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

export const DEPARTURE_STATES = [
  'submitted',
  'accepted',
  'mrn-allocated',
  'under-control',
  'released',
  'not-released',
  'guarantee-not-valid',
  'rejected',
  'invalidated',
  'arrived',
  'written-off',
] as const;
export const ARRIVAL_STATES = ['submitted', 'rejected', 'unloading-permitted', 'unloading-remarks', 'goods-released'] as const;
export type DepartureState = (typeof DEPARTURE_STATES)[number];
export type ArrivalState = (typeof ARRIVAL_STATES)[number];
export type MovementState = DepartureState | ArrivalState;

/** Who sends a message: the trader (holder, or trader at destination), or customs (an office, at home or a partner's). */
export type MessageDirection = 'from-trader' | 'to-trader' | 'from-office';

/** The message types a movement takes, by who sends them. */
export const TRADER_MESSAGES = { departure: ['IE015', 'IE013', 'IE014', 'IE170'], arrival: ['IE007', 'IE044'] } as const;
export const CUSTOMS_MESSAGES = {
  departure: ['IE928', 'IE056', 'IE028', 'IE060', 'IE029', 'IE051', 'IE055', 'IE004', 'IE009', 'IE045'],
  arrival: ['IE057', 'IE043', 'IE025'],
} as const;
/**
 * Between offices (never sent to the trader): the anticipated arrival record the office of
 * departure sends a partner's office of destination or transit at release (IE001), and the
 * office of destination's arrival advice (IE006) and control results (IE018).
 */
export const OFFICE_MESSAGES = ['IE001', 'IE006', 'IE018'] as const;

export type MessageType = (typeof TRADER_MESSAGES)[MovementKind][number] | (typeof CUSTOMS_MESSAGES)[MovementKind][number] | (typeof OFFICE_MESSAGES)[number];

/** What the state machine needs of a movement. */
export interface MovementSnapshot {
  kind: MovementKind;
  state: MovementState;
  /** A pre-lodged departure (additional declaration type D): not released before its presentation notification (IE170). */
  prelodged: boolean;
  /** Whether the pre-lodged declaration has been presented (IE170 taken). */
  presented: boolean;
}

export type Transition = { ok: true; state: MovementState; presented?: boolean } | { ok: false; reason: string };

const BEFORE_RELEASE: readonly MovementState[] = ['accepted', 'mrn-allocated', 'under-control'];

/**
 * Departure: in which states each message is taken, and the state it leaves (`same`: unchanged).
 * An amendment (IE013) or invalidation request (IE014) is taken before release only; a
 * rejection (IE056) of the declaration itself ends it, of a later request leaves it as it was.
 */
const DEPARTURE: Record<string, { from: readonly MovementState[]; to: MovementState | 'same' }> = {
  IE013: { from: BEFORE_RELEASE, to: 'same' },
  IE014: { from: BEFORE_RELEASE, to: 'same' },
  IE170: { from: ['accepted'], to: 'same' },
  IE928: { from: ['submitted'], to: 'accepted' },
  IE028: { from: ['accepted'], to: 'mrn-allocated' },
  IE060: { from: ['mrn-allocated'], to: 'under-control' },
  IE029: { from: ['mrn-allocated', 'under-control'], to: 'released' },
  IE051: { from: ['mrn-allocated', 'under-control'], to: 'not-released' },
  IE055: { from: ['mrn-allocated', 'under-control'], to: 'guarantee-not-valid' },
  IE004: { from: BEFORE_RELEASE, to: 'same' },
  IE009: { from: BEFORE_RELEASE, to: 'invalidated' },
  IE001: { from: ['released'], to: 'same' },
  IE006: { from: ['released'], to: 'arrived' },
  IE018: { from: ['arrived'], to: 'same' },
  IE045: { from: ['arrived'], to: 'written-off' },
};

const ARRIVAL: Record<string, { from: readonly MovementState[]; to: MovementState | 'same' }> = {
  IE057: { from: ['submitted'], to: 'rejected' },
  IE043: { from: ['submitted'], to: 'unloading-permitted' },
  IE044: { from: ['unloading-permitted'], to: 'unloading-remarks' },
  IE025: { from: ['submitted', 'unloading-remarks'], to: 'goods-released' },
};

/** Whether `type` may come now, and the state it leaves. */
export function transition(movement: MovementSnapshot, type: MessageType): Transition {
  if (type === 'IE015' || type === 'IE007') return { ok: false, reason: `${type} starts a movement; it is not a message of one` };
  if (movement.kind === 'departure') {
    if (type === 'IE056') {
      if (movement.state === 'submitted') return { ok: true, state: 'rejected' };
      // A later request (amendment, invalidation, presentation) is rejected only while one may be pending.
      if (BEFORE_RELEASE.includes(movement.state)) return { ok: true, state: movement.state };
      return { ok: false, reason: `IE056 is not taken while the movement is ${movement.state} (only when submitted, ${BEFORE_RELEASE.join(', ')})` };
    }
    if (type === 'IE170') {
      if (!movement.prelodged) return { ok: false, reason: 'IE170 presents a pre-lodged declaration (additional declaration type D); this one is not' };
      if (movement.presented) return { ok: false, reason: 'IE170: the declaration has been presented already' };
    }
    // A pre-lodged declaration gets its MRN once presented.
    if (type === 'IE028' && movement.prelodged && !movement.presented)
      return { ok: false, reason: 'IE028 before the pre-lodged declaration is presented (IE170)' };
  }
  const rule = (movement.kind === 'departure' ? DEPARTURE : ARRIVAL)[type];
  if (!rule) return { ok: false, reason: `${type} is not a message of ${movement.kind === 'departure' ? 'a departure' : 'an arrival'}` };
  if (!rule.from.includes(movement.state))
    return { ok: false, reason: `${type} is not taken while the movement is ${movement.state} (only when ${rule.from.join(', ')})` };
  return { ok: true, state: rule.to === 'same' ? movement.state : rule.to, ...(type === 'IE170' ? { presented: true } : {}) };
}
