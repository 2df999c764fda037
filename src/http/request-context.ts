import type { Participant } from '../config/types.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller of a /v1 route (set by the auth hook before any handler runs). */
    participant: Participant;
  }
}
