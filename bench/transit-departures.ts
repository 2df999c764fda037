// Departures through a sandbox gateway in this process (API, workers and the simulated offices,
// SQLite, Redis: test/support/gateway.ts), against the ingest floor of declarations measured in the same run on the same
// process: how many CC015C per second go from POST to released (CC928C, CC028C, CC029C lodged as
// exchanges, the guarantee reserved), and how long each took, from the movement's own times.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { PACK_MESSAGES, fillTemplate } from '../test/transit/test-pack.js';
import { startTestGateway } from '../test/support/gateway.js';

const COUNT = Number(process.env.BENCH_TRANSIT_DEPARTURES ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONNECTIONS ?? 10);
const TRADER = { authorization: 'Bearer sandbox-trader-demo', 'content-type': 'application/xml' };

/** Runs `task` COUNT times, CONCURRENCY at once; answers the seconds it took. */
async function pooled(task: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < COUNT; i = next++) await task(i);
    }),
  );
  return (performance.now() - started) / 1000;
}

async function post(url: string, body: string | Buffer): Promise<Record<string, unknown>> {
  const response = await fetch(url, { method: 'POST', headers: TRADER, body });
  if (response.status !== 202) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

export async function departuresSection(): Promise<void> {
  const gateway = await startTestGateway('sqlite');
  try {
    const declaration = readFileSync('test/fixtures/wco-dm/samples/customs-declarations/import/TT_IM036a__TT_IM036a.xml');
    const template = PACK_MESSAGES.find((m) => m.name.endsWith('dngb12_ie015_xml_example.xml'))!.template;
    const departures = Array.from({ length: COUNT }, (_, i) => fillTemplate(template, { lrn: `BENCH${process.pid}X${i}` }));
    const warm = Array.from({ length: 20 }, (_, i) => fillTemplate(template, { lrn: `WARM${process.pid}X${i}` }));
    for (const body of warm) await post(`${gateway.url}/v1/movements/departures`, body);
    for (let i = 0; i < 20; i++) await post(`${gateway.url}/v1/declarations`, declaration);

    const floorSeconds = await pooled(async () => void (await post(`${gateway.url}/v1/declarations`, declaration)));
    const ids: string[] = [];
    const started = performance.now();
    const lodgeSeconds = await pooled(async (i) => {
      ids[i] = (await post(`${gateway.url}/v1/movements/departures`, departures[i]!)).id as string;
    });
    const states = new Map<string, { state: string; createdAt: string; updatedAt: string }>();
    for (;;) {
      for (const id of ids) {
        if (states.get(id)?.state === 'released') continue;
        const movement = (await (await fetch(`${gateway.url}/v1/movements/departures/${id}`, { headers: { authorization: TRADER.authorization } })).json()) as {
          state: string;
          createdAt: string;
          updatedAt: string;
        };
        states.set(id, movement);
      }
      const open = [...states.values()].filter((m) => m.state !== 'released' && m.state !== 'guarantee-not-valid');
      if (open.length === 0 || performance.now() - started > 120_000) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const releasedSeconds = (performance.now() - started) / 1000;
    const released = [...states.values()].filter((m) => m.state === 'released');
    const latencies = released.map((m) => Date.parse(m.updatedAt) - Date.parse(m.createdAt)).sort((a, b) => a - b);
    const floorRate = COUNT / floorSeconds;
    const releaseRate = released.length / releasedSeconds;

    console.log(`transit: departures through a sandbox gateway (API and workers in process, SQLite), ${COUNT} each, ${CONCURRENCY} at once, same run:`);
    console.log(`  declarations ingested (floor)    ${floorRate.toFixed(0).padStart(9)} /s`);
    console.log(
      `  CC015C accepted (202)            ${(COUNT / lodgeSeconds).toFixed(0).padStart(9)} /s   = ${(COUNT / lodgeSeconds / floorRate).toFixed(2)}x the floor`,
    );
    console.log(`  CC015C to released (4 exchanges) ${releaseRate.toFixed(1).padStart(9)} /s   = ${(releaseRate / floorRate).toFixed(2)}x the floor`);
    console.log(
      `  time to release                  p50 ${quantile(latencies, 0.5)} ms, p99 ${quantile(latencies, 0.99)} ms (two 100 ms pauses of the simulated office included); ${released.length}/${COUNT} released`,
    );
  } finally {
    await gateway.stop();
  }
}
