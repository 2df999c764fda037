import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TLSSocket } from 'node:tls';
import type { Participant } from '../config/types.js';
import { finding, RejectionError } from '../findings.js';
import { sha256Hex } from '../hashing.js';

const MISSING = 'Credentials are required: send "Authorization: Bearer <api-key>" or a registered client certificate.';

interface Credentials {
  byApiKeyDigest: ReadonlyMap<string, Participant>;
  byCertificateFingerprint: ReadonlyMap<string, Participant>;
}

function credentialsOf(participants: readonly Participant[]): Credentials {
  const byApiKeyDigest = new Map<string, Participant>();
  const byCertificateFingerprint = new Map<string, Participant>();
  for (const p of participants) {
    for (const digest of p.apiKeySha256) byApiKeyDigest.set(digest, p);
    for (const fp of p.certificateFingerprints) byCertificateFingerprint.set(fp, p);
  }
  return { byApiKeyDigest, byCertificateFingerprint };
}

/**
 * The participant behind a request: a bearer API key (looked up by its SHA-256, so keys are
 * never held in clear), or else a verified mTLS client certificate registered for it.
 */
function authenticate(credentials: Credentials, request: FastifyRequest): Participant {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) throw unauthorized('auth.malformed', 'The Authorization header must be "Bearer <api-key>".');
    const participant = credentials.byApiKeyDigest.get(sha256Hex(match[1]));
    if (!participant) throw unauthorized('auth.unknown-key', 'The API key is not registered for any participant.');
    return participant;
  }
  const socket = request.raw.socket as Partial<TLSSocket>;
  if (socket.encrypted && socket.authorized && socket.getPeerCertificate) {
    const fingerprint = socket.getPeerCertificate().fingerprint256?.replaceAll(':', '').toLowerCase();
    const participant = fingerprint ? credentials.byCertificateFingerprint.get(fingerprint) : undefined;
    if (participant) return participant;
    throw unauthorized('auth.unknown-certificate', 'The client certificate is not registered for any participant.');
  }
  throw unauthorized('auth.missing', MISSING);
}

const callers = new WeakMap<FastifyRequest, Participant>();

/**
 * Every route needs an authenticated caller unless its own definition says
 * `config: { public: true }`. The matched route decides, never the URL text: however a path is
 * written (percent-encoded, absolute-form, dot segments), what the router reaches is what is
 * checked. A path no route matches needs a caller too, so an anonymous client cannot tell
 * which routes exist. On a public route credentials are optional: valid ones make the caller
 * known (an operator sees readiness detail), others leave it anonymous.
 */
export function installAuthentication(app: FastifyInstance, participants: readonly Participant[]): void {
  const credentials = credentialsOf(participants);
  app.decorateRequest('participant', {
    getter(this: FastifyRequest): Participant {
      const participant = callers.get(this);
      // A handler reading the caller of a request nobody authenticated is refused, not crashed.
      if (!participant) throw unauthorized('auth.missing', MISSING);
      return participant;
    },
    setter(this: FastifyRequest, participant: Participant) {
      callers.set(this, participant);
    },
  });
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.public !== true) {
      callers.set(request, authenticate(credentials, request));
      return;
    }
    try {
      callers.set(request, authenticate(credentials, request));
    } catch {
      // Anonymous is allowed here.
    }
  });
}

/** The authenticated caller, or undefined on a public route called anonymously. */
export function callerOf(request: FastifyRequest): Participant | undefined {
  return callers.get(request);
}

const unauthorized = (code: string, message: string) => new RejectionError(401, 'Unauthorized', [finding(code, message)]);

export function forbidden(message: string): RejectionError {
  return new RejectionError(403, 'Forbidden', [finding('auth.forbidden', message)]);
}

/** An onRequest hook: the route is for operators, refused to anyone else before its body is read. */
export async function operatorsOnly(request: FastifyRequest): Promise<void> {
  if (!request.participant.operator) throw new RejectionError(403, 'Forbidden', [finding('auth.operator-only', 'Only an operator may use this route.')]);
}
