import { describe, expect, it } from 'vitest';
import type { GatewayConfig } from '../../src/config/types.js';
import { type AeoStatement, stateAuthorisation } from '../../src/risk/aeo-register.js';
import { mutualRecognitionIn } from '../../src/risk/mutual-recognition.js';
import type { RecognitionTables } from '../../src/risk/recognition-tables.js';
import { tablesOf } from '../../src/store/db.js';
import { newId } from '../../src/store/exchanges.js';
import { writeInBatch } from '../../src/store/write-batches.js';
import { inWriteTransaction } from '../../src/store/write-lock.js';
import { databaseKinds } from '../support/databases.js';
import { apiKeyParticipant } from '../support/participants.js';
import { usePipelineDatabase } from '../pipeline/support.js';

const partner = (id: string, country: string) => ({ ...apiKeyParticipant(id, false), kind: 'partner-customs' as const, country });
const participants = [apiKeyParticipant('customs', false), partner('partner-xb', 'XB'), partner('partner-xc', 'XC')];
const recognising = (arrangements: GatewayConfig['mutualRecognition']['arrangements']) =>
  mutualRecognitionIn({ participants, mutualRecognition: { arrangements } });
const withXb = recognising([{ partner: 'partner-xb', aeo: true, controlResults: true }]);

const granted: AeoStatement = { status: 'granted', type: 'AEOF', validFrom: '2026-01-01' };
const at = new Date('2026-12-06T10:00:00Z');

describe.each(await databaseKinds())('mutual recognition: AEO holders and partner controls (%s)', (kind) => {
  const t = usePipelineDatabase(kind);

  /** What the ingest path does: read in a write batch's transaction. */
  const holders = (recognition: typeof withXb, operators: string[], when = at) =>
    writeInBatch(t.store, (transaction) => recognition.aeoHolders(transaction, operators, when)).then((s) => [...s].sort());
  const controls = (recognition: typeof withXb, references: string[]) =>
    writeInBatch(t.store, (transaction) => recognition.partnerControls(transaction, references)).then((m) => Object.fromEntries(m));
  const state = (authority: string, operator: string, statement: AeoStatement, when = at) =>
    inWriteTransaction(tablesOf<RecognitionTables>(t.store.db), kind, (trx) => stateAuthorisation(trx, authority, operator, statement, authority, when));

  it('counts an authorisation only within its validity, and a revocation at once', async () => {
    await state('customs', 'XA000000000010', { ...granted, validFrom: '2027-01-01' });
    await state('customs', 'XA000000000011', { ...granted, validTo: '2026-12-05' });
    await state('customs', 'XA000000000012', { ...granted, validTo: '2026-12-06' });
    await state('customs', 'XA000000000013', granted);
    await state('customs', 'XA000000000013', { ...granted, status: 'revoked' });
    expect(await holders(withXb, ['XA000000000010', 'XA000000000011', 'XA000000000012', 'XA000000000013'])).toEqual(['XA000000000012']);
    expect(await holders(withXb, ['XA000000000010'], new Date('2027-01-01T00:00:00Z'))).toEqual(['XA000000000010']);
  });

  it("counts a partner's grant only under an arrangement recognising its AEO, in force on the day", async () => {
    await state('partner-xb', 'XB000000000042', granted);
    await state('partner-xc', 'XC000000000042', granted);
    const operators = ['XB000000000042', 'XC000000000042'];
    expect(await holders(withXb, operators)).toEqual(['XB000000000042']);
    expect(await holders(recognising([]), operators)).toEqual([]);
    expect(await holders(recognising([{ partner: 'partner-xb', aeo: false, controlResults: true }]), operators)).toEqual([]);
    expect(await holders(recognising([{ partner: 'partner-xb', aeo: true, controlResults: false, since: '2026-12-07' }]), operators)).toEqual([]);
    expect(await holders(recognising([{ partner: 'partner-xb', aeo: true, controlResults: false, since: '2026-12-06' }]), operators)).toEqual([
      'XB000000000042',
    ]);
    await state('partner-xb', 'XB000000000042', { ...granted, status: 'suspended' });
    expect(await holders(withXb, operators)).toEqual([]);
    expect(await holders(withXb, [])).toEqual([]);
  });

  it("finds a partner's control by any reference of the export it names; the partner's later word wins", async () => {
    const recognitionDb = tablesOf<RecognitionTables>(t.store.db);
    const control = async (partnerId: string, outcome: 'compliant' | 'discrepancy', controlledAt: string, references: string[]) => {
      const id = newId();
      await recognitionDb
        .insertInto('partner_controls')
        .values({ id, partner: partnerId, message_id: id, outcome, findings: '[]', controlled_at: controlledAt, received_at: controlledAt })
        .execute();
      await recognitionDb
        .insertInto('partner_control_references')
        .values(references.map((reference) => ({ reference, control_id: id })))
        .execute();
    };
    await control('partner-xb', 'compliant', '2026-12-01T10:00:00.000Z', ['26XB0000000000001A', 'LRN-1']);
    await control('partner-xb', 'discrepancy', '2026-12-02T10:00:00.000Z', ['26XB0000000000001A']);
    await control('partner-xb', 'compliant', '2026-12-02T11:00:00.000Z', ['26XB0000000000002B']);
    await control('partner-xc', 'discrepancy', '2026-12-02T11:00:00.000Z', ['26XC0000000000003C']);
    expect(await controls(withXb, ['26XB0000000000001A', 'LRN-1', '26XB0000000000002B', '26XC0000000000003C', 'unknown'])).toEqual({
      '26XB0000000000001A': 'discrepancy',
      'LRN-1': 'compliant',
      '26XB0000000000002B': 'compliant',
    });
    expect(await controls(recognising([{ partner: 'partner-xb', aeo: true, controlResults: false }]), ['26XB0000000000001A'])).toEqual({});
    expect(await controls(withXb, [])).toEqual({});
  });

  it('looks a thousand operators up in one statement', async () => {
    const operators = Array.from({ length: 1000 }, (_, i) => `XA9${String(i).padStart(11, '0')}`);
    await state('customs', operators[999]!, granted);
    expect(await holders(withXb, operators)).toEqual([operators[999]]);
  });
});
