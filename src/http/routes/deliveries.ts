import type { FastifyInstance } from 'fastify';
import type { Participant } from '../../config/types.js';
import { finding, RejectionError } from '../../findings.js';
import type { Acknowledgement, AcknowledgementResult } from '../../pipeline/acknowledge.js';
import { deliveryCounts, listDeliveries } from '../../store/delivery-lists.js';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../../store/exchange-tables.js';
import type { Store } from '../../store/exchanges.js';
import { operatorsOnly } from '../auth.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { bearerSecurity, findingSchema, problems } from '../schemas.js';

export interface DeliveryRouteDeps {
  acknowledge: (from: Participant, ack: Acknowledgement) => Promise<AcknowledgementResult>;
  retry: (operator: Participant, exchangeId: string, destination: string) => Promise<void>;
}

/** What the operators' delivery routes read besides the pipeline: the store, and BullMQ's job counts per destination queue. */
export interface DeliveryListDeps {
  store: Store;
  queueDepths: () => Promise<Array<{ destination: string; counts: Record<string, number> }>>;
}

const DEFAULT_STATUSES: readonly DeliveryStatus[] = ['failed', 'retrying', 'queued'];
const RETRY_OUTCOMES = ['requeued', 'not-failed', 'not-found', 'agreement-gone', 'error'] as const;
type RetryOutcome = (typeof RETRY_OUTCOMES)[number];

const participantId = { type: 'string', minLength: 1, maxLength: 100 } as const;
const deliveryKey = {
  type: 'object',
  required: ['exchangeId', 'destination'],
  additionalProperties: false,
  properties: { exchangeId: { type: 'string', pattern: '^[0-9A-HJKMNP-TV-Z]{26}$' }, destination: participantId },
} as const;

