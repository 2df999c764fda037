import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { TimeReleaseHistogram } from '../store/time-release.js';
import { forbidden } from './auth.js';
import { bearerSecurity, problems } from './schemas.js';

export interface MetricsSources {
  exchangesByStatus: () => Promise<Array<{ status: string; count: number }>>;
  queueDepths: () => Promise<Array<{ destination: string; counts: Record<string, number> }>>;
  /** What the reconcilers of every worker did, by action (kept in the database: workers serve no /metrics). */
  reconcilerActions: () => Promise<Array<{ action: string; count: number }>>;
  /** The time-release histograms, observed where deliveries settle (in the workers) and kept in the database. */
  timeRelease: () => Promise<TimeReleaseHistogram[]>;
  /** Transit movements by kind and state, and the released departures past their time limit (docs/TRANSIT.md). */
  movements?: () => Promise<{ byState: Array<{ kind: string; state: string; count: number }>; overdue: number }>;
}

const TIME_RELEASE_METRICS: Record<TimeReleaseHistogram['measure'], { name: string; help: string }> = {
  'lodged-to-delivered': {
    name: 'swgate_time_release_lodged_to_delivered_seconds',
    help: 'From an exchange lodged to its destination taking the delivery (delivered or acknowledged)',
  },
  'lodged-to-final': {
    name: 'swgate_time_release_lodged_to_final_seconds',
    help: "From an exchange lodged to its delivery's final word (acknowledged, rejected, failed)",
  },
};

const labelValue = (v: string) => v.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');

/**
 * The histograms in Prometheus' text format. Written here rather than with prom-client's
 * Histogram, which can only observe: the counts were observed by the workers and are read back.
 */
function renderTimeRelease(histograms: readonly TimeReleaseHistogram[]): string {
  const lines: string[] = [];
  for (const [measure, { name, help }] of Object.entries(TIME_RELEASE_METRICS)) {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} histogram`);
    for (const h of histograms.filter((x) => x.measure === measure)) {
      const destination = `destination="${labelValue(h.destination)}"`;
      for (const b of h.buckets) lines.push(`${name}_bucket{${destination},le="${b.le}"} ${b.count}`);
      lines.push(`${name}_sum{${destination}} ${h.sum}`, `${name}_count{${destination}} ${h.count}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Prometheus metrics: requests and latencies, exchanges by status, delivery queue depths, reconciler actions. */
export function installMetrics(app: FastifyInstance, sources: MetricsSources, options: { public: boolean }): void {
  const registry = new Registry();
  const requests = new Counter({
    name: 'swgate_http_requests_total',
    help: 'HTTP requests answered',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'swgate_http_request_duration_seconds',
    help: 'Time to answer HTTP requests',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new Gauge({
    name: 'swgate_exchanges',
    help: 'Exchanges by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const { status, count } of await sources.exchangesByStatus()) this.set({ status }, count);
    },
  });
  new Gauge({
    name: 'swgate_queue_jobs',
    help: 'Delivery jobs per destination queue and state',
    labelNames: ['destination', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const { destination, counts } of await sources.queueDepths()) for (const [state, n] of Object.entries(counts)) this.set({ destination, state }, n);
    },
  });

  new Counter({
    name: 'swgate_reconciler_actions_total',
    help: 'Work left undone (by a crash, a lost Redis, a silent destination) that the reconcilers of all workers did, by action',
    labelNames: ['action'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const { action, count } of await sources.reconcilerActions()) this.inc({ action }, count);
    },
  });

  const movements = sources.movements;
  if (movements) {
    new Gauge({
      name: 'swgate_transit_movements',
      help: 'Transit movements by kind and state',
      labelNames: ['kind', 'state'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const { kind, state, count } of (await movements()).byState) this.set({ kind, state }, count);
      },
    });
    new Gauge({
      name: 'swgate_transit_overdue_movements',
      help: 'Released departures past their time limit with no arrival: each one an enquiry to open',
      registers: [registry],
      async collect() {
        this.set((await movements()).overdue);
      },
    });
  }

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: reply.statusCode });
    latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  app.get(
    '/metrics',
    {
      // Operators only unless opened (SWGATE_METRICS_PUBLIC): the counts cover every participant's exchanges and name destinations.
      config: { public: options.public },
      schema: {
        tags: ['operations'],
        operationId: 'getMetrics',
        summary: 'Prometheus metrics (operators; anyone when SWGATE_METRICS_PUBLIC=true)',
        response: {
          200: { description: 'Prometheus text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } },
          ...(options.public ? {} : problems(401, 403)),
        },
        ...(options.public ? {} : { security: bearerSecurity }),
      },
    },
    async (request, reply) => {
      if (!options.public && !request.participant.operator) throw forbidden('Only an operator may read the metrics.');
      const [metrics, timeRelease] = await Promise.all([registry.metrics(), sources.timeRelease()]);
      return reply.type(registry.contentType).send(`${metrics}${renderTimeRelease(timeRelease)}`);
    },
  );
}
