import type { FastifyInstance } from 'fastify';
import type { Socket } from 'node:net';
import { finding, RejectionError } from '../findings.js';

/** How long a connection over the cap has to send its request and read the 429 before it is closed regardless. */
const EXCESS_GRACE_MS = 1000;

/**
 * At most `max` connections open at once from one client address. A connection beyond that
 * answers its request with a 429 problem and is closed (within a second even if it sends
 * nothing), so one client holding or opening many cannot starve the others. Counted per TCP
 * connection for HTTP, per established TLS session for HTTPS (the handshake itself is bounded
 * by the headers timeout). Run before authentication: an over-cap connection costs no key lookup.
 */
export function capConnectionsPerClient(app: FastifyInstance, max: number, tls: boolean): void {
  if (max <= 0) return;
  const open = new Map<string, number>();
  const excess = new WeakSet<Socket>();
  app.server.on(tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const count = (open.get(address) ?? 0) + 1;
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
    if (count > max) {
      excess.add(socket);
      setTimeout(() => socket.destroy(), EXCESS_GRACE_MS).unref();
    }
  });
  app.addHook('onRequest', async (request, reply) => {
    if (!excess.has(request.raw.socket)) return;
    reply.header('connection', 'close').header('retry-after', '1');
    throw new RejectionError(429, 'Too many connections', [
      finding(
        'request.too-many-connections',
        `A client may hold at most ${max} connections at once; this one is closed. Reuse a kept-alive connection or wait for others to end.`,
      ),
    ]);
  });
}
