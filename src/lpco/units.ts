/**
 * UN/ECE Recommendation 20 units a write-off may be converted between, the way CERTEX converts a
 * declared quantity into the licence's unit: mass, volume and count, each to an exact factor of
 * one base unit. Anything else converts only to itself.
 */
const FACTORS: Record<string, { dimension: string; factor: bigint }> = {
  // mass, in grams
  GRM: { dimension: 'mass', factor: 1n },
  KGM: { dimension: 'mass', factor: 1_000n },
  DTN: { dimension: 'mass', factor: 100_000n },
  TNE: { dimension: 'mass', factor: 1_000_000n },
  // volume, in millilitres
  MLT: { dimension: 'volume', factor: 1n },
  LTR: { dimension: 'volume', factor: 1_000n },
  HLT: { dimension: 'volume', factor: 100_000n },
  MTQ: { dimension: 'volume', factor: 1_000_000n },
  // count
  NAR: { dimension: 'count', factor: 1n },
  C62: { dimension: 'count', factor: 1n },
};

/**
 * `milli` milli-units of `from` in milli-units of `to`, rounded up (a write-off never draws less
 * than was declared); undefined when the two units do not measure the same thing.
 */
export function convertMilli(milli: bigint, from: string, to: string): bigint | undefined {
  if (from === to) return milli;
  const [a, b] = [FACTORS[from], FACTORS[to]];
  if (!a || !b || a.dimension !== b.dimension) return undefined;
  const scaled = milli * a.factor;
  return (scaled + b.factor - 1n) / b.factor;
}
