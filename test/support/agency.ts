/**
 * An agency outside the gateway, run as its own process by the fault-injection suite
 * (faults.ts), so it can be killed with SIGKILL and started again. It keeps every message id it
 * took as new in an append-only file, synced before it answers, and so recognises a copy after
 * a restart too (what the delivery contract asks of destinations). Some messages it answers
 * 202 and acknowledges a moment later through POST /v1/acknowledgements: a kill in between
 * loses that receipt, which the gateway's reconciler must then ask for again by re-sending.
 *
 * Env: PORT, AGENCY_STORE (the file), GATEWAY_URL, AGENCY_TOKEN (its API key), AGENCY_ID.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { createServer } from 'node:http';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`agency: ${name} is not set`);
  return value;
};
const [PORT, AGENCY_STORE, GATEWAY_URL, AGENCY_TOKEN, AGENCY_ID] = ['PORT', 'AGENCY_STORE', 'GATEWAY_URL', 'AGENCY_TOKEN', 'AGENCY_ID'].map(env) as [
  string,
  string,
  string,
  string,
  string,
];
const seen = new Map<string, string>();
if (existsSync(AGENCY_STORE)) {
  for (const line of readFileSync(AGENCY_STORE, 'utf8').split('\n')) {
    // A line cut short by a kill was never answered: the gateway sends that message again.
    try {
      const { messageId, sha256 } = JSON.parse(line) as { messageId: string; sha256: string };
      seen.set(messageId, sha256);
    } catch {}
  }
}
const store = openSync(AGENCY_STORE, 'a');
const answerLater = (messageId: string) => createHash('sha256').update(messageId).digest()[0]! % 3 === 0;

async function acknowledge(messageId: string, sha256: string): Promise<void> {
  await fetch(`${GATEWAY_URL}/v1/acknowledgements`, {
    method: 'POST',
    headers: { authorization: `Bearer ${AGENCY_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      messageId,
      receipt: { messageId, from: AGENCY_ID, to: 'gateway', status: 'accepted', receivedSha256: sha256, receivedAt: new Date().toISOString(), findings: [] },
    }),
  }).catch(() => undefined);
}

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const messageId = String(req.headers['x-swgate-message-id']);
    const sha256 = createHash('sha256').update(Buffer.concat(chunks)).digest('hex');
    const earlier = seen.get(messageId);
    const receipt = {
      messageId,
      from: AGENCY_ID,
      to: 'gateway',
      status: 'accepted',
      receivedSha256: earlier ?? sha256,
      receivedAt: new Date().toISOString(),
      findings: [],
    };
    if (earlier === undefined) {
      writeSync(store, `${JSON.stringify({ messageId, sha256 })}\n`);
      fsyncSync(store);
      seen.set(messageId, sha256);
      if (answerLater(messageId)) {
        setTimeout(() => void acknowledge(messageId, sha256), 300);
        res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'pending' }));
        return;
      }
    }
    // A copy of a message taken before: the receipt it was given (reception awareness).
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(receipt));
  });
}).listen(Number(PORT), '127.0.0.1');

process.on('SIGTERM', () => {
  closeSync(store);
  process.exit(0);
});
