import type { FastifyInstance } from 'fastify';
import type { Agreement, Participant } from '../../config/types.js';
import { finding, RejectionError } from '../../findings.js';
import type { CertificateReport } from '../../trust/pki/certificate-report.js';
import { operatorsOnly } from '../auth.js';
import { bearerSecurity, problems } from '../schemas.js';

/** The certificates the gateway holds for each participant and for itself (trust/pki/certificate-report.ts). */
export interface CertificateSource {
  of(participant: Participant): Promise<CertificateReport[]>;
  gateway(): Promise<CertificateReport[]>;
}

const stringArray = { type: 'array', items: { type: 'string' } } as const;
const nullableString = { type: ['string', 'null'] } as const;

const certificateSchema = {
  type: 'object',
  required: ['subject', 'issuer', 'serial', 'fingerprint256', 'notBefore', 'notAfter', 'expiresInDays', 'flags', 'usage'],
  properties: {
    subject: nullableString,
    issuer: nullableString,
    serial: { ...nullableString, description: 'hex' },
    fingerprint256: { type: 'string', description: 'SHA-256 of the DER, hex' },
    notBefore: { ...nullableString, format: 'date-time' },
    notAfter: { ...nullableString, format: 'date-time' },
    expiresInDays: { type: ['integer', 'null'] },
    flags: {
      type: 'array',
      items: { type: 'string', enum: ['expiring', 'expired', 'revoked'] },
      description: 'expiring: within 30 days; revoked: by a CRL the gateway holds',
    },
    usage: {
      type: 'string',
      enum: ['trust-anchor', 'signing', 'mtls'],
      description:
        'A CA of its trust store, a certificate its signatures are checked against (or the gateway signs with), a registered mTLS client certificate (its fingerprint only)',
    },
  },
} as const;

const participantSchema = {
  type: 'object',
  required: ['id', 'kind', 'name', 'country', 'endpoint', 'operator', 'transports', 'agreements', 'certificates'],
  properties: {
    id: { type: 'string' },
    kind: { type: 'string' },
    name: { type: 'string' },
    country: nullableString,
    endpoint: { ...nullableString, description: '"sandbox" (the simulated agency), the URL deliveries go to, or null when it receives none' },
    operator: { type: 'boolean' },
    transports: { ...stringArray, description: 'How deliveries to it travel, by the agreements that name it as destination' },
    agreements: { ...stringArray, description: 'The agreements that name it as destination' },
    certificates: { type: 'array', items: certificateSchema },
  },
} as const;

/**
 * The participants as the configuration has them, with their trust material (issue 19, for
 * operators): never a key, a secret or an API key digest.
 */
export function participantRoutes(
  app: FastifyInstance,
  deps: { participants: readonly Participant[]; agreements: readonly Agreement[]; certificates: CertificateSource },
): void {
  const view = async (p: Participant) => {
    const to = deps.agreements.filter((a) => a.destination === p.id);
    return {
      id: p.id,
      kind: p.kind,
      name: p.name,
      country: p.country ?? null,
      endpoint: p.endpoint ?? null,
      operator: p.operator,
      transports: [...new Set(to.map((a) => a.transport))],
      agreements: to.map((a) => a.id),
      certificates: await deps.certificates.of(p),
    };
  };

  app.get(
    '/v1/participants',
    {
      onRequest: operatorsOnly,
      schema: {
        operationId: 'listParticipants',
        tags: ['reference'],
        summary:
          'Every participant: kind, endpoint, the agreements it receives under, and each certificate the gateway holds for it, with its expiry (operators)',
        security: bearerSecurity,
        response: {
          200: {
            type: 'object',
            required: ['participants', 'gateway'],
            properties: {
              participants: { type: 'array', items: participantSchema },
              gateway: {
                type: 'object',
                required: ['certificates'],
                description: "The gateway's own signing certificates",
                properties: { certificates: { type: 'array', items: certificateSchema } },
              },
            },
          },
          ...problems(401, 403),
        },
      },
    },
    async () => ({
      participants: await Promise.all(deps.participants.map(view)),
      gateway: { certificates: await deps.certificates.gateway() },
    }),
  );

  app.get<{ Params: { id: string } }>(
    '/v1/participants/:id',
    {
      onRequest: operatorsOnly,
      schema: {
        operationId: 'getParticipant',
        tags: ['reference'],
        summary: 'One participant as GET /v1/participants has it (operators)',
        security: bearerSecurity,
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 100 } } },
        response: { 200: participantSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const participant = deps.participants.find((p) => p.id === request.params.id);
      if (!participant) throw new RejectionError(404, 'Not found', [finding('participant.not-found', `No participant ${request.params.id.slice(0, 100)}.`)]);
      return view(participant);
    },
  );
}