/** The statuses asked for (comma-separated, or the parameter repeated), each known, or 400. */
function statusesOf(asked: string | string[] | undefined): DeliveryStatus[] {
  if (asked === undefined) return [...DEFAULT_STATUSES];
  const names = (Array.isArray(asked) ? asked : [asked]).flatMap((s) => s.split(',')).map((s) => s.trim());
  const unknown = names.filter((n) => !(DELIVERY_STATUSES as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0)
    throw new RejectionError(400, 'Malformed request', [
      finding(
        'deliveries.status',
        `Unknown delivery status "${(unknown[0] ?? '').slice(0, 40)}": one or several of ${DELIVERY_STATUSES.join(', ')}.`,
        '/status',
      ),
    ]);
  return [...new Set(names as DeliveryStatus[])];
}

/**
 * The operators' view of deliveries (issue 19): what failed or waits, per destination, with the
 * queues' depths, and re-queueing many at once through the same pipeline function as one.
 */
export function deliveryListRoutes(app: FastifyInstance, deps: DeliveryListDeps & Pick<DeliveryRouteDeps, 'retry'>): void {
  app.get<{ Querystring: { status?: string | string[]; destination?: string; limit: number; cursor?: string } }>(
    '/v1/deliveries',
    {
      onRequest: operatorsOnly,
      schema: {
        operationId: 'listDeliveries',
        tags: ['exchanges'],
        summary: 'Deliveries in the given statuses (default failed, retrying, queued), newest exchange first (operators)',
        security: bearerSecurity,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: {
              anyOf: [
                { type: 'string', maxLength: 200 },
                { type: 'array', maxItems: 7, items: { type: 'string', maxLength: 40 } },
              ],
              description: `One or several (comma-separated) of ${DELIVERY_STATUSES.join(', ')}; default failed,retrying,queued`,
            },
            destination: participantId,
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
            cursor: { type: 'string', maxLength: 1000, description: 'nextCursor of the previous page' },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['deliveries'],
            properties: {
              deliveries: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['exchangeId', 'destination', 'agreement', 'status', 'attempts', 'lastError', 'updatedAt', 'receivedAt'],
                  properties: {
                    exchangeId: { type: 'string' },
                    destination: { type: 'string' },
                    agreement: { type: 'string' },
                    status: { type: 'string', enum: [...DELIVERY_STATUSES] },
                    attempts: { type: 'integer' },
                    lastError: { type: ['string', 'null'] },
                    updatedAt: { type: 'string', format: 'date-time' },
                    receivedAt: { type: ['string', 'null'], format: 'date-time', description: 'When the exchange was received' },
                  },
                },
              },
              nextCursor: { type: 'string' },
            },
          },
          ...problems(400, 401, 403),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const statuses = statusesOf(q.status);
      const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor, 2);
      const rows = await listDeliveries(deps.store, {
        statuses,
        ...(q.destination ? { destination: q.destination } : {}),
        ...(after ? { after: { exchangeId: after[0] as string, destination: after[1] as string } } : {}),
        limit: q.limit,
      });
      const deliveries = rows.map((d) => ({
        exchangeId: d.exchange_id,
        destination: d.destination,
        agreement: d.agreement_id,
        status: d.status,
        attempts: Number(d.attempts),
        lastError: d.last_error,
        updatedAt: d.updated_at,
        receivedAt: d.received_at,
      }));
      const last = rows.at(-1);
      return rows.length === q.limit && last ? { deliveries, nextCursor: encodeCursor([last.exchange_id, last.destination]) } : { deliveries };
    },
  );

  app.get(
    '/v1/deliveries/summary',
    {
      onRequest: operatorsOnly,
      schema: {
        operationId: 'summariseDeliveries',
        tags: ['exchanges'],
        summary: "Per destination: its deliveries by status, and its queue's jobs (failed: dead letters) (operators)",
        security: bearerSecurity,
        response: {
          200: {
            type: 'object',
            required: ['destinations'],
            properties: {
              destinations: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['destination', 'counts', 'queue'],
                  properties: {
                    destination: { type: 'string' },
                    counts: { type: 'object', additionalProperties: { type: 'integer' }, description: 'Deliveries by status' },
                    queue: {
                      type: 'object',
                      required: ['waiting', 'active', 'delayed', 'failed'],
                      description: "BullMQ's job counts of the destination's queue; failed jobs are its dead letters",
                      properties: { waiting: { type: 'integer' }, active: { type: 'integer' }, delayed: { type: 'integer' }, failed: { type: 'integer' } },
                    },
                  },
                },
              },
            },
          },
          ...problems(401, 403),
        },
      },
    },
    async () => {
      const [counts, depths] = await Promise.all([deliveryCounts(deps.store), deps.queueDepths()]);
      const names = [...new Set([...depths.map((d) => d.destination), ...counts.map((c) => c.destination)])].sort();
      return {
        destinations: names.map((destination) => {
          const queue = depths.find((d) => d.destination === destination)?.counts ?? {};
          return {
            destination,
            counts: Object.fromEntries(counts.filter((c) => c.destination === destination).map((c) => [c.status, c.count])),
            queue: {
              waiting: (queue.waiting ?? 0) + (queue.prioritized ?? 0),
              active: queue.active ?? 0,
              delayed: queue.delayed ?? 0,
              failed: queue.failed ?? 0,
            },
          };
        }),
      };
    },
  );

  app.post<{ Body: { deliveries: Array<{ exchangeId: string; destination: string }> } }>(
    '/v1/deliveries/retry',
    {
      onRequest: operatorsOnly,
      bodyLimit: 128 * 1024,
      schema: {
        operationId: 'retryDeliveries',
        tags: ['exchanges'],
        summary: 'Re-queue failed deliveries, 1 to 500 at once, each as POST /v1/exchanges/{id}/deliveries/{destination}/retry would (operators)',
        security: bearerSecurity,
        body: {
          type: 'object',
          required: ['deliveries'],
          additionalProperties: false,
          properties: { deliveries: { type: 'array', minItems: 1, maxItems: 500, items: deliveryKey } },
        },
        response: {
          200: {
            type: 'object',
            required: ['results'],
            properties: {
              results: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['exchangeId', 'destination', 'outcome'],
                  properties: {
                    exchangeId: { type: 'string' },
                    destination: { type: 'string' },
                    outcome: {
                      type: 'string',
                      enum: [...RETRY_OUTCOMES],
                      description:
                        'requeued; not-failed (it is not failed, or another request re-queued it first); not-found; agreement-gone (no longer configured); error (its re-queue failed, see reason; it may be retried)',
                    },
                    reason: { type: 'string', maxLength: 200, description: 'With outcome error only: why its re-queue failed' },
                  },
                },
              },
            },
          },
          ...problems(400, 401, 403, 413),
        },
      },
    },
    async (request) => {
      const results: Array<{ exchangeId: string; destination: string; outcome: RetryOutcome; reason?: string }> = [];
      // One at a time, in the order given: each is the single retry, with its own settlement and job.
      // One that throws (Redis gone, a database error) is that item's error: those already re-queued
      // are reported, not lost behind a 500.
      for (const { exchangeId, destination } of request.body.deliveries) {
        const result = await retryOutcome(() => deps.retry(request.participant, exchangeId, destination));
        if (result.outcome === 'error') request.log.error({ exchangeId, destination, reason: result.reason }, 'bulk retry: re-queue failed');
        results.push({ exchangeId, destination, ...result });
      }
      return { results };
    },
  );
}

