import { createHash } from 'node:crypto';

/** RFC 9162 §2.1 written as literally as possible over arrays of leaf inputs: the tests' oracle. */
const sha = (...parts: Uint8Array[]) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest();
const split = (n: number) => 2 ** Math.ceil(Math.log2(n) - 1);

export function mth(d: Buffer[]): Buffer {
  if (d.length === 0) return sha();
  if (d.length === 1) return sha(Buffer.from([0]), d[0]!);
  return sha(Buffer.from([1]), mth(d.slice(0, split(d.length))), mth(d.slice(split(d.length))));
}

export function path(m: number, d: Buffer[]): Buffer[] {
  if (d.length <= 1) return [];
  const k = split(d.length);
  return m < k ? [...path(m, d.slice(0, k)), mth(d.slice(k))] : [...path(m - k, d.slice(k)), mth(d.slice(0, k))];
}

export function proof(m: number, d: Buffer[]): Buffer[] {
  const subproof = (m: number, d: Buffer[], b: boolean): Buffer[] => {
    if (m === d.length) return b ? [] : [mth(d)];
    const k = split(d.length);
    return m <= k ? [...subproof(m, d.slice(0, k), b), mth(d.slice(k))] : [...subproof(m - k, d.slice(k), false), mth(d.slice(0, k))];
  };
  return m > 0 && m < d.length ? subproof(m, d, true) : [];
}
