/**
 * The time-release histogram's buckets, shared by the daily figures (delivery-tallies.ts), their
 * backfill (exchange-tables.ts, migration 063) and their reading (time-release.ts). Bounds grow
 * by a factor √2 from one second to about eight and a half days: 40 buckets and an overflow one.
 * They are rounded to the millisecond so that SQL and JavaScript put a time on a bound (64 s)
 * in the same bucket.
 */
export const TIME_RELEASE_BOUNDS: readonly number[] = Array.from({ length: 40 }, (_, k) => Math.round(2 ** (k / 2) * 1000) / 1000);

/** The bucket of a duration in seconds: the first whose bound it does not exceed, or the overflow bucket (40). */
export function bucketOf(seconds: number): number {
  const index = TIME_RELEASE_BOUNDS.findIndex((le) => seconds <= le);
  return index === -1 ? TIME_RELEASE_BOUNDS.length : index;
}

/** The same as SQL over an expression in seconds (to the millisecond): numbers only, from the constant above. */
export const bucketSql = (seconds: string): string =>
  `case ${TIME_RELEASE_BOUNDS.map((le, i) => `when ${seconds} <= ${le} then ${i}`).join(' ')} else ${TIME_RELEASE_BOUNDS.length} end`;

/**
 * The `p` quantile of a histogram (counts per bucket), interpolated linearly within its bucket as
 * Prometheus' histogram_quantile does: within a factor √2 of the true value. In the overflow
 * bucket, its lower bound (at least that long). Null of an empty histogram.
 */
export function quantileOf(counts: ArrayLike<number>, p: number): number | null {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i] as number;
  if (total === 0) return null;
  const rank = p * total;
  let below = 0;
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i] as number;
    if (n > 0 && below + n >= rank) {
      const lower = i === 0 ? 0 : (TIME_RELEASE_BOUNDS[i - 1] as number);
      if (i >= TIME_RELEASE_BOUNDS.length) return lower;
      const upper = TIME_RELEASE_BOUNDS[i] as number;
      return lower + ((upper - lower) * (rank - below)) / n;
    }
    below += n;
  }
  return TIME_RELEASE_BOUNDS[TIME_RELEASE_BOUNDS.length - 1] as number;
}