const OUTCOME_OF_CODE: Readonly<Record<string, RetryOutcome>> = {
  'delivery.not-found': 'not-found',
  'delivery.agreement-gone': 'agreement-gone',
  'delivery.not-failed': 'not-failed',
};

async function retryOutcome(retry: () => Promise<void>): Promise<{ outcome: RetryOutcome; reason?: string }> {
  try {
    await retry();
    return { outcome: 'requeued' };
  } catch (error) {
    const code = error instanceof RejectionError ? error.findings[0]?.code : undefined;
    const outcome = code === undefined ? undefined : OUTCOME_OF_CODE[code];
    if (outcome) return { outcome };
    const message = error instanceof RejectionError ? (error.findings[0]?.message ?? error.message) : error instanceof Error ? error.message : String(error);
    return { outcome: 'error', reason: (message || 'unknown error').slice(0, 200) };
  }
}

export function deliveryRoutes(app: FastifyInstance, deps: DeliveryRouteDeps): void {
  app.post<{ Body: Acknowledgement }>(
    '/v1/acknowledgements',
    {
      schema: {
        operationId: 'acknowledgeDelivery',
        tags: ['exchanges'],
        summary: "A destination's receipt for a delivery it answered with 202",
        description:
          'Only the destination of the delivery may acknowledge it, and only with the SHA-256 of exactly the bytes it was sent. Repeating the same acknowledgement is harmless; changing it is a 409.',
        security: bearerSecurity,
        body: {
          type: 'object',
          required: ['messageId', 'receipt'],
          additionalProperties: false,
          properties: {
            messageId: { type: 'string', description: 'The X-Swgate-Message-Id of the delivery', maxLength: 200 },
            receipt: {
              description: 'The receipt: a compact JWS (typ swgate-receipt+jws, required of destinations with a trust store), or a plain object',
              oneOf: [
                { type: 'string', pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$' },
                {
                  type: 'object',
                  required: ['status', 'receivedSha256'],
                  properties: {
                    status: { type: 'string', enum: ['accepted', 'accepted-with-warnings', 'rejected'] },
                    receivedSha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
                    receiptId: { type: 'string' },
                    issuedBy: { type: 'string' },
                    issuedAt: { type: 'string' },
                    findings: { type: 'array', items: findingSchema },
                  },
                },
              ],
            },
          },
        },
        response: {
          202: {
            type: 'object',
            required: ['exchangeId', 'deliveryStatus', 'repeated'],
            properties: { exchangeId: { type: 'string' }, deliveryStatus: { type: 'string' }, repeated: { type: 'boolean' } },
          },
          ...problems(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request, reply) => reply.code(202).send(await deps.acknowledge(request.participant, request.body)),
  );

  app.post<{ Params: { id: string; destination: string } }>(
    '/v1/exchanges/:id/deliveries/:destination/retry',
    {
      schema: {
        operationId: 'retryDelivery',
        tags: ['exchanges'],
        summary: 'Re-queue a failed delivery (operators)',
        security: bearerSecurity,
        params: { type: 'object', required: ['id', 'destination'], properties: { id: { type: 'string' }, destination: { type: 'string' } } },
        response: { 202: { type: 'object', required: ['status'], properties: { status: { type: 'string' } } }, ...problems(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await deps.retry(request.participant, request.params.id, request.params.destination);
      return reply.code(202).send({ status: 'queued' });
    },
  );
}
