// Memory over a long run: `swgate start` under a steady load of declarations (ingest, routing,
// deliveries, receipts) for BENCH_SOAK_SECONDS (default 600), RSS sampled every 30 s.
// `npm run bench:soak`. BENCH_SOAK_RATE declarations per second (default 50).
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { rssMb, startBenchGateway } from './gateway-process.js';

const seconds = Number(process.env.BENCH_SOAK_SECONDS ?? 600);
const rate = Number(process.env.BENCH_SOAK_RATE ?? 50);
const body = readFileSync('test/fixtures/wco-dm/samples/customs-declarations/import/TT_IM036a__TT_IM036a.xml');
const gateway = await startBenchGateway('start', 18_083, 'soak');
const { url } = gateway;
const { pid } = gateway;
const samples: Array<[number, number]> = [];
const started = Date.now();
const sampler = setInterval(() => samples.push([Math.round((Date.now() - started) / 1000), rssMb(pid)]), 30_000);
samples.push([0, rssMb(pid)]);
const result = await autocannon({
  url: `${url}/v1/declarations`,
  method: 'POST',
  connections: 8,
  overallRate: rate,
  duration: seconds,
  headers: { 'content-type': 'application/xml', authorization: 'Bearer sandbox-trader-demo' },
  body,
});
clearInterval(sampler);
samples.push([seconds, rssMb(pid)]);
const metrics = await (await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer sandbox-customs' } })).text();
const delivered = Number((metrics.match(/swgate_exchanges\{status="delivered"\} (\d+)/) ?? [])[1] ?? 0);
await gateway.stop();

console.log(
  `soak: ${seconds} s at ${rate} declarations/s against swgate start; ${result.requests.total} sent, ${result.non2xx + result.errors} errors, ${delivered} delivered`,
);
console.log(`RSS (s → MB): ${samples.map(([t, mb]) => `${t}:${mb}`).join(' ')}`);
console.log(`RSS start ${samples[0]?.[1]} MB, end ${samples.at(-1)?.[1]} MB`);
