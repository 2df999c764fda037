/**
 * Border analytics over HTTP: GET /v1/analytics/trends, /v1/analytics/alerts and
 * /v1/analytics/countries/{code} (ANALYTICS.md). Who may ask, and which cells they may see, is
 * analytics/scope.ts; parameters are read by analytics/parameters.ts.
 */
import type { DuckDBInstance } from '@duckdb/node-api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ALERT_KINDS, alerts, MAX_ALERTS } from '../../analytics/alerts.js';
import { countryProfile } from '../../analytics/countries.js';
import { DIGITS, dateRange, listOf, MAX_RANGE_DAYS, optionalDateRange } from '../../analytics/parameters.js';
import { type AnalyticsScope, scopeOf } from '../../analytics/scope.js';
import { TREND_GROUPS, TREND_METRICS, TREND_PERIODS, type TrendGroup, type TrendMetric, type TrendPeriod, trends } from '../../analytics/trends.js';
import { finding, RejectionError } from '../../findings.js';
import { bearerSecurity, problems } from '../schemas.js';
import '../request-context.js';

export interface AnalyticsRouteDeps {
  /** The analytics store, when this process holds it (runtime/analytics.ts); otherwise every route answers 503. */
  instance?: DuckDBInstance | undefined;
  minCellCount: number;
  now?: () => Date;
}

const isoDate = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 } as const;
const rangeParameters = {
  from: { ...isoDate, description: 'First day, YYYY-MM-DD' },
  to: { ...isoDate, description: `Last day, YYYY-MM-DD; at most ${MAX_RANGE_DAYS} days after from` },
} as const;
const digits = {
  type: 'integer',
  minimum: DIGITS.min,
  maximum: DIGITS.max,
  description: 'Commodity code length: 2 the chapter, 4 the heading, 6 the subheading…',
};
const suppressed = {
  type: 'integer',
  description: 'Cells left out because they rest on fewer declarations than the minimum cell count (never for customs)',
} as const;

const trendsSchema = {
  type: 'object',
  required: ['by', 'metric', 'period', 'digits', 'from', 'to', 'series', 'suppressed', 'truncated'],
  properties: {
    by: { type: 'array', items: { type: 'string' } },
    metric: { type: 'string' },
    period: { type: 'string' },
    digits: { type: 'integer' },
    from: { type: 'string', format: 'date' },
    to: { type: 'string', format: 'date' },
    series: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'points'],
        properties: {
          key: { type: 'object', additionalProperties: { type: ['string', 'null'] }, description: 'The group: one entry per `by`' },
          points: {
            type: 'array',
            items: {
              type: 'object',
              required: ['period', 'value', 'declarations'],
              properties: {
                period: { type: 'string', description: 'e.g. 2025-W28, 2025-07, 2025-Q3' },
                value: { type: ['number', 'null'] },
                declarations: { type: 'integer' },
              },
            },
          },
        },
      },
    },
    suppressed,
    truncated: { type: 'integer', description: 'Series left out beyond the first 500 (largest first)' },
  },
  examples: [
    {
      by: ['origin', 'commodity'],
      metric: 'count',
      period: 'week',
      digits: 4,
      from: '2025-07-01',
      to: '2025-07-31',
      series: [{ key: { origin: 'CN', commodity: '8517' }, points: [{ period: '2025-W28', value: 41, declarations: 38 }] }],
      suppressed: 0,
      truncated: 0,
    },
  ],
} as const;

const alertsSchema = {
  type: 'object',
  required: ['alerts', 'suppressed'],
  properties: {
    alerts: {
      type: 'array',
      maxItems: MAX_ALERTS,
      items: {
        type: 'object',
        required: ['kind', 'origin', 'commodity', 'period', 'observed', 'expected', 'score'],
        properties: {
          kind: { type: 'string', enum: [...ALERT_KINDS] },
          origin: { type: 'string' },
          commodity: { type: 'string', description: 'At the code length (2, 4 or 6) where the break shows best' },
          period: { type: 'string', description: 'ISO week, e.g. 2025-W28' },
          observed: { type: 'number', description: 'Declarations, customs value, or unit value (per kg), by kind' },
          expected: { type: 'number', description: "The cell's own baseline for that week" },
          score: { type: 'number', description: 'Distance from the baseline in robust standard deviations: the ranking' },
        },
      },
    },
    suppressed,
  },
  examples: [
    {
      alerts: [{ kind: 'unit-value-shift', origin: 'TR', commodity: '610910', period: '2026-W13', observed: 26.83, expected: 50.43, score: 5.05 }],
      suppressed: 0,
    },
  ],
} as const;

