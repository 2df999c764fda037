import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/canonical-json.js';
import { sha256Hex } from '../../../src/hashing.js';
import {
  deleteProfile,
  findProfile,
  listProfiles,
  profileHistory,
  profileLogId,
  profileStats,
  writeProfile,
  writeProfileHits,
} from '../../../src/risk/profiles/store.js';
import type { RiskTables } from '../../../src/risk/tables.js';
import { tablesOf } from '../../../src/store/db.js';
import { newId } from '../../../src/store/exchanges.js';
import { writeInBatch } from '../../../src/store/write-batches.js';
import { databaseKinds } from '../../support/databases.js';
import { phones, useTwoInstances } from './support.js';

describe.each(await databaseKinds())('risk profiles in the store (%s)', (kind) => {
  const instances = useTwoInstances(kind);

  it('stores each change as a new version, logged with the owner as agent and the canonical JSON hash as entity', async () => {
    const created = await writeProfile(instances.one, 'customs', phones, 'create', 'api');
    expect(created).toMatchObject({ changed: true, view: { owner: 'customs', version: 1, profile: phones, source: 'api' } });
    await expect(writeProfile(instances.one, 'customs', phones, 'create', 'api')).rejects.toMatchObject({ status: 409 });
    await expect(writeProfile(instances.one, 'customs', { ...phones, id: 'other' }, 'replace', 'api')).rejects.toMatchObject({ status: 404 });

    // The same text again is no change: no version, no record.
    expect((await writeProfile(instances.one, 'customs', { ...phones }, 'replace', 'api')).changed).toBe(false);
    const yellow = { ...phones, lane: 'yellow' as const };
    expect((await writeProfile(instances.one, 'customs', yellow, 'replace', 'api')).view.version).toBe(2);
    await deleteProfile(instances.one, 'customs', 'phones');
    expect(await findProfile(instances.one.store, 'customs', 'phones')).toBeUndefined();
    await expect(deleteProfile(instances.one, 'customs', 'phones')).rejects.toMatchObject({ status: 404 });
    // Created again, the id continues its versions.
    expect((await writeProfile(instances.one, 'customs', phones, 'create', 'api')).view.version).toBe(4);

    const history = await profileHistory(instances.one.store, 'customs', 'phones');
    expect(history.map((v) => [v.version, v.deleted, v.changedBy])).toEqual([
      [1, false, 'customs'],
      [2, false, 'customs'],
      [3, true, 'customs'],
      [4, false, 'customs'],
    ]);
    expect(history[0]?.sha256).toBe(sha256Hex(canonicalJson(phones)));
    expect(history[1]?.sha256).toBe(sha256Hex(canonicalJson(yellow)));

    const receipt = await instances.one.log.receiptForExchange(profileLogId('customs', 'phones'));
    expect(receipt.entries.map((e) => [e.record.event, e.record.entity.contentSha256, e.record.agent.participant, e.record.entity.name])).toEqual([
      ['profile-changed', history[0]?.sha256, 'customs', 'risk-profile@1'],
      ['profile-changed', history[1]?.sha256, 'customs', 'risk-profile@2'],
      ['profile-deleted', history[1]?.sha256, 'customs', 'risk-profile@3'],
      ['profile-changed', history[0]?.sha256, 'customs', 'risk-profile@4'],
    ]);
  });

  it("keeps owners apart: another owner's id is its own, and lists show the caller's own, a page at a time", async () => {
    await writeProfile(instances.one, 'pga-plant', { ...phones, lane: 'yellow' }, 'create', 'api');
    for (const id of ['a1', 'a2', 'a3']) await writeProfile(instances.one, 'pga-plant', { ...phones, id }, 'create', 'api');
    expect((await findProfile(instances.one.store, 'customs', 'phones'))?.profile.lane).toBe('red');
    expect((await findProfile(instances.one.store, 'pga-plant', 'phones'))?.profile.lane).toBe('yellow');
    expect(await findProfile(instances.one.store, 'customs', 'a1')).toBeUndefined();
    const first = await listProfiles(instances.one.store, 'pga-plant', { limit: 2 });
    expect(first.map((v) => v.profile.id)).toEqual(['a1', 'a2']);
    const next = await listProfiles(instances.one.store, 'pga-plant', { limit: 2, cursor: 'a2' });
    expect(next.map((v) => v.profile.id)).toEqual(['a3', 'phones']);
  });

  it('counts hits, controls by the owner, discrepancies and revenue; current as soon as a result is stored', async () => {
    const risk = tablesOf<RiskTables>(instances.one.store.db);
    const [e1, e2, e3, e4] = [newId(), newId(), newId(), newId()];
    const hit = (owner: string, profile: string, item = 0) => ({ profile, version: 1, owner, lane: 'red' as const, item });
    await writeInBatch(instances.one.store, async (transaction) => {
      // Two items of e1 selected by one profile: one hit of the declaration.
      await writeProfileHits(transaction, e1 as string, [hit('customs', 'phones'), hit('customs', 'phones', 1), hit('pga-plant', 'phones')]);
      await writeProfileHits(transaction, e2 as string, [hit('customs', 'phones')]);
      await writeProfileHits(transaction, e3 as string, [hit('customs', 'phones')]);
      await writeProfileHits(transaction, e4 as string, []);
    });
    expect(await profileStats(instances.one.store, 'customs', 'phones')).toEqual({ hits: 3, controlled: 0, discrepancies: 0, revenue: 0, hitRate: null });

    const result = (exchange: string, controller: string, outcome: 'compliant' | 'discrepancy', revenue: number) => ({
      id: newId(),
      exchange_id: exchange,
      controller,
      outcome,
      findings: '[]',
      revenue,
      seized: 0,
      recorded_at: new Date().toISOString(),
    });
    await risk
      .insertInto('control_results')
      .values([
        result(e1 as string, 'customs', 'discrepancy', 1200.5),
        result(e1 as string, 'customs', 'discrepancy', 300),
        result(e2 as string, 'customs', 'compliant', 0),
        // Another agency's control is not this profile's outcome; nor is a control of a declaration it did not select.
        result(e3 as string, 'pga-plant', 'discrepancy', 50),
        result(e4 as string, 'customs', 'discrepancy', 999),
      ])
      .execute();
    expect(await profileStats(instances.two.store, 'customs', 'phones')).toEqual({ hits: 3, controlled: 2, discrepancies: 1, revenue: 1500.5, hitRate: 0.5 });
    expect(await profileStats(instances.two.store, 'pga-plant', 'phones')).toEqual({ hits: 1, controlled: 0, discrepancies: 0, revenue: 0, hitRate: null });
  });
});
