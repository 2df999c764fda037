// `npx tsx bench/as4.ts`: AS4 (eDelivery AS4 1.15) sending and receiving a ~10 KB declaration,
// against baselines measured in the same run: bare WS-Security signing/verifying of the same
// bytes in the SOAP Body (no MIME, gzip or encryption) and plain RSA-SHA256 on node:crypto.
// Then one large payload through the whole path, with the process's peak memory.
import { randomBytes, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildReceipt, buildUserMessage, type UserMessageInput } from '../src/as4/build.js';
import { parseSoapEnvelope } from '../src/as4/header.js';
import { readTransport } from '../src/as4/mime.js';
import { receiveAs4 } from '../src/as4/read.js';
import { signEnvelope, verifySignature } from '../src/as4/signature.js';
import { URI } from '../src/as4/namespaces.js';
import { signingKeyFromPem } from '../src/trust/pki/signing-key.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const LARGE_MB = Number(process.env.BENCH_AS4_LARGE_MB ?? 100);
const KEYS = join(import.meta.dirname, '../test/fixtures/as4/keys');
const key = (name: string) => signingKeyFromPem(readFileSync(join(KEYS, `${name}.key.pem`)), readFileSync(join(KEYS, `${name}.cert.pem`)));
const sender = key('blue_gw');
const receiver = key('red_gw');

function rate(operation: () => unknown): number {
  const warmUpUntil = performance.now() + 200;
  while (performance.now() < warmUpUntil) operation();
  let count = 0;
  const start = performance.now();
  const until = start + SECONDS * 1000;
  while (performance.now() < until) {
    for (let i = 0; i < 5; i++) operation();
    count += 5;
  }
  return count / ((performance.now() - start) / 1000);
}

function line(label: string, perSecond: number, baseline?: number): void {
  const ratio = baseline ? `  ×${(baseline / perSecond).toFixed(2)} the baseline's time` : '';
  console.log(`${label.padEnd(64)} ${perSecond.toFixed(0).padStart(7)} msg/s ${(1e6 / perSecond).toFixed(0).padStart(8)} µs/msg${ratio}`);
}

const input: UserMessageInput = {
  from: { partyIds: [{ value: 'blue_gw' }], role: URI.ebmsSender },
  to: { partyIds: [{ value: 'red_gw' }], role: URI.ebmsResponder },
  service: { value: 'urn:swgate:declarations' },
  action: 'SubmitDeclaration',
  properties: [
    { name: 'originalSender', value: 'trader-1' },
    { name: 'finalRecipient', value: 'customs-xb' },
  ],
};
const declaration = readFileSync(join(import.meta.dirname, '../test/fixtures/trust/wco-dm/TT1_IM_v2.02_Accepted.xml'));
const bodyPayload = declaration.toString('utf8').replace(/^<\?xml[^>]*\?>\s*/, '');
console.log(`payload: ${declaration.length} bytes (WCO DM declaration); ${SECONDS} s per figure; RSA-2048 keys`);

// Baselines: the same bytes signed as bare WS-Security (payload in the Body) and as plain RSA.
const unsignedSoap = buildUserMessage(input, []).body.toString().replace('<S12:Body></S12:Body>', `<S12:Body>${bodyPayload}</S12:Body>`);
const bareSigned = signEnvelope(parseSoapEnvelope(unsignedSoap), [], sender).xml;
const rsaSignature = sign('sha256', declaration, sender.privateKey);
const plainSign = rate(() => sign('sha256', declaration, sender.privateKey));
const bareSign = rate(() => signEnvelope(parseSoapEnvelope(unsignedSoap), [], sender));
const plainVerify = rate(() => verify('sha256', declaration, sender.certificate.publicKey, rsaSignature));
const bareVerify = rate(() => verifySignature(parseSoapEnvelope(bareSigned)));

const payloads = [{ mimeType: 'application/xml', content: declaration }];
const security = { signer: sender, recipient: receiver.certificate };
const decryption = { privateKey: receiver.privateKey, certificate: receiver.certificate };
const sample = buildUserMessage(input, payloads, security);
const as4Send = rate(() => buildUserMessage(input, payloads, security));
const as4Receive = rate(() => receiveAs4(sample.body, { contentType: sample.contentType, decryption }));
const signedOnly = buildUserMessage(input, payloads, { signer: sender });
const signedOnlyTransport = readTransport(signedOnly.body, signedOnly.contentType);
const as4Verify = rate(() => verifySignature(parseSoapEnvelope(signedOnlyTransport.soap), { attachments: signedOnlyTransport.attachments }));
const as4Receipt = rate(() => {
  const received = receiveAs4(sample.body, { contentType: sample.contentType, decryption });
  const receipt = buildReceipt(received, { signer: receiver });
  return receiveAs4(receipt.body, { contentType: receipt.contentType });
});

line('baseline: RSA-SHA256 sign of the payload (node:crypto)', plainSign);
line('baseline: bare WS-Security sign, payload in the Body', bareSign, plainSign);
line('AS4 send: UserMessage gzip + sign + encrypt + MIME', as4Send, bareSign);
line('baseline: RSA-SHA256 verify of the payload (node:crypto)', plainVerify);
line('baseline: bare WS-Security verify, payload in the Body', bareVerify, plainVerify);
line('AS4 verify: parse + WS-Security verify incl. the attachment digest', as4Verify, bareVerify);
line('AS4 receive: MIME + decrypt + verify + gunzip', as4Receive, bareVerify);
line('AS4 receive + signed NRR receipt + sender reads the receipt', as4Receipt, bareVerify);

// One large payload, end to end, with peak memory (maxRSS) before and after.
const before = process.resourceUsage().maxRSS / 1024;
// Hex text of random bytes: compresses to about half, as a real payload does, unlike zeros.
const large = Buffer.from(randomBytes((LARGE_MB * 1024 * 1024) / 2).toString('hex'));
let t = performance.now();
const sent = buildUserMessage(input, [{ mimeType: 'application/octet-stream', content: large }], security);
const sendMs = performance.now() - t;
t = performance.now();
const received = receiveAs4(sent.body, { contentType: sent.contentType, decryption, maxInflatedBytes: large.length });
const receiveMs = performance.now() - t;
if (!received.payloads[0]!.content.equals(large)) throw new Error('large payload changed on the way');
const after = process.resourceUsage().maxRSS / 1024;
console.log(
  `large payload ${LARGE_MB} MiB (wire ${(sent.body.length / 1048576).toFixed(1)} MiB): send ${sendMs.toFixed(0)} ms, receive ${receiveMs.toFixed(0)} ms; ` +
    `peak RSS ${before.toFixed(0)} MiB before, ${after.toFixed(0)} MiB after (${((after - before) / LARGE_MB).toFixed(1)}× the payload)`,
);
