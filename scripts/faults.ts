/**
 * The long fault-injection run (test/support/faults.ts): `npm run faults -- --minutes 30`
 * [--seed N] [--database sqlite|postgres|both]. Runs in rounds of a few minutes each, every
 * round with its own seed (printed, so a round can be run again alone with --seed and
 * --minutes), and exits non-zero when any round finds something stuck or missing.
 */
import { parseArgs } from 'node:util';
import { describeReport, runFaults } from '../test/support/faults.js';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    seed: { type: 'string' },
    database: { type: 'string', default: 'both' },
    round: { type: 'string', default: '5' },
  },
});
const minutes = Number(values.minutes);
const roundMinutes = Math.min(Number(values.round), minutes);
const kinds = values.database === 'both' ? (['sqlite', 'postgres'] as const) : [values.database as 'sqlite' | 'postgres'];
let seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
const end = Date.now() + minutes * 60_000;
let failed = 0;
let rounds = 0;
do {
  for (const database of kinds) {
    const report = await runFaults({ database, seed, faultMs: roundMinutes * 60_000, print: (line) => console.log(line) });
    console.log(describeReport(report));
    rounds += 1;
    if (report.problems.length > 0) failed += 1;
    seed = (seed + 1) % 2 ** 31;
  }
} while (Date.now() < end);
console.log(`${rounds} rounds, ${failed} with problems`);
process.exit(failed > 0 ? 1 : 0);
