import { describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/databases.js';
import { describeReport, runFaults } from '../support/faults.js';

// The short version of the fault-injection run (the long one: `npm run faults -- --minutes 30`).
// SWGATE_FAULT_SEED replays a run; the seed is printed either way.
const seed = process.env.SWGATE_FAULT_SEED !== undefined ? Number(process.env.SWGATE_FAULT_SEED) : Math.floor(Math.random() * 2 ** 31);

describe.each(await databaseKinds())('fault injection with real processes (%s)', (database) => {
  it('kills processes, restarts Redis empty, takes the agency down and up under load: nothing stuck, nothing missing', async () => {
    // Gentler load than the long run: the rest of the suite runs beside it on the same cores.
    const report = await runFaults({ database, seed, faultMs: 12_000, faultEveryMs: 2000, pauseMs: [100, 300], print: (line) => console.log(line) });
    console.log(describeReport(report));
    expect(report.problems).toEqual([]);
    expect(Object.values(report.faults).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3);
    expect(report.accepted).toBeGreaterThan(0);
    expect(report.writtenOff).toBeGreaterThan(0);
  }, 240_000);
});
