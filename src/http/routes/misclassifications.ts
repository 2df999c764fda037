/**
 * GET /v1/analytics/misclassifications: the goods items of a period whose description points
 * with confidence to another HS chapter than the one declared (analytics/misclassifications.ts).
 * Customs only (store/visibility.ts, mayReadPartyLinks).
 */
import { dateRange, MAX_RANGE_DAYS } from '../../analytics/parameters.js';
import { withConnection } from '../../analytics/read.js';
import { type AnalyticsRouteDeps, heldStore } from './analytics.js';
import type { FastifyInstance } from 'fastify';
import { MAX_MISCLASSIFICATIONS, currentDescriptionModel, misclassifications } from '../../analytics/misclassifications.js';
import { RejectionError, finding } from '../../findings.js';
import { bearerSecurity, problems } from '../schemas.js';
import { refusePartyLinks } from './party-links.js';
import '../request-context.js';

/** Three years, as every analytics range. */

const answerSchema = {
  type: 'object',
  required: ['model', 'misclassifications'],
  properties: {
    model: {
      type: 'object',
      description: 'The classifier that judged: when it was trained, on how much, and how it scored on descriptions it did not learn from',
      required: ['trainedAt', 'items', 'chapters'],
      properties: {
        trainedAt: { type: 'string', format: 'date-time' },
        items: { type: 'integer' },
        chapters: { type: 'integer' },
        measured: {
          type: 'object',
          properties: {
            heldOut: { type: 'integer' },
            accuracy: { type: 'number' },
            confidence: { type: 'number' },
            planted: { type: 'integer' },
            flagged: { type: 'integer' },
            precision: { type: 'number' },
            recall: { type: 'number' },
          },
        },
      },
    },
    misclassifications: {
      type: 'array',
      maxItems: MAX_MISCLASSIFICATIONS,
      description: 'Most confident first',
      items: {
        type: 'object',
        required: ['declaration', 'source', 'item', 'date', 'description', 'commodity', 'suggestedChapter', 'confidence'],
        properties: {
          declaration: { type: 'string', description: 'The exchange id, or the legacy sgd.id for history' },
          source: { type: 'string', enum: ['exchange', 'history'] },
          item: { type: 'integer' },
          date: { type: 'string', format: 'date' },
          description: { type: 'string' },
          commodity: { type: 'string', description: 'As declared' },
          suggestedChapter: { type: 'string', description: 'The HS chapter the description points to' },
          confidence: { type: 'number', description: "The classifier's posterior for that chapter" },
        },
      },
    },
  },
  examples: [
    {
      model: {
        trainedAt: '2026-01-09T02:00:00.000Z',
        items: 1000000,
        chapters: 96,
        measured: { heldOut: 8210, accuracy: 0.93, confidence: 0.95, planted: 821, flagged: 512, precision: 0.97, recall: 0.6 },
      },
      misclassifications: [
        {
          declaration: '01JH2Q5V8N3R6W0A4C1E7G9K2M',
          source: 'exchange',
          item: 1,
          date: '2026-01-08',
          description: 'Mobile phone, smartphone 128 GB',
          commodity: '9503000000',
          suggestedChapter: '85',
          confidence: 0.998,
        },
      ],
    },
  ],
} as const;

export function misclassificationRoutes(app: FastifyInstance, deps: Pick<AnalyticsRouteDeps, 'instance'>): void {
  app.get<{ Querystring: { from: string; to: string } }>(
    '/v1/analytics/misclassifications',
    {
      schema: {
        operationId: 'getMisclassifications',
        tags: ['analytics'],
        summary: 'Goods items whose description points with confidence to another HS chapter than declared (customs only)',
        security: bearerSecurity,
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['from', 'to'],
          properties: {
            from: { type: 'string', format: 'date', examples: ['2026-01-01'] },
            to: { type: 'string', format: 'date', examples: ['2026-03-31'] },
          },
        },
        response: { 200: answerSchema, ...problems(400, 401, 403, 503) },
      },
    },
    async (request) => {
      refusePartyLinks(request.participant);
      const { from, to } = dateRange(request.query, new Date(), MAX_RANGE_DAYS);
      return withConnection(heldStore(deps), async (connection) => {
        const model = await currentDescriptionModel(connection);
        if (!model) {
          throw new RejectionError(503, 'No classifier yet', [
            finding('analytics.descriptions-not-trained', 'No description classifier has been trained: run `swgate analytics train-descriptions`.'),
          ]);
        }
        return {
          model: { trainedAt: model.trainedAt, items: model.items, chapters: model.chapters.length, ...(model.measured ? { measured: model.measured } : {}) },
          misclassifications: await misclassifications(connection, model, from, to),
        };
      });
    },
  );
}
