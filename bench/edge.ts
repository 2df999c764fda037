// The HTTP edge against a slow client and a flooding one, on `swgate start` with its default
// limits: how long a slow upload and slow headers are held, how many connections one client
// address holds at once, and whether /health/live still answers another client meanwhile.
// `npx tsx bench/edge.ts`. BENCH_FLOOD connections (default 1000); BENCH_GIVE_UP_S (default 90)
// ends a slow client the gateway has not cut off by then.
import { connect, type Socket } from 'node:net';
import { startBenchGateway } from './gateway-process.js';

const floodSize = Number(process.env.BENCH_FLOOD ?? 1000);
const giveUpMs = Number(process.env.BENCH_GIVE_UP_S ?? 90) * 1000;
const port = 18_084;
const gateway = await startBenchGateway('start', port, 'edge');

function open(localAddress: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** A client that sends `head` then one more `drip` every second; how long until the gateway closes the connection (or we give up). */
async function slowClient(localAddress: string, head: string, drip: string): Promise<string> {
  const socket = await open(localAddress);
  const started = Date.now();
  let first = '';
  socket.on('data', (chunk) => (first ||= chunk.toString('latin1').split('\r\n')[0] ?? ''));
  socket.on('error', () => {});
  socket.write(head);
  const timer = setInterval(() => !socket.destroyed && socket.write(drip), 1000);
  const closedBy = await new Promise<'gateway' | 'us'>((resolve) => {
    const giveUp = setTimeout(() => resolve('us'), giveUpMs);
    socket.once('close', () => {
      clearTimeout(giveUp);
      resolve('gateway');
    });
  });
  clearInterval(timer);
  socket.destroy();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return closedBy === 'gateway' ? `closed by the gateway after ${seconds} s (${first || 'no answer'})` : `still open after ${seconds} s (gave up)`;
}

const slowUpload = slowClient(
  '127.0.0.3',
  `POST /v1/validate HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer sandbox-trader-demo\r\nContent-Type: application/xml\r\nContent-Length: 1000000\r\n\r\n`,
  '<',
);
const slowHeaders = slowClient('127.0.0.4', 'GET /health/live HTTP/1.1\r\nHost: x\r\n', 'X-Slow: 1\r\n');

/** One client address opening `floodSize` connections, each kept alive after its first answer. */
async function flood(): Promise<{ held: Socket[]; answered: Record<string, number> }> {
  const held: Socket[] = [];
  const answered: Record<string, number> = {};
  const one = async () => {
    const socket = await open('127.0.0.1').catch(() => undefined);
    if (!socket) {
      answered.refused = (answered.refused ?? 0) + 1;
      return;
    }
    held.push(socket);
    const status = await new Promise<string>((resolve) => {
      socket.once('data', (chunk) => resolve(/^HTTP\/1\.1 (\d{3})/.exec(chunk.toString('latin1'))?.[1] ?? '?'));
      socket.once('close', () => resolve('closed'));
      socket.on('error', () => {});
      socket.write('GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n');
    });
    answered[status] = (answered[status] ?? 0) + 1;
  };
  for (let i = 0; i < floodSize; i += 50) await Promise.all(Array.from({ length: Math.min(50, floodSize - i) }, one));
  return { held, answered };
}

const { held, answered } = await flood();
const stillOpen = held.filter((s) => !s.destroyed).length;
const latencies: number[] = [];
const statuses: number[] = [];
for (let i = 0; i < 20; i++) {
  const started = performance.now();
  const other = await open('127.0.0.2');
  const status = await new Promise<number>((resolve) => {
    other.once('data', (chunk) => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(chunk.toString('latin1'))?.[1] ?? 0)));
    other.once('close', () => resolve(0));
    other.write('GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  });
  latencies.push(performance.now() - started);
  statuses.push(status);
  other.destroy();
}
await new Promise((r) => setTimeout(r, 1500));
const stillOpenLater = held.filter((s) => !s.destroyed).length;
for (const s of held) s.destroy();

console.log(
  `connection flood: one address opened ${floodSize} kept-alive connections; first answers ${JSON.stringify(answered)}; ${stillOpen} open after the flood, ${stillOpenLater} 1.5 s later`,
);
console.log(
  `during the flood, another address: /health/live ${statuses.filter((s) => s === 200).length}/20 answered 200, max ${Math.max(...latencies).toFixed(1)} ms, median ${latencies.sort((a, b) => a - b)[10]?.toFixed(1)} ms`,
);
console.log(`slow upload (1 byte/s of a 1 MB body): ${await slowUpload}`);
console.log(`slow headers (one header line/s): ${await slowHeaders}`);

await gateway.stop();
