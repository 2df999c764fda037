import { randomFillSync } from 'node:crypto';

/**
 * Random bytes from the CSPRNG, drawn from a pool filled 4 KB at a time. Each call into the
 * CSPRNG costs a few microseconds whatever its size, and an accepted declaration asked it for
 * a byte at a time: 16 per ULID (the ulid package's own generator) and 32 per provenance salt —
 * 4% of the API process's time. Every byte is handed out once.
 */
const POOL_SIZE = 4096;
const pool = Buffer.alloc(POOL_SIZE);
let used = POOL_SIZE;

function take(size: number): Buffer {
  if (size > POOL_SIZE) return randomFillSync(Buffer.alloc(size));
  if (used + size > POOL_SIZE) {
    randomFillSync(pool);
    used = 0;
  }
  const bytes = pool.subarray(used, used + size);
  used += size;
  return bytes;
}

/** `size` random bytes as lowercase hex. */
export const randomHex = (size: number): string => take(size).toString('hex');

/** A random number in [0, 1) in steps of 1/256: what the ulid package asks of a generator. */
export const randomFraction = (): number => take(1)[0]! / 256;
