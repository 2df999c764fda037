import { describe, expect, it } from 'vitest';
import { changeOwnAuthorisation } from '../../src/pipeline/aeo-register.js';
import { recordingIn } from '../../src/pipeline/vocabulary.js';
import { type AeoStatement, versionsOf } from '../../src/risk/aeo-register.js';
import { mutualRecognitionIn } from '../../src/risk/mutual-recognition.js';
import type { RecognitionTables } from '../../src/risk/recognition-tables.js';
import { tablesOf } from '../../src/store/db.js';
import { writeInBatch } from '../../src/store/write-batches.js';
import { databaseKinds } from '../support/databases.js';
import { apiKeyParticipant } from '../support/participants.js';
import { usePipelineDatabase } from './support.js';

const granted: AeoStatement = { status: 'granted', type: 'AEOF', validFrom: '2026-01-01' };
const at = new Date('2026-12-06T10:00:00Z');
const recognition = mutualRecognitionIn({ participants: [apiKeyParticipant('customs', false)], mutualRecognition: { arrangements: [] } });

describe.each(await databaseKinds())("changeOwnAuthorisation: customs' AEO register, versioned and logged (%s)", (kind) => {
  const t = usePipelineDatabase(kind);
  const deps = () => ({ store: t.store, recordProvenance: recordingIn(t.log), now: () => at });
  /** What the ingest path of the next declaration reads. */
  const holds = async (operator: string) => (await writeInBatch(t.store, (trx) => recognition.aeoHolders(trx, [operator], at))).has(operator);

  it('a suspension takes effect for the next declaration; every version is kept and logged, a repeated statement is neither', async () => {
    await changeOwnAuthorisation(deps(), 'customs', 'XA000000000001', granted);
    expect(await holds('XA000000000001')).toBe(true);
    const suspended = await changeOwnAuthorisation(deps(), 'customs', 'XA000000000001', { ...granted, status: 'suspended' });
    expect(suspended.authorisation).toMatchObject({ version: 2, status: 'suspended', authority: 'customs', changedBy: 'customs' });
    expect(await holds('XA000000000001')).toBe(false);
    expect((await changeOwnAuthorisation(deps(), 'customs', 'XA000000000001', { ...granted, status: 'suspended' })).provenance).toBeUndefined();
    await changeOwnAuthorisation(deps(), 'customs', 'XA000000000001', granted);
    expect(await holds('XA000000000001')).toBe(true);

    const versions = await versionsOf(tablesOf<RecognitionTables>(t.store.db), 'customs', 'XA000000000001');
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [1, 'granted'],
      [2, 'suspended'],
      [3, 'granted'],
    ]);
    const ids = await tablesOf<RecognitionTables>(t.store.db)
      .selectFrom('aeo_authorisation_versions')
      .select('id')
      .where('operator_id', '=', 'XA000000000001')
      .orderBy('version')
      .execute();
    const logged = await Promise.all(ids.map((v) => t.logged(v.id)));
    expect(logged).toEqual([['aeo-changed'], ['aeo-changed'], ['aeo-changed']]);
  });

  it('writes nothing when the log cannot take the record', async () => {
    const failing = { ...deps(), recordProvenance: async () => Promise.reject(new Error('the log append failed')) };
    await expect(changeOwnAuthorisation(failing, 'customs', 'XA000000000002', granted)).rejects.toThrow('the log append failed');
    expect(await versionsOf(tablesOf<RecognitionTables>(t.store.db), 'customs', 'XA000000000002')).toEqual([]);
    expect(await holds('XA000000000002')).toBe(false);
  });
});
