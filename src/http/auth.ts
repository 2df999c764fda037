import type { FastifyRequest } from 'fastify';
import type { TLSSocket } from 'node:tls';
import type { Participant } from '../config/types.js';
import { finding, RejectionError } from '../findings.js';
import { sha256Hex } from '../hashing.js';

export interface Credentials {
  byApiKeyDigest: ReadonlyMap<string, Participant>;
  byCertificateFingerprint: ReadonlyMap<string, Participant>;
}

export function credentialsOf(participants: readonly Participant[]): Credentials {
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
export function authenticate(credentials: Credentials, request: FastifyRequest): Participant {
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
  throw unauthorized('auth.missing', 'Credentials are required: send "Authorization: Bearer <api-key>" or a registered client certificate.');
}

const unauthorized = (code: string, message: string) => new RejectionError(401, 'Unauthorized', [finding(code, message)]);

export function forbidden(message: string): RejectionError {
  return new RejectionError(403, 'Forbidden', [finding('auth.forbidden', message)]);
}
