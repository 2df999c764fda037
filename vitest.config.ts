import { defineConfig } from 'vitest/config';

// The fault-injection run (test/runtime/faults.test.ts) starts up to six processes and kills
// them at random: it runs after the rest, alone, so that it neither starves the suite's other
// process tests of CPU nor is starved by them.
const FAULTS = 'test/runtime/faults.test.ts';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    // The console's build (console/dist), made when its sources are newer: the gateway serves it at /console.
    globalSetup: ['scripts/build-console.ts'],
    hookTimeout: 60_000,
    // Two cores on the reference machines: more workers only thrash.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'suite', include: ['test/**/*.test.ts'], exclude: [FAULTS], sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'faults', include: [FAULTS], sequence: { groupOrder: 1 } } },
    ],
  },
});
