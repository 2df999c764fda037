import { describe, expect, it } from 'vitest';
import { type MessageType, type MovementSnapshot, type MovementState, transition } from '../../src/transit/movement-state.js';

const departure = (state: MovementState, more: Partial<MovementSnapshot> = {}): MovementSnapshot => ({
  kind: 'departure',
  state,
  prelodged: false,
  presented: false,
  ...more,
});

/** Walks the messages from `submitted`, answering the states each leaves (or the first refusal's reason). */
function walk(types: MessageType[], start: MovementSnapshot = departure('submitted')): string[] {
  let movement = start;
  return types.map((type) => {
    const next = transition(movement, type);
    if (!next.ok) return `refused: ${next.reason}`;
    movement = { ...movement, state: next.state, presented: movement.presented || next.presented === true };
    return next.state;
  });
}

describe('the movement state machine', () => {
  it('walks a standard departure to write-off', () => {
    expect(walk(['IE928', 'IE028', 'IE029', 'IE001', 'IE006', 'IE018', 'IE045'])).toEqual([
      'accepted',
      'mrn-allocated',
      'released',
      'released',
      'arrived',
      'arrived',
      'written-off',
    ]);
  });

  it('holds a pre-lodged declaration for its presentation notification, taken once', () => {
    const prelodged = departure('submitted', { prelodged: true });
    expect(walk(['IE928', 'IE028'], prelodged)[1]).toMatch(/^refused: IE028 before the pre-lodged declaration is presented/);
    expect(walk(['IE928', 'IE170', 'IE028', 'IE029'], prelodged)).toEqual(['accepted', 'accepted', 'mrn-allocated', 'released']);
    expect(walk(['IE928', 'IE170', 'IE170'], prelodged)[2]).toMatch(/presented already/);
    expect(walk(['IE928', 'IE170'])[1]).toMatch(/this one is not/);
  });

  it('takes amendments and invalidations before release only', () => {
    for (const state of ['accepted', 'mrn-allocated', 'under-control'] as const) {
      expect(transition(departure(state), 'IE013')).toEqual({ ok: true, state });
      expect(transition(departure(state), 'IE009')).toEqual({ ok: true, state: 'invalidated' });
    }
    for (const state of ['submitted', 'released', 'arrived', 'written-off', 'invalidated', 'rejected'] as const) {
      expect(transition(departure(state), 'IE014').ok, state).toBe(false);
      expect(transition(departure(state), 'IE013').ok, state).toBe(false);
    }
  });

  it('ends a declaration rejected at once; a later rejection leaves the state as it was', () => {
    expect(transition(departure('submitted'), 'IE056')).toEqual({ ok: true, state: 'rejected' });
    expect(transition(departure('mrn-allocated'), 'IE056')).toEqual({ ok: true, state: 'mrn-allocated' });
    // Nothing is pending once released or ended: a rejection then is out of sequence.
    for (const state of ['released', 'arrived', 'written-off', 'rejected', 'invalidated', 'not-released'] as const)
      expect(transition(departure(state), 'IE056').ok, state).toBe(false);
  });

  it('releases after control, refuses release twice, and takes nothing after the end', () => {
    expect(walk(['IE928', 'IE028', 'IE060', 'IE029'])).toEqual(['accepted', 'mrn-allocated', 'under-control', 'released']);
    expect(walk(['IE928', 'IE028', 'IE029', 'IE029'])[3]).toMatch(/^refused/);
    expect(walk(['IE928', 'IE028', 'IE055', 'IE029'])[3]).toMatch(/^refused/);
    expect(walk(['IE928', 'IE028', 'IE051', 'IE045'])[3]).toMatch(/^refused/);
    expect(transition(departure('released'), 'IE045').ok).toBe(false);
  });

  it('keeps departures and arrivals apart: their first messages start movements, other kinds are refused', () => {
    expect(transition(departure('submitted'), 'IE015').ok).toBe(false);
    expect(transition(departure('submitted'), 'IE043').ok).toBe(false);
    const arrival: MovementSnapshot = { kind: 'arrival', state: 'submitted', prelodged: false, presented: false };
    expect(transition(arrival, 'IE928').ok).toBe(false);
    expect(transition(arrival, 'IE044').ok).toBe(false);
    expect(transition(arrival, 'IE025')).toEqual({ ok: true, state: 'goods-released' });
    expect(transition({ ...arrival, state: 'unloading-permitted' }, 'IE044')).toEqual({ ok: true, state: 'unloading-remarks' });
    expect(transition({ ...arrival, state: 'goods-released' }, 'IE025').ok).toBe(false);
  });
});
