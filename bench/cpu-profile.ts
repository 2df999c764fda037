// Where a process's CPU time went, by step of the ingest path: a V8 CPU profile (`node
// --cpu-prof`) summarised by the self time of each sample's function, each function put in the
// step its source belongs to. Self time, not stacks: after an `await` a stack starts at the
// microtask queue, so who called a Kysely function is lost, but what it is a part of is not.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The steps, in the order a request meets them; the first whose test matches a function takes its time. */
const STEPS: Array<{ step: string; test: (url: string, name: string) => boolean }> = [
  { step: 'GC', test: (_url, name) => name === '(garbage collector)' },
  {
    step: 'HTTP (Fastify, node:http, auth)',
    test: (url) =>
      /node_modules\/(fastify|@fastify|find-my-way|avvio|light-my-request|pino|fast-json-stringify|secure-json-parse)\/|node:(_http|net|http|internal\/(http|streams|stream_base))|\/src\/http\//.test(
        url,
      ),
  },
  {
    step: 'read + validate (XML, WCO JSON, ajv, facts)',
    // ajv's compiled validators are functions without a source file: validate<n>.
    test: (url, name) =>
      /\/src\/(documents|validation|lpco\/citations|pipeline\/(readers|acting-for|lodge))[./]|node_modules\/(ajv|ajv-formats|re2js)\//.test(url) ||
      (url === '' && /^validate\d+$/.test(name)),
  },
  { step: 'route (agreements)', test: (url) => /\/src\/routing\//.test(url) },
  { step: 'store (Kysely, SQLite, write batch)', test: (url) => /node_modules\/(kysely|better-sqlite3)\/|\/src\/store\/|\/src\/group-commit\.ts/.test(url) },
  { step: 'provenance (records, commitments, tree)', test: (url) => /\/src\/(provenance\/|canonical-json\.ts)/.test(url) },
  { step: 'ids, hashes, random bytes', test: (url) => /node_modules\/ulid\/|\/src\/hashing\.ts|node:internal\/crypto\//.test(url) },
  { step: 'enqueue (BullMQ, ioredis)', test: (url) => /node_modules\/(bullmq|ioredis|msgpackr|cluster-key-slot|redis-parser|@ioredis)\//.test(url) },
  { step: 'ingest (pipeline)', test: (url) => /\/src\/pipeline\//.test(url) },
  { step: 'native, unattributed', test: (_url, name) => name === '(program)' },
];
const OTHER = 'other JavaScript';

export interface StepTimes {
  /** Milliseconds of CPU (sampled) per step, idle left out. */
  byStep: Map<string, number>;
  busyMs: number;
  windowMs: number;
}

/** The one profile `node --cpu-prof --cpu-prof-dir=dir` wrote into `dir`. */
export function readProfile(dir: string): CpuProfile {
  const [file] = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no CPU profile in ${dir}`);
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
}

/** Self time by step of the samples taken from `fromMs` to `toMs` after the profile started. */
export function stepTimes(profile: CpuProfile, fromMs: number, toMs: number): StepTimes {
  const stepOf = new Map<number, string | undefined>();
  for (const node of profile.nodes) {
    const { url, functionName } = node.callFrame;
    stepOf.set(node.id, functionName === '(idle)' ? undefined : (STEPS.find((s) => s.test(url, functionName))?.step ?? OTHER));
  }
  const byStep = new Map<string, number>([...STEPS.map((s) => [s.step, 0] as const), [OTHER, 0]]);
  let at = 0;
  let busyMs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const deltaMs = profile.timeDeltas[i]! / 1000;
    at += deltaMs;
    if (at < fromMs || at > toMs) continue;
    const step = stepOf.get(profile.samples[i]!);
    if (step === undefined) continue;
    // A sample stands for the time since the one before it.
    byStep.set(step, byStep.get(step)! + deltaMs);
    busyMs += deltaMs;
  }
  return { byStep, busyMs, windowMs: toMs - fromMs };
}
