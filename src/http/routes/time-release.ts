import type { FastifyInstance } from 'fastify';
import { dateRange } from '../../analytics/parameters.js';
import type { Store } from '../../store/exchanges.js';
import { type TimeReleaseRow, timeRelease } from '../../store/time-release.js';
import { operatorsOnly } from '../auth.js';
import { bearerSecurity, problems } from '../schemas.js';

/** At most 366 days, both ends included; 30 unless asked. */
const MAX_SPAN_DAYS = 365;
const DEFAULT_SPAN_DAYS = 29;
const DAY_MS = 86_400_000;

const percentiles = {
  type: 'object',
  required: ['median', 'p90'],
  properties: { median: { type: ['number', 'null'] }, p90: { type: ['number', 'null'] } },
  description: 'Seconds; null when no delivery of the day got there',
} as const;

const CSV_COLUMNS = [
  'destination',
  'day',
  'count',
  'lodgedToDeliveredMedianSeconds',
  'lodgedToDeliveredP90Seconds',
  'lodgedToFinalMedianSeconds',
  'lodgedToFinalP90Seconds',
  'rejectedShare',
  'failedShare',
] as const;

/** One CSV field: quoted when it must be, and never read as a formula by a spreadsheet. */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function timeReleaseCsv(rows: readonly TimeReleaseRow[]): string {
  const lines = rows.map((r) =>
    [
      r.destination,
      r.day,
      r.count,
      r.lodgedToDelivered.median,
      r.lodgedToDelivered.p90,
      r.lodgedToFinal.median,
      r.lodgedToFinal.p90,
      r.rejectedShare,
      r.failedShare,
    ]
      .map(csvField)
      .join(','),
  );
  return `${[CSV_COLUMNS.join(','), ...lines].join('\r\n')}\r\n`;
}

/**
 * GET /v1/analytics/time-release (docs/ANALYTICS.md, "Time release"): per destination and day
 * lodged, how long deliveries took, from the exchange store itself (not the analytics store, so
 * every API instance answers). Operators only: it covers every participant's exchanges.
 */
export function timeReleaseRoutes(app: FastifyInstance, deps: { store: Store; now?: () => Date }): void {
  app.get<{ Querystring: { from?: string; to?: string; destination?: string } }>(
    '/v1/analytics/time-release',
    {
      onRequest: operatorsOnly,
      schema: {
        operationId: 'getTimeRelease',
        tags: ['analytics'],
        summary:
          'Time-release figures per destination and day lodged: count, median and 90th percentile of lodged → delivered and lodged → final, shares rejected and failed (operators; CSV with Accept: text/csv)',
        security: bearerSecurity,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            from: { type: 'string', maxLength: 10, description: 'First day (YYYY-MM-DD, UTC); default 29 days before `to`' },
            to: { type: 'string', maxLength: 10, description: 'Last day, included; default today' },
            destination: { type: 'string', minLength: 1, maxLength: 100 },
          },
        },
        response: {
          200: {
            description: 'The figures, as JSON or (Accept: text/csv) one CSV row per destination and day after a header row',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['from', 'to', 'rows'],
                  properties: {
                    from: { type: 'string', format: 'date' },
                    to: { type: 'string', format: 'date' },
                    rows: {
                      type: 'array',
                      items: {
                        type: 'object',
                        required: ['destination', 'day', 'count', 'lodgedToDelivered', 'lodgedToFinal', 'rejectedShare', 'failedShare'],
                        properties: {
                          destination: { type: 'string' },
                          day: { type: 'string', format: 'date' },
                          count: { type: 'integer', description: 'Deliveries of exchanges lodged that day' },
                          lodgedToDelivered: percentiles,
                          lodgedToFinal: percentiles,
                          rejectedShare: { type: 'number' },
                          failedShare: { type: 'number' },
                        },
                      },
                    },
                  },
                },
              },
              'text/csv': { schema: { type: 'string' } },
            },
          },
          ...problems(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const now = (deps.now ?? (() => new Date()))();
      const { from, to } = dateRange(request.query, now, DEFAULT_SPAN_DAYS, MAX_SPAN_DAYS);
      const rows = await timeRelease(deps.store, {
        from: `${from}T00:00:00.000Z`,
        to: new Date(Date.parse(`${to}T00:00:00.000Z`) + DAY_MS).toISOString(),
        ...(request.query.destination ? { destination: request.query.destination } : {}),
      });
      if (wantsCsv(request.headers.accept))
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="time-release-${from}-${to}.csv"`)
          .send(timeReleaseCsv(rows));
      return reply.type('application/json').send({ from, to, rows });
    },
  );
}

const wantsCsv = (accept: string | undefined) => accept !== undefined && /(^|,)\s*text\/csv/i.test(accept) && !/(^|,)\s*application\/json/i.test(accept);
