import { type Checkpoint, keyFingerprint } from './verify.js';

/**
 * The browser's own memory of the log, kept across sessions (localStorage in the console, any
 * Storage in tests): the checkpoints it verified and the fingerprint of the log key it first
 * saw. It is what the gateway cannot rewrite, so it wins over what the gateway lists.
 */
export interface Memory {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const SEEN = 'swgate.checkpoints';
const KEY = 'swgate.log-key';
const KEEP = 20;

const sameSlot = (a: Checkpoint, b: Checkpoint) => a.origin === b.origin && a.treeSize === b.treeSize;

/** Two checkpoints of one log at one size with different roots: the log showed two histories (equivocation). */
const equivocates = (a: Checkpoint, b: Checkpoint) => sameSlot(a, b) && a.rootHash !== b.rootHash;

export function rememberedCheckpoints(memory: Memory): Checkpoint[] {
  try {
    const list = JSON.parse(memory.getItem(SEEN) ?? '[]') as unknown;
    return Array.isArray(list)
      ? (list as Checkpoint[]).filter(
          (c) => typeof c?.treeSize === 'number' && typeof c.origin === 'string' && typeof c.rootHash === 'string' && typeof c.note === 'string',
        )
      : [];
  } catch {
    return [];
  }
}

/**
 * Keeps a checkpoint the caller verified. One already kept for its origin and size stays: a
 * different one is an equivocation, returned, and never replaces what the browser saw first.
 */
export function rememberCheckpoint(memory: Memory, checkpoint: Checkpoint): Checkpoint | undefined {
  const kept = rememberedCheckpoints(memory);
  const earlier = kept.find((c) => sameSlot(c, checkpoint));
  if (earlier) return equivocates(earlier, checkpoint) ? earlier : undefined;
  memory.setItem(SEEN, JSON.stringify([checkpoint, ...kept].slice(0, KEEP)));
  return undefined;
}

/**
 * The checkpoints to choose from, newest first: the browser's own for each size, then the
 * gateway's for sizes it has not seen. A listed one that differs from the browser's at the same
 * size is an equivocation, reported with the one the browser kept.
 */
export function mergeCheckpoints(
  own: readonly Checkpoint[],
  listed: readonly Checkpoint[],
  origin: string,
): { checkpoints: Checkpoint[]; equivocations: Array<{ kept: Checkpoint; listed: Checkpoint }> } {
  const bySize = new Map<number, Checkpoint>();
  const equivocations: Array<{ kept: Checkpoint; listed: Checkpoint }> = [];
  for (const c of own) if (c.origin === origin && !bySize.has(c.treeSize)) bySize.set(c.treeSize, c);
  for (const c of listed) {
    if (c.origin !== origin) continue;
    const kept = bySize.get(c.treeSize);
    if (!kept) bySize.set(c.treeSize, c);
    else if (equivocates(kept, c) && !equivocations.some((e) => e.listed.rootHash === c.rootHash && e.listed.treeSize === c.treeSize))
      equivocations.push({ kept, listed: c });
  }
  return { checkpoints: [...bySize.values()].sort((a, b) => b.treeSize - a.treeSize), equivocations };
}

/**
 * Trust on first use of the log key: the first fingerprint seen is pinned; a different one later
 * is reported as changed (and not pinned) until the person at the browser accepts it (`accept`).
 */
export function pinKey(memory: Memory, fingerprint: string, accept = false): { pinned: string; changed: boolean } {
  const pinned = memory.getItem(KEY);
  if (pinned === null || accept) {
    memory.setItem(KEY, fingerprint);
    return { pinned: fingerprint, changed: false };
  }
  return { pinned, changed: pinned !== fingerprint };
}

/** The log key as served, its fingerprint, and whether it is the one this browser pinned. */
export async function pinnedKey(memory: Memory, pem: string): Promise<{ pem: string; fingerprint: string; pinned: string; changed: boolean }> {
  const fingerprint = await keyFingerprint(pem);
  return { pem, fingerprint, ...pinKey(memory, fingerprint) };
}
