/**
 * Documents per second (one core) for each mapping on its first worked example, against two
 * baselines measured in the same run on the same input: structuredClone (copying the document
 * is the least any transformation does) and JSON.parse of its bytes (what reading it costs).
 * The declaration → agency views are the hot path: target ≥ 10,000/s on a ~10 KB declaration.
 *
 *   npx tsx bench/mapping.ts
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadMappings } from '../src/mapping/catalogue.js';

const MAPPINGS = 'mappings';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 1.5);

/** Calls per second of fn, after a warm-up; fn may be async. */
async function rate(fn: () => unknown): Promise<number> {
  const runFor = async (ms: number): Promise<number> => {
    const end = performance.now() + ms;
    let n = 0;
    while (performance.now() < end) {
      for (let i = 0; i < 100; i++) await fn();
      n += 100;
    }
    return n;
  };
  await runFor(300);
  const start = performance.now();
  const n = await runFor(SECONDS * 1000);
  return n / ((performance.now() - start) / 1000);
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US').padStart(9);

const catalogue = await loadMappings(MAPPINGS);
console.log(`mapping benchmark: ${SECONDS}s per figure, one process (one core), Node ${process.version}`);
for (const { id } of catalogue.list()) {
  const dir = join(MAPPINGS, id, 'examples');
  const example = readdirSync(dir).filter((f) => /\.input\.(json|xml)$/.test(f)).sort()[0]!;
  const bytes = readFileSync(join(dir, example));
  const isJson = example.endsWith('.json');
  const compact = isJson ? Buffer.from(JSON.stringify(JSON.parse(bytes.toString('utf8')))) : bytes;
  const parsed: unknown = isJson ? JSON.parse(compact.toString('utf8')) : undefined;
  const size = `${(compact.length / 1024).toFixed(1)} KB ${isJson ? 'JSON' : 'XML'}`;

  const fromBytes = await rate(() => catalogue.apply(id, compact));
  let line = `${id.padEnd(28)} ${example.padEnd(34)} ${size.padStart(12)}  from bytes ${fmt(fromBytes)}/s`;
  if (isJson) {
    const fromObject = await rate(() => catalogue.apply(id, parsed));
    const cloneRate = await rate(() => structuredClone(parsed));
    const parseRate = await rate(() => JSON.parse(compact.toString('utf8')));
    line += `  from object ${fmt(fromObject)}/s  | baseline structuredClone ${fmt(cloneRate)}/s (mapping ${(fromObject / cloneRate).toFixed(2)}×), JSON.parse ${fmt(parseRate)}/s`;
  }
  console.log(line);
}