const countrySchema = {
  type: 'object',
  required: ['country', 'commodities', 'suppressed'],
  properties: {
    country: { type: 'string' },
    commodities: {
      type: 'array',
      items: {
        type: 'object',
        required: ['commodity', 'count', 'declarations', 'value', 'share', 'unitValue'],
        properties: {
          commodity: { type: 'string' },
          count: { type: 'integer', description: 'Goods items' },
          declarations: { type: 'integer' },
          value: { type: 'number', description: 'Customs value' },
          share: { type: 'number', description: "The commodity's share of the country's value, 0 to 1" },
          unitValue: {
            type: 'object',
            required: ['median', 'p10', 'p90'],
            description: 'Customs value per kg over the items that state both',
            properties: { median: { type: ['number', 'null'] }, p10: { type: ['number', 'null'] }, p90: { type: ['number', 'null'] } },
          },
        },
      },
    },
    suppressed,
  },
  examples: [
    {
      country: 'VN',
      commodities: [{ commodity: '6109', count: 812, declarations: 790, value: 1523400, share: 0.41, unitValue: { median: 18.2, p10: 9.5, p90: 31 } }],
      suppressed: 0,
    },
  ],
} as const;

/** The analytics store this process holds; 503 when another instance holds it. */
export function heldStore(deps: Pick<AnalyticsRouteDeps, 'instance'>): DuckDBInstance {
  if (!deps.instance)
    throw new RejectionError(503, 'Analytics unavailable', [
      finding(
        'analytics.unavailable',
        'This instance does not hold the analytics store (SWGATE_ANALYTICS=false): ask the instance that does (ANALYTICS.md, "Who holds the store").',
      ),
    ]);
  return deps.instance;
}

export function analyticsRoutes(app: FastifyInstance, deps: AnalyticsRouteDeps): void {
  const now = deps.now ?? (() => new Date());

  /** The caller's scope, after the store is known to be here (a 403 says nothing of where it is). */
  function scopeFor(request: FastifyRequest): { instance: DuckDBInstance; scope: AnalyticsScope } {
    const scope = scopeOf(request.participant, deps.minCellCount);
    return { instance: heldStore(deps), scope };
  }

  app.get<{ Querystring: { by?: string; digits?: number; period?: TrendPeriod; metric?: TrendMetric; from?: string; to?: string } }>(
    '/v1/analytics/trends',
    {
      schema: {
        operationId: 'getTrends',
        tags: ['analytics'],
        summary: 'A metric per period for each group of goods items (customs; a PGA over what was delivered to it)',
        security: bearerSecurity,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            by: {
              type: 'string',
              maxLength: 200,
              default: 'origin',
              description: `Comma-separated, from: ${Object.keys(TREND_GROUPS).join(', ')} (the parties for customs only)`,
            },
            digits: { ...digits, default: 4 },
            period: { type: 'string', enum: [...TREND_PERIODS], default: 'week' },
            metric: { type: 'string', enum: [...TREND_METRICS], default: 'count', description: 'unitValue: customs value per kg' },
            ...rangeParameters,
          },
        },
        response: { 200: trendsSchema, ...problems(400, 401, 403, 503) },
      },
    },
    async (request) => {
      const { instance, scope } = scopeFor(request);
      const q = request.query;
      const by = listOf(q.by ?? 'origin', Object.keys(TREND_GROUPS) as TrendGroup[], 'by');
      const range = dateRange(q, now(), 365);
      const query = { by, digits: q.digits ?? 4, period: q.period ?? 'week', metric: q.metric ?? 'count', range };
      return { ...query, ...range, ...(await trends(instance, scope, query)) };
    },
  );

  app.get<{ Querystring: { from?: string; to?: string } }>(
    '/v1/analytics/alerts',
    {
      schema: {
        operationId: 'getAlerts',
        tags: ['analytics'],
        summary: 'The weekly cells (origin × commodity) that break from their own baseline, strongest first',
        description:
          'Surges and drops in declarations or customs value, shifts in unit value, over the weeks of the range that have ended (default: the last 12 weeks); at most 1,000. The method: ANALYTICS.md.',
        security: bearerSecurity,
        querystring: { type: 'object', additionalProperties: false, properties: rangeParameters },
        response: { 200: alertsSchema, ...problems(400, 401, 403, 503) },
      },
    },
    async (request) => {
      const { instance, scope } = scopeFor(request);
      const at = now();
      return alerts(instance, scope, dateRange(request.query, at, 84), at);
    },
  );

  app.get<{ Params: { code: string }; Querystring: { digits?: number; from?: string; to?: string } }>(
    '/v1/analytics/countries/:code',
    {
      schema: {
        operationId: 'getCountryProfile',
        tags: ['analytics'],
        summary: 'What a country sends (as origin), by commodity, largest customs value first',
        description: 'Over all the data unless from and to say otherwise; at most 1,000 commodities.',
        security: bearerSecurity,
        params: { type: 'object', required: ['code'], properties: { code: { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166 alpha-2' } } },
        querystring: { type: 'object', additionalProperties: false, properties: { digits: { ...digits, default: 4 }, ...rangeParameters } },
        response: { 200: countrySchema, ...problems(400, 401, 403, 503) },
      },
    },
    async (request) => {
      const { instance, scope } = scopeFor(request);
      const range = optionalDateRange(request.query, now());
      return countryProfile(instance, scope, { country: request.params.code, digits: request.query.digits ?? 4, range });
    },
  );
}
