// Deliveries per second to the simulated IPPC ePhyto Hub through the ephyto-hub channel — unseal
// the sealed SPS certificate, read its header facts, ValidateAndDeliverEnvelope over SOAP to the
// hub's WSDL served by the `soap` package, record the hub's delivery number — against the same
// sealed certificate delivered over swgate's own transport to the sandbox's partner-xb agency
// (POST the signed envelope, verify its signed receipt), in the same run, same process, same
// concurrency: `npx tsx bench/ephyto-hub.ts`. BENCH_HUB_DELIVERIES (default 600) each.
import Fastify from 'fastify';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load.js';
import { hubChannel } from '../src/ephyto-hub/delivery.js';
import { ephytoHubMigrations, type EphytoHubTables } from '../src/ephyto-hub/tables.js';
import { sandboxRoutes } from '../src/http/routes/sandbox.js';
import { loadMappings } from '../src/mapping/catalogue.js';
import { interpret } from '../src/pipeline/deliver.js';
import { seal } from '../src/pipeline/seal.js';
import { post } from '../src/routing/transport.js';
import { loadGatewayTrust } from '../src/runtime/trust.js';
import { SANDBOX_DELIVERY_HEADER } from '../src/sandbox/destinations.js';
import { simulatedAgencies } from '../src/runtime/api.js';
import { startSimulatedHub } from '../src/sandbox/ephyto-hub.js';
import { openDatabase, tablesOf } from '../src/store/db.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { sampleLpco } from '../test/lpco/sample.js';

const deliveries = Number(process.env.BENCH_HUB_DELIVERIES ?? 600);
const concurrency = 16;
const dir = mkdtempSync(join(tmpdir(), 'swgate-bench-hub-'));
const config = { ...loadConfig({}), certsDir: join(dir, 'certs') };
const trust = await loadGatewayTrust(config);
const mappings = await loadMappings();
const now = () => new Date();

// One certificate, as the pipeline makes it: pga-plant's N851 mapped by lpco-to-sps, sealed.
const lpco = sampleLpco({ issuer: { agency: 'Plant health agency (sandbox)', country: 'XA' }, exportCountry: 'XA', importCountry: 'XC' });
const certificate = (await mappings.get('lpco-to-sps')!.apply(Buffer.from(JSON.stringify(lpco)))).output as string;
// And the largest real one at hand: Mattilsynet's 221 KB test certificate (a PDF inside), as XA's export.
const large = readFileSync('test/fixtures/ephyto/no-mattilsynet_SPSCertificateContent_851.xml', 'utf8').replace(
  /(<ns1:ExportSPSCountry>\s*<ns1:ID>)AR/,
  '$1XA',
);
const sealedFor = (messageId: string, to: string, body = certificate) =>
  seal(
    trust.keys!,
    { body, mediaType: 'application/xml' },
    { messageId, conversationId: messageId, from: 'gateway', to, documentKind: 'lpco', createdAt: now().toISOString() },
  );

// The simulated hub, and the sandbox agencies on a listener of their own.
const hub = await startSimulatedHub();
let agencies = '';
const destinations = simulatedAgencies(new Map(config.participants.map((p) => [p.id, p])), trust, () => agencies);
const app = Fastify();
sandboxRoutes(app, { destinations, bodyLimit: 5 * 1024 * 1024 });
agencies = await app.listen({ port: 0, host: '127.0.0.1' });

const database = openDatabase<EphytoHubTables>({ kind: 'sqlite', location: join(dir, 'hub.sqlite') });
await migrateToLatest(database, ephytoHubMigrations);
const hubParticipant = config.participants.find((p) => p.id === 'ephyto-hub')!;
const settings = config.ephytoHub!;
const channel = hubChannel({
  db: tablesOf<EphytoHubTables>(database),
  settings,
  endpointOf: () => ({ url: hub.serviceUrl(settings.country), timeoutMs: 10_000, maxEnvelopeBytes: settings.maxEnvelopeBytes }),
  now,
});
const agreement = config.agreements.find((a) => a.id === 'ephyto-certificates-to-hub')!;

async function viaHub(run: string, i: number, body = certificate): Promise<void> {
  const messageId = `${run}${i}.ephyto-hub`;
  const sealed = await sealedFor(messageId, 'ephyto-hub', body);
  const outcome = await channel({
    message: { url: 'sandbox', body: sealed.body, mediaType: sealed.mediaType, headers: {}, timeoutMs: 10_000 },
    receipt: { messageId, destination: 'ephyto-hub', sentSha256: sealed.sha256, now },
    exchangeId: `${run}${i}`,
    documentKind: 'lpco',
    agreement,
    destination: hubParticipant,
  });
  if (outcome.kind !== 'awaiting-acknowledgement') throw new Error(`hub delivery ${messageId}: ${JSON.stringify(outcome)}`);
}

async function viaSwgate(run: string, i: number): Promise<void> {
  const messageId = `${run}${i}.partner-xb`;
  const sealed = await sealedFor(messageId, 'partner-xb');
  const answer = await post({
    url: `${agencies}/sandbox/destinations/partner-xb/deliveries`,
    body: sealed.body,
    mediaType: sealed.mediaType,
    headers: { 'x-swgate-exchange-id': `${run}${i}`, 'x-swgate-message-id': messageId, [SANDBOX_DELIVERY_HEADER]: trust.sandboxDeliverySecret! },
    timeoutMs: 10_000,
  });
  const outcome = await interpret(answer, { messageId, destination: 'partner-xb', sentSha256: sealed.sha256, now, trustStore: trust.storeOf('partner-xb') });
  if (outcome.kind !== 'receipt') throw new Error(`swgate delivery ${messageId}: ${JSON.stringify(outcome)}`);
}

/** Deliveries per second with `concurrency` in flight, and RSS growth in MB. */
async function measure(run: string, one: (run: string, i: number) => Promise<void>, count = deliveries): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await one(run, next++);
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

// Both paths once unmeasured first (compiling, first connections), then measured alternately.
await measure('warm-hub-', viaHub, 100);
await measure('warm-xb-', viaSwgate, 100);
const swgate = await measure('xb-', viaSwgate);
const viaHubRate = await measure('hub-', viaHub);
const rssBefore = process.memoryUsage().rss;
const largeRate = await measure('large-', (run, i) => viaHub(run, i, large), 50);
const rssLarge = process.memoryUsage().rss;
const certificateKb = (Buffer.byteLength(certificate) / 1024).toFixed(1);
console.log(
  `swgate transport to the sandbox (sealed SPS certificate, ${certificateKb} KB, signed receipt verified): ${swgate.toFixed(0)} deliveries/s (baseline)`,
);
console.log(
  `ephyto-hub channel to the simulated hub (ValidateAndDeliverEnvelope, soap package): ${viaHubRate.toFixed(0)} deliveries/s, ${(viaHubRate / swgate).toFixed(2)}× the baseline`,
);
console.log(
  `ephyto-hub channel, ${Math.round(Buffer.byteLength(large) / 1024)} KB certificate (Mattilsynet's, PDF inside), 50 deliveries: ${largeRate.toFixed(0)} deliveries/s; rss ${Math.round(rssBefore / 1048576)} → ${Math.round(rssLarge / 1048576)} MB (client, hub holding ${hub.envelopes.size} envelopes, same process)`,
);

await hub.close();
await app.close();
await database.destroy();
rmSync(dir, { recursive: true, force: true });
