import { describe, expect, it } from 'vitest';
import { getLpco, registerLpco } from '../../src/lpco/registry.js';
import { type RegistryStep, writeRegistryStep } from '../../src/pipeline/registry-step.js';
import { writeInBatch } from '../../src/store/write-batches.js';
import { HOLDER, PLANT_AUTHORITY, duringValidity, sampleLpco } from '../lpco/sample.js';
import { databaseKinds } from '../support/databases.js';
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

  it('hands back, without writing anything, a reservation the e-LPCO does not cover (422), so the batch it shares stands', async () => {
    const { lpco, id } = await registered();
    const [refusal, neighbour] = await Promise.all([
      writeInBatch(t.store, (transaction) => writeRegistryStep(transaction, deps, reserve(lpco.number, '100.001'), '01JREFUSEDEXCHANGE00000000')),
      writeInBatch(t.store, (transaction) => writeRegistryStep(transaction, deps, reserve(lpco.number, '25'), '01JNEIGHBOUREXCHANGE000000')),
    ]);
    expect([refusal.refused?.status, refusal.refused?.findings[0]?.code, refusal.provenance]).toEqual([422, 'lpco.quantity-insufficient', []]);
    expect(neighbour.refused).toBeUndefined();
    expect((await lpcoOf(id))?.lines[0]?.remaining).toBe('75.000');
    const held = await t.lpcoDb.selectFrom('lpco_reservations').select('declaration_exchange_id').where('lpco_id', '=', id).execute();
    expect(held.map((r) => r.declaration_exchange_id)).toEqual(['01JNEIGHBOUREXCHANGE000000']);
  });

  it('lets a step other than a reservation, or none, through a batch that writes nothing else', async () => {
    expect(await writeInBatch(t.store, (transaction) => writeRegistryStep(transaction, deps, undefined, '01JNOSTEP00000000000000000'))).toEqual({
      findings: [],
      provenance: [],
      extra: {},
    });
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

  it('refuses what another reservation drew first, checked under the lock', async () => {
    const { lpco, id } = await registered();
    await writeInBatch(t.store, (transaction) => writeRegistryStep(transaction, deps, reserve(lpco.number, '30'), '01JRACEWINNER0000000000000'));
    const loser = await writeInBatch(t.store, (transaction) => writeRegistryStep(transaction, deps, reserve(lpco.number, '80'), '01JRACELOSER00000000000000'));
    expect([loser.refused?.status, loser.refused?.findings[0]?.code]).toEqual([422, 'lpco.quantity-insufficient']);
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
