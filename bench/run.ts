// `npm run bench`: every benchmark in turn, each printing its figures against a baseline of the same run.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const suites = [
  'bench/ingest.ts',
  'bench/delivery.ts',
  'bench/codec.ts',
  'bench/trust.ts',
  'bench/mapping.ts',
  'bench/lpco.ts',
  'bench/transit.ts',
  'bench/provenance.ts',
  'bench/patterns.ts',
  'bench/risk-model.ts',
  'bench/analytics-network.ts',
].filter((f) => existsSync(f));
for (const suite of suites) {
  console.log(`\n== ${suite}`);
  execFileSync(process.execPath, ['--import', 'tsx', suite], { stdio: 'inherit' });
}
