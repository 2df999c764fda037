import { beforeAll, describe, expect, it } from 'vitest';
import { currentProfileSet, profileSetOfBatch } from '../../../src/risk/profiles/current.js';
import { deleteProfile, writeProfile } from '../../../src/risk/profiles/store.js';
import { writeInBatch } from '../../../src/store/write-batches.js';
import { databaseKinds } from '../../support/databases.js';
import { phones, useTwoInstances } from './support.js';

const AT = new Date();

describe.each(await databaseKinds())('the current profile set (%s)', (kind) => {
  const instances = useTwoInstances(kind);
  beforeAll(async () => {
    await writeProfile(instances.one, 'customs', phones, 'create', 'api');
    await writeProfile(instances.one, 'pga-plant', { ...phones, lane: 'yellow' }, 'create', 'api');
  });

  it('applies a change on every instance sharing the database, from the next declaration on', async () => {
    const before = await currentProfileSet(instances.two.store);
    expect(await currentProfileSet(instances.two.store)).toBe(before); // unchanged: not compiled again
    const item = { origin: 'XA', commodity: '851712' };
    expect(before.evaluate([item], 'e1', AT).map((h) => `${h.owner}/${h.profile}`)).toEqual(['customs/phones', 'pga-plant/phones']);

    await writeProfile(instances.one, 'customs', { ...phones, id: 'new-one', when: { fact: 'origin', equals: 'XA' } }, 'create', 'api');
    const after = await currentProfileSet(instances.two.store);
    expect(after.version).not.toBe(before.version);
    expect(after.evaluate([item], 'e1', AT).map((h) => `${h.owner}/${h.profile}`)).toContain('customs/new-one');

    // Inside the write batch of a declaration (what the ingest path does), on the other instance.
    await deleteProfile(instances.one, 'customs', 'new-one');
    const inBatch = await writeInBatch(instances.two.store, async (transaction) => (await currentProfileSet(transaction)).evaluate([item], 'e2', AT));
    expect(inBatch.map((h) => h.profile)).not.toContain('new-one');
  });

  it('reads the set once per write batch: the declarations of one batch share it, the next batch reads it again', async () => {
    const item = { origin: 'XA', commodity: '851712' };
    const [first, again] = await writeInBatch(instances.two.store, async (transaction) => [
      await profileSetOfBatch(transaction),
      await profileSetOfBatch(transaction),
    ]);
    expect(again).toBe(first);
    await writeProfile(instances.one, 'customs', { ...phones, id: 'later-one', when: { fact: 'origin', equals: 'XA' } }, 'create', 'api');
    const next = await writeInBatch(instances.two.store, (transaction) => profileSetOfBatch(transaction));
    expect(next.version).not.toBe(first?.version);
    expect(next.evaluate([item], 'e3', AT).map((h) => h.profile)).toContain('later-one');
  });
});
