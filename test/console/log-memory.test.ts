import { describe, expect, it } from 'vitest';
import { type Memory, mergeCheckpoints, pinKey, rememberCheckpoint, rememberedCheckpoints } from '../../console/src/log-memory.js';
import type { Checkpoint } from '../../console/src/verify.js';

/** The browser's own memory of the log (console/src/log-memory.ts) over an in-memory Storage. */
const storage = (): Memory => {
  const items = new Map<string, string>();
  return { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) };
};
const ORIGIN = 'swgate.test/log';
const checkpoint = (treeSize: number, rootHash: string, origin = ORIGIN): Checkpoint => ({
  origin,
  treeSize,
  rootHash,
  timestamp: '2026-12-06T10:00:00Z',
  note: `${origin}\n${treeSize}\n${rootHash}\ntimestamp 2026-12-06T10:00:00Z\n`,
  signature: 'c2ln',
});

describe('the browser memory of the log', () => {
  it("keeps its own checkpoints over the gateway's list, and flags a different one of the same size as equivocation", () => {
    const mine = [checkpoint(9, 'root-9'), checkpoint(4, 'root-4')];
    const listed = [checkpoint(12, 'root-12'), checkpoint(9, 'forked-9'), checkpoint(4, 'root-4'), checkpoint(3, 'other', 'another/log')];
    const { checkpoints, equivocations } = mergeCheckpoints(mine, listed, ORIGIN);
    expect(checkpoints.map((c) => [c.treeSize, c.rootHash])).toEqual([
      [12, 'root-12'],
      [9, 'root-9'],
      [4, 'root-4'],
    ]);
    expect(equivocations).toEqual([{ kept: mine[0], listed: listed[1] }]);
  });

  it('never replaces a kept checkpoint: a different one at its size is returned as the equivocation', () => {
    const memory = storage();
    expect(rememberCheckpoint(memory, checkpoint(9, 'root-9'))).toBeUndefined();
    expect(rememberCheckpoint(memory, checkpoint(9, 'root-9'))).toBeUndefined();
    expect(rememberCheckpoint(memory, checkpoint(9, 'forked-9'))).toMatchObject({ rootHash: 'root-9' });
    expect(rememberedCheckpoints(memory).map((c) => c.rootHash)).toEqual(['root-9']);
    memory.setItem('swgate.checkpoints', '{"not":"a list"}');
    expect(rememberedCheckpoints(memory)).toEqual([]);
    memory.setItem('swgate.checkpoints', '[{"treeSize":"9"},null,5]');
    expect(rememberedCheckpoints(memory)).toEqual([]);
  });

  it('pins the log key on first use and reports a change until it is accepted', () => {
    const memory = storage();
    expect(pinKey(memory, 'aa')).toEqual({ pinned: 'aa', changed: false });
    expect(pinKey(memory, 'aa')).toEqual({ pinned: 'aa', changed: false });
    expect(pinKey(memory, 'bb')).toEqual({ pinned: 'aa', changed: true });
    expect(pinKey(memory, 'bb')).toEqual({ pinned: 'aa', changed: true });
    expect(pinKey(memory, 'bb', true)).toEqual({ pinned: 'bb', changed: false });
    expect(pinKey(memory, 'bb')).toEqual({ pinned: 'bb', changed: false });
  });
});
