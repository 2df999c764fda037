import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDescriptionModel, misclassifications, trainDescriptions } from '../../src/analytics/misclassifications.js';
import { openAnalyticsStore } from '../../src/analytics/schema.js';
import { plantDescriptions } from './corpus.js';

describe('misclassifications in the analytics store', () => {
  let analytics: { instance: DuckDBInstance; connection: DuckDBConnection };
  beforeAll(async () => {
    analytics = await openAnalyticsStore(':memory:');
    await plantDescriptions(analytics.connection);
  });
  afterAll(() => analytics?.instance.closeSync());

  it('has no model before training, then the newest trained, with its measure', async () => {
    expect(await currentDescriptionModel(analytics.connection)).toBeUndefined();
    const model = await trainDescriptions(analytics.connection, new Date('2026-01-09T02:00:00Z'));
    expect(model.items).toBe(1605);
    expect(model.measured?.accuracy).toBeGreaterThan(0.9);
    const newer = await trainDescriptions(analytics.connection, new Date('2026-01-10T02:00:00Z'));
    expect((await currentDescriptionModel(analytics.connection))?.trainedAt).toBe(newer.trainedAt);
  });

  it('lists the planted misclassifications of the period, most confident first, and nothing of the correct ones', async () => {
    const model = (await currentDescriptionModel(analytics.connection))!;
    const found = await misclassifications(analytics.connection, model, '2026-01-01', '2026-01-31');
    expect(found.map((f) => [f.declaration, f.suggestedChapter]).sort()).toEqual([
      ['J1', '85'],
      ['J2', '71'],
    ]);
    expect(found[0]).toMatchObject({ source: 'exchange', item: 0, date: expect.stringMatching(/^2026-01-1[02]$/) });
    expect(found[0]!.confidence).toBeGreaterThanOrEqual(found[1]!.confidence);
    expect(await misclassifications(analytics.connection, model, '2025-01-01', '2025-12-31')).toEqual([]);
  });
});
