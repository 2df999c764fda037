// Verifies a swgate webhook (Node 18+, no dependencies).
//
// swgate signs each notification with the participant's webhook secret:
//   X-Swgate-Timestamp: <unix seconds>
//   X-Swgate-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">
// Verify over the raw bytes of the body (not re-serialised JSON), compare in constant time, and
// refuse a timestamp too far from now so a captured notification cannot be replayed.
//
// As a command: SWGATE_WEBHOOK_SECRET=… node verify.mjs <timestamp> <signature> < body
// exits 0 when the notification is genuine and fresh, 1 otherwise.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { pathToFileURL } from 'node:url';

export function verifySwgateWebhook({ secret, timestamp, signature, body, toleranceSeconds = 300, now = Date.now() }) {
  if (!/^\d+$/.test(timestamp ?? '')) return false;
  if (Math.abs(now / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`);
  const given = Buffer.from(String(signature ?? ''));
  return expected.length === given.length && timingSafeEqual(expected, given);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [timestamp, signature] = process.argv.slice(2);
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const secret = process.env.SWGATE_WEBHOOK_SECRET;
  if (!secret) {
    console.error('SWGATE_WEBHOOK_SECRET is not set');
    process.exit(2);
  }
  const genuine = verifySwgateWebhook({ secret, timestamp, signature, body: Buffer.concat(chunks) });
  console.log(genuine ? 'genuine' : 'NOT genuine');
  process.exit(genuine ? 0 : 1);
}
