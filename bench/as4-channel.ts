// `npx tsx bench/as4-channel.ts`: one delivery round trip to the sandbox's partner-xb on a loopback
// listener, as a delivery worker makes it: over AS4 (the as4 channel: UserMessage gzip + sign +
// encrypt + MIME, POST, the partner decrypts, verifies, keeps it and signs its NRR Receipt, the
// channel verifies the Receipt and its digests and keeps it) against the swgate transport of the
// same document in the same run (POST, the partner's JWS receipt, verified against its trust store).
import Fastify from 'fastify';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { as4Parties } from '../src/access-point/parties.js';
import { as4Channel } from '../src/access-point/send.js';
import { accessPointMigrations, type AccessPointTables } from '../src/access-point/tables.js';
import type { Agreement, Participant } from '../src/config/types.js';
import { sandboxRoutes } from '../src/http/routes/sandbox.js';
import { interpret } from '../src/pipeline/deliver.js';
import { post } from '../src/routing/transport.js';
import { receiveSimulatedAs4 } from '../src/sandbox/as4-partner.js';
import { SANDBOX_DELIVERY_HEADER, SandboxDestinations } from '../src/sandbox/destinations.js';
import { openDatabase } from '../src/store/db.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { ensureSandboxPki } from '../src/trust/pki/sandbox-ca.js';
import { loadSigningKey } from '../src/trust/pki/signing-key.js';
import { sandboxTrustStore } from '../src/trust/pki/trust-config.js';
import { sha256Hex } from '../src/hashing.js';
import { signReceipt } from '../src/trust/receipt.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const dir = mkdtempSync(join(tmpdir(), 'swgate-bench-as4-'));
const pki = await ensureSandboxPki(join(dir, 'pki'), ['partner-xb']);
const gatewayRsa = loadSigningKey(pki.entities.gateway!.rsa);
const partnerEcdsa = loadSigningKey(pki.entities['partner-xb']!.ecdsa);
const partnerRsa = loadSigningKey(pki.entities['partner-xb']!.rsa);
const secret = 'bench-sandbox-secret';
const partner: Participant = {
  id: 'partner-xb',
  kind: 'partner-customs',
  name: 'XB',
  apiKeySha256: [],
  certificateFingerprints: [],
  operator: false,
  actsFor: [],
  issues: [],
  endpoint: 'sandbox',
  as4: { partyId: 'partner-xb', role: 'http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/responder', certificates: [] },
};
const destinations = new SandboxDestinations(new Map([[partner.id, partner]]), {
  secret,
  sign: (_participant, receipt) => signReceipt(receipt, partnerEcdsa),
  limits: { keepPerDestination: 100 },
});
const app = Fastify({ bodyLimit: 50 * 1024 * 1024 });
sandboxRoutes(app, {
  destinations,
  bodyLimit: 50 * 1024 * 1024,
  as4: (participant, body, contentType, headers) =>
    receiveSimulatedAs4({ destinations, keyOf: () => partnerRsa, gatewayCertificate: gatewayRsa.certificate }, participant, body, contentType, headers),
});
const base = await app.listen({ port: 0, host: '127.0.0.1' });

const db = openDatabase<AccessPointTables>({ kind: 'sqlite', location: ':memory:' });
await migrateToLatest(db, accessPointMigrations);
const self = { partyId: 'swgate-xa', role: 'http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/initiator', messageIdDomain: 'bench.invalid' };
const channel = as4Channel({
  parties: as4Parties(self, [partner], () => pki.entities['partner-xb']!.rsa.certificate),
  key: gatewayRsa,
  db,
  post,
  now: () => new Date(),
  sandboxUrl: (id) => `${base}/sandbox/destinations/${id}/as4`,
});
const agreement: Agreement = {
  id: 'export-to-partner-xb',
  description: '',
  when: {},
  destination: 'partner-xb',
  format: 'wco-xml',
  transport: 'as4',
  as4: {
    service: 'urn:swgate:declarations',
    action: 'ImportPreDeclaration',
    mpc: 'urn:mpc',
    mode: 'push',
    security: 'sign-encrypt',
    compression: true,
    receipt: 'response',
  },
  delivery: { attempts: 1, backoffMs: 0, timeoutMs: 10_000, retry: 'never', receiptTimeoutMs: 60_000 },
};
const trustStore = sandboxTrustStore(pki, 'partner-xb');

const document = readFileSync('test/fixtures/wco-dm/samples/customs-declarations/export/TT_EX001a__TT_EX001a.xml');
const sentSha256 = sha256Hex(document);
let sequence = 0;
const message = (url: string, messageId: string) => ({
  url,
  body: document,
  mediaType: 'application/xml',
  headers: { 'x-swgate-exchange-id': 'bench', 'x-swgate-message-id': messageId, [SANDBOX_DELIVERY_HEADER]: secret },
  timeoutMs: 10_000,
});

async function swgateTransport(): Promise<void> {
  const messageId = `bench${++sequence}.partner-xb`;
  const answer = await post(message(`${base}/sandbox/destinations/partner-xb/deliveries`, messageId));
  const outcome = await interpret(answer, { messageId, destination: 'partner-xb', sentSha256, trustStore, now: () => new Date() });
  if (outcome.kind !== 'receipt') throw new Error(`swgate transport: ${JSON.stringify(outcome)}`);
}

async function as4Transport(): Promise<void> {
  const messageId = `bench${++sequence}.partner-xb`;
  const outcome = await channel({
    message: message(`${base}/sandbox/destinations/partner-xb/deliveries`, messageId),
    receipt: { messageId, destination: 'partner-xb', sentSha256, trustStore, now: () => new Date() },
    exchangeId: 'bench',
    documentKind: 'declaration',
    agreement,
    destination: partner,
  });
  if (outcome.kind !== 'receipt') throw new Error(`as4: ${JSON.stringify(outcome)}`);
}

async function rate(operation: () => Promise<void>): Promise<number> {
  const warmUpUntil = performance.now() + 300;
  while (performance.now() < warmUpUntil) await operation();
  let count = 0;
  const start = performance.now();
  while (performance.now() < start + SECONDS * 1000) {
    await operation();
    count++;
  }
  return count / ((performance.now() - start) / 1000);
}

const line = (label: string, perSecond: number, baseline?: number) =>
  console.log(
    `${label.padEnd(70)} ${perSecond.toFixed(0).padStart(6)} deliveries/s ${(1000 / perSecond).toFixed(2).padStart(7)} ms each${baseline ? `  ×${(baseline / perSecond).toFixed(2)} the baseline's time` : ''}`,
  );

console.log(`document: ${document.length} bytes (WCO DM export declaration); ${SECONDS} s per figure; sequential round trips on loopback`);
const baseline = await rate(swgateTransport);
line('baseline: swgate transport, POST + signed JWS receipt verified', baseline);
const as4 = await rate(as4Transport);
line('AS4 channel: UserMessage gzip+sign+encrypt, POST, signed NRR Receipt verified', as4, baseline);
await app.close();
await db.destroy();
rmSync(dir, { recursive: true, force: true });
