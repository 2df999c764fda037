import { describe, expect, it } from 'vitest';
import { getLpco, registerLpco } from '../../src/lpco/registry.js';
import { checkRegistryStep, type RegistryStep, writeRegistryStep } from '../../src/pipeline/registry-step.js';
import { writeInBatch } from '../../src/store/write-batches.js';
import { HOLDER, PLANT_AUTHORITY, duringValidity, sampleLpco } from '../lpco/sample.js';
import { databaseKinds } from '../support/databases.js';
import { rejected } from '../support/rejections.js';
import { usePipelineDatabase } from './support.js';

const deps = { unknownLpco: 'error' as const, now: duringValidity };
const reserve = (number: string, quantity: string): RegistryStep => ({
  step: 'reserve',
  citations: { holderId: HOLDER, actsFor: [HOLDER], sender: 'trader-a', citations: [{ documentCode: 'N851', number, goodsItem: '1', quantity, unit: 'KGM' }] },
});

describe.each(await databaseKinds())("the e-LPCO registry's step of an accepted document (%s)", (kind) => {
  const t = usePipelineDatabase(kind);
  const registered = async () => {
    const lpco = sampleLpco();
    return { lpco, id: await registerLpco(t.lpcoDb, kind, lpco, PLANT_AUTHORITY, { now: duringValidity }) };
  };
  const lpcoOf = (id: string) => getLpco(t.lpcoDb, id, { now: duringValidity });

  it('checks a reservation without writing: passes one the e-LPCO covers, refuses one it does not (422), and lets other steps through unread', async () => {
    const { lpco, id } = await registered();
    await checkRegistryStep(t.store, deps, reserve(lpco.number, '100'));
    const err = await rejected(checkRegistryStep(t.store, deps, reserve(lpco.number, '100.001')));
    expect([err.status, err.findings[0]?.code]).toEqual([422, 'lpco.quantity-insufficient']);
    await checkRegistryStep(t.store, deps, {
      step: 'change-status',
      lpcoId: 'not-even-there',
      change: { status: 'revoked', reason: 'x' },
      issuer: PLANT_AUTHORITY,
    });
    await checkRegistryStep(t.store, deps, undefined);
    expect((await lpcoOf(id))?.lines[0]?.remaining).toBe('100.000');
  });

  it("reserves in the exchange's transaction and gives the exchange its provenance record (lpco-reserved, by the sender)", async () => {
    const { lpco, id } = await registered();
    const outcome = await writeInBatch(t.store, (transaction) =>
      writeRegistryStep(transaction, deps, reserve(lpco.number, '40'), '01JRESERVINGEXCHANGE000000'),
    );
    expect(outcome.findings).toEqual([]);
    expect(outcome.provenance).toMatchObject([{ exchangeId: '01JRESERVINGEXCHANGE000000', event: 'lpco-reserved', agent: { participant: 'trader-a' } }]);
    expect((await lpcoOf(id))?.lines[0]?.remaining).toBe('60.000');
  });

  it('refuses under the lock what the check let through before another drew it, and rolls back the transaction it is in', async () => {
    const { lpco, id } = await registered();
    await checkRegistryStep(t.store, deps, reserve(lpco.number, '80'));
    await writeInBatch(t.store, (transaction) => writeRegistryStep(transaction, deps, reserve(lpco.number, '30'), '01JRACEWINNER0000000000000'));
    const err = await rejected(
      writeInBatch(t.store, async (transaction) => {
        await transaction.db
          .insertInto('exchanges')
          .values({
            id: '01JRACELOSER00000000000000',
            sender: 'trader-a',
            kind: 'declaration',
            format: 'wco-json',
            status: 'routed',
            content_sha256: 'ab',
            message_id: null,
            idempotency_key: null,
            scenario: null,
            facts: '{}',
            findings: '[]',
            received_at: 'x',
            updated_at: 'x',
            end_handled_at: null,
          })
          .execute();
        return writeRegistryStep(transaction, deps, reserve(lpco.number, '80'), '01JRACELOSER00000000000000');
      }),
    );
    expect([err.status, err.findings[0]?.code]).toEqual([422, 'lpco.quantity-insufficient']);
    expect(await t.store.db.selectFrom('exchanges').select('id').where('id', '=', '01JRACELOSER00000000000000').execute()).toEqual([]);
    expect((await lpcoOf(id))?.lines[0]?.remaining).toBe('70.000');
  });

  it("registers an e-LPCO, answering with its id, and changes an e-LPCO's status, each only if its transaction commits", async () => {
    const lpco = sampleLpco();
    const { extra } = await writeInBatch(t.store, (transaction) =>
      writeRegistryStep(transaction, deps, { step: 'register', lpco, issuer: PLANT_AUTHORITY }, '01JREGISTERING000000000000'),
    );
    expect((await lpcoOf(extra.lpcoId ?? ''))?.number).toBe(lpco.number);

    const revoke: RegistryStep = {
      step: 'change-status',
      lpcoId: extra.lpcoId ?? '',
      change: { status: 'revoked', reason: 'pest found' },
      issuer: PLANT_AUTHORITY,
    };
    const failed = writeInBatch(t.store, async (transaction) => {
      await writeRegistryStep(transaction, deps, revoke, '01JREVOKINGFAILS0000000000');
      throw new Error('the exchange could not be stored');
    });
    await expect(failed).rejects.toThrow('the exchange could not be stored');
    expect((await lpcoOf(extra.lpcoId ?? ''))?.status).toBe('issued');
    await writeInBatch(t.store, (transaction) => writeRegistryStep(transaction, deps, revoke, '01JREVOKING000000000000000'));
    expect((await lpcoOf(extra.lpcoId ?? ''))?.status).toBe('revoked');
  });
});
