// What targeting costs ingest: `swgate serve` with 1,000 risk profiles and the sandbox's model
// active, against the same gateway with neither, alternated in one run (A B A B) so load elsewhere
// on the machine falls on both alike. Issue 25 allows the serve rate to fall by at most 5%.
// `npx tsx bench/ingest-risk.ts`; BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 20).
import autocannon from 'autocannon';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { startBenchGateway } from './gateway-process.js';
import { benchProfiles } from './risk-profile-set.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const body = readFileSync('test/fixtures/wco-dm/samples/customs-declarations/import/TT_IM036a__TT_IM036a.xml');
const work = mkdtempSync(join(tmpdir(), 'swgate-bench-risk-'));

/** The sandbox's configuration with its model (and score bands) or without any risk block. */
function config(name: string, withModel: boolean): string {
  const sandbox = readFileSync('config/sandbox.yaml', 'utf8');
  const yaml = withModel
    ? sandbox.replace(/^ {2}modelDir: risk-model$/m, `  modelDir: ${resolve('config/risk-model')}`)
    : sandbox.replace(/^risk:\n(?: {2}.*\n|\s*\n)*/m, '');
  const file = join(work, `${name}.yaml`);
  writeFileSync(file, yaml);
  return file;
}

/** 1,000 profiles of the sandbox's agencies, as a deployment keeps them: one YAML file per owner. */
function profilesFolder(): string {
  const dir = join(work, 'profiles');
  const profiles = benchProfiles(1000);
  for (const owner of new Set(profiles.map((p) => p.owner))) {
    mkdirSync(join(dir, owner), { recursive: true });
    writeFileSync(join(dir, owner, 'bench.yaml'), stringify(profiles.filter((p) => p.owner === owner).map((p) => p.profile)));
  }
  return dir;
}

const variants = {
  'without targeting': { SWGATE_CONFIG: config('plain', false), SWGATE_RISK_PROFILES_DIR: join(work, 'no-profiles') },
  '1,000 profiles and the model': { SWGATE_CONFIG: config('risk', true), SWGATE_RISK_PROFILES_DIR: profilesFolder() },
};
mkdirSync(join(work, 'no-profiles'));

async function rate(name: keyof typeof variants, port: number): Promise<{ perSecond: number; p99Ms: number; errors: number }> {
  const gateway = await startBenchGateway('serve', port, `bench-risk-${port}`, { env: variants[name] });
  try {
    const options = {
      url: `${gateway.url}/v1/declarations`,
      method: 'POST' as const,
      connections,
      headers: { 'content-type': 'application/xml', authorization: 'Bearer sandbox-trader-demo' },
      body,
    };
    await autocannon({ ...options, duration: 2 }); // warm-up
    const result = await autocannon({ ...options, duration: seconds });
    return { perSecond: result.requests.average, p99Ms: result.latency.p99, errors: result.non2xx + result.errors + result.timeouts };
  } finally {
    await gateway.stop();
  }
}

const runs: Record<string, number[]> = {};
let port = 18_090;
for (let round = 0; round < 2; round++) {
  for (const name of Object.keys(variants) as Array<keyof typeof variants>) {
    const figures = await rate(name, port++);
    runs[name] = [...(runs[name] ?? []), figures.perSecond];
    console.log(
      `${`swgate serve, ${name}`.padEnd(46)} ${figures.perSecond.toFixed(0).padStart(6)} declarations/s   p99 ${String(figures.p99Ms).padStart(4)} ms   errors ${figures.errors}`,
    );
  }
}
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const [plain, risk] = Object.values(runs).map(mean) as [number, number];
console.log(`ratio with/without targeting: ${(risk / plain).toFixed(3)} (issue 25: at least 0.95)`);
rmSync(work, { recursive: true, force: true });
