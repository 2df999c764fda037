import type { FastifyInstance } from 'fastify';
import type { As4Answer } from '../../access-point/receive.js';
import { acceptRawDocuments, bodyOf, documentBody } from '../documents-in.js';
import { problems } from '../schemas.js';

export interface As4RouteDeps {
  receive: (body: Buffer, contentType: string) => Promise<As4Answer>;
  bodyLimit: number;
}

/** What an AS4 message arrives as: SOAP with Attachments (the 1.15 profile), or a bare SOAP 1.2 / 1.1 envelope. */
const AS4_TYPES = ['multipart/related', 'application/soap+xml', 'text/xml'];

/**
 * The access point. Public: who sends is proven by the WS-Security signature of a configured
 * AS4 partner, not by an API key (SECURITY.md, "AS4"); every answer is an ebMS signal, the
 * receipt or an error, as the profile says (200 for signals, 500 for a SOAP fault-bearing error).
 */
export function as4Routes(app: FastifyInstance, deps: As4RouteDeps): void {
  app.register(async (scope) => {
    acceptRawDocuments(scope, deps.bodyLimit, AS4_TYPES);
    scope.post(
      '/as4',
      {
        config: { public: true },
        schema: {
          tags: ['documents'],
          operationId: 'receiveAs4',
          summary: 'eDelivery AS4 access point: a UserMessage, a PullRequest or a Receipt signal from a configured AS4 partner',
          description:
            "SOAP 1.2 with attachments (multipart/related) or a bare SOAP envelope. Signed (WS-Security 1.1.1, RSA-SHA256) by a certificate the sending party's configuration lists for the message's time; attachments encrypted for this gateway (AES-128-GCM, RSA-OAEP-SHA256) and gzip-compressed as the agreement says. A UserMessage is answered with the signed non-repudiation Receipt; a copy of one already received (same MessageId) gets the same Receipt and is not processed again. A PullRequest is answered with the oldest UserMessage waiting on its MPC, or EBMS:0006. Failures are ebMS Error signals with their code (EBMS:0101 authentication, 0102 decryption, 0103 policy, 0303 decompression, 0004 a document the gateway refused).",
          ...documentBody('The AS4 message', {
            'multipart/related': { schema: { type: 'string' } },
            'application/soap+xml': { schema: { type: 'string' } },
          }),
          response: {
            200: {
              description: 'An ebMS signal (Receipt, Error with severity warning) or a pulled UserMessage',
              content: { 'application/soap+xml': { schema: { type: 'string' } }, 'multipart/related': { schema: { type: 'string' } } },
            },
            500: { description: 'An ebMS Error signal in a SOAP Fault', content: { 'application/soap+xml': { schema: { type: 'string' } } } },
            ...problems(400, 413, 415),
          },
        },
      },
      async (request, reply) => {
        const answer = await deps.receive(bodyOf(request), String(request.headers['content-type']));
        return reply.code(answer.status).header('content-type', answer.contentType).send(answer.body);
      },
    );
  });
}
