import type { Participant } from '../config/types.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller (set by the auth hook, auth.ts); reading it where nobody authenticated is a 401. */
    participant: Participant;
  }
  interface FastifyContextConfig {
    /** The route answers without credentials (auth.ts); every other route needs them. */
    public?: boolean;
    /** The media types the route's body may have, named in its 415 (default: application/json). */
    accepts?: readonly string[];
  }
}
